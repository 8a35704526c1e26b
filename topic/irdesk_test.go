package topic

import (
	"strings"
	"testing"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/section"
)

// The publisher's desk moves the actors model's cut only for items filed
// under that desk, and explain says when it decided; an item of no known
// desk is cut as before.
func TestPublisherDeskCut(t *testing.T) {
	tg := defaultTagger(t)
	item := func(link string, cats ...string) *article.Article {
		return &article.Article{Title: "EU imposes new sanctions on Russia", Text: "The European Union agreed new sanctions against Moscow; the Kremlin condemned the decision.",
			Language: "en", Link: link, Categories: cats}
	}
	e := explain(tg.Explain(item(""), Hints{}), "international-relations")
	if !e.Passed || e.Model == nil {
		t.Fatalf("the item is not international relations to begin with: %+v", e)
	}
	var cuts [section.NumDesks]float64
	cuts[section.Sport] = min(1, e.Model.Probability+0.01)
	cuts[section.Unknown] = 1 // an unknown desk always keeps the model's own cut
	strict := tg.WithIRDeskCuts(cuts)
	for _, c := range []struct {
		a    *article.Article
		want bool
	}{
		{item(""), true},
		{item("https://example.com/world/2026/eu-sanctions"), true},
		{item("https://example.com/sport/2026/eu-sanctions"), false},
		{item("https://example.com/a/1", "Olahraga"), false},
	} {
		_, got := match(strict.Tag(c.a, Hints{}), "international-relations")
		e := explain(strict.Explain(c.a, Hints{}), "international-relations")
		if got != c.want {
			t.Errorf("%s %q: international relations %t, want %t (%+v)", c.a.Link, c.a.Categories, got, c.want, e)
		}
		if fromDesk := strings.Contains(e.Decider, "sport desk"); fromDesk == c.want {
			t.Errorf("%s %q: decider %q", c.a.Link, c.a.Categories, e.Decider)
		}
	}
	if strict.Fingerprint() == tg.WithIRDeskCuts([section.NumDesks]float64{}).Fingerprint() {
		t.Error("the desks' cuts do not change the fingerprint")
	}
}
