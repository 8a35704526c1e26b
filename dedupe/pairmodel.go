package dedupe

//go:generate env DEDUPE_FIT_PAIRS=pairmodel_weights.go go test -count=1 -run ^TestPairModelFit$ .

import (
	"math"

	"github.com/warta-news/warta/internal/logistic"
)

// numPairFeatures counts a candidate pair's features, the bias first.
const numPairFeatures = 13

// pairGate is the rare evidence a candidate pair must share for the
// pairwise model to read it (below minSharedWeight, the weighted share's
// bar: the model weighs the rest).
const pairGate = 10

// shippedPairModel is the pairwise model NewIndex decides by: fitted
// weights and cut (pairmodel_weights.go).
func shippedPairModel() *pairModel {
	w, cut := fittedPairModel()
	return &pairModel{w: w, cut: cut}
}

// pairFeatures describes a candidate pair of event signatures for the
// pairwise model: how much rare evidence they share and in what
// proportion, what the incoming headline has that the other lacks, which
// roles they share, and how far apart they were published.
type pairFeatures [numPairFeatures]float64

// pairModel decides an event candidate by the probability that the pair
// reports one event, against cut, instead of the weighted share against
// the threshold. observe, when set, is shown every candidate compared
// (the stored entry's slot and the pair's features), for fitting.
type pairModel struct {
	w       pairFeatures
	cut     float64
	observe func(slot uint32, f *pairFeatures)
}

func (m *pairModel) prob(f *pairFeatures) float64 {
	z := 0.0
	for i, x := range f {
		z += m.w[i] * x
	}
	return logistic.Sigmoid(z)
}

// evFeatures computes the features of sig (its weights w, summing to
// total) against the signature stored in e, published gap minutes apart.
func (ix *Index) evFeatures(sig *eventSig, mask uint64, w []float64, total float64, e *eventFields, gap uint32) pairFeatures {
	st := e.stored()
	m := matchTerms(sig, mask, st.h[:st.n])
	shared, nShared, rareShared, rareLone := 0.0, 0, 0, 0
	var met [roles]bool
	for i, t := range sig.terms {
		if m.in[i] >= 0 {
			shared += w[i]
			nShared++
			met[t.role] = true
			if w[i] >= minSharedWeight {
				rareShared++
			}
		} else if w[i] >= minSharedWeight {
			rareLone++
		}
	}
	storedTotal := e.total()
	// Each side's own rare evidence: what it says that the other lacks.
	inOwn, stOwn := 0.0, 0.0
	for i := range sig.terms {
		if m.in[i] < 0 && w[i] >= minSharedWeight {
			inOwn += w[i]
		}
	}
	minute := get24(e.evMinute)
	docs := ix.docsAround(minute)
	for j, h := range st.h[:st.n] {
		if !m.storedMet[j] {
			if x := ix.weight(h, minute, docs); x >= minSharedWeight {
				stOwn += x
			}
		}
	}
	b := func(x bool) float64 {
		if x {
			return 1
		}
		return 0
	}
	return pairFeatures{
		1,
		2 * shared / max(total+storedTotal, 1e-9),
		math.Log1p(shared),
		shared / max(total, storedTotal, 1e-9),
		float64(rareShared),
		float64(nShared) / float64(max(1, min(len(sig.terms), st.n))),
		float64(rareLone),
		b(met[roleSubject]),
		b(met[roleNumber]),
		math.Log1p(float64(gap) / 60),
		b(met[roleName] || met[rolePlace] || met[roleSpeaker]),
		b(met[roleAction]),
		math.Log1p(min(inOwn, stOwn)),
	}
}
