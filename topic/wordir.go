package topic

//go:generate go run ../cmd/warta -config ../config.yaml eval-topics -streams ../internal/fixtures/testdata -stream-labels ../cmd/warta/testdata -fit-words wordmodel_weights.go

import (
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/warta-news/warta/article"
)

// WordModel is a word model of international relations per language: the
// log-odds that an article is of the topic, a bias plus a weight per
// hashed stem (featureHash, the stream model's features: the first
// StreamWords stems of the title and the lead) present in it, and per
// hashed pair of consecutive stems (pairHash) where Phrases says. It is
// trained on our own labelled real feed streams (cmd/warta/testdata), never
// on the research data, whose licence forbids per-word weights.
type WordModel struct {
	Phrases WordPhrases
	// Classes: the languages whose items the model reads the actors'
	// classes of too (appendClassFeatures; BENCHMARKS.md, branches wactors
	// and wactors2), in the stacking only: the stream model's prior
	// (WordPrior) reads none.
	Classes WordClasses
	// TitleWords: the model reads the title's stems also as features of
	// their own (titleWordHash), so that a word may weigh apart where it
	// stands: a headline says what the story is, a lead also its
	// background (BENCHMARKS.md, the twentieth session's titlewords).
	TitleWords bool
	// Frames: the model reads the title's relation frames too
	// (appendFrameFeatures), the words between two actors, in the
	// stacking and alone (WordSolo), not in the stream model's prior
	// (BENCHMARKS.md, the twenty-first session's frames).
	Frames bool
	// LeadOnly: the model reads the title's stems and the lead's (the body
	// up to the end of its first sentence), not the rest of the body's,
	// whose number grows with the outlet's text and whose small weights
	// then add up past any headline's (BENCHMARKS.md, the twenty-second
	// session's leadonly); the stream model still reads every stem.
	LeadOnly bool
	// RestBudget, when above 0: the body's stems beyond its lead (those
	// neither the title nor the lead holds) weigh together as at most
	// RestBudget stems do, each restScale of its weight, so that the
	// model's say does not grow with the length of the outlet's text
	// while the body still speaks (BENCHMARKS.md, the twenty-third
	// session's restbudget).
	RestBudget int
	Lang       [numLangs]WordWeights
}

// restScale is the part of its weight each of n stems of the body beyond
// its lead weighs under a RestBudget of budget: all of it up to budget
// stems, budget/n beyond (0: no budget).
func restScale(budget, n int) float64 {
	if budget <= 0 || n <= budget {
		return 1
	}
	return float64(budget) / float64(n)
}

// scaledFeatures are features a word model reads at scale of their
// weight: the body's stems beyond its lead under a RestBudget.
type scaledFeatures struct {
	feats []uint64
	scale float64
}

// WordClasses is a set of languages whose items a word model reads the
// actors' classes in, one bit per language.
type WordClasses uint8

// The sets of languages a word model may read the actors' classes in.
const (
	ClassesNone WordClasses = 0
	ClassesEN   WordClasses = 1 << langEN
	ClassesID   WordClasses = 1 << langID
	ClassesAll              = ClassesEN | ClassesID
)

// in reports whether c holds language l.
func (c WordClasses) in(l int) bool { return c&(1<<l) != 0 }

// WordPhrases says which pairs of consecutive stems (phrases: "prime
// minister", "gencatan senjata") a word model reads beside the stems, in
// the same weights. The stream model, which shares the stems, reads none.
type WordPhrases int

// The phrases a word model may read (BENCHMARKS.md, branch wordfull3).
const (
	// PhrasesNone: the stems alone.
	PhrasesNone WordPhrases = iota
	// PhrasesTitle: the pairs of the title's stems (V15).
	PhrasesTitle
	// PhrasesLead: the pairs of the title's and, apart, of the lead's
	// stems, among the StreamWords stems read (V16).
	PhrasesLead
)

// phrases is the phrases m reads, none without a model.
func (m *WordModel) phrases() WordPhrases {
	if m == nil {
		return PhrasesNone
	}
	return m.Phrases
}

// titleWords reports whether m reads the title's stems as features of
// their own, false without a model.
func (m *WordModel) titleWords() bool { return m != nil && m.TitleWords }

// frames reports whether m reads the title's relation frames, false
// without a model.
func (m *WordModel) frames() bool { return m != nil && m.Frames }

