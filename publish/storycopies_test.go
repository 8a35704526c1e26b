package publish

import (
	"slices"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// Two feeds of one outlet (two sources, so two names) are one outlet: its
// re-post of the lead under another section, or on another of its hosts,
// is not "Also reported by" (review 14).
func TestStoryCopiesSkipTheLeadsOwnSite(t *testing.T) {
	s := &article.Story{ID: "a", Lead: &article.Article{ID: "a", Source: "Outlet A", URL: "https://a.example/berita/x"},
		Copies: []*article.Article{
			{ID: "b", Source: "Outlet B", URL: "https://b.example/x"},
			{ID: "c", Source: "Outlet A Video", URL: "https://a.example/regional/x"},
			{ID: "d", Source: "Outlet A Regional", URL: "https://regional.a.example/x"},
			{ID: "e", Source: "Outlet A WWW", URL: "https://www.a.example/x"},
		}}
	got := storyCopies(s)
	if len(got) != 1 || got[0].Source != "Outlet B" {
		t.Errorf("copies %+v, want Outlet B's alone", got)
	}
	// Outlets served from one address (a test site) are told apart by
	// their names.
	local := &article.Story{ID: "a", Lead: &article.Article{ID: "a", Source: "Antara", URL: "http://127.0.0.1:8080/antara/x"},
		Copies: []*article.Article{{ID: "b", Source: "Kompas", URL: "http://127.0.0.1:8080/kompas/x"},
			{ID: "c", Source: "Tempo", URL: "http://localhost:8080/tempo/x"}}}
	if got := storyCopies(local); len(got) != 2 {
		t.Errorf("copies %+v, want Kompas's and Tempo's", got)
	}
}

// An entry's updated time moves exactly when its content does: a copy the
// entry does not show (the lead's outlet's re-post, a second copy of an
// outlet already listed, a copy at the lead's URL) does not move it
// (review 14).
func TestStoryUpdatedIgnoresCopiesNotShown(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)
	s := &article.Story{ID: "a", Lead: &article.Article{ID: "a", Source: "D", URL: "https://d.example/1", Published: t0, FirstSeen: t0},
		Copies: []*article.Article{
			{ID: "b", Source: "D", URL: "https://d.example/2", FirstSeen: t0.Add(time.Hour)},
			{ID: "c", Source: "D Video", URL: "https://d.example/3", FirstSeen: t0.Add(2 * time.Hour)},
			{ID: "d", Source: "E", URL: "https://e.example/1", FirstSeen: t0.Add(3 * time.Hour)},
			{ID: "e", Source: "E", URL: "https://e.example/2", FirstSeen: t0.Add(4 * time.Hour)},
			{ID: "f", Source: "F", URL: "https://d.example/1", FirstSeen: t0.Add(5 * time.Hour)},
		}}
	if got, want := storyUpdated(s), t0.Add(3*time.Hour); !got.Equal(want) {
		t.Errorf("updated %v, want %v (E's first copy, the last the entry shows)", got, want)
	}
}

// Copies that reach warta through an aggregator's links (Google News,
// FeedBurner) are not one outlet because they share the aggregator's
// host: the outlet is the registrable domain of the item's own link, and
// with none but the aggregator's, its source's name.
func TestStoryCopiesThroughAnAggregatorAreTheirOutlets(t *testing.T) {
	s := &article.Story{ID: "a", Lead: &article.Article{ID: "a", Source: "Antara", URL: "https://antaranews.com/berita/x"},
		Copies: []*article.Article{
			{ID: "b", Source: "Google News: Tempo", URL: "https://news.google.com/rss/articles/CBMiB1"},
			{ID: "c", Source: "Google News: Kompas", URL: "https://news.google.com/rss/articles/CBMiC2"},
			{ID: "d", Source: "Detik via FeedBurner", URL: "https://feedproxy.google.com/~r/detik/x"},
			// Its own link beside the proxy's: the outlet is Antara, the lead's.
			{ID: "e", Source: "Antara FeedBurner", URL: "https://feeds.feedburner.com/antara/x", Link: "https://www.antaranews.com/berita/x2"},
		}}
	var got []string
	for _, c := range storyCopies(s) {
		got = append(got, c.Source)
	}
	want := []string{"Google News: Tempo", "Google News: Kompas", "Detik via FeedBurner"}
	if !slices.Equal(got, want) {
		t.Errorf("copies %q, want %q", got, want)
	}
}
