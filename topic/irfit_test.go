package topic

import (
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
