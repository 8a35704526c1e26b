package topic

import (
	"math"
	"slices"
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
