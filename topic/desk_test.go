package topic

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/warta-news/warta/article"
)

// withDeskOdds returns tg with desk models that read every article at the
// probabilities given (a bias alone), and the other desks far under their
// cut: what the desks decide, whatever the article's words.
func withDeskOdds(tg *Tagger, ps map[string]float64) *Tagger {
	w := map[string][]float64{}
	for _, d := range deskModelDesks() {
		w[d] = make([]float64, numDeskFeatures)
		w[d][dBias] = -10
	}
	for d, p := range ps {
		w[d][dBias] = math.Log(p / (1 - p))
	}
	return tg.WithDeskModel(w)
}

// deskSlugs lists the desk topics among ms.
func deskSlugs(ms []article.TopicMatch) []string {
	var out []string
	for _, m := range ms {
		if deskModelIndex(m.Slug) >= 0 {
			out = append(out, m.Slug)
		}
	}
	return out
}

// An article is filed under a second desk only when the desk model is sure
// of it (SecondDeskCut): the labelled news carry one desk each, and a
// second desk the model is only somewhat sure of is more often wrong than
// right (BENCHMARKS.md, "A second desk topic only when it is strong").
// The most probable desk is the first, whatever the config's order. The
// item is written for the test.
func TestSecondDeskOnlyWhenStrong(t *testing.T) {
	base := defaultTagger(t)
	a := &article.Article{Title: "Officials meet on Tuesday", Text: "The meeting was held in the capital.", Language: "en"}
	for _, c := range []struct {
		ps   map[string]float64
		want []string
	}{
		{map[string]float64{"world": 0.95, "economy": 0.70}, []string{"world"}},
		{map[string]float64{"world": 0.60, "economy": 0.79}, []string{"economy"}},
		{map[string]float64{"world": 0.95, "economy": 0.85}, []string{"world", "economy"}},
		{map[string]float64{"world": 0.55}, []string{"world"}},
	} {
		got := deskSlugs(withDeskOdds(base, c.ps).Tag(a, Hints{}))
		if !slices.Equal(got, c.want) {
			t.Errorf("desk probabilities %v: desks %v, want %v", c.ps, got, c.want)
		}
	}
}

// Explain says why a second desk was dropped and after which desk; a
// desk topic its source boosts is the user's evidence and stays.
func TestSecondDeskDroppedIsExplained(t *testing.T) {
	tg := withDeskOdds(defaultTagger(t), map[string]float64{"world": 0.95, "economy": 0.70})
	a := &article.Article{Title: "Officials meet on Tuesday", Text: "The meeting was held in the capital.", Language: "en"}
	es := tg.Explain(a, Hints{})
	e := explain(es, "economy")
	if e.Passed || e.SecondDeskTo != "world" || e.Decider != "desk model" || e.Model == nil || e.Model.Probability != 0.7 {
		t.Errorf("economy: passed %t, second desk to %q, decider %q, model %+v; want dropped after world by the desk model at p 0.7", e.Passed, e.SecondDeskTo, e.Decider, e.Model)
	}
	if w := explain(es, "world"); !w.Passed || w.SecondDeskTo != "" {
		t.Errorf("world: passed %t, second desk to %q; want it passed, first", w.Passed, w.SecondDeskTo)
	}
	var b strings.Builder
	if err := WriteExplanations(&b, es); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "dropped: a second desk after world needs p=0.8") {
		t.Errorf("the explanation does not say why economy was dropped:\n%s", b.String())
	}
	if got := deskSlugs(tg.Tag(a, Hints{Boost: map[string]float64{"economy": 1}})); !slices.Equal(got, []string{"world", "economy"}) {
		t.Errorf("with economy boosted: desks %v, want world and economy", got)
	}
}
