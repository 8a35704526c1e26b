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

// arrivalNews is a news site's feed "Dunia" for the arrival tests: item i
// of four distinct stories is dated dates[i], and a one-source config with
// max_items 2 reads it. once runs `warta once`; firstPage lists the links
// of all.atom.
type arrivalNews struct {
	site  *newsSite
	dir   string
	cfg   string
	items []rssItem
}

func newArrivalNews(t *testing.T) *arrivalNews {
	site := newNewsSite(t)
	dir := t.TempDir()
	return &arrivalNews{site: site, dir: dir,
		cfg: writeConfig(t, dir, []testSource{{Name: "Dunia", URL: site.URL + "/rss"}},
			map[string]any{"publish": map[string]any{"max_items": 2, "dir": filepath.Join(dir, "feeds")}})}
}

// serve makes the feed hold the first len(dates) stories, dated dates.
func (n *arrivalNews) serve(dates ...time.Time) {
	stories := []struct{ title, path, text string }{
		{"KTT ASEAN dibuka di Jakarta", "/ktt-asean", "Para kepala negara ASEAN berkumpul di Jakarta untuk KTT."},
		{"Rupiah menguat terhadap dolar AS", "/rupiah", "Nilai tukar rupiah menguat pada perdagangan pagi."},
		{"Timnas menang di kualifikasi Piala Dunia", "/timnas", "Tim nasional sepak bola mengalahkan lawannya dua gol tanpa balas."},
		{"Gempa bumi mengguncang Sulawesi Tengah", "/gempa", "Gempa berkekuatan 5,8 melanda wilayah Palu tanpa potensi tsunami."},
	}
	n.items = n.items[:0]
	for i, d := range dates {
		s := stories[i]
		n.items = append(n.items, rssItem{Title: s.title, Link: n.site.URL + s.path,
			PubDate: d.Format(http.TimeFormat), Description: "<p>" + s.text + "</p>"})
	}
	n.site.serve("/rss", "application/rss+xml", rss("Dunia", n.items))
}

func (n *arrivalNews) once(t *testing.T) {
	t.Helper()
	if code, _, stderr := warta(t, context.Background(), "", "-config", n.cfg, "once"); code != 0 {
		t.Fatalf("warta once: exit %d\n%s", code, stderr)
	}
}

func (n *arrivalNews) firstPage(t *testing.T) []string {
	t.Helper()
	var links []string
	for _, it := range readAtom(t, filepath.Join(n.dir, "feeds", "all.atom")).Items {
		links = append(links, it.Link)
	}
	return links
}

// A story found in a later cycle, dated before the stories already on the
// first page (a feed that dates items late, a source back from a backoff),
// is on the first page a reader polls: feeds list stories by the minute
// they arrived (review 16: 3). The first cycle's articles are moved a
// minute back, as if it had run a minute earlier: cycles within one minute
// are listed by date together.
func TestStoryFoundLateIsOnTheFirstPage(t *testing.T) {
	news := newArrivalNews(t)
	now := time.Now().UTC()
	news.serve(now, now.Add(-time.Minute), now.Add(-2*time.Minute))
	news.once(t)
	storedAMinuteEarlier(t, filepath.Join(news.dir, "warta.db"))
	news.serve(now, now.Add(-time.Minute), now.Add(-2*time.Minute), now.Add(-time.Hour))
	news.once(t)
	if late, links := news.items[3].Link, news.firstPage(t); !slices.Contains(links, late) {
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
	news := newArrivalNews(t)
	now := time.Now().UTC()
	news.serve(now, now.Add(-time.Minute), now.Add(-96*time.Hour), now.Add(-97*time.Hour))
	news.once(t)
	if links, want := news.firstPage(t), []string{news.items[0].Link, news.items[1].Link}; !slices.Equal(links, want) {
		t.Errorf("all.atom's first page after a first ingest = %v, want the newest news %v", links, want)
	}
}
