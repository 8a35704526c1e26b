package topic

import (
	"maps"
	"math"
	"slices"
	"testing"

	"github.com/warta-news/warta/actor"
	"github.com/warta-news/warta/article"
)

// The actors' classes of a title naming two states: their kind in the
// title, two distinct states, and the title's stems beside a state paired
// with its class, never with its name; none is a stem's or a pair's hash.
// The tagger reads a model's classes as its training does
// (WordSample.WithClasses). The item is written for the test.
func TestWordClasses(t *testing.T) {
	base := defaultTagger(t)
	a := &article.Article{Title: "Japan and China trade ministers to meet", Text: "The trade ministers will discuss exports.", Language: "en"}
	s, ok := base.WordSampleOf(a, true)
	if !ok || len(s.Classes) == 0 {
		t.Fatalf("sample %+v: want the actors' classes", s)
	}
	for _, want := range []struct {
		name string
		h    uint64
	}{
		{"@t:state", classHash("@t:", actor.State.String())},
		{"@t:states2", classHash("@t:states", "2")},
		{"@t:actors2", classHash("@t:actors", "2")},
		{"@state and", classPairHash(featureHash("and"), actor.State, true)},
		{"and @state", classPairHash(featureHash("and"), actor.State, false)},
	} {
		if !slices.Contains(s.Classes, want.h) {
			t.Errorf("classes lack %q", want.name)
		}
	}
	for _, f := range s.Classes {
		if slices.Contains(s.Feats, f) || slices.Contains(s.TitlePairs, f) || slices.Contains(s.LeadPairs, f) {
			t.Errorf("class %x is a stem's or a pair's hash", f)
		}
	}
	if slices.Contains(s.Classes, classHash("@t:", actor.Body.String())) {
		t.Error("a body in a title naming none")
	}
	w := map[uint64]float64{}
	weigh(w, s.Feats, 0.05)
	weigh(w, s.TitlePairs, 0.1)
	weigh(w, s.Classes, 0.3)
	for _, classes := range []WordClasses{ClassesNone, ClassesID, ClassesEN, ClassesAll} {
		m := &WordModel{Phrases: PhrasesTitle, Classes: classes, Lang: [numLangs]WordWeights{{W: w}}}
		want := m.WordLogOdds(s.WithPhrases(PhrasesTitle).WithClasses(classes))
		got := explainedWordLogOdds(base.WithWordModel(m, [numLangs]WordStack{{Actor: 1, Word: 1}}, WordStackGuards), a)
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("classes %d: the tagger's word log-odds %v, the training's %v", classes, got, want)
		}
	}
}

// Every kind read as a class indexes the per-kind arrays of
// appendClassFeatures (review16): a class kind added after Office must
// raise numKinds with it.
func TestEveryClassKindIsUnderNumKinds(t *testing.T) {
	for k := actor.Kind(0); k < 64; k++ {
		if k.String() != "none" && isClass(k) && int(k) >= numKinds {
			t.Errorf("kind %v (%d) is read as a class but numKinds is %d", k, k, numKinds)
		}
	}
}

// stemHash is the feature hash of word's first reading in English.
func stemHash(word string) uint64 {
	var v stems
	stemInto(&v, word, langEN)
	return featureHash(v.s[0])
}

// The relation frames of titles written for the test: the words between
// two states, and after two states joined by at most one word, read apart
// from the same words as stems (a strike between two states is a frame
// too: the model learns which relations are international relations); a
// title naming one state, or one state twice, has none. The tagger reads a
// model's frames as its training does (WordSample.WithFrames), and its
// fingerprint names them.
func TestWordFrames(t *testing.T) {
	base := defaultTagger(t)
	for _, c := range []struct {
		title          string
		between, after []string
	}{
		{"China urges Ukraine to negotiate", []string{"urges"}, []string{"to", "negotiate"}},
		{"Japan and China to hold talks on fishing", []string{"and"}, []string{"to", "hold", "talks"}},
		{"Israel strikes Gaza as fighting rages", []string{"strikes"}, []string{"as", "fighting", "rages"}},
		{"China says China will grow", nil, nil},
		{"Brazil votes in a runoff on Sunday", nil, nil},
	} {
		s, ok := base.WordSampleOf(&article.Article{Title: c.title, Text: "Officials spoke on Monday.", Language: "en"}, true)
		if !ok {
			t.Fatalf("%q: no sample", c.title)
		}
		var want []uint64
		for _, w := range c.between {
			want = append(want, frameHash(stemHash(w), false))
		}
		for _, w := range c.after {
			want = append(want, frameHash(stemHash(w), true))
		}
		if got := s.Frames; !slices.Equal(distinctFeatures(want), got) {
			t.Errorf("%q: frames %x, want %x (between %q, after %q)", c.title, got, distinctFeatures(want), c.between, c.after)
		}
		for _, f := range s.Frames {
			if slices.Contains(s.Feats, f) || slices.Contains(s.TitlePairs, f) || slices.Contains(s.Classes, f) || slices.Contains(s.TitleWords, f) {
				t.Errorf("%q: frame %x is a stem's, a pair's, a class's or a title word's hash", c.title, f)
			}
		}
	}
	a := &article.Article{Title: "China urges Ukraine to negotiate", Text: "Beijing spoke on Monday.", Language: "en"}
	s, _ := base.WordSampleOf(a, true)
	checkSwitchReading(t, base, a, s, "frames", s.Frames, func(m *WordModel, on bool) { m.Frames = on }, WordSample.WithFrames)
}

