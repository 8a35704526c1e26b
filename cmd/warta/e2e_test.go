package main

import (
	"context"
	"encoding/xml"
	"fmt"
	"html"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/warta-news/warta/internal/feedcheck"
	"github.com/warta-news/warta/internal/fixtures"
)

type rssItem struct {
	Title, Link, GUID, Description string
	PubDate                        string
}

// rss renders an RSS 2.0 feed the way news sites do.
func rss(title string, items []rssItem) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<rss version="2.0"><channel><title>` + esc(title) + `</title><link>https://news.example/</link><description>test</description><language>id</language>`)
	for _, it := range items {
		b.WriteString("<item><title>" + esc(it.Title) + "</title><link>" + esc(it.Link) + "</link>")
		if it.GUID != "" {
			b.WriteString(`<guid isPermaLink="false">` + esc(it.GUID) + "</guid>")
		}
		b.WriteString("<description>" + esc(it.Description) + "</description>")
		if it.PubDate != "" {
			b.WriteString("<pubDate>" + it.PubDate + "</pubDate>")
		}
		b.WriteString("</item>")
	}
	b.WriteString("</channel></rss>")
	return []byte(b.String())
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// seedItem is the seed article (IDN Times, Cuba–Russia military
// cooperation) as a feed item: first line the title, the rest paragraphs.
func seedItem(t *testing.T, link string) rssItem {
	t.Helper()
	raw, err := fixtures.Read(fixtures.SeedArticle)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	var body strings.Builder
	for _, l := range lines[1:] {
		if l = strings.TrimSpace(l); l != "" {
			body.WriteString("<p>" + html.EscapeString(l) + "</p>\n")
		}
	}
	return rssItem{Title: strings.TrimSpace(lines[0]), Link: link, GUID: link, Description: body.String(),
		PubDate: "Wed, 28 Jun 2023 14:00:00 WIB"}
}

func readAtom(t *testing.T, path string) *gofeed.Feed {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	feed, err := gofeed.NewParser().Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if feed.FeedType != "atom" {
		t.Fatalf("%s: feed type %q, want atom", path, feed.FeedType)
	}
	return feed
}

func hasLink(f *gofeed.Feed, link string) bool {
	for _, it := range f.Items {
		if it.Link == link {
			return true
		}
	}
	return false
}

// validateAll runs every written Atom file through jing and feedparser.
func validateAll(t *testing.T, dir string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.atom"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no atom files in %s (%v)", dir, err)
	}
	for _, f := range files {
		feedcheck.Jing(t, f)
		feedcheck.Feedparser(t, f)
	}
}

func TestSeedArticleLandsInInternationalRelations(t *testing.T) {
	site := newNewsSite(t)
	seedLink := site.URL + "/news/world/kuba-rusia-makin-mesra-01"
	site.serve("/rss", "application/rss+xml; charset=utf-8", rss("IDN Times", []rssItem{
		seedItem(t, seedLink),
		{Title: "Persija menang 2-1 atas Persib di Liga 1", Link: site.URL + "/sport/persija-persib",
			Description: "<p>Persija Jakarta menang 2-1 atas Persib Bandung dalam pertandingan Liga 1 di Stadion GBK, Minggu malam. Gol kemenangan dicetak pada menit ke-88.</p>",
			PubDate:     "Sun, 02 Jul 2023 21:00:00 +0700"},
	}))
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "IDN Times", URL: site.URL + "/rss", Language: "id"}}, nil)

	out := mustWarta(t, "-config", cfg, "once")
	if !strings.Contains(out, "new articles 2") {
		t.Fatalf("once: %s", out)
	}
	feeds := filepath.Join(dir, "feeds")
	ir := readAtom(t, filepath.Join(feeds, "international-relations.atom"))
	if !hasLink(ir, seedLink) {
		t.Fatalf("seed article not in international-relations feed; entries: %d", len(ir.Items))
	}
	for _, it := range ir.Items {
		if it.Link == seedLink {
			if it.Title != "Semakin Ditekan Barat, Kuba-Rusia Makin Mesra" {
				t.Errorf("title %q", it.Title)
			}
			want := time.Date(2023, 6, 28, 7, 0, 0, 0, time.UTC) // 14:00 WIB
			if it.PublishedParsed == nil || !it.PublishedParsed.Equal(want) {
				t.Errorf("published %v, want %v", it.PublishedParsed, want)
			}
			if !contains(it.Categories, "International relations") && !contains(it.Categories, "international-relations") {
				t.Errorf("categories %v lack international-relations", it.Categories)
			}
		}
	}
	sport := readAtom(t, filepath.Join(feeds, "sport.atom"))
	if hasLink(sport, seedLink) {
		t.Error("seed article landed in the sport feed")
	}
	if !hasLink(sport, site.URL+"/sport/persija-persib") {
		t.Error("football result missing from the sport feed")
	}
	all := readAtom(t, filepath.Join(feeds, "all.atom"))
	if len(all.Items) != 2 {
		t.Errorf("all feed has %d entries, want 2", len(all.Items))
	}
	validateAll(t, feeds)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// A feed that numbers its items 1..20 on every fetch, with new links each
