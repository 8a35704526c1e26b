package topic

import (
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