// leadAndRestSample is the repository's tagger, an article whose body has
// a lead and stems beyond it, and its word sample.
func leadAndRestSample(t *testing.T) (*Tagger, *article.Article, WordSample) {
	t.Helper()
	base := defaultTagger(t)
	a := &article.Article{Title: "China urges Ukraine to negotiate", Language: "en",
		Text: "Beijing called for talks on Monday. Officials in Kyiv said talks would wait for a withdrawal of troops."}
	s, ok := base.WordSampleOf(a, true)
	if !ok {
		t.Fatal("no sample")
	}
	return base, a, s
}

// TestWordLeadOnly (V40): the stems only the body beyond its first
// sentence holds are set apart (RestFeats) — not a stem the title or the
// lead also holds — and the tagger's word log-odds under LeadOnly are the
// training's without them.
func TestWordLeadOnly(t *testing.T) {
	base, a, s := leadAndRestSample(t)
	for _, w := range []string{"officials", "withdrawal", "troops"} {
		if !slices.Contains(s.RestFeats, stemHash(w)) {
			t.Errorf("%q, only beyond the lead, is not set apart: %x", w, s.RestFeats)
		}
	}
	for _, w := range []string{"talks", "china", "monday"} {
		if slices.Contains(s.RestFeats, stemHash(w)) {
			t.Errorf("%q, in the title or the lead, is set apart", w)
		}
	}
	if !slices.IsSorted(s.RestFeats) {
		t.Errorf("RestFeats not sorted: %x", s.RestFeats)
	}
	headline, _ := base.WordSampleOf(&article.Article{Title: "China urges Ukraine to negotiate", Language: "en"}, true)
	if len(headline.RestFeats) != 0 {
		t.Errorf("a bare headline has stems beyond its lead: %x", headline.RestFeats)
	}
	checkSwitchReading(t, base, a, s, "lead only", s.RestFeats, func(m *WordModel, on bool) { m.LeadOnly = on }, WordSample.WithLeadOnly)
}

// TestWordRestBudget (V41): under a RestBudget that the stems beyond the
// lead exceed, they move from Feats to Scaled at budget/n, the tagger's
// word log-odds are the training's, and the fingerprint names the budget;
// within the budget the sample reads as without one.
func TestWordRestBudget(t *testing.T) {
	base, a, s := leadAndRestSample(t)
	n := len(s.RestFeats)
	if n < 3 {
		t.Fatalf("%d stems beyond the lead, want at least 3", n)
	}
	within := s.WithRestBudget(n)
	if len(within.Scaled) != 0 || within.Scale != 1 || !slices.Equal(within.Feats, s.Feats) {
		t.Errorf("a budget of %d stems scales %d stems: %+v", n, n, within)
	}
	over := s.WithRestBudget(1)
	if !slices.Equal(over.Scaled, s.RestFeats) || over.Scale != 1/float64(n) {
		t.Errorf("a budget of 1 stem: Scaled %x at %v, want %x at %v", over.Scaled, over.Scale, s.RestFeats, 1/float64(n))
	}
	for _, f := range over.Scaled {
		if slices.Contains(over.Feats, f) {
			t.Errorf("%x both scaled and whole", f)
		}
	}
	if got := len(over.Feats) + len(over.Scaled); got != len(s.Feats) {
		t.Errorf("%d features read under the budget, %d without", got, len(s.Feats))
	}
	budget := func(on bool) int {
		if on {
			return 1
		}
		return 0
	}
	checkSwitchReading(t, base, a, s, "rest budget", s.RestFeats, func(m *WordModel, on bool) { m.RestBudget = budget(on) }, func(s WordSample, on bool) WordSample { return s.WithRestBudget(budget(on)) })
}