// time, must lose nothing: a GUID is not identity without its link.
func TestReusedGUIDsLoseNoArticle(t *testing.T) {
	site := newNewsSite(t)
	fetchNo := 0
	site.handle("/numbered.xml", func(w http.ResponseWriter, r *http.Request) {
		fetchNo++
		var items []rssItem
		for i := 1; i <= 20; i++ {
			items = append(items, rssItem{
				Title: fmt.Sprintf("Berita %d gelombang %d", i, fetchNo), GUID: fmt.Sprint(i),
				Link:        fmt.Sprintf("%s/berita/%d-%d", site.URL, fetchNo, i),
				Description: fmt.Sprintf("<p>Isi berita unik nomor %d dari gelombang %d tentang topik %d yang berbeda.</p>", i, fetchNo, fetchNo*100+i),
			})
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(rss("Numbered", items))
	})
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "Numbered", URL: site.URL + "/numbered.xml", Language: "id"}}, nil)
	for range 3 {
		mustWarta(t, "-config", cfg, "once")
	}
	recs := exported(t, cfg)
	if len(recs) != 60 {
		t.Fatalf("stored %d articles after 3 fetches of 20 new items, want 60", len(recs))
	}
	urls := map[string]bool{}
	for _, r := range recs {
		urls[r.URL] = true
	}
	if len(urls) != 60 {
		t.Fatalf("%d distinct urls, want 60", len(urls))
	}
}

// The same article in two feeds of one outlet, once with tracking
// parameters, is stored once.
func TestSameArticleInTwoFeedsStoredOnce(t *testing.T) {
	site := newNewsSite(t)
	link := site.URL + "/internasional/2026/11/20/menlu-bertemu-dubes"
	item := rssItem{Title: "Menlu bertemu Dubes Jepang", Link: link,
		Description: "<p>Menteri Luar Negeri menerima Duta Besar Jepang di Jakarta untuk membahas kerja sama bilateral.</p>",
		PubDate:     "Fri, 20 Nov 2026 10:00:00 +0700"}
	site.serve("/terkini", "application/rss+xml", rss("Terkini", []rssItem{item}))
	tracked := item
	tracked.Link = strings.Replace(link, "http://", "https://", 1) + "/?utm_source=rss&utm_medium=feed#top"
	site.serve("/dunia", "application/rss+xml", rss("Dunia", []rssItem{tracked}))
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{
		{Name: "Outlet Terkini", URL: site.URL + "/terkini"},
		{Name: "Outlet Dunia", URL: site.URL + "/dunia"},
	}, nil)
	mustWarta(t, "-config", cfg, "once")
	mustWarta(t, "-config", cfg, "once")
	recs := exported(t, cfg)
	if len(recs) != 1 {
		t.Fatalf("stored %d articles, want 1: %+v", len(recs), recs)
	}
	if strings.Contains(recs[0].URL, "utm_") || strings.Contains(recs[0].URL, "#") {
		t.Errorf("url not canonical: %s", recs[0].URL)
	}
}

