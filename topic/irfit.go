package topic

import (
	"fmt"
	"hash/fnv"
	"math"
	"slices"

	"github.com/warta-news/warta/article"
)

// IRFeatures returns the actors model's features for a, read in its
// language (English when it has none), for fitting the weights.
func (t *Tagger) IRFeatures(a *article.Article) [NumIRFeatures]float64 {
	s := t.read(a, nil)
	defer t.release(s)
	res := make([]result, len(t.rules))
	l := fitLanguage(a)
	t.evaluate(s, a, l, Hints{}, res)
	x := t.irFeatures(s, a, l, res)
	return x
}

// IRSample is one labelled article for fitting: its features, its label,
// its language and the group it must share a fold with (a translation pair
// is one group, so that no fold is tested on the twin of a training item).
type IRSample struct {
	ID   string
	X    [NumIRFeatures]float64
	Y    bool
	Lang string
	// View names how much of the article the features saw ("full",
	// "title" …; see topiceval.View): the fit reports each view's figures.
	View  string
	Group string
	// Weight is the sample's weight in the fit (0 counts as 1).
	Weight float64
}

// IRFit is the result of FitIR: the weights fitted on all samples and the
// scores of k-fold cross-validation, by language.
type IRFit struct {
	Weights [NumIRFeatures]float64
	Cut     float64 // the probability at which the model says yes
	Folds   int
	Samples int
	// CV holds precision, recall and F1 of the out-of-fold predictions,
	// for "all", "en" and "id", in each view of the samples.
	CV []IRScore
}

// IRScore is precision, recall and F1 of the actors model in one language
// ("all" for both).
type IRScore struct {
	View                  string
	Lang                  string
	Positives             int
	Precision, Recall, F1 float64
}

// Tally counts true positives, false positives and false negatives of a
// yes/no decision.
type Tally struct{ TP, FP, FN int }

// Add counts one decision yhat on an item whose truth is y.
func (c *Tally) Add(y, yhat bool) {
	switch {
	case y && yhat:
		c.TP++
	case yhat:
		c.FP++
	case y:
		c.FN++
	}
}

// Scores returns precision, recall and F1; 0 where undefined.
func (c Tally) Scores() (precision, recall, f1 float64) {
	if c.TP == 0 {
		return 0, 0, 0
	}
	precision = float64(c.TP) / float64(c.TP+c.FP)
	recall = float64(c.TP) / float64(c.TP+c.FN)
	return precision, recall, 2 * precision * recall / (precision + recall)
}

func (c Tally) score(view, lang string) IRScore {
	p, r, f1 := c.Scores()
	return IRScore{View: view, Lang: lang, Positives: c.TP + c.FN, Precision: p, Recall: r, F1: f1}
}

// irCuts are the cuts FitIR chooses from: precision first, so none below
// 0.5 (the model never says yes to what it finds more likely no).
func irCuts() []float64 { return []float64{0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8} }

// IRCutBeta is the β of the F-measure by which FitIR chooses the cut: below
// 1, precision weighs more than recall. A reader forgives a story the feed
// missed sooner than one that has no place in it.
const IRCutBeta = 0.5

// fBeta is the F-measure of precision p and recall r that weighs recall β
// times as much as precision.
func fBeta(p, r, beta float64) float64 {
	if p == 0 || r == 0 {
		return 0
	}
	b2 := beta * beta
	return (1 + b2) * p * r / (b2*p + r)
}

// IRStreamShare is the weight of our own labelled real feed streams in the
// actors model's fit, as a share of the labelled articles' weight (see
// topiceval.WeighStreams): the articles are mostly summaries and full
// texts, the streams mostly bare headlines, as feeds carry them. 0 fits
// on the articles alone.
const IRStreamShare = 0.0

// IRRidge is the L2 penalty of the fit: with a few hundred samples and a
// score of features it keeps weights of correlated features moderate.
const IRRidge = 1.0

