package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// lastModifiedFeed serves a feed of items titled prefix 1..3 stamped
// lastModified, answering 304 to an If-Modified-Since at or after it, as
// a static file server does.
func lastModifiedFeed(siteURL, prefix string, lastModified time.Time) func(http.ResponseWriter, *http.Request) {
	var items []rssItem
	for i := 1; i <= 3; i++ {
		items = append(items, rssItem{Title: fmt.Sprintf("%s kabar nomor %d", prefix, i),
			Link:        fmt.Sprintf("%s/news/%s/%d", siteURL, prefix, i),
			Description: fmt.Sprintf("Laporan %d tentang harga beras dan cuaca di kota %s.", i, prefix)})
	}
	body := rss(prefix, items)
	return func(w http.ResponseWriter, r *http.Request) {
		if ims, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !lastModified.After(ims) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Last-Modified", lastModified.Format(http.TimeFormat))
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(body)
	}
}

// The config changes between two runs of `warta once`, as an operator
// mends it: a source moved to another static feed is read there (not
// asked with the old feed's Last-Modified, which the new one would answer
// 304 for good), a redirect loop corrected to a good URL is fetched at
// once instead of waiting out its backoff, and a source added on a server
// that answered 429 with Retry-After is not asked before it has passed.
func TestMendingTheConfigEndToEnd(t *testing.T) {
	site := newNewsSite(t)
	limited := newNewsSite(t)
	site.handle("/lm/old", lastModifiedFeed(site.URL, "lama", time.Date(2026, 12, 1, 7, 0, 0, 0, time.UTC)))
	site.handle("/lm/new", lastModifiedFeed(site.URL, "baru", time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)))
	site.handle("/fixed.xml", lastModifiedFeed(site.URL, "betul", time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)))
	site.handle("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	limited.handle("/r429", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	limited.handle("/r429/a", lastModifiedFeed(limited.URL, "seksi", time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)))

	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{
		{Name: "Moving", URL: site.URL + "/lm/old", Language: "id"},
		{Name: "Loop", URL: site.URL + "/loop", Language: "id"},
		{Name: "TooMany", URL: limited.URL + "/r429", Language: "id"},
	}, nil)
	code, out, errOut := warta(t, t.Context(), "", "-config", cfg, "once")
	if code != 0 || !strings.Contains(out, "Loop failed") || !strings.Contains(out, "TooMany failed") {
		t.Fatalf("first run: exit %d\n%s\n%s", code, out, errOut)
	}

	cfg = writeConfig(t, dir, []testSource{
		{Name: "Moving", URL: site.URL + "/lm/new", Language: "id"},
		{Name: "Loop", URL: site.URL + "/fixed.xml", Language: "id"},
		{Name: "TooMany", URL: limited.URL + "/r429", Language: "id"},
		{Name: "Section", URL: limited.URL + "/r429/a", Language: "id"},
	}, nil)
	code, out, errOut = warta(t, t.Context(), "", "-config", cfg, "once")
	if code != 0 {
		t.Fatalf("second run: exit %d\n%s\n%s", code, out, errOut)
	}
	bySource := map[string]int{}
	for _, r := range exported(t, cfg) {
		bySource[r.Source+" "+strings.Fields(r.Title)[0]]++
	}
	if bySource["Moving baru"] != 3 || bySource["Loop betul"] != 3 {
		t.Errorf("stored %v, want the new feed's 3 under Moving and the fixed feed's 3 under Loop\n%s", bySource, out)
	}
	if strings.Contains(out, "Loop backing off") || strings.Contains(out, "too many redirects") {
		t.Errorf("the fixed source still reports its old url's error:\n%s", out)
	}
	limited.mu.Lock()
	hits := limited.hits["/r429/a"]
	limited.mu.Unlock()
	if hits != 0 || !strings.Contains(out, "Section failed") || !strings.Contains(out, "not requested") {
		t.Errorf("a source on the server that asked for an hour's rest was requested %d times:\n%s", hits, out)
	}
}
