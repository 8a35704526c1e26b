package topic

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
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
		p := irProbability(&x, irLogOdds(&want, &x))
		samples = append(samples, IRSample{X: x, Y: rng.Float64() < p})
	}
	got := fitLogistic(samples, 0.01)
	for _, i := range []int{fBias, fStates, fDiplomats} {
		if math.Abs(got[i]-want[i]) > 0.15 {
			t.Errorf("weight %s = %.3f, want %.3f", irFeatureName(i), got[i], want[i])
		}
	}
}

// The cut is chosen for precision first: of two kinds of candidates, one
// right 55% of the time and one 95%, F1 would take both (cut 0.5: precision
// 0.75, recall 1), the F-measure with β = IRCutBeta takes only the sure
// kind (precision 0.95, recall 0.63).
func TestFitIRChoosesTheCutForPrecision(t *testing.T) {
	var samples []IRSample
	for i := range 2000 {
		var x [NumIRFeatures]float64
		x[fBias], x[fRelationTitle] = 1, 1
		y := i%20 < 19
		if i%2 == 0 {
			x[fStates] = 1
			y = i%20 < 11
		} else {
			x[fStates] = 3
		}
		samples = append(samples, IRSample{X: x, Y: y, Lang: "en", View: "full", Group: fmt.Sprint(i)})
	}
	fit, err := FitIR(samples, 5)
	if err != nil {
		t.Fatal(err)
	}
	if fit.Cut <= 0.55 || fit.Cut >= 0.95 {
		t.Errorf("cut %g, want one between the two kinds' probabilities (0.55 and 0.95)", fit.Cut)
	}
	if p, r := fBeta(0.75, 1, IRCutBeta), fBeta(0.95, 0.633, IRCutBeta); p >= r {
		t.Errorf("F(β=%g): %.3f for (0.75, 1) ≥ %.3f for (0.95, 0.63)", IRCutBeta, p, r)
	}
}