// leadOnly reports whether m reads the title's and the lead's stems only,
// false without a model.
func (m *WordModel) leadOnly() bool { return m != nil && m.LeadOnly }

// restApart reports whether m reads the body's stems beyond its lead apart
// from the title's and the lead's (LeadOnly, RestBudget), false without a
// model.
func (m *WordModel) restApart() bool { return m != nil && (m.LeadOnly || m.RestBudget > 0) }

// classes is the languages m reads the actors' classes in, none without
// a model.
func (m *WordModel) classes() WordClasses {
	if m == nil {
		return ClassesNone
	}
	return m.Classes
}

// WordWeights are one language's weights of a WordModel.
type WordWeights struct {
	Bias float64
	W    map[uint64]float64
}

// DeciderStreamWords is the Decider of international relations lifted by
// the stream model from the word model's prior (WordPrior).
const DeciderStreamWords = "stream model with word model"

// DeciderWords is the Decider (and the ModelReading's name) of
// international relations decided by the actors model stacked with the
// word model (WordStackGuards).
const DeciderWords = "actors model with word model"

// DeciderWordsAlone is the Decider (and the ModelReading's name) of
// international relations given by the word model alone to an item the
// actors model does not read as a candidate (WordSolo).
const DeciderWordsAlone = "word model alone"

// WordClip bounds a word model's log-odds: a few hundred labelled items do
// not warrant more certainty than e^10 to 1.
const WordClip = 10.0

// logOdds is the word model's clipped log-odds for the distinct features
// of each of fss (stems and phrases, whose hashes differ) and of rest, at
// its scale, in language l.
func (m *WordModel) logOdds(l int, rest scaledFeatures, fss ...[]uint64) float64 {
	w := &m.Lang[l]
	z := w.Bias
	for _, fs := range fss {
		for _, f := range fs {
			z += w.W[f]
		}
	}
	if len(rest.feats) > 0 {
		r := 0.0
		for _, f := range rest.feats {
			r += w.W[f]
		}
		z += rest.scale * r
	}
	return max(-WordClip, min(WordClip, z))
}

// WordStack weighs the actors model's log-odds and the word model's
// log-odds into one decision of international relations, per language:
// logit p = Actor × actors' log-odds + Word × words' log-odds + Bias; the
// topic applies when p >= Cut (0: the actors model's cut). Under WordSolo
// an item that is not a candidate gets the topic when the word model's
// own probability is at least Solo (0: never). AddOnly: in this language
// the stacking only adds the topic, as under WordAddOnly.
type WordStack struct {
	Actor, Word, Bias float64
	Cut               float64
	Solo              float64
	AddOnly           bool
}

// stackFingerprint is stack as the fingerprint writes it: its weights and
// cuts as they were written before AddOnly existed, then the languages
// whose stacking adds only, so that a model without them keeps its
// fingerprint and the stream snapshots stored under it.
func stackFingerprint(stack [numLangs]WordStack) string {
	var weights [numLangs]struct{ Actor, Word, Bias, Cut, Solo float64 }
	var adding []string
	for l, k := range stack {
		weights[l].Actor, weights[l].Word, weights[l].Bias, weights[l].Cut, weights[l].Solo = k.Actor, k.Word, k.Bias, k.Cut, k.Solo
		if k.AddOnly {
			adding = append(adding, langName(l))
		}
	}
	out := fmt.Sprintf("%v", weights)
	if len(adding) > 0 {
		out += " adding only " + strings.Join(adding, " ")
	}
	return out
}

// AddingOnlyIn is stack with the stacking of language lang ("en" or
// "id") adding only (WordStack.AddOnly); another lang leaves it as it is.
func AddingOnlyIn(stack [numLangs]WordStack, lang string) [numLangs]WordStack {
	if l := langIndex(lang); l >= 0 {
		stack[l].AddOnly = true
	}
	return stack
}

// wordModeIn is how the word model takes part in language l's decision:
// the tagger's mode, adding only where l's stacking says so.
func (t *Tagger) wordModeIn(l int) WordMode {
	if t.wordStack[l].AddOnly {
		return t.wordMode | WordAddOnly
	}
	return t.wordMode
}

// WordMode says how the word model takes part in the decision, a set of
// the ways below.
type WordMode int

