package topic

import (
	"math"
	"slices"
)

// The desk model decides the topics of the main news desks (the desks the
// labelled data names: see fittedDeskWeights) where a threshold and a
// dominance bar decided before: each desk is a logistic regression over
// few designed features of the rule scores — its own terms in the title and
// in the body, each competing desk's score, and the rest — so that
// competition between desks is weighed as fitted, not by one constant. A
// topic whose Spec.Desk has fitted weights is decided by it; require,
// exclude and expr still apply, and a source's boost applies on top (see
// Tagger.decide). No feature reads a boost.

// The features of the desk model, in the order of its weights.
const (
	dBias           = iota
	dOwnTitle                                       // log(1+score) of the topic's own terms in the title
	dOwnBody                                        // log(1+score) of the topic's own terms in the body
	dRival                                          // log(1+score) of each other modelled desk, in the order of deskModelDesks, the topic's own left out
	dRest           = dRival + numModelledDesks - 1 // log(1+sum) of the scores of every other topic
	numDeskFeatures = dRest + 1
)

// numModelledDesks is the number of desks the desk model decides.
const numModelledDesks = 4

// deskModelDesks are the desks the desk model decides (Spec.Desk names),
// in the order of its rival features.
func deskModelDesks() [numModelledDesks]string {
	return [numModelledDesks]string{"world", "economy", "sport", "science-technology"}
}

// deskModelIndex is the index of desk among deskModelDesks, or -1.
func deskModelIndex(desk string) int {
	ds := deskModelDesks()
	return slices.Index(ds[:], desk)
}

// DeskCut is the probability at which the desk model files an article
// under a desk.
const DeskCut = 0.5

// SecondDeskCut is the desk model's probability a desk topic needs to
// apply beside a more probable one: the labelled news carry one desk
// each, and a second desk the model is less sure of was wrong more often
// than right (BENCHMARKS.md, "A second desk topic only when it is
// strong"). An article truly of two desks keeps both when both are plain.
const SecondDeskCut = 0.80

// secondDesks drops, from the desk topics ok applies, those after the most
// probable one (ties: config order) whose desk model's probability is
// under SecondDeskCut, and records in s.secondTo which desk each was
// dropped after. A desk topic its source boosts (res, the user's evidence
// for it) is neither ranked nor dropped.
func (t *Tagger) secondDesks(s *scratch, res []result, v verdict, ok []bool) {
	first := -1
	for i := range t.rules {
		s.secondTo[i] = -1
		k := t.rules[i].deskModel
		if k < 0 || !ok[i] || res[i].boost > 0 {
			continue
		}
		if first < 0 || v.deskP[k] > v.deskP[t.rules[first].deskModel] {
			first = i
		}
	}
	for i := range t.rules {
		k := t.rules[i].deskModel
		if k < 0 || !ok[i] || res[i].boost > 0 || i == first || v.deskP[k] >= SecondDeskCut {
			continue
		}
		ok[i], s.secondTo[i] = false, first
	}
}

// deskFeatures computes the desk model's features of rule i from the last
// evaluate (rule results res; their scores, without boosts).
func (t *Tagger) deskFeatures(s *scratch, i int, res []result) [numDeskFeatures]float64 {
	var x [numDeskFeatures]float64
	x[dBias] = 1
	var title, body float64
	for _, id := range s.touched {
		tm := &t.terms[id]
		if tm.kind != kindScore || tm.topic != i {
			continue
		}
		c := s.count[id]
		title += termScore(tm.weight, [2]int32{c[0], 0})
		body += termScore(tm.weight, [2]int32{0, c[1]})
	}
	x[dOwnTitle] = logScore(title)
	x[dOwnBody] = logScore(body)
	own := t.rules[i].deskModel
	rest := 0.0
	for j := range t.rules {
		if j == i {
			continue
		}
		k := t.rules[j].deskModel
		switch {
		case k < 0:
			rest += max(res[j].score, 0)
		case k < own:
			x[dRival+k] = logScore(res[j].score)
		case k > own:
			x[dRival+k-1] = logScore(res[j].score)
		}
	}
	x[dRest] = logScore(rest)
	return x
}

// deskProbability is the desk model's probability with weights w.
func deskProbability(w, x *[numDeskFeatures]float64) float64 {
	z := 0.0
	for i := range x {
		z += w[i] * x[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// deskFeatureName names feature i of the desk model of desk.
func deskFeatureName(desk string, i int) string {
	switch {
	case i == dBias:
		return "bias"
	case i == dOwnTitle:
		return "own_title"
	case i == dOwnBody:
		return "own_body"
	case i == dRest:
		return "rest"
	}
	var rivals []string
	for _, d := range deskModelDesks() {
		if d != desk {
			rivals = append(rivals, d)
		}
	}
	return rivals[i-dRival]
}
