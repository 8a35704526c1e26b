package main

import (
	"context"
	"net/http"
	"path/filepath"
	"testing"
	"time"
)

// A story found in a later cycle, dated before the stories already on the
// first page (a feed that dates items late, a source back from a backoff),
// is on the first page a reader polls: feeds list stories by arrival
// (review 16: 3).
func TestStoryFoundLateIsOnTheFirstPage(t *testing.T) {
	site := newNewsSite(t)
	now := time.Now().UTC()
	items := []rssItem{
		{Title: "KTT ASEAN dibuka di Jakarta", Link: site.URL + "/ktt-asean", PubDate: now.Format(http.TimeFormat),
			Description: "<p>Para kepala negara ASEAN berkumpul di Jakarta untuk KTT.</p>"},
		{Title: "Rupiah menguat terhadap dolar AS", Link: site.URL + "/rupiah", PubDate: now.Add(-time.Minute).Format(http.TimeFormat),
			Description: "<p>Nilai tukar rupiah menguat pada perdagangan pagi.</p>"},
		{Title: "Timnas menang di kualifikasi Piala Dunia", Link: site.URL + "/timnas", PubDate: now.Add(-2 * time.Minute).Format(http.TimeFormat),
			Description: "<p>Tim nasional sepak bola mengalahkan lawannya dua gol tanpa balas.</p>"},
	}
	site.serve("/rss", "application/rss+xml", rss("Dunia", items))
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "Dunia", URL: site.URL + "/rss"}},
		map[string]any{"publish": map[string]any{"max_items": 2, "dir": filepath.Join(dir, "feeds")}})
	once := func() {
		t.Helper()
		if code, _, stderr := warta(t, context.Background(), "", "-config", cfg, "once"); code != 0 {
			t.Fatalf("warta once: exit %d\n%s", code, stderr)
		}
	}
	once()
	late := rssItem{Title: "Gempa bumi mengguncang Sulawesi Tengah", Link: site.URL + "/gempa",
		PubDate:     now.Add(-time.Hour).Format(http.TimeFormat),
		Description: "<p>Gempa berkekuatan 5,8 melanda wilayah Palu tanpa potensi tsunami.</p>"}
	site.serve("/rss", "application/rss+xml", rss("Dunia", append(items, late)))
	once()
	if f := readAtom(t, filepath.Join(dir, "feeds", "all.atom")); !hasLink(f, late.Link) {
		var links []string
		for _, it := range f.Items {
			links = append(links, it.Link)
		}
		t.Errorf("the story found in the second cycle, dated an hour earlier, is not on all.atom's first page: %v", links)
	}
}
