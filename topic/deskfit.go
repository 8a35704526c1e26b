package topic

import (
	"fmt"
	"io"

	"github.com/warta-news/warta/article"
)

// DeskSample is one labelled article seen by the desk model of one desk,
// for fitting it.
type DeskSample struct {
	ID    string
	Desk  string // the modelled desk (Spec.Desk)
	X     [numDeskFeatures]float64
	Y     bool // the article is labelled with the desk's topic
	Lang  string
	Group string // as IRSample.Group
}

// DeskSamples returns a's samples for the desk model, one per modelled
// desk, read in its language (English when it has none); label is the
// slug of the topic a is labelled with.
func (t *Tagger) DeskSamples(a *article.Article, label, group string) []DeskSample {
	s := t.read(a, nil)
	defer t.release(s)
	res := make([]result, len(t.rules))
	l := fitLanguage(a)
	t.evaluate(s, a, l, Hints{}, res)
	var out []DeskSample
	for i, r := range t.rules {
		if r.deskModel < 0 {
			continue
		}
		out = append(out, DeskSample{ID: a.ID, Desk: deskModelDesks()[r.deskModel], X: t.deskFeatures(s, i, res), Y: label == r.slug, Lang: langName(l), Group: group})
	}
	return out
}

// DeskFit is the result of FitDesks: the weights of each modelled desk,
// fitted on all samples, and the scores of k-fold cross-validation.
type DeskFit struct {
	Weights map[string][]float64
	Folds   int
	Samples int
	// CV holds precision, recall and F1 of the out-of-fold decisions of
	// each desk (IRScore.View names the desk), for "en" and "id".
	CV []IRScore
}

// DeskRidge is the L2 penalty of the desk model's fit.
const DeskRidge = 1.0

// FitDesks fits each modelled desk's weights by logistic regression and
// cross-validates them over k folds drawn as FitIR draws them.
func FitDesks(samples []DeskSample, k int) (*DeskFit, error) {
	if k < 2 || len(samples) < 2*k {
		return nil, fmt.Errorf("topic: fit desks: %d samples are too few for %d folds", len(samples), k)
	}
	fit := &DeskFit{Weights: map[string][]float64{}, Folds: k, Samples: len(samples)}
	for _, desk := range deskModelDesks() {
		var own []DeskSample
		for _, s := range samples {
			if s.Desk == desk {
				own = append(own, s)
			}
		}
		if len(own) == 0 {
			continue
		}
		byLang := map[string]*Tally{"en": {}, "id": {}}
		for f := range k {
			w := fitDesk(own, func(s *DeskSample) bool { return IRFold(s.Group, k) != f })
			for i := range own {
				s := &own[i]
				if IRFold(s.Group, k) != f {
					continue
				}
				var wa [numDeskFeatures]float64
				copy(wa[:], w)
				if c := byLang[s.Lang]; c != nil {
					c.Add(s.Y, deskProbability(&wa, &s.X) >= DeskCut)
				}
			}
		}
		fit.Weights[desk] = fitDesk(own, func(*DeskSample) bool { return true })
		for _, lang := range []string{"en", "id"} {
			fit.CV = append(fit.CV, byLang[lang].score(desk, lang))
		}
	}
	return fit, nil
}

// fitDesk fits one desk's weights on the samples keep keeps.
func fitDesk(samples []DeskSample, keep func(*DeskSample) bool) []float64 {
	var xs [][]float64
	var ys []bool
	var ws []float64
	for i := range samples {
		if s := &samples[i]; keep(s) {
			xs, ys, ws = append(xs, s.X[:]), append(ys, s.Y), append(ws, 1)
		}
	}
	return fitLogit(xs, ys, ws, numDeskFeatures, DeskRidge)
}

// WriteFitted writes the fitted weights of the actors model (ir) and the
// desk model (desks) as the Go source of irmodel_weights.go, with the
// cross-validated figures in its comments.
func WriteFitted(w io.Writer, command string, ir *IRFit, desks *DeskFit) error {
	b := ir.appendGo(nil, command)
	b = fmt.Appendf(b, "\n// fittedDeskWeights are the desk model's weights, in the order of %v\n// and of the features (see deskFeatureName), fitted on %d samples.\n//\n", deskModelDesks(), desks.Samples)
	b = fmt.Appendf(b, "// %d-fold cross-validation, out-of-fold probabilities cut at %g:\n//\n", desks.Folds, DeskCut)
	for _, s := range desks.CV {
		b = fmt.Appendf(b, "//\t%-18s %-3s positives %4d  precision %.3f  recall %.3f  F1 %.3f\n", s.View, s.Lang, s.Positives, s.Precision, s.Recall, s.F1)
	}
	b = fmt.Appendf(b, "func fittedDeskWeights() [numModelledDesks][numDeskFeatures]float64 {\n\treturn [numModelledDesks][numDeskFeatures]float64{\n")
	for _, d := range deskModelDesks() {
		b = fmt.Appendf(b, "\t\t{ // %s\n", d)
		for i, v := range desks.Weights[d] {
			b = fmt.Appendf(b, "\t\t\t%.4f, // %s\n", v, deskFeatureName(d, i))
		}
		b = fmt.Appendf(b, "\t\t},\n")
	}
	b = fmt.Appendf(b, "\t}\n}\n")
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("topic: %w", err)
	}
	return nil
}
