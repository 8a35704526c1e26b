package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/pgtest"
)

// The daemon stores an article's topics as decided when it arrived (the
// stream model as it stood then); once the rules change, a re-tag stores
// today's verdict, and `warta explain` shows both where they differ, so
// that the reason shown is not taken for the reason the article is in a
// feed (review 13, finding 4; leftovers5: only when the rules changed).
func TestExplainStoredShowsStoredTopicsWhereTodayDiffers(t *testing.T) {
	for _, driver := range []string{"sqlite", "postgres"} {
		t.Run(driver, func(t *testing.T) { explainStoredAfterARulesChange(t, driver) })
	}
}

func explainStoredAfterARulesChange(t *testing.T, driver string) {
	site := newNewsSite(t)
	site.serve("/rss", "application/rss+xml", explainFeed(site.URL))
	dir := t.TempDir()
	var extra map[string]any
	if driver == "postgres" {
		extra = map[string]any{"storage": map[string]any{"driver": "postgres", "dsn": pgtest.DSN(t)}}
	}
	cfg := writeConfig(t, dir, []testSource{{Name: "Kabar", URL: site.URL + "/rss"}}, extra)
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
	// The rules change: the source's items are forced into arts. The
	// stored topics were decided under other rules, and a daemon with this
	// config re-tags them: explain shows both.
	writeConfig(t, dir, []testSource{{Name: "Kabar", URL: site.URL + "/rss", Topics: []string{"arts-entertainment"}}}, extra)
	ex := explain()
	if ex.Changed == nil || slices.Contains(ex.Changed.Stored, "arts-entertainment") || !slices.Contains(ex.Changed.Today, "arts-entertainment") {
		t.Fatalf("changed: %+v, want the stored topics and today's with arts-entertainment", ex.Changed)
	}
	text := mustWarta(t, "-config", cfg, "explain", url)
	if !strings.Contains(text, "stored: "+strings.Join(ex.Changed.Stored, ", ")+"; today's model: "+strings.Join(ex.Changed.Today, ", ")) {
		t.Errorf("text explanation does not show both verdicts:\n%s", text)
	}
}
