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
// topic and language (over stemmed words, each counted once per article) learns from these labels as they come, so it follows the
// stream; it never learns from a label it has not got. When tagging, a
// topic the rules did not give applies if the model is sure of it
// (StreamMargin) and it has learned enough (StreamMinExamples); the user's
// overrides (exclude, require, expr), the genre (no hard news for what is
// not news) and the actors model's candidacy and precision guards
// (irguard.go) still hold, and international relations needs a relation
// linking two actors (irLiftable). A text a guard holds is no
// example of international relations either way: the guard reads its
// headline, not the words the model learns. A modelled desk the desk
// model is unsure of (StreamZone) is decided by both models' log-odds
// together, which may also remove it (see zone).
//
// A Stream is safe for concurrent use. Its zero value is not usable; use
// Tagger.NewStream.
type Stream struct {
	t *Tagger
	// fingerprint is the rules and sources' hints the stream learns
	// with (Tagger.FingerprintWith): its snapshots' key.
	fingerprint string
	mu          sync.RWMutex
	m           [numLangs]nbModel
	// leaders are the names of leaders learned from the stream.
	leaders leaderBook
	// logs[n] is log(n + streamSmoothing), for the counts most features
	// have.
	logs [1024]float64
}

// Stream constants; changing them changes the Fingerprint (the topics
// stored under other ones are re-tagged).
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
	// StreamZone is the half-width of the unsure zone of the desk model:
	// a desk whose log-odds lie within StreamZone of its cut's is decided
	// by the sum of the desk model's and the stream model's log-odds (see
	// zone), in both directions. The desk model weighs few features of the
	// rule scores; near its cut they do not separate the desks, and the
	// words the stream learned may. Chosen on the research data's
	// cross-validation (BENCHMARKS.md, branch streamzone).
	StreamZone = 4.0
	// StreamWords is how many words of an article (the title's first) the
	// stream model reads: a report says what it is about early, and a long
	// text costs no more than a short one.
	StreamWords = 80
	// StreamLearningVersion names the stream model's learning rule (learn):
	// what a saved stream model holds depends on it, so it is part of the
	// fingerprint that keys saved models. Raised by one when the rule
	// changes; 2 labels international relations by the actors model alone
	// (branch mend27); 3 labels a second desk the desk model is unsure of
	// (under SecondDeskCut) as the tagger decides it, dropped (branches
	// deskone, mend30).
	StreamLearningVersion = 3
	// StreamMaxFeatures bounds the words a language's model keeps count of
	// (about 50 bytes per word and topic): a daemon that runs for months
	// meets ever more rare words, and the model stays bounded.
	StreamMaxFeatures = 1 << 19
	// streamSmoothing is the additive smoothing of the word counts.
	streamSmoothing = 0.5
)

// nbModel holds the binarised multinomial naive Bayes models of every
// topic in one language: per rule, the documents and features counted as
// negatives and positives, and per feature its counts for every rule (one
// map lookup serves all topics).
type nbModel struct {
	docs  [][2]int // per rule: negatives, positives
	total [][2]int // per rule: features counted
	slot  map[uint64]int32
	count [][2]uint32 // slot*rules + rule: negatives, positives
}

// NewStream returns a Stream that has learned nothing yet, for articles
// of sources without hints (NewStreamFor).
func (t *Tagger) NewStream() *Stream { return t.NewStreamFor(nil) }

// NewStreamFor returns a Stream that has learned nothing yet, for the
// articles of sources with these hints (by source name): its snapshots
// are of them as of t's rules (FingerprintWith, the fingerprint stored
// topics are checked against), so that a change of hints, which re-tags
// the stored articles, also refuses a snapshot learned under the old ones.
func (t *Tagger) NewStreamFor(hints map[string]Hints) *Stream {
	st := &Stream{t: t, fingerprint: t.FingerprintWith(hints)}
	for l := range st.m {
		st.m[l] = nbModel{docs: make([][2]int, len(t.rules)), total: make([][2]int, len(t.rules)), slot: map[uint64]int32{}}
	}
	for n := range st.logs {
		st.logs[n] = math.Log(float64(n) + streamSmoothing)
	}
	st.leaders.seed(t.leaderPrior)
	return st
}

// log is log(n + streamSmoothing).
func (st *Stream) log(n uint32) float64 {
	if int(n) < len(st.logs) {
		return st.logs[n]
	}
	return math.Log(float64(n) + streamSmoothing)
}