// The ways the word model may take part (BENCHMARKS.md, branches wordir
// and wordir2).
const (
	// WordStackNoGuards: the stacked probability replaces the actors
	// model's, the precision guards (irguard.go) off.
	WordStackNoGuards WordMode = 1 << iota
	// WordStackGuards: as WordStackNoGuards with the guards kept.
	WordStackGuards
	// WordPrior: the word model's log-odds are the prior of the stream
	// model's: a topic the actors model rejected is lifted when their sum
	// reaches StreamMargin, the stream model's counting from the first
	// article.
	WordPrior
	// WordShortOnly: the stacking decides only short items (shortBody);
	// a longer one is decided as without a word model (V9, BENCHMARKS.md,
	// branch wordir4).
	WordShortOnly
	// WordPairGate: the stacking may enter the topic on an item the actors
	// model alone rejects only when its title and lead name at least
	// WordPairActors distinct actors (the actors model's lead count); it
	// may remove the topic as without the gate (V10, BENCHMARKS.md, branch
	// wordir5).
	WordPairGate
	// WordAddOnly: the stacking may only add the topic: an item the
	// actors model accepts stays accepted, and the stacked probability
	// decides only an item it rejects whose title and lead name at least
	// WordPairActors actors (V13, BENCHMARKS.md, branch wordir6), and adds
	// it only where the word model's log-odds are positive: the stack's
	// weights alone, words against, lowered the actors model's cut (W1,
	// branch mend28).
	WordAddOnly
	// WordSolo: an item the actors model does not read as a candidate
	// (irCandidate: no two actors in a relation) gets the topic when the
	// word model alone is sure of it, its probability at least the
	// language's WordStack.Solo, a cut fitted so that the word model
	// alone is as precise there as the actors model's own decisions
	// (SoloCut), and no precision guard bars the title: headlines name
	// one side of a relation as often as both ("Kremlin rejects the
	// ultimatum"), and the actors model cannot see the other (V28,
	// BENCHMARKS.md, the seventeenth session).
	WordSolo
)

// WordPairActors is how many distinct actors (states and international
// bodies, a leader counting as their state) the title and lead must name
// for the stacking to enter international relations under WordPairGate:
// the topic is a relation between two actors, and words may rank the
// candidates but never stand in for a missing second actor.
const WordPairActors = 2

// WordShortWords is the most words the text beyond the title may have
// for the word model to decide an item under WordShortOnly: a headline
// with a sentence or two of summary, as headline feeds carry. On longer
// texts the words learned from the streams' headlines outweighed the
// actors model (BENCHMARKS.md, branch wordir3).
const WordShortWords = 40

// shortBody reports whether body has at most WordShortWords words.
func shortBody(body string) bool {
	n := 0
	in := false
	for _, r := range body {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			if n++; n > WordShortWords {
				return false
			}
		}
	}
	return true
}

// stacksOn reports whether mode stacks the word model on an article of
// body text body.
func (m WordMode) stacksOn(body string) bool {
	return m.Stacks() && (m&WordShortOnly == 0 || shortBody(body))
}

// keepsActors reports whether mode leaves an item to the actors model
// alone, the stacking unread, when the actors model's probability is p of
// cut and the title and lead name leadActors distinct actors: under
// WordPairGate or WordAddOnly an item it rejects that names fewer than
// WordPairActors (the one owner of that check), and under WordAddOnly
// also an item it accepts (the stacking never removes the topic).
func (m WordMode) keepsActors(p, cut, leadActors float64) bool {
	if p >= cut {
		return m&WordAddOnly != 0
	}
	return m&(WordPairGate|WordAddOnly) != 0 && leadActors < WordPairActors
}

// Stacks reports whether the stacked probability decides: the word model
// is stacked with the actors model (topiceval fits the stacking then).
func (m WordMode) Stacks() bool { return m&(WordStackGuards|WordStackNoGuards) != 0 }

// WordMinPositives is how many IR items of a language a gated word model
// must be trained on to apply in it: a model learned from fewer is noise
// (BENCHMARKS.md, branch wordir2).
const WordMinPositives = 200

// Gate closes the languages of m whose training samples hold fewer than
// WordMinPositives IR items: a closed language has no weights, and the
// tagger is as without a word model there.
func (m *WordModel) Gate(samples []WordSample) {
	var pos [numLangs]int
	for _, s := range samples {
		pos[s.Lang] += boolInt(s.Y)
	}
	for l := range m.Lang {
		if pos[l] < WordMinPositives {
			m.Lang[l] = WordWeights{}
		}
	}
}

