package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/sqlite"
)

// A `warta once` whose cycle changed nothing renders and writes nothing;
// one after a new article, a changed publish option or a deleted file
// renders again.
func TestOnceWithNothingNewPublishesNothing(t *testing.T) {
	site := newNewsSite(t)
	items := []rssItem{{Title: "KTT ASEAN dibuka di Jakarta", Link: site.URL + "/ktt-asean",
		Description: "<p>Para kepala negara ASEAN berkumpul di Jakarta untuk KTT.</p>"}}
	site.serve("/rss", "application/rss+xml", rss("Dunia", items))
	dir := t.TempDir()
	feeds := filepath.Join(dir, "feeds")
	sources := []testSource{{Name: "Dunia", URL: site.URL + "/rss"}}
	cfg := writeConfig(t, dir, sources, nil)
	once := func() (rendered bool) {
		t.Helper()
		code, _, stderr := warta(t, context.Background(), "", "-config", cfg, "once")
		if code != 0 {
			t.Fatalf("warta once: exit %d\n%s", code, stderr)
		}
		return strings.Contains(stderr, "publish: feeds refreshed")
	}
	snapshot := func() map[string]time.Time {
		t.Helper()
		entries, err := os.ReadDir(feeds)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]time.Time{}
		for _, e := range entries {
			fi, err := e.Info()
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(e.Name(), ".atom") {
				out[e.Name()] = fi.ModTime()
			}
		}
		return out
	}
	if !once() {
		t.Fatal("the first run rendered nothing")
	}
	before := snapshot()
	if once() {
		t.Fatal("a run that found nothing new rendered the feeds")
	}
	after := snapshot()
	if len(after) != len(before) || len(after) == 0 {
		t.Fatalf("files %v, were %v", after, before)
	}
	for name, mod := range before {
		if !after[name].Equal(mod) {
			t.Errorf("%s was rewritten", name)
		}
	}

	// A new article.
	items = append(items, rssItem{Title: "Rupiah menguat terhadap dolar AS", Link: site.URL + "/rupiah",
		Description: "<p>Nilai tukar rupiah menguat pada perdagangan pagi.</p>"})
	site.serve("/rss", "application/rss+xml", rss("Dunia", items))
	if !once() {
		t.Fatal("a run that stored a new article rendered nothing")
	}
	if !hasLink(readAtom(t, filepath.Join(feeds, "all.atom")), site.URL+"/rupiah") {
		t.Fatal("the new article is not in the all feed")
	}
	if once() {
		t.Fatal("a second run after it rendered again")
	}

	// A publish option.
	cfg = writeConfig(t, dir, sources, map[string]any{
		"publish": map[string]any{"max_items": 100, "title": "berita", "dir": feeds}})
	if !once() {
		t.Fatal("a run with a new feed title rendered nothing")
	}
	all, err := os.ReadFile(filepath.Join(feeds, "all.atom"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(all), "berita: All stories") {
		t.Fatalf("the all feed keeps its old title:\n%s", all)
	}

	// A deleted file.
	if err := os.Remove(filepath.Join(feeds, "all.atom")); err != nil {
		t.Fatal(err)
	}
	if !once() {
		t.Fatal("a run that found a feed file missing rendered nothing")
	}
	if _, err := os.Stat(filepath.Join(feeds, "all.atom")); err != nil {
		t.Fatal(err)
	}
}

// A `warta once` that fetches nothing new but prunes renders the feeds
// without the pruned articles, and the run after it, having nothing to
// fetch or prune, renders nothing: the prune comes before publishing.
func TestOnceThatPrunesPublishesOnce(t *testing.T) {
	site := newNewsSite(t)
	site.serve("/rss", "application/rss+xml", rss("Dunia", nil)) // lists nothing
	dir := t.TempDir()
	feeds := filepath.Join(dir, "feeds")
	sources := []testSource{{Name: "Dunia", URL: site.URL + "/rss"}}
	// An article the source stored 100 hours ago and no longer lists.
	ctx := context.Background()
	old := &article.Article{Link: site.URL + "/ktt-asean", Title: "KTT ASEAN dibuka di Jakarta",
		Summary: "<p>Para kepala negara ASEAN berkumpul di Jakarta untuk KTT.</p>", Language: "id"}
	if err := normalize.New(normalize.Caps{}).Article(old, normalize.Options{Now: time.Now().Add(-100 * time.Hour), SourceName: "Dunia"}); err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(ctx, filepath.Join(dir, "warta.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveSource(ctx, "Dunia", store.FetchState{}, []*article.Article{old}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	storage := func(retention string) map[string]any {
		return map[string]any{"storage": map[string]any{"driver": "sqlite",
			"dsn": filepath.Join(dir, "warta.db"), "retention": retention}}
	}
	once := func(cfg string) (rendered bool) {
		t.Helper()
		code, _, stderr := warta(t, ctx, "", "-config", cfg, "once")
		if code != 0 {
			t.Fatalf("warta once: exit %d\n%s", code, stderr)
		}
		return strings.Contains(stderr, "publish: feeds refreshed")
	}
	if !once(writeConfig(t, dir, sources, storage("720h"))) {
		t.Fatal("the first run rendered nothing")
	}
	if !hasLink(readAtom(t, filepath.Join(feeds, "all.atom")), old.URL) {
		t.Fatal("the article is not in the all feed")
	}
	// A retention of 80 hours (at least dedupe.window) puts it past.
	cfg := writeConfig(t, dir, sources, storage("80h"))
	if !once(cfg) {
		t.Fatal("a run that pruned the only article rendered nothing")
	}
	if hasLink(readAtom(t, filepath.Join(feeds, "all.atom")), old.URL) {
		t.Fatal("the pruned article is still in the all feed")
	}
	if once(cfg) {
		t.Fatal("the run after the prune, with nothing fetched or pruned, rendered again")
	}
}
