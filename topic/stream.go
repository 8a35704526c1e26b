package topic

import (
	"math"
	"slices"
	"sync"

	"github.com/warta-news/warta/article"
)

// Stream learns the words of each topic from the articles it is shown and
// lifts recall on what the rules miss. The rules (and the actors model)
// label the stream: an article they file under a topic with confidence is a
// positive of that topic, and a negative of the topics it clearly is not;
// an article they are unsure of teaches nothing. A naive Bayes model per
// topic and language (over stemmed words and word pairs, each counted once
// per article) learns from these labels as they come, so it follows the
// stream; it never learns from a label it has not got. When tagging, a
// topic the rules did not give applies if the model is sure of it
// (StreamMargin) and it has learned enough (StreamMinExamples); the user's
// overrides (exclude, require, expr), the genre (no hard news for what is
// not news) and the actors model's candidacy still hold.
//
// A Stream is safe for concurrent use. Its zero value is not usable; use
// Tagger.NewStream.
type Stream struct {
	t  *Tagger
	mu sync.RWMutex
	m  [numLangs][]nbModel // per language, per rule
}

// Stream constants.
const (
	// StreamConfidence is the multiple of its threshold at which a rule's
	// decision is confident enough to label the stream, and StreamIRConfidence
	// the actors model's probability that is.
	StreamConfidence   = 1.5
	StreamIRConfidence = 0.8
	// StreamMinExamples is how many positives and negatives a topic's model
	// needs in a language before it may lift anything.
	StreamMinExamples = 30
	// StreamMargin is the log-odds the model needs to give a topic the
	// rules missed: e^6 to 1, precision first.
	StreamMargin = 6.0
	// streamSmoothing is the additive smoothing of the word counts.
	streamSmoothing = 0.5
)

// nbModel is a binarised multinomial naive Bayes model of one topic in one
// language: document and feature counts of its positives and negatives.
type nbModel struct {
	docs  [2]int // negatives, positives
	total [2]int // features counted
	count map[uint64][2]uint32
}

// NewStream returns a Stream that has learned nothing yet.
func (t *Tagger) NewStream() *Stream {
	st := &Stream{t: t}
	for l := range st.m {
		st.m[l] = make([]nbModel, len(t.rules))
		for i := range st.m[l] {
			st.m[l][i].count = map[uint64][2]uint32{}
		}
	}
	return st
}

// Observe labels a with the rules' confident decisions and learns from it.
// It returns whether a taught the model anything.
func (st *Stream) Observe(a *article.Article, h Hints) bool {
	t := st.t
	s := t.scratch.Get().(*scratch)
	defer t.scratch.Put(s)
	res := make([]result, len(t.rules))
	ok := make([]bool, 2*len(t.rules))
	ok, exprMet := ok[:len(t.rules)], ok[len(t.rules):]
	ls := languages(a)
	if len(ls) != 1 {
		return false // the language is unknown: its words would teach both models noise
	}
	l := ls[0]
	s.features = true
	t.evaluate(s, a, l, h, res)
	s.features = false
	v := t.judge(s, a, l, h, res, t.genres.Of(a))
	t.decide(s, l, res, v, nil, ok, exprMet)
	label := make([]int8, len(t.rules)) // 1 positive, -1 negative, 0 unknown
	confident := false
	for i, rl := range t.rules {
		switch {
		case i == t.ir && ok[i] && v.irP >= StreamIRConfidence,
			i != t.ir && ok[i] && res[i].score >= StreamConfidence*rl.threshold:
			label[i], confident = 1, true
		case !ok[i] && (i == t.ir && v.irP < 1-StreamIRConfidence || i != t.ir && res[i].score < rl.threshold):
			label[i] = -1
		}
	}
	if !confident {
		return false
	}
	feats := distinctFeatures(s.feats)
	st.mu.Lock()
	defer st.mu.Unlock()
	for i, y := range label {
		if y == 0 {
			continue
		}
		c := 0
		if y > 0 {
			c = 1
		}
		m := &st.m[l][i]
		m.docs[c]++
		m.total[c] += len(feats)
		for _, f := range feats {
			n := m.count[f]
			n[c]++
			m.count[f] = n
		}
	}
	return true
}

// distinctFeatures sorts and de-duplicates fs in place: each feature counts
// once per article.
func distinctFeatures(fs []uint64) []uint64 {
	slices.Sort(fs)
	return slices.Compact(fs)
}

// logOdds is the model's log-odds that an article with features fs is of
// the topic, and whether the model has learned enough to say.
func (m *nbModel) logOdds(fs []uint64) (float64, bool) {
	if m.docs[0] < StreamMinExamples || m.docs[1] < StreamMinExamples {
		return 0, false
	}
	v := float64(len(m.count))
	z := math.Log(float64(m.docs[1])) - math.Log(float64(m.docs[0]))
	norm := math.Log(float64(m.total[0])+streamSmoothing*v) - math.Log(float64(m.total[1])+streamSmoothing*v)
	for _, f := range fs {
		n, ok := m.count[f]
		if !ok {
			continue // a feature never seen says nothing
		}
		z += math.Log(float64(n[1])+streamSmoothing) - math.Log(float64(n[0])+streamSmoothing) + norm
	}
	return z, true
}

// Tag returns a's topics as Tagger.Tag does, with the topics the stream
// model adds.
func (st *Stream) Tag(a *article.Article, h Hints) []article.TopicMatch {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return st.t.tag(a, h, st)
}

// Explain accounts for every topic as Tagger.Explain does; a topic the
// stream model added says so in its Decider, with the model's log-odds.
func (st *Stream) Explain(a *article.Article, h Hints) []Explanation {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return st.t.explain(a, h, st)
}

// lift reports whether the stream model gives rule i, which the rules did
// not, to the article whose features the last evaluate collected, and its
// log-odds.
func (st *Stream) lift(s *scratch, l, i int) (bool, float64) {
	if st == nil {
		return false, 0
	}
	z, ok := st.m[l][i].logOdds(s.feats)
	return ok && z >= StreamMargin, z
}

// featureHash hashes a stem (FNV-1a), and pairHash a pair of them.
func featureHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func pairHash(a, b uint64) uint64 {
	h := a*0x9E3779B97F4A7C15 ^ b
	h ^= h >> 29
	return h * 0xBF58476D1CE4E5B9
}


// Learn shows the stream every article of as, as a daemon would see them,
// and returns how many taught it something. Tagging as afterwards is the
// second pass of `warta tag`.
func (st *Stream) Learn(as []*article.Article, h Hints) int {
	n := 0
	for _, a := range as {
		if st.Observe(a, h) {
			n++
		}
	}
	return n
}