// Observe labels a with the rules' confident decisions and learns from it.
// It returns whether a was an example for the naive Bayes model (the
// rules were sure of it); the leaders a anchors are counted either way.
func (st *Stream) Observe(a *article.Article, h Hints) bool {
	t := st.t
	ls := languages(a)
	if len(ls) != 1 {
		return false // the language is unknown: its words would teach both models noise
	}
	s := t.read(a, st)
	defer t.release(s)
	res := make([]result, len(t.rules))
	l := ls[0]
	s.features = true
	t.evaluate(s, a, l, h, res)
	s.features = false
	v := t.judge(s, a, l, res, t.genreOf(a, h))
	st.learnLeaders(s.anchors)
	return st.learn(s, l, res, v)
}

// TagAndObserve learns from a (as Observe) and tags it (as Tag) in one
// reading of the text: what the daemon does with each new article.
func (st *Stream) TagAndObserve(a *article.Article, h Hints) []article.TopicMatch {
	return st.t.tag(a, h, st, true)
}

// learn labels the article of the last evaluate (language l, results res,
// verdict v) with the rules' confident decisions and counts its features.
// The labels are the decisions without the source's boosts (forced topics
// are no decision of the rules either): what one source's hints say of its
// items is no evidence of what other sources' items with the same words
// are, and the stream model is one for all sources. International
// relations is labelled as the actors model alone decides it: the stream
// model learns from the rules' and the actors model's confident
// decisions, never from the word model's guesses, which it would lift
// later past the word model's own gates (review 27, BENCHMARKS.md, branch
// mend27).
func (st *Stream) learn(s *scratch, l int, res []result, v verdict) bool {
	t := st.t
	v = v.actorsAlone(t.irCut)
	res = slices.Clone(res)
	for i := range res {
		res[i].boost = 0
	}
	ok := make([]bool, 2*len(t.rules))
	ok, exprMet := ok[:len(t.rules)], ok[len(t.rules):]
	t.decide(s, l, res, v, nil, ok, exprMet)
	label := make([]int8, len(t.rules)) // 1 positive, -1 negative, 0 unknown
	confident := false
	for i, rl := range t.rules {
		switch {
		case i == t.ir && ok[i] && v.irP >= StreamIRConfidence,
			i != t.ir && ok[i] && res[i].score >= StreamConfidence*rl.threshold:
			label[i], confident = 1, true
		case !ok[i] && (i == t.ir && v.irGuard == "" && v.irP < 1-StreamIRConfidence || i != t.ir && res[i].score < rl.threshold):
			label[i] = -1
		}
	}
	if !confident {
		return false
	}
	feats, _, _ := s.featureSets()
	st.mu.Lock()
	defer st.mu.Unlock()
	m := &st.m[l]
	nr := len(t.rules)
	for i, y := range label {
		if y != 0 {
			m.docs[i][max(y, 0)]++
			m.total[i][max(y, 0)] += len(feats)
		}
	}
	for _, f := range feats {
		k, ok := m.slot[f]
		if !ok {
			if len(m.slot) >= StreamMaxFeatures {
				continue // full: a new word is not counted
			}
			k = int32(len(m.count) / nr)
			m.slot[f] = k
			m.count = append(m.count, make([][2]uint32, nr)...)
		}
		row := m.count[int(k)*nr : int(k+1)*nr]
		for i, y := range label {
			if y != 0 {
				row[i][max(y, 0)]++
			}
		}
	}
	s.oddsDone = false // what it learned changes the odds
	return true
}

// distinctFeatures sorts and de-duplicates fs in place: each feature counts
// once per article.
func distinctFeatures(fs []uint64) []uint64 {
	slices.Sort(fs)
	return slices.Compact(fs)
}

// logOdds fills z with every rule's log-odds that an article with features
// fs is of the topic, and known with whether the model of the rule has
// learned enough to say.
func (st *Stream) logOdds(l int, fs []uint64, z []float64, known []bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	m := &st.m[l]
	nr := len(z)
	v := float64(len(m.slot))
	for i := range z {
		known[i] = m.docs[i][0] >= StreamMinExamples && m.docs[i][1] >= StreamMinExamples
		z[i] = 0
		if known[i] {
			z[i] = math.Log(float64(m.docs[i][1])) - math.Log(float64(m.docs[i][0]))
		}
	}
	norm := make([]float64, nr)
	for i := range norm {
		if known[i] {
			norm[i] = math.Log(float64(m.total[i][0])+streamSmoothing*v) - math.Log(float64(m.total[i][1])+streamSmoothing*v)
		}
	}
	for _, f := range fs {
		k, ok := m.slot[f]
		if !ok {
			continue // a feature never seen says nothing
		}
		row := m.count[int(k)*nr : int(k+1)*nr]
		for i, n := range row {
			if known[i] {
				z[i] += st.log(n[1]) - st.log(n[0]) + norm[i]
			}
		}
	}
}

