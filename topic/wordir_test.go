package topic

import (
	"testing"

	"github.com/warta-news/warta/article"
)

// TestEqualPrecisionCut: the lowest stacked cut whose precision is at
// least the actors model's at its cut, counting tied probabilities
// together.
func TestEqualPrecisionCut(t *testing.T) {
	// Stacked = the word log-odds alone (Actor 0, Word 1), so each
	// sample's stacked probability is sigmoid(Word).
	k := WordStack{Word: 1}
	ss := []StackSample{
		// The actors model (cut 0.5: ActorZ >= 0) enters four, three IR:
		// precision 0.75.
		{ActorZ: 1, Word: 3, Y: true},
		{ActorZ: 1, Word: 2, Y: true},
		{ActorZ: 1, Word: 1, Y: false},
		{ActorZ: 1, Word: -2, Y: true},
		// Rejected by the actors model, the words rank them high.
		{ActorZ: -1, Word: 0.5, Y: true},
		{ActorZ: -1, Word: 0, Y: false},
		{ActorZ: -1, Word: -1, Y: false},
	}
	// By stacked probability: Y Y N Y(0.5) N(0) N(-1) Y(-2). Precision
	// after each: 1, 1, .67, .75, .6, .5, .57: the lowest cut at >= .75
	// is sigmoid(0.5).
	if got, want := EqualPrecisionCut(ss, k, 0.5), sigmoid(0.5); got != want {
		t.Errorf("cut %.4f, want %.4f", got, want)
	}
	// Tied at the cut: the two of stacked probability sigmoid(0) enter
	// together, precision 4/6 < .75, so the cut stays sigmoid(0.5).
	tied := append(ss[:len(ss):len(ss)], StackSample{ActorZ: -1, Word: 0, Y: true})
	if got, want := EqualPrecisionCut(tied, k, 0.5), sigmoid(0.5); got != want {
		t.Errorf("tied: cut %.4f, want %.4f", got, want)
	}
	// The actors model enters none: the shipped cut.
	if got := EqualPrecisionCut(ss[4:], k, 0.5); got != 0.5 {
		t.Errorf("no actors entry: cut %.4f, want 0.5", got)
	}
}

// TestWordModelGate: a language of fewer than WordMinPositives IR items
// is closed; the tagger is there as without the word model and collects
// no stems for it.
func TestWordModelGate(t *testing.T) {
	var ss []WordSample
	for i := range 2 * WordMinPositives {
		ss = append(ss, WordSample{Lang: 0, Feats: []uint64{uint64(i % 7)}, Y: i%2 == 0})
	}
	for i := range 2*WordMinPositives - 2 {
		ss = append(ss, WordSample{Lang: 1, Feats: []uint64{uint64(i % 7)}, Y: i%2 == 0})
	}
	m := FitWords(ss, WordNB)
	m.Gate(ss)
	if m.Lang[0].W == nil || m.Lang[1].W != nil {
		t.Fatalf("open: en %v id %v, want en only", m.Lang[0].W != nil, m.Lang[1].W != nil)
	}
	base := defaultTagger(t)
	tg := base.WithWordModel(m, [numLangs]WordStack{{Actor: 1, Word: 5, Bias: 3}, {Actor: 1, Word: 5, Bias: 3}}, WordStackGuards|WordPrior)
	if !tg.collects(nil, 0) || tg.collects(nil, 1) {
		t.Errorf("collects stems without a stream: en %v id %v, want en only", tg.collects(nil, 0), tg.collects(nil, 1))
	}
	a := &article.Article{Title: "Menlu RI bertemu Menlu Australia bahas kerja sama", Text: "Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Australia di Jakarta untuk membahas kerja sama kedua negara.", Language: "id"}
	if got, want := tg.Tag(a, Hints{}), base.Tag(a, Hints{}); !sameSlugs(got, want) {
		t.Errorf("closed language: %v, without the word model %v", got, want)
	}
	// In the open language the stacking decides.
	en := &article.Article{Title: "Foreign ministers of Japan and China meet to discuss trade", Text: "The foreign ministers of Japan and China met in Beijing to discuss trade and the two countries' relations.", Language: "en"}
	if p, q := wordIRProbability(t, tg, en), wordIRProbability(t, base, en); p == q {
		t.Errorf("open language: probability %v, as without the word model", p)
	}
	if p, q := wordIRProbability(t, tg, a), wordIRProbability(t, base, a); p != q {
		t.Errorf("closed language: probability %v, without the word model %v", p, q)
	}
}

// wordIRProbability is the actors model's probability in tg's explanation of a.
func wordIRProbability(t *testing.T, tg *Tagger, a *article.Article) float64 {
	t.Helper()
	for _, e := range tg.Explain(a, Hints{}) {
		if e.Slug == "international-relations" && e.Model != nil {
			return e.Model.Probability
		}
	}
	t.Fatalf("no reading of international relations for %q", a.Title)
	return 0
}

func sameSlugs(a, b []article.TopicMatch) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Slug != b[i].Slug {
			return false
		}
	}
	return true
}