// TestWordLearnersReadScale: the logistic regression reads a scaled
// feature at its scale (without a ridge, a feature seen at half its value
// everywhere learns twice the weight), and the counts naive Bayes and the
// vocabulary read count it present.
func TestWordLearnersReadScale(t *testing.T) {
	const f = 7
	samples := func(scale float64) []WordSample {
		var ss []WordSample
		for i, y := range []bool{true, true, true, false, true, false, false, false} {
			s := WordSample{Y: y, Scale: 1}
			if i < 4 {
				s.Scaled, s.Scale = []uint64{f}, scale
			}
			ss = append(ss, s)
		}
		return ss
	}
	vocab := map[uint64]bool{f: true}
	whole := fitWordLBFGS(samples(1), vocab, 0, nil)
	half := fitWordLBFGS(samples(0.5), vocab, 0, nil)
	if math.Abs(half.W[f]-2*whole.W[f]) > 1e-4 || math.Abs(half.Bias-whole.Bias) > 1e-4 {
		t.Errorf("at half scale weight %v bias %v, at full %v %v: want twice the weight, the same bias", half.W[f], half.Bias, whole.W[f], whole.Bias)
	}
	if whole.W[f] <= 0 {
		t.Errorf("a feature of 3 positives and 1 negative weighs %v", whole.W[f])
	}
	c := CountWords(samples(0.5))
	if got := c.lang[0].df[f]; got != [2]int{1, 3} {
		t.Errorf("a scaled feature counted %v, want [1 3]", got)
	}
}

// TestWordFunctionShare (V42): a feature more than FunctionShare of the
// items with a body hold is left out of the vocabulary whatever its
// label, one at the share stays, items without a body do not count, and
// counts less a part's are the counts of the rest.
func TestWordFunctionShare(t *testing.T) {
	base := defaultTagger(t)
	if s, _ := base.WordSampleOf(&article.Article{Title: "China urges Ukraine to negotiate", Language: "en", Text: "Beijing called for talks."}, true); !s.Body {
		t.Error("an item with a body reads as without")
	}
	if s, _ := base.WordSampleOf(&article.Article{Title: "China urges Ukraine to negotiate", Language: "en"}, true); s.Body {
		t.Error("a bare headline reads as with a body")
	}
	const grammar, topical, other = 1, 2, 3
	var ss []WordSample
	for i := range 10 {
		s := WordSample{Body: true, Y: i%2 == 0, Scale: 1, Feats: []uint64{other}}
		if i < 6 { // 6 of 10 bodies, as many of each label: says nothing of the topic
			s.Feats = append(s.Feats, grammar)
		}
		if i < 5 && i%2 == 0 || i == 1 { // 4 of 10 bodies, mostly of the topic
			s.Feats = append(s.Feats, topical)
		}
		ss = append(ss, s)
	}
	// Headlines without a body, every one holding grammar, do not raise
	// its share among the bodies.
	for range 20 {
		ss = append(ss, WordSample{Y: true, Scale: 1, Feats: []uint64{grammar, other}})
	}
	c := CountWords(ss)
	vocab := wordVocabulary(&c.lang[0], 10, 0.5)
	if vocab[grammar] || !vocab[topical] {
		t.Errorf("share 0.5: vocabulary %v, want %d out (6 of 10 bodies) and %d in (4 of 10)", vocab, grammar, topical)
	}
	if all := wordVocabulary(&c.lang[0], 10, 0); !all[grammar] || !all[topical] {
		t.Errorf("no share: vocabulary %v, want both", all)
	}
	if v := wordVocabulary(&c.lang[0], 10, 0.6); !v[grammar] {
		t.Errorf("share 0.6: %d, held by exactly 6 of 10 bodies, is left out", grammar)
	}
	rest := c.Less(CountWords(ss[:5]))
	want := CountWords(ss[5:])
	if rest.lang[0].bodyDocs != want.lang[0].bodyDocs || !maps.Equal(rest.lang[0].bodyDF, want.lang[0].bodyDF) {
		t.Errorf("less a part: bodies %d %v, want %d %v", rest.lang[0].bodyDocs, rest.lang[0].bodyDF, want.lang[0].bodyDocs, want.lang[0].bodyDF)
	}
}
