package topic

import (
	"maps"
	"math"
	"slices"
)

// The L-BFGS logistic word model's constants (BENCHMARKS.md, branch
// wordlr2).
const (
	// WordLBFGSRidge is the L2 penalty of the L-BFGS logistic word
	// model, chosen by a two-fold split of the training streams, by the
	// held-out half's log-loss of the word model alone (topiceval's
	// TestWordRidgeInnerSplit).
	WordLBFGSRidge = 3.0
	// wordLBFGSMemory is how many past steps L-BFGS keeps.
	wordLBFGSMemory = 10
	// wordLBFGSTolerance is the largest gradient component at which the
	// fit stops: converged, so that the start does not show in the
	// weights.
	wordLBFGSTolerance = 1e-6
	// wordLBFGSIterations bounds the iterations of a fit.
	wordLBFGSIterations = 500
)

// fitWordLBFGS is L2-regularised logistic regression over the features of
// vocab (present: 1; Scaled: their Scale): it minimises the mean log-loss over ss plus
// ridge/(2n)·|w|² (the bias unpenalised) by L-BFGS with Armijo
// backtracking, from start's weights (nil: zero).
func fitWordLBFGS(ss []WordSample, vocab map[uint64]bool, ridge float64, start *WordWeights) WordWeights {
	if len(ss) == 0 {
		return WordWeights{}
	}
	feats := slices.Sorted(maps.Keys(vocab))
	idx := make(map[uint64]int32, len(feats))
	for k, f := range feats {
		idx[f] = int32(k)
	}
	rows := wordRowsOf(ss, idx)
	y := make([]float64, len(ss))
	for i, s := range ss {
		y[i] = float64(boolInt(s.Y))
	}
	d := len(feats) // the bias is θ[d]
	n := float64(len(ss))
	loss := func(theta, grad []float64) float64 {
		clear(grad)
		total := 0.0
		for i := range ss {
			z := rows.dot(i, theta, theta[d])
			// log(1+e^z) − y·z, computed without overflow.
			if z > 0 {
				total += z + math.Log1p(math.Exp(-z)) - y[i]*z
			} else {
				total += math.Log1p(math.Exp(z)) - y[i]*z
			}
			e := sigmoid(z) - y[i]
			grad[d] += e
			rows.addTo(i, e, grad)
		}
		for k := range d {
			total += ridge / 2 * theta[k] * theta[k]
			grad[k] += ridge * theta[k]
		}
		for k := range grad {
			grad[k] /= n
		}
		return total / n
	}
	theta := make([]float64, d+1)
	if start != nil && start.W != nil {
		for k, f := range feats {
			theta[k] = start.W[f]
		}
		theta[d] = start.Bias
	}
	minimiseLBFGS(loss, theta)
	out := WordWeights{Bias: theta[d], W: make(map[uint64]float64, d)}
	for k, f := range feats {
		out.W[f] = theta[k]
	}
	return out
}

// minimiseLBFGS minimises the smooth convex function f (its value, and its
// gradient written to grad) from theta, in place, by L-BFGS of
// wordLBFGSMemory steps with Armijo backtracking, until the largest
// gradient component is at most wordLBFGSTolerance or after
// wordLBFGSIterations iterations.
func minimiseLBFGS(f func(theta, grad []float64) float64, theta []float64) {
	d := len(theta)
	g := make([]float64, d)
	fx := f(theta, g)
	// The last steps and their gradients' changes, oldest first.
	ss, ys := make([][]float64, 0, wordLBFGSMemory), make([][]float64, 0, wordLBFGSMemory)
	rhos := make([]float64, 0, wordLBFGSMemory)
	dir := make([]float64, d)
	next := make([]float64, d)
	gNext := make([]float64, d)
	// sNew, yNew are this step and its gradient's change until the
	// history keeps them; the pair it forgets takes their place, so that
	// a fit of many iterations allocates no vectors per iteration.
	sNew, yNew := make([]float64, d), make([]float64, d)
	alpha := make([]float64, wordLBFGSMemory)
	for iter := 0; iter < wordLBFGSIterations && maxAbs(g) > wordLBFGSTolerance; iter++ {
		// The two-loop recursion: dir = −H·g.
		for k := range dir {
			dir[k] = -g[k]
		}
		for j := len(ss) - 1; j >= 0; j-- {
			alpha[j] = rhos[j] * dot(ss[j], dir)
			axpy(-alpha[j], ys[j], dir)
		}
		if m := len(ss); m > 0 {
			scale(dot(ss[m-1], ys[m-1])/dot(ys[m-1], ys[m-1]), dir)
		} else {
			scale(1/math.Max(1, math.Sqrt(dot(g, g))), dir)
		}
		for j := range ss {
			beta := rhos[j] * dot(ys[j], dir)
			axpy(alpha[j]-beta, ss[j], dir)
		}
		slope := dot(g, dir)
		if slope >= 0 { // not a descent direction: restart along −g
			ss, ys, rhos = ss[:0], ys[:0], rhos[:0]
			for k := range dir {
				dir[k] = -g[k]
			}
			slope = dot(g, dir)
		}
		step, fNext := 1.0, 0.0
		for range 40 {
			for k := range next {
				next[k] = theta[k] + step*dir[k]
			}
			if fNext = f(next, gNext); fNext <= fx+1e-4*step*slope {
				break
			}
			step /= 2
		}
		// No step lowers the loss: at the optimum to float precision, or
		// the loss is no number there (an overflow), which is not taken.
		if !(fNext <= fx) {
			return
		}
		for k := range sNew {
			sNew[k] = next[k] - theta[k]
			yNew[k] = gNext[k] - g[k]
		}
		if sy := dot(sNew, yNew); sy > 0 {
			if m := len(ss); m == wordLBFGSMemory {
				oldS, oldY := ss[0], ys[0]
				copy(ss, ss[1:])
				copy(ys, ys[1:])
				copy(rhos, rhos[1:])
				ss[m-1], ys[m-1], rhos[m-1] = sNew, yNew, 1/sy
				sNew, yNew = oldS, oldY
			} else {
				ss, ys, rhos = append(ss, sNew), append(ys, yNew), append(rhos, 1/sy)
				sNew, yNew = make([]float64, d), make([]float64, d)
			}
		}
		copy(theta, next)
		copy(g, gNext)
		fx = fNext
	}
}

func dot(a, b []float64) float64 {
	s := 0.0
	for k := range a {
		s += a[k] * b[k]
	}
	return s
}

// axpy adds a·x to y.
func axpy(a float64, x, y []float64) {
	for k := range x {
		y[k] += a * x[k]
	}
}

func scale(a float64, x []float64) {
	for k := range x {
		x[k] *= a
	}
}

func maxAbs(x []float64) float64 {
	m := 0.0
	for _, v := range x {
		m = math.Max(m, math.Abs(v))
	}
	return m
}
