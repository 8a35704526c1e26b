package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store/sqlite"
)

// The daemon stores an article's topics as decided when it arrived (the
// stream model as it stood then); `warta explain` of it shows today's
// verdict, and where the two differ it shows both, so that the reason
// shown is not taken for the reason the article is in a feed (review 13,
// finding 4).
func TestExplainStoredShowsStoredTopicsWhereTodayDiffers(t *testing.T) {
	site := newNewsSite(t)
	site.serve("/rss", "application/rss+xml", explainFeed(site.URL))
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "Kabar", URL: site.URL + "/rss"}}, nil)
	mustWarta(t, "-config", cfg, "once")
	url := site.URL + "/dunia/menlu-bertemu"
	var id string
	for _, r := range exported(t, cfg) {
		if r.URL == url {
			id = r.ID
		}
	}
	if id == "" {
		t.Fatal("the article was not stored")
	}
	explain := func() explanation {
		t.Helper()
		var ex explanation
		if out := mustWarta(t, "-config", cfg, "explain", "-json", url); json.Unmarshal([]byte(out), &ex) != nil || !ex.Stored {
			t.Fatalf("explain: %s", out)
		}
		return ex
	}
	if ex := explain(); ex.Changed != nil {
		t.Errorf("stored and today's topics agree, yet: %+v", ex.Changed)
	}
	// Stored topics of another day's model: arts only.
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(dir, "warta.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetTopics(ctx, map[string][]article.TopicMatch{id: {{Slug: "arts-entertainment"}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ex := explain()
	if ex.Changed == nil || strings.Join(ex.Changed.Stored, ",") != "arts-entertainment" || len(ex.Changed.Today) == 0 {
		t.Fatalf("changed: %+v, want stored arts-entertainment and today's topics", ex.Changed)
	}
	text := mustWarta(t, "-config", cfg, "explain", url)
	if !strings.Contains(text, "stored: arts-entertainment; today's model: "+strings.Join(ex.Changed.Today, ", ")) {
		t.Errorf("text explanation does not show both verdicts:\n%s", text)
	}
}