// FitIR fits the actors model's weights by logistic regression and
// cross-validates it over k folds (k ≥ 2), the folds drawn from a hash of
// each sample's group so that the figures are reproducible.
func FitIR(samples []IRSample, k int) (*IRFit, error) {
	if k < 2 || len(samples) < 2*k {
		return nil, fmt.Errorf("topic: fit: %d samples are too few for %d folds", len(samples), k)
	}
	fold := make([]int, len(samples))
	for i, s := range samples {
		fold[i] = IRFold(s.Group, k)
	}
	// Out-of-fold probabilities: each sample scored by the weights fitted
	// on the other folds.
	oof := make([]float64, len(samples))
	for f := range k {
		var train []IRSample
		for i, s := range samples {
			if fold[i] != f {
				train = append(train, s)
			}
		}
		w := fitLogistic(train, IRRidge)
		for i, s := range samples {
			if fold[i] == f {
				oof[i] = irProbability(&s.X, irLogOdds(&w, &s.X))
			}
		}
	}
	// The cut is the one fitted parameter beside the weights: the one of
	// irCuts with the best out-of-fold F-measure (β = IRCutBeta) over all
	// views.
	var views []string
	for _, s := range samples {
		if !slices.Contains(views, s.View) {
			views = append(views, s.View)
		}
	}
	type key struct{ view, lang string }
	scores := func(cut float64) map[key]*Tally {
		byKey := map[key]*Tally{{"", "all"}: {}}
		for _, v := range views {
			for _, l := range []string{"all", "en", "id"} {
				byKey[key{v, l}] = &Tally{}
			}
		}
		for i, s := range samples {
			yhat := oof[i] >= cut
			byKey[key{"", "all"}].Add(s.Y, yhat)
			byKey[key{s.View, "all"}].Add(s.Y, yhat)
			if c := byKey[key{s.View, s.Lang}]; c != nil {
				c.Add(s.Y, yhat)
			}
		}
		return byKey
	}
	best, bestF := 0.0, -1.0
	for _, cut := range irCuts() {
		sc := scores(cut)[key{"", "all"}].score("", "all")
		if f := fBeta(sc.Precision, sc.Recall, IRCutBeta); f > bestF {
			best, bestF = cut, f
		}
	}
	byKey := scores(best)
	fit := &IRFit{Weights: fitLogistic(samples, IRRidge), Cut: best, Folds: k, Samples: len(samples)}
	for _, v := range views {
		for _, lang := range []string{"all", "en", "id"} {
			fit.CV = append(fit.CV, byKey[key{v, lang}].score(v, lang))
		}
	}
	return fit, nil
}

// IRFold is the fold, among k, of a sample of group: FitIR and the
// cross-validation of the whole tagger draw the same folds.
func IRFold(group string, k int) int {
	h := fnv.New32a()
	h.Write([]byte(group))
	return int(h.Sum32() % uint32(k))
}

// fitLogistic fits the actors model's logistic regression on samples,
// among candidates only: the model decides among them.
func fitLogistic(samples []IRSample, ridge float64) [NumIRFeatures]float64 {
	var xs [][]float64
	var ys []bool
	var ws []float64
	for i := range samples {
		s := &samples[i]
		if !irCandidate(&s.X) {
			continue
		}
		xs, ys, ws = append(xs, s.X[:]), append(ys, s.Y), append(ws, s.Weight)
	}
	var w [NumIRFeatures]float64
	copy(w[:], fitLogit(xs, ys, ws, NumIRFeatures, ridge))
	return w
}

// fitLogit fits logistic regression of ys on the rows xs of n features
// (the first the bias), with weights ws (0 counts as 1) and an L2 penalty
// ridge on every weight but the bias, by Newton's method: a score of
// features needs a dozen steps of a small linear solve.
func fitLogit(xs [][]float64, ys []bool, ws []float64, n int, ridge float64) []float64 {
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
			p := sigmoid(z)
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

// appendGo appends the actors model's fitted weights as Go source (the
// head of irmodel_weights.go), with the cross-validated figures in its
// comment.
func (f *IRFit) appendGo(b []byte, command string) []byte {
	b = fmt.Appendf(b, "// Code generated by %q; DO NOT EDIT.\n\npackage topic\n\n", command)
	b = fmt.Appendf(b, "// fittedIRWeights are the actors model's weights, in the order of the\n// features (see irFeatureName), fitted on %d samples (labelled articles\n// in several views).\n//\n", f.Samples)
	b = fmt.Appendf(b, "// %d-fold cross-validation, out-of-fold probabilities cut at %g:\n", f.Folds, f.Cut)
	for _, s := range f.CV {
		b = fmt.Appendf(b, "//\t%-8s %-3s positives %3d  precision %.3f  recall %.3f  F1 %.3f\n", s.View, s.Lang, s.Positives, s.Precision, s.Recall, s.F1)
	}
	b = fmt.Appendf(b, "func fittedIRWeights() [NumIRFeatures]float64 {\n\treturn [NumIRFeatures]float64{\n")
	for i, v := range f.Weights {
		b = fmt.Appendf(b, "\t\t%.4f, // %s\n", v, irFeatureName(i))
	}
	return fmt.Appendf(b, "\t}\n}\n\n// fittedIRCut is the probability at which the actors model files an\n// article under international relations, chosen by cross-validated F-measure (β = IRCutBeta).\nconst fittedIRCut = %g\n", f.Cut)
}
