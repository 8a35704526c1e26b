package topic

import (
	"fmt"
	"testing"

	"github.com/warta-news/warta/article"
)

// The stream model learns international relations from the actors
// model's confident decisions and would lift what shares their words (the
// same region, the same leaders) whatever the relation: a report that
// links no two actors by a relation it does not lift, however sure it is
// (BENCHMARKS.md, nostreamir and streamirrel). Written for the test.
func TestStreamLiftsNoUnlinkedReport(t *testing.T) {
	tg := defaultTagger(t)
	st := tg.NewStream()
	var pacts []*article.Article
	for i := range 3 * StreamMinExamples {
		pacts = append(pacts, &article.Article{Language: "en",
			Title: fmt.Sprintf("France and Germany sign Sahel security pact, round %d", i),
			Text:  "The foreign ministers of France and Germany signed a security cooperation agreement on the Sahel in Paris. The Sahel pact covers Mali and Niger."},
			&article.Article{Language: "en",
				Title: fmt.Sprintf("City council approves budget for new library, vote %d", i),
				Text:  "The city council approved the budget for a new public library. Councillors voted after a long debate."})
	}
	if n := st.Learn(pacts, Hints{}); n == 0 {
		t.Fatal("the stream learned nothing: the test needs confident decisions")
	}
	a := &article.Article{Language: "en", Title: "Sahel farmers in Mali and Niger face a dry season",
		Text: "Farmers across the Sahel, in Mali and Niger, expect a poor harvest after the rains failed."}
	if z, known := streamOdds(tg, st, a, tg.ir); !known || z < StreamMargin {
		t.Fatalf("the stream model's log-odds %.2f (learned enough: %v) are under its margin %g: the test needs one it is sure of", z, known, StreamMargin)
	}
	e := explain(st.Explain(a, Hints{}), "international-relations")
	if e.Model == nil || e.Model.Probability >= e.Model.Cut || e.Model.Guard != "" {
		t.Fatalf("the models' reading %+v: the test needs one under the cut that no guard holds", e.Model)
	}
	if e.Passed || e.Decider == "stream model" {
		t.Errorf("the stream model lifted international relations: %+v", e)
	}
	for _, m := range st.Tag(a, Hints{}) {
		if m.Slug == "international-relations" {
			t.Errorf("tagged international relations: %+v", m)
		}
	}
}

// streamOdds is the stream model's log-odds of rule i for a (in its first
// language), as decide reads them, and whether it has learned enough.
func streamOdds(tg *Tagger, st *Stream, a *article.Article, i int) (float64, bool) {
	s := tg.read(a, st)
	defer tg.release(s)
	defer func() { s.features = false }()
	res := make([]result, len(tg.rules))
	ok, exprMet := make([]bool, len(tg.rules)), make([]bool, len(tg.rules))
	l := languages(a)[0]
	tg.judgeLanguage(s, a, l, Hints{}, tg.genreOf(a, Hints{}), st, false, res, ok, exprMet)
	return st.odds(s, l, i)
}
