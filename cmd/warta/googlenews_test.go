package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// defenceReport is the text two outlets report one event with.
const defenceReport = "Menteri Pertahanan Indonesia dan Menteri Pertahanan Jepang menandatangani perjanjian kerja sama pertahanan di Tokyo pada Selasa, yang mencakup latihan bersama, alih teknologi dan pertukaran perwira. Kedua menteri juga membahas keamanan kawasan Laut China Selatan."

// googleNewsFeed is a feed shaped as Google News RSS serves one: every
// item links to news.google.com, names its real outlet in <source url>
// and ends its title with " - Outlet".
func googleNewsFeed(items []rssItem, outlets [][2]string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><generator>NFE/5.0</generator><title>"pertahanan" - Google News</title><link>https://news.google.com/search?q=pertahanan</link><language>id</language><description>Google News</description>`)
	for i, it := range items {
		b.WriteString("<item><title>" + esc(it.Title) + "</title><link>" + esc(it.Link) + "</link>")
		b.WriteString(`<guid isPermaLink="false">` + esc(it.GUID) + "</guid>")
		b.WriteString("<pubDate>" + it.PubDate + "</pubDate>")
		b.WriteString("<description>" + esc(it.Description) + "</description>")
		b.WriteString(`<source url="` + esc(outlets[i][1]) + `">` + esc(outlets[i][0]) + "</source></item>")
	}
	b.WriteString("</channel></rss>")
	return []byte(b.String())
}

// A single Google News source carries many outlets: each item's outlet is
// the one its <source> names, so two outlets' reports of one story in it
// are one story with an "also reported by" of the second outlet, by its
// name and site, not two items of one source, and the entry's author
// falls back to the lead's outlet, not the source's name (leftovers4, 4).
// The outlet is stored: the feeds are rendered from the store.
func TestGoogleNewsItemsCountTheirOwnOutlets(t *testing.T) {
	site := newNewsSite(t)
	body := defenceReport
	items := []rssItem{
		{Title: "Indonesia dan Jepang teken perjanjian kerja sama pertahanan - ANTARA News",
			Link: "https://news.google.com/rss/articles/CBMiAAA?oc=5", GUID: "CBMiAAA",
			Description: body, PubDate: "Tue, 17 Nov 2026 09:00:00 GMT"},
		{Title: "Indonesia dan Jepang Teken Perjanjian Kerja Sama Pertahanan - Tempo.co",
			Link: "https://news.google.com/rss/articles/CBMiBBB?oc=5", GUID: "CBMiBBB",
			Description: body, PubDate: "Tue, 17 Nov 2026 11:30:00 GMT"},
	}
	outlets := [][2]string{{"ANTARA News", "https://www.antaranews.com"}, {"Tempo.co", "https://www.tempo.co"}}
	site.serve("/gn", "application/rss+xml", googleNewsFeed(items, outlets))
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "Google News", URL: site.URL + "/gn", Language: "id"}}, nil)
	mustWarta(t, "-config", cfg, "once")

	recs := exported(t, cfg)
	if len(recs) != 2 || recs[0].Story != recs[1].Story {
		t.Fatalf("the two outlets' reports are not one story: %+v", recs)
	}
	for i, r := range recs {
		if r.Source != "Google News" || r.Outlet != outlets[i][0] {
			t.Errorf("export %d: source %q, outlet %q, want Google News and %q", i, r.Source, r.Outlet, outlets[i][0])
		}
	}
	feed := readAtom(t, filepath.Join(dir, "feeds", "all.atom"))
	if len(feed.Items) != 1 {
		t.Fatalf("%d entries, want 1", len(feed.Items))
	}
	raw, err := os.ReadFile(filepath.Join(dir, "feeds", "all.atom"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `rel="related"`) || !strings.Contains(string(raw), `title="Tempo.co"`) {
		t.Errorf("no related link to Tempo.co's report in:\n%s", raw)
	}
	if a := feed.Items[0].Author; a == nil || a.Name != "ANTARA News" {
		t.Errorf("entry author %+v, want the lead's outlet ANTARA News", a)
	}
	if c := feed.Items[0].Content; !strings.Contains(c, "Tempo.co") {
		t.Errorf("content does not name the other outlet: %q", c)
	}
}

// Only an aggregator's item (normalize.AggregatorHost: its link is Google
// News', a redirector's) takes its <source> as its outlet: two outlets'
// own feeds that both say <source>Berita Terkini</source> stay two
// outlets, named as configured, and the second's report of the first's
// story is "also reported" (review 24, 4).
func TestOwnFeedsSourceNamesNoOutlet(t *testing.T) {
	site := newNewsSite(t)
	body := defenceReport
	shared := [][2]string{{"Berita Terkini", "https://berita.example"}}
	site.serve("/a", "application/rss+xml", googleNewsFeed([]rssItem{{
		Title: "Indonesia dan Jepang teken perjanjian kerja sama pertahanan",
		Link:  "https://www.antaranews.com/berita/1/indonesia-jepang", GUID: "https://www.antaranews.com/berita/1/indonesia-jepang",
		Description: body, PubDate: "Tue, 17 Nov 2026 09:00:00 GMT"}}, shared))
	site.serve("/b", "application/rss+xml", googleNewsFeed([]rssItem{{
		Title: "Indonesia dan Jepang Teken Perjanjian Kerja Sama Pertahanan",
		Link:  "https://www.tempo.co/politik/indonesia-jepang-1", GUID: "https://www.tempo.co/politik/indonesia-jepang-1",
		Description: body, PubDate: "Tue, 17 Nov 2026 11:30:00 GMT"}}, shared))
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{
		{Name: "ANTARA", URL: site.URL + "/a", Language: "id"},
		{Name: "Tempo", URL: site.URL + "/b", Language: "id"},
	}, nil)
	mustWarta(t, "-config", cfg, "once")

	recs := exported(t, cfg)
	if len(recs) != 2 || recs[0].Story != recs[1].Story {
		t.Fatalf("the two outlets' reports are not one story: %+v", recs)
	}
	for _, r := range recs {
		if r.Outlet != "" {
			t.Errorf("export: %s's item has outlet %q from its <source>, want none", r.Source, r.Outlet)
		}
	}
	raw, err := os.ReadFile(filepath.Join(dir, "feeds", "all.atom"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `title="Tempo"`) {
		t.Errorf("Tempo's report is not linked as another outlet's in:\n%s", raw)
	}
	if a := readAtom(t, filepath.Join(dir, "feeds", "all.atom")).Items[0].Author; a == nil || a.Name != "ANTARA" {
		t.Errorf("entry author %+v, want the configured source ANTARA", a)
	}
}
