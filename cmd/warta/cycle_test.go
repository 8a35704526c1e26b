package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/warta-news/warta/internal/fixtures"
)

// The pipeline keeps each source's validators: the second cycle sends
// If-None-Match and If-Modified-Since, gets 304 and parses nothing.
func TestConditionalGETAcrossCycles(t *testing.T) {
	site := newNewsSite(t)
	body := rss("Dunia", []rssItem{{Title: "KTT ASEAN dibuka di Jakarta", Link: site.URL + "/ktt-asean",
		Description: "<p>Para kepala negara ASEAN berkumpul di Jakarta untuk KTT.</p>"}})
	var conditional, notModified atomic.Int32
	site.handle("/rss", func(w http.ResponseWriter, r *http.Request) {
		const etag = `"v1"`
		const lastMod = "Fri, 20 Nov 2026 10:00:00 GMT"
		if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
			conditional.Add(1)
		}
		if r.Header.Get("If-None-Match") == etag && r.Header.Get("If-Modified-Since") == lastMod {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(body)
	})
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "Dunia", URL: site.URL + "/rss"}}, nil)
	first := mustWarta(t, "-config", cfg, "once")
	second := mustWarta(t, "-config", cfg, "once")
	if conditional.Load() != 1 || notModified.Load() != 1 {
		t.Fatalf("conditional requests %d, 304s %d; want 1 and 1", conditional.Load(), notModified.Load())
	}
	if !strings.Contains(first, "new articles 1") || !strings.Contains(second, "not modified 1") {
		t.Fatalf("first: %s\nsecond: %s", first, second)
	}
	if n := len(exported(t, cfg)); n != 1 {
		t.Fatalf("%d articles stored, want 1", n)
	}
}

// When the topics in the config change, the articles already stored are
// re-tagged, and the feeds follow the new rules without a new fetch.
func TestTopicChangeRetagsStoredArticles(t *testing.T) {
	site := newNewsSite(t)
	link := site.URL + "/kuliner/rendang"
	site.serve("/rss", "application/rss+xml", rss("Kuliner", []rssItem{{Title: "Resep rendang padang yang empuk", Link: link,
		Description: "<p>Rendang dimasak perlahan dengan santan dan rempah selama empat jam.</p>"}}))
	dir := t.TempDir()
	cfgPath := writeConfig(t, dir, []testSource{{Name: "Kuliner", URL: site.URL + "/rss", Language: "id"}}, nil)
	mustWarta(t, "-config", cfgPath, "once")
	recs := exported(t, cfgPath)
	if len(recs) != 1 || hasTopic(recs[0], "food") {
		t.Fatalf("before: %+v", recs)
	}

	// Add a topic that matches the stored article.
	raw, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := yaml.Unmarshal(raw, &cfg); err != nil {
		t.Fatal(err)
	}
	topics, _ := cfg["topics"].([]any) // none: the built-in topics
	cfg["topics"] = append(topics, map[string]any{
		"slug": "food", "title": "Food", "terms": map[string]any{"id": []string{"rendang^5", "resep^5"}, "en": []string{"recipe^5"}},
	})
	out, err := yaml.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfgPath, out, 0o644); err != nil {
		t.Fatal(err)
	}
	site.serve("/rss", "application/rss+xml", rss("Kuliner", nil)) // nothing new to fetch
	mustWarta(t, "-config", cfgPath, "once")
	recs = exported(t, cfgPath)
	if len(recs) != 1 || !hasTopic(recs[0], "food") {
		t.Fatalf("after the topic change the stored article is not re-tagged: %+v", recs)
	}
	food := readAtom(t, filepath.Join(dir, "feeds", "food.atom"))
	if !hasLink(food, link) {
		t.Fatalf("food feed lacks the re-tagged article")
	}
}

func hasTopic(r exportRecord, slug string) bool {
	for _, tm := range r.Topics {
		if tm.Slug == slug {
			return true
		}
	}
	return false
}

// The real Indonesian feed snapshots, faults and all, go through a whole
// cycle and come out as valid Atom.
func TestRealIndonesianFeedsEndToEnd(t *testing.T) {
	sources := serveRealSnapshots(t)
	dir := t.TempDir()
	cfg := writeConfig(t, dir, sources, map[string]any{"storage": map[string]any{"driver": "sqlite", "dsn": filepath.Join(dir, "warta.db"), "retention": "0s"}})
	out := mustWarta(t, "-config", cfg, "once")
	if !strings.Contains(out, "failed 0") {
		t.Fatalf("a real feed failed: %s", out)
	}
	recs := exported(t, cfg)
	bySource := map[string]int{}
	for _, r := range recs {
		bySource[r.Source]++
		if r.Language != "id" {
			t.Errorf("%s: %q language %q, want id", r.Source, r.Title, r.Language)
		}
		if r.Published.IsZero() {
			t.Errorf("%s: %q has no date", r.Source, r.Title)
		}
	}
	for _, s := range sources {
		if bySource[s.Name] == 0 {
			t.Errorf("nothing stored from %s", s.Name)
		}
	}
	validateAll(t, filepath.Join(dir, "feeds"))
}

// serveRealSnapshots serves the real Indonesian feed snapshots of
// internal/fixtures from a local news site and returns them as sources.
func serveRealSnapshots(t *testing.T) []testSource {
	t.Helper()
	site := newNewsSite(t)
	var sources []testSource
	for _, name := range []string{
		"detik_news_2014-04-29_feedsportal.xml", "detik_news_2017-04-28.xml",
		"tempo_rss2_2017-04-06.xml", "tempo_terkini_rss091_2017-04-28.xml",
		"viva_all_2017-04-28.xml", "antara_jambi_terkini_2022-08-28.xml",
	} {
		body, err := fixtures.Read(name)
		if err != nil {
			t.Fatal(err)
		}
		site.serve("/"+name, "text/xml", body)
		sources = append(sources, testSource{Name: strings.TrimSuffix(name, ".xml"), URL: site.URL + "/" + name})
	}
	return sources
}
