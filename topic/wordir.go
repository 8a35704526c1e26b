package topic

import (
	"math"

	"github.com/warta-news/warta/article"
)

// WordModel is a word model of international relations per language: the
// log-odds that an article is of the topic, a bias plus a weight per
// hashed stem (featureHash, the stream model's features: the first
// StreamWords stems of the title and the lead) present in it. It is
// trained on our own labelled real feed streams (cmd/warta/testdata), never
// on the research data, whose licence forbids per-word weights.
type WordModel struct {
	Lang [numLangs]WordWeights
}

// WordWeights are one language's weights of a WordModel.
type WordWeights struct {
	Bias float64
	W    map[uint64]float64
}

// WordClip bounds a word model's log-odds: a few hundred labelled items do
// not warrant more certainty than e^10 to 1.
const WordClip = 10.0

// logOdds is the word model's clipped log-odds for distinct features fs in
// language l.
func (m *WordModel) logOdds(l int, fs []uint64) float64 {
	w := &m.Lang[l]
	z := w.Bias
	for _, f := range fs {
		z += w.W[f]
	}
	return max(-WordClip, min(WordClip, z))
}

// WordStack weighs the actors model's log-odds and the word model's
// log-odds into one decision of international relations, per language:
// logit p = Actor × actors' log-odds + Word × words' log-odds + Bias.
type WordStack struct {
	Actor, Word, Bias float64
}

// WordMode says how the word model takes part in the decision.
type WordMode int

// The ways the word model may take part (BENCHMARKS.md, branch wordir).
const (
	// WordStackNoGuards: the stacked probability replaces the actors
	// model's, the precision guards (irguard.go) off.
	WordStackNoGuards WordMode = iota + 1
	// WordStackGuards: as WordStackNoGuards with the guards kept.
	WordStackGuards
	// WordPrior: the word model's log-odds are the prior of the stream
	// model's: a topic the actors model rejected is lifted when their sum
	// reaches StreamMargin, the stream model's counting from the first
	// article.
	WordPrior
)

// WithWordModel returns a Tagger that shares t's compiled rules and
// decides international relations with the word model m too, in mode,
// with the stacking weights stack (per language).
func (t *Tagger) WithWordModel(m *WordModel, stack [numLangs]WordStack, mode WordMode) *Tagger {
	c := *t
	c.words, c.wordStack, c.wordMode = m, stack, mode
	c.fingerprint = c.computeFingerprint()
	return &c
}

// irLogit is the actors model's log-odds of x, clipped to ±WordClip.
func irLogit(w *[NumIRFeatures]float64, x *[NumIRFeatures]float64) float64 {
	z := 0.0
	for i := range x {
		z += w[i] * x[i]
	}
	return max(-WordClip, min(WordClip, z))
}

// WordSample is one labelled article as the word model and its stacking
// see it.
type WordSample struct {
	Lang  int
	Feats []uint64
	Y     bool
	// ActorZ is the actors model's log-odds; Candidate whether the article
	// is a candidate (irCandidate), Guarded whether a precision guard bars
	// it.
	ActorZ             float64
	Candidate, Guarded bool
}

// WordSampleOf reads a as the tagger does and returns its word sample of
// label y, and false when a is in neither rule language.
func (t *Tagger) WordSampleOf(a *article.Article, y bool) (WordSample, bool) {
	ls := languages(a)
	if len(ls) != 1 {
		return WordSample{}, false
	}
	l := ls[0]
	s := t.read(a, nil)
	defer t.release(s)
	s.features = true
	defer func() { s.features = false }()
	res := make([]result, len(t.rules))
	t.evaluate(s, a, l, Hints{}, res)
	x, _ := t.irFeatures(s, a, l, res)
	out := WordSample{Lang: l, Feats: append([]uint64(nil), s.feats...), Y: y, ActorZ: irLogit(&t.irWeights, &x), Candidate: irCandidate(&x)}
	out.Guarded = out.Candidate && t.irGuard(a.Title, langName(l), s.titleActors) != ""
	return out, true
}

// sigmoid is the probability of log-odds z.
func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