// KeepOnly closes every language of m but lang: the word model applies
// in lang alone (V8, BENCHMARKS.md, branch wordir3).
func (m *WordModel) KeepOnly(lang string) {
	k := langIndex(lang)
	for l := range m.Lang {
		if l != k {
			m.Lang[l] = WordWeights{}
		}
	}
}

// fingerprint writes what of m, mode and stack decides topics to h, with
// the constants that decide beside them (WordShortWords, WordPairActors,
// WordClip).
func (m *WordModel) fingerprint(h io.Writer, mode WordMode, stack [numLangs]WordStack) {
	if m == nil {
		return
	}
	fmt.Fprintf(h, "word model mode %d stack %s phrases %d classes %d short %d pair %d clip %g add words>0\n", mode, stackFingerprint(stack), m.Phrases, m.Classes, WordShortWords, WordPairActors, WordClip)
	if m.TitleWords {
		fmt.Fprintln(h, "title words")
	}
	if m.Frames {
		fmt.Fprintln(h, "frames")
	}
	if m.LeadOnly {
		fmt.Fprintln(h, "lead only")
	}
	if m.RestBudget > 0 {
		fmt.Fprintf(h, "rest budget %d\n", m.RestBudget)
	}
	for l := range m.Lang {
		w := &m.Lang[l]
		fmt.Fprintf(h, "%d bias %g", l, w.Bias)
		for _, f := range slices.Sorted(maps.Keys(w.W)) {
			fmt.Fprintf(h, " %x=%g", f, w.W[f])
		}
		fmt.Fprintln(h)
	}
}

// wordsOn reports whether t's word model applies in language l.
func (t *Tagger) wordsOn(l int) bool { return t.words != nil && t.words.Lang[l].W != nil }

// collects reports whether evaluate must collect the stems of an article
// in language l of body text body: for the stream model st or for a
// stacked word model that may decide it (a long item under WordShortOnly
// costs nothing).
func (t *Tagger) collects(st *Stream, l int, body string) bool {
	return st != nil || t.wordsOn(l) && t.wordMode.stacksOn(body)
}

// WithWordModel returns a Tagger that shares t's compiled rules and
// decides international relations with the word model m too, in mode,
// with the stacking weights stack (per language).
func (t *Tagger) WithWordModel(m *WordModel, stack [numLangs]WordStack, mode WordMode) *Tagger {
	c := *t
	c.words, c.wordStack, c.wordMode = m, stack, mode
	c.fingerprint = c.computeFingerprint()
	return &c
}

// clipActorLogOdds is the actors model's log-odds z (irLogOdds) clipped to
// ±WordClip: the stacking's two inputs are bounded alike, and its fitted
// weights (wordmodel_weights.go) are of log-odds so clipped, so the bound
// is the word model's and not the actors model's (the fingerprint names
// it).
func clipActorLogOdds(z float64) float64 {
	return max(-WordClip, min(WordClip, z))
}

// WordSample is one labelled article as the word model and its stacking
// see it.
type WordSample struct {
	Lang  int
	Feats []uint64
	// TitlePairs and LeadPairs are the hashed pairs of consecutive stems
	// of the title and of the lead (WordPhrases), apart from Feats until
	// WithPhrases joins those a variant reads.
	TitlePairs, LeadPairs []uint64
	// Classes are the hashed actors' classes (appendClassFeatures), apart
	// from Feats until WithClasses joins them.
	Classes []uint64
	// TitleWords are the title's stems as features of their own
	// (titleWordHash), apart from Feats until WithTitleWords joins them.
	TitleWords []uint64
	// Frames are the title's relation frames (appendFrameFeatures),
	// apart from Feats until WithFrames joins them.
	Frames []uint64
	// RestFeats are the stems of Feats that only the body beyond its lead
	// holds, which WithLeadOnly takes out of Feats and WithRestBudget
	// moves to Scaled.
	RestFeats []uint64
	// Scaled are features read at Scale of their weight, apart from Feats
	// (WithRestBudget); Scale is 1 when there are none.
	Scaled []uint64
	Scale  float64
	// Body: the article's body holds stems (WordCounts count such items
	// apart for WordFit.FunctionShare).
	Body bool
	Y    bool
	// ActorZ is the actors model's log-odds; Candidate whether the article
	// is a candidate (irCandidate), Guarded whether a precision guard bars
	// its title (read for every item: WordSolo files non-candidates too).
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
	s.features, s.phrases, s.classes, s.titleWords, s.frames, s.restApart = true, PhrasesLead, ClassesAll, true, true, true // every phrase, class, title word, frame and the body beyond the lead, kept apart
	defer func() { s.features, s.titleWords, s.frames, s.restApart = false, false, false, false }()
	res := make([]result, len(t.rules))
	t.evaluate(s, a, l, Hints{}, res)
	x := t.irFeatures(s, a, l, res)
	feats, titlePairs, leadPairs := s.featureSets()
	out := WordSample{Lang: l, Scale: 1, Feats: ownFeatures(feats), TitlePairs: ownFeatures(titlePairs), LeadPairs: ownFeatures(leadPairs), Classes: ownFeatures(s.classFeatures(l)), TitleWords: ownFeatures(s.titleFeatures()), Frames: ownFeatures(s.frameFeatures()), RestFeats: ownFeatures(s.restFeatures()), Y: y, ActorZ: clipActorLogOdds(irLogOdds(&t.irWeights, &x)), Candidate: irCandidate(&x)}
	out.Body = len(s.bodyStems) > 0
	out.Guarded = t.irGuard(a.Title, langName(l), s.titleActors) != ""
	return out, true
}

