package topic

import (
	"slices"
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

// The stream model reads the publisher's desk as one more word of an item
// filed under one, and no such word for an item of no known desk.
func TestPublisherDeskIsAStreamWord(t *testing.T) {
	tg := defaultTagger(t)
	world := featureHash("\x00desk world")
	for _, c := range []struct {
		link string
		want bool
	}{
		{"https://example.com/world/2026/eu-sanctions", true},
		{"https://news.example.co.id/internasional/d-1/sanksi", true},
		{"https://example.com/news/eu-sanctions", false},
		{"", false},
	} {
		s := tg.scratch.Get().(*scratch)
		s.features = true
		a := &article.Article{Title: "EU imposes new sanctions on Russia", Language: "en", Link: c.link}
		tg.evaluate(s, a, langIndex("en"), Hints{}, make([]result, len(tg.rules)))
		if got := slices.Contains(s.feats, world); got != c.want {
			t.Errorf("%q: the world desk among the stream words %t, want %t", c.link, got, c.want)
		}
		s.features = false
		tg.scratch.Put(s)
	}
}