// A broken feed, a failing host and a slow host are logged and recorded;
// the other sources are stored and the command succeeds.
func TestBadSourcesDoNotStopTheCycle(t *testing.T) {
	site := newNewsSite(t)
	good := rssItem{Title: "Gempa magnitudo 5,2 guncang Maluku", Link: site.URL + "/gempa",
		Description: "<p>Gempa bumi mengguncang Maluku, BMKG menyatakan tidak berpotensi tsunami.</p>"}
	site.serve("/good", "application/rss+xml", rss("Good", []rssItem{good}))
	site.serve("/broken", "application/rss+xml", []byte(`<?xml version="1.0"?><rss><channel><item><title>cut off`))
	site.handle("/down", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	site.handle("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{
		{Name: "Broken", URL: site.URL + "/broken"},
		{Name: "Down", URL: site.URL + "/down"},
		{Name: "Slow", URL: site.URL + "/slow"},
		{Name: "Good", URL: site.URL + "/good"},
	}, map[string]any{"fetch": map[string]any{"timeout": "1s", "concurrency": 4, "per_host": 4}})
	code, out, errOut := warta(t, context.Background(), "", "-config", cfg, "once")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "failed 3") {
		t.Errorf("summary %q, want 3 failed sources", out)
	}
	for _, src := range []string{"Broken", "Down", "Slow"} {
		if !strings.Contains(errOut, "source="+src) && !strings.Contains(errOut, `source="`+src) {
			t.Errorf("no log line for failing source %s:\n%s", src, errOut)
		}
	}
	if !strings.Contains(out, "  Down failed (fetch: http 500 Internal Server Error); 1 failure, next attempt ") {
		t.Errorf("summary does not name the failing source with its error and next attempt:\n%s", out)
	}
	recs := exported(t, cfg)
	if len(recs) != 1 || recs[0].Source != "Good" {
		t.Fatalf("stored %+v, want the one good article", recs)
	}

	// The next run finds them backing off, and says so, naming each. It
	// comes straight after the first: Down's backoff is one minute, which
	// validating the feeds first (a Java start per file) can outlast on a
	// loaded machine.
	out = mustWarta(t, "-config", cfg, "once")
	for _, src := range []string{"Broken", "Down", "Slow"} {
		if !strings.Contains(out, "  "+src+" backing off (") || !strings.Contains(out, "next attempt ") {
			t.Errorf("second summary does not name backing-off source %s:\n%s", src, out)
		}
	}
	validateAll(t, filepath.Join(dir, "feeds"))
}

func TestBadConfigExitsTwoNamingLineAndField(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.yaml")
	os.WriteFile(path, []byte("schedule: \"@every 15m\"\nsources:\n  - name: A\n    url: https://a.example/rss\n    intervl: 5m\ntopics:\n  - slug: world\n    title: World\n    terms: {en: [foreign]}\n"), 0o644)
	for _, cmd := range []string{"check", "once", "run"} {
		code, _, errOut := warta(t, context.Background(), "", "-config", path, cmd)
		if code != 2 {
			t.Errorf("%s: exit %d, want 2", cmd, code)
		}
		if !strings.Contains(errOut, "bad.yaml:5") || !strings.Contains(errOut, "intervl") {
			t.Errorf("%s: error does not name file, line and field:\n%s", cmd, errOut)
		}
	}
}

func TestCheckPrintsTheDefaultConfig(t *testing.T) {
	out := mustWarta(t, "-config", filepath.Join("..", "..", "config.yaml"), "check")
	for _, want := range []string{"international-relations", "Antara", "@every 15m"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
}
