package topic

import (
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/warta-news/warta/internal/shared"
)

// The fit recovers the weights of data drawn from a known logistic model.
func TestFitLogisticRecoversWeights(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var want [NumIRFeatures]float64
	want[fBias], want[fStates], want[fDiplomats] = -1, 1.5, -2
	var samples []IRSample
	for range 20000 {
		var x [NumIRFeatures]float64
		x[fBias] = 1
		x[fStates] = float64(rng.IntN(4))
		x[fDiplomats] = float64(rng.IntN(3))
		x[fRelationTitle] = 1 // a candidate (see irCandidate)
		p := irProbability(&want, &x)
		samples = append(samples, IRSample{X: x, Y: rng.Float64() < p})
	}
	got := fitLogistic(samples, 0.01)
	for _, i := range []int{fBias, fStates, fDiplomats} {
		if math.Abs(got[i]-want[i]) > 0.15 {
			t.Errorf("weight %s = %.3f, want %.3f", irFeatureName(i), got[i], want[i])
		}
	}
}

// The actors model on the dev data: the figures of 5-fold cross-validation
// stay above their floors, and the shipped weights are those the fit gives
// (run `go generate ./topic` after changing a feature or the data).
func TestActorsModelCrossValidated(t *testing.T) {
	tg := defaultTagger(t)
	articles, labels := devData(t)
	samples, err := tg.ReadIRSamples(articles, labels)
	if err != nil {
		t.Fatal(err)
	}
	fit, err := FitIR(samples, 5)
	if err != nil {
		t.Fatal(err)
	}
	// Floors a margin below the cross-validated figures: all 0.788, en
	// 0.745, id 0.838.
	floors := map[string]float64{"all": 0.76, "en": 0.72, "id": 0.80}
	for _, s := range fit.CV {
		t.Logf("cv %s: P %.3f R %.3f F1 %.3f", s.Lang, s.Precision, s.Recall, s.F1)
		if s.F1 < floors[s.Lang] {
			t.Errorf("cross-validated IR F1 (%s) = %.3f, below %.2f", s.Lang, s.F1, floors[s.Lang])
		}
	}
	shipped := fittedIRWeights()
	for i := range shipped {
		if math.Abs(shipped[i]-fit.Weights[i]) > 1e-3 {
			t.Errorf("shipped weight %s = %.4f, the fit gives %.4f: run go generate ./topic", irFeatureName(i), shipped[i], fit.Weights[i])
		}
	}
	if fit.Cut != fittedIRCut {
		t.Errorf("shipped cut %g, the fit gives %g", fittedIRCut, fit.Cut)
	}
}

// devData opens the labelled dev articles and their IR labels, closed when
// the test ends.
func devData(t *testing.T) (articles, labels *os.File) {
	t.Helper()
	open := func(name string) *os.File {
		f, err := os.Open(shared.Path(t, "data", name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	return open("topics-dev.jsonl"), open("ir-dev.jsonl")
}
