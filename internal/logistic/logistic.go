// Package logistic fits logistic regressions: the one fit the models of
// topic and dedupe share.
package logistic

import "math"

// Sigmoid is the probability of log-odds z.
func Sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// Fit fits logistic regression of ys on the rows xs of n features
// (the first the bias), with weights ws (0 counts as 1) and an L2 penalty
// ridge on every weight but the bias, by Newton's method: a score of
// features needs a dozen steps of a small linear solve.
func Fit(xs [][]float64, ys []bool, ws []float64, n int, ridge float64) []float64 {
	w := make([]float64, n)
	for range 50 {
		g := make([]float64, n)
		hess := make([][]float64, n)
		for i := range hess {
			hess[i] = make([]float64, n)
		}
		for r, x := range xs {
			z := 0.0
			for i := range n {
				z += w[i] * x[i]
			}
			p := Sigmoid(z)
			y := 0.0
			if ys[r] {
				y = 1
			}
			sw := ws[r]
			if sw == 0 {
				sw = 1
			}
			d := sw * (p*(1-p) + 1e-9)
			for i := range n {
				if x[i] == 0 {
					continue
				}
				g[i] += sw * (p - y) * x[i]
				for j := range n {
					hess[i][j] += d * x[i] * x[j]
				}
			}
		}
		for i := 1; i < n; i++ {
			g[i] += ridge * w[i]
			hess[i][i] += ridge
		}
		hess[0][0] += 1e-6
		step := solve(hess, g)
		change := 0.0
		for i := range n {
			w[i] -= step[i]
			change = max(change, math.Abs(step[i]))
		}
		if change < 1e-8 {
			break
		}
	}
	return w
}

// solve solves a·x = b by Gaussian elimination with partial pivoting, in
// place; a is positive definite here (the penalty sees to it).
func solve(a [][]float64, b []float64) []float64 {
	n := len(b)
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		for r := c + 1; r < n; r++ {
			f := a[r][c] / a[c][c]
			for k := c; k < n; k++ {
				a[r][k] -= f * a[c][k]
			}
			b[r] -= f * b[c]
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		v := b[r]
		for k := r + 1; k < n; k++ {
			v -= a[r][k] * x[k]
		}
		x[r] = v / a[r][r]
	}
	return x
}
