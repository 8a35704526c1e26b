package topic

import "slices"

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
// strong"). An article of two desks keeps both when the model gives the
// second at least SecondDeskCut; a desk its source boosts is never
// dropped (secondDesks).
const SecondDeskCut = 0.80

// secondDesks drops, from the desk topics ok applies, those after the most
// probable one (p, the desk model's probability; ties: config order) whose
// probability is under SecondDeskCut, and records in secondTo which desk
// each was dropped after (-1: not dropped). It compares the desks' own
// topics (rule.deskTopic): a user's own topic on a desk is left as it was.
// A boosted desk topic (the user's evidence for it) is ranked as any other,
// so that a boost changes no other desk, but never dropped itself.
func (t *Tagger) secondDesks(ok []bool, p func(i int) float64, boosted func(i int) bool, secondTo []int) {
	first := -1
	for i := range t.rules {
		secondTo[i] = -1
		if !t.rules[i].deskTopic || !ok[i] {
			continue
		}
		if first < 0 || p(i) > p(first) {
			first = i
		}
	}
	for i := range t.rules {
		if !t.rules[i].deskTopic || !ok[i] || i == first || boosted(i) || p(i) >= SecondDeskCut {
			continue
		}
		ok[i], secondTo[i] = false, first
	}
}

// deskUnion gathers, over the languages an article of unknown language is
// read in, the desk topics that applied in some language (applied) and
// the best probability the desk model gave each where it applied (p): the
// union of the languages' topics obeys the second-desk rule once
// (secondDesksOf), as each language's do.
type deskUnion struct {
	applied []bool
	p       []float64
}

func newDeskUnion(topics int) deskUnion {
	return deskUnion{applied: make([]bool, topics), p: make([]float64, topics)}
}

// add records the desk topics ok applies in one language, with the
// verdict v of that language.
func (u deskUnion) add(t *Tagger, ok []bool, v verdict) {
	for i, r := range t.rules {
		if r.deskTopic && ok[i] {
			u.applied[i], u.p[i] = true, max(u.p[i], v.deskP[i])
		}
	}
}

// secondDesksOf applies secondDesks to the union u with hints h: per rule,
// the desk topic it is dropped after, or -1.
func (t *Tagger) secondDesksOf(u deskUnion, h Hints) []int {
	secondTo := make([]int, len(t.rules))
	p := func(i int) float64 { return u.p[i] }
	boosted := func(i int) bool { return h.Boost[t.rules[i].slug] > 0 }
	t.secondDesks(slices.Clone(u.applied), p, boosted, secondTo)
	return secondTo
}

// desksShared reports whether two of t's topics are decided by the same
// desk model (a user's topic with desk: world beside the built-in world).
func (t *Tagger) desksShared() bool {
	var seen [numModelledDesks]bool
	for _, r := range t.rules {
		if k := r.deskModel; k >= 0 {
			if seen[k] {
				return true
			}
			seen[k] = true
		}
	}
	return false
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
		case !t.rules[j].deskVoice:
		case k < own:
			x[dRival+k] = max(x[dRival+k], logScore(res[j].score))
		case k > own:
			x[dRival+k-1] = max(x[dRival+k-1], logScore(res[j].score))
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
	return sigmoid(z)
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
