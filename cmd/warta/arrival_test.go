package main

import (
	"context"
	"database/sql"
	"net/http"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// A story found in a later cycle, dated before the stories already on the
// first page (a feed that dates items late, a source back from a backoff),
// is on the first page a reader polls: feeds list stories by the minute
// they arrived (review 16: 3). The first cycle's articles are moved a
// minute back, as if it had run a minute earlier: cycles within one minute
// are listed by date together.
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
	storedAMinuteEarlier(t, filepath.Join(dir, "warta.db"))
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

// storedAMinuteEarlier moves the first_seen of every article stored in the
// SQLite file at path back a minute (its fixed-width layout keeps the
// fraction and zone after byte 19).
func storedAMinuteEarlier(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE articles SET first_seen =
		strftime('%Y-%m-%dT%H:%M:%S', first_seen, '-1 minute') || substr(first_seen, 20)`); err != nil {
		t.Fatal(err)
	}
}

// A first ingest lists the newest news first, whichever items the cycle
// decided last: it stamps its articles' arrival microseconds apart in the
// order it decides them (items dated before the dedupe window, a backfill,
// come last in a batch, as a feed fetched last does), so by arrival alone
// page 1 held those old items. Stories of one cycle, which arrive in one
// minute, are listed by date (brief arrival).
func TestFirstIngestListsTheNewestFirst(t *testing.T) {
	site := newNewsSite(t)
	now := time.Now().UTC()
	items := []rssItem{
		{Title: "KTT ASEAN dibuka di Jakarta", Link: site.URL + "/ktt-asean", PubDate: now.Format(http.TimeFormat),
			Description: "<p>Para kepala negara ASEAN berkumpul di Jakarta untuk KTT.</p>"},
		{Title: "Rupiah menguat terhadap dolar AS", Link: site.URL + "/rupiah", PubDate: now.Add(-time.Minute).Format(http.TimeFormat),
			Description: "<p>Nilai tukar rupiah menguat pada perdagangan pagi.</p>"},
		{Title: "Timnas menang di kualifikasi Piala Dunia", Link: site.URL + "/timnas", PubDate: now.Add(-96 * time.Hour).Format(http.TimeFormat),
			Description: "<p>Tim nasional sepak bola mengalahkan lawannya dua gol tanpa balas.</p>"},
		{Title: "Gempa bumi mengguncang Sulawesi Tengah", Link: site.URL + "/gempa", PubDate: now.Add(-97 * time.Hour).Format(http.TimeFormat),
			Description: "<p>Gempa berkekuatan 5,8 melanda wilayah Palu tanpa potensi tsunami.</p>"},
	}
	site.serve("/rss", "application/rss+xml", rss("Dunia", items))
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "Dunia", URL: site.URL + "/rss"}},
		map[string]any{"publish": map[string]any{"max_items": 2, "dir": filepath.Join(dir, "feeds")}})
	if code, _, stderr := warta(t, context.Background(), "", "-config", cfg, "once"); code != 0 {
		t.Fatalf("warta once: exit %d\n%s", code, stderr)
	}
	var links []string
	for _, it := range readAtom(t, filepath.Join(dir, "feeds", "all.atom")).Items {
		links = append(links, it.Link)
	}
	if want := []string{items[0].Link, items[1].Link}; !slices.Equal(links, want) {
		t.Errorf("all.atom's first page after a first ingest = %v, want the newest news %v", links, want)
	}
}