// Tag returns a's topics as Tagger.Tag does, with the topics the stream
// model adds.
func (st *Stream) Tag(a *article.Article, h Hints) []article.TopicMatch {
	return st.t.tag(a, h, st, false)
}

// Explain accounts for every topic as Tagger.Explain does; a topic the
// stream model added says so in its Decider, with the model's log-odds.
func (st *Stream) Explain(a *article.Article, h Hints) []Explanation {
	return st.t.explain(a, h, st, false)
}

// ExplainAndObserve learns from a and explains it in one reading of the
// text, as TagAndObserve learns and tags: what the daemon decides for a
// new article, accounted for. Matches of its answer are TagAndObserve's.
func (st *Stream) ExplainAndObserve(a *article.Article, h Hints) []Explanation {
	return st.t.explain(a, h, st, true)
}

// odds returns the stream model's log-odds of rule i for the article whose
// features the last evaluate collected, and whether the model has learned
// enough to say. The log-odds of all rules are computed once per evaluate.
func (st *Stream) odds(s *scratch, l, i int) (float64, bool) {
	if !s.oddsDone {
		feats, _, _ := s.featureSets()
		st.logOdds(l, feats, s.odds, s.oddsKnown)
		s.oddsDone = true
	}
	return s.odds[i], s.oddsKnown[i]
}

// lift reports whether the stream model gives rule i, which the rules did
// not, to the article of the last evaluate, and its log-odds.
func (st *Stream) lift(s *scratch, l, i int) (bool, float64) {
	z, known := st.odds(s, l, i)
	if i == st.t.ir && st.t.wordMode&WordPrior != 0 && st.t.wordsOn(l) {
		// The word model is the prior: the stream model's counts, none
		// yet or some, move it.
		if !known {
			z = 0
		}
		feats, titlePairs, leadPairs, rest := s.wordFeatures(st.t.words)
		s.wordPrior = st.t.words.logOdds(l, rest, feats, titlePairs, leadPairs, s.titleFeatures())
		z += s.wordPrior
		return z >= StreamMargin, z
	}
	return known && z >= StreamMargin, z
}

// zone decides rule i, whose deciding model is unsure of it (its
// log-odds over the cut, margin, lie within StreamZone), with the stream
// model: it applies when margin plus the stream model's log-odds is not
// negative. decided is false when the margin is outside the zone or the
// stream model has not learned the topic; z is the stream model's
// log-odds.
func (st *Stream) zone(s *scratch, l, i int, margin float64) (decided, apply bool, z float64) {
	if math.Abs(margin) > StreamZone {
		return false, false, 0
	}
	z, known := st.odds(s, l, i)
	if !known {
		return false, false, z
	}
	return true, margin+z >= 0, z
}

// logit is the log-odds of probability p.
func logit(p float64) float64 { return math.Log(p) - math.Log1p(-p) }

// featureHash hashes a stem (FNV-1a).
func featureHash(s string) uint64 {
	return fnvAdd(14695981039346656037, s)
}

// pairHash hashes a pair of consecutive stems as featureHash hashes "a b":
// no stem holds a space, so a pair's hash is no stem's.
func pairHash(a, b string) uint64 {
	return pairHashAfter(featureHash(a), b)
}

// pairHashAfter is pairHash(a, b) of a's featureHash, for a caller that
// has it.
func pairHashAfter(ha uint64, b string) uint64 {
	return fnvAdd(fnvAdd(ha, " "), b)
}

// titleWordHash hashes a stem of the title, of hash h (featureHash), as a
// feature of its own: "stem\x00", which no stem (no stem holds a NUL) and
// no pair (pairHash holds a space) is.
func titleWordHash(h uint64) uint64 {
	return fnvAdd(h, "\x00")
}

// fnvAdd continues the FNV-1a hash h over s.
func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
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