// ownFeatures is a copy of the pooled features fs that the sample owns, nil
// when there are none: a reused scratch holds empty slices where a fresh
// one holds nil, and a sample must not say which it had.
func ownFeatures(fs []uint64) []uint64 {
	if len(fs) == 0 {
		return nil
	}
	return slices.Clone(fs)
}

// WithPhrases is s reading the phrases p: its pairs of consecutive stems
// that p names joined to its stems, as the tagger sums them.
// Each feature counts once.
func (s WordSample) WithPhrases(p WordPhrases) WordSample {
	if p >= PhrasesTitle {
		s.Feats = slices.Concat(s.Feats, s.TitlePairs)
		if p >= PhrasesLead {
			s.Feats = append(s.Feats, s.LeadPairs...)
		}
		s.Feats = distinctFeatures(s.Feats)
	}
	s.TitlePairs, s.LeadPairs = nil, nil
	return s
}

// WithClasses is s reading the actors' classes when classes holds its
// language: its Classes joined to its stems, as the tagger sums them.
func (s WordSample) WithClasses(classes WordClasses) WordSample {
	if classes.in(s.Lang) {
		s.Feats = distinctFeatures(slices.Concat(s.Feats, s.Classes))
	}
	s.Classes = nil
	return s
}

// WithTitleWords is s reading the title's stems as features of their own
// when on: its TitleWords joined to its stems, as the tagger sums them.
func (s WordSample) WithTitleWords(on bool) WordSample {
	if on {
		s.Feats = distinctFeatures(slices.Concat(s.Feats, s.TitleWords))
	}
	s.TitleWords = nil
	return s
}

// WithLeadOnly is s reading, when on, the title's and the lead's stems
// only: Feats without its RestFeats, as the tagger reads a LeadOnly model.
func (s WordSample) WithLeadOnly(on bool) WordSample {
	if on && len(s.RestFeats) > 0 {
		s.Feats = withoutFeatures(s.Feats, s.RestFeats)
	}
	s.RestFeats = nil
	return s
}

// WithRestBudget is s reading, when budget is above 0, the body's stems
// beyond its lead as a word model with that RestBudget does: its RestFeats
// moved from Feats to Scaled, at restScale. It reads before WithLeadOnly,
// which has no RestFeats left to take out then.
func (s WordSample) WithRestBudget(budget int) WordSample {
	if scale := restScale(budget, len(s.RestFeats)); scale < 1 {
		s.Feats = withoutFeatures(s.Feats, s.RestFeats)
		s.Scaled, s.Scale = s.RestFeats, scale
		s.RestFeats = nil
	}
	return s
}

// withoutFeatures is a copy of fs without the features of sorted.
func withoutFeatures(fs, sorted []uint64) []uint64 {
	return slices.DeleteFunc(slices.Clone(fs), func(f uint64) bool {
		_, found := slices.BinarySearch(sorted, f)
		return found
	})
}

// WithFrames is s reading the title's relation frames when on: its Frames
// joined to its stems, as the tagger sums them.
func (s WordSample) WithFrames(on bool) WordSample {
	if on {
		s.Feats = distinctFeatures(slices.Concat(s.Feats, s.Frames))
	}
	s.Frames = nil
	return s
}

// sigmoid is the probability of log-odds z.
func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
