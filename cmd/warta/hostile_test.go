package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	nethtml "golang.org/x/net/html"

	"github.com/warta-news/warta/internal/feedcheck"
	"github.com/warta-news/warta/internal/fixtures"
)

// A real feed with one character reference XML forbids (&#1;) in one
// title: a cycle stores all its items, and explain explains them as feed
// items, not the document as a web page.
func TestForbiddenCharRefLosesNoItem(t *testing.T) {
	raw, err := fixtures.Read("antara_jambi_terkini_2022-08-28.xml")
	if err != nil {
		t.Fatal(err)
	}
	body := bytes.Replace(raw, []byte("<title>Malisya Deslilian"), []byte("<title>Malisya&#1; Deslilian"), 1)
	site := newNewsSite(t)
	site.serve("/rss", "application/rss+xml", body)
	site.serve("/other", "application/rss+xml", body)
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "Antara", URL: site.URL + "/rss"}}, nil)
	out := mustWarta(t, "-config", cfg, "once")
	if strings.Contains(out, "failed 1") {
		t.Fatalf("the source failed: %s", out)
	}
	if recs := exported(t, cfg); len(recs) != 20 {
		t.Fatalf("%d articles stored, want 20", len(recs))
	}
	code, out, errOut := warta(t, context.Background(), "", "-config", cfg, "explain", "-json", site.URL+"/other")
	if code != 0 {
		t.Fatalf("explain: exit %d: %s", code, errOut)
	}
	var titles []string
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var ex explanation
		if err := json.Unmarshal(sc.Bytes(), &ex); err != nil {
			t.Fatalf("explain line: %v", err)
		}
		titles = append(titles, ex.Article.Title)
	}
	if len(titles) != 20 || titles[0] != "Malisya Deslilian lulus Fakultas Kedokteran Unisba pada usia 20 tahun" {
		t.Errorf("explain explained %d articles: %.3q", len(titles), titles)
	}
}

// atomEntryXML is what the hostile-input test reads of a published entry.
type atomEntryXML struct {
	ID        string `xml:"id"`
	Title     string `xml:"title"`
	Published string `xml:"published"`
	Links     []struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
	} `xml:"link"`
	Summary string `xml:"summary"`
	Content string `xml:"content"`
}

// readAtomEntries reads a published Atom file with Go's XML parser.
func readAtomEntries(t *testing.T, path string) []atomEntryXML {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Entries []atomEntryXML `xml:"entry"`
	}
	if err := xml.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc.Entries
}

// checkEntryHTML reads an entry's HTML with an XML parser (it must be
// balanced) and an HTML5 parser, and returns its nesting depth.
func checkEntryHTML(t *testing.T, what, fragment string) int {
	t.Helper()
	if _, err := nethtml.Parse(strings.NewReader(fragment)); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return feedcheck.HTMLDepth(t, fragment)
}

// One cycle over hostile sources: a 9 MB item, 200,000 nested <div> and
// unclosed <b><i>, dates in years 0 and 1000, a bulletin feed without links
// or GUIDs. Every item is stored, each article within the caps, and the
// published Atom is valid (jing, feedparser), balanced and small.
func TestHostileItemsEndToEnd(t *testing.T) {
	site := newNewsSite(t)
	para := "<p>" + strings.Repeat("Menteri luar negeri bertemu diplomat membahas sanksi dan kerja sama militer. ", 12) + "</p>\n"
	huge := strings.Repeat(para, 9<<20/len(para)+1)
	site.serve("/huge", "application/rss+xml", rss("Huge", []rssItem{
		{Title: "Sembilan megabita", Link: site.URL + "/news/huge", Description: huge, PubDate: "Sun, 29 Nov 2026 10:00:00 +0700"},
	}))
	site.serve("/nested", "application/rss+xml", rss("Nested", []rssItem{
		{Title: "Dua ratus ribu div", Link: site.URL + "/news/divs",
			Description: strings.Repeat("<div>", 200_000) + "inti berita" + strings.Repeat("</div>", 200_000), PubDate: "Sun, 29 Nov 2026 09:00:00 +0700"},
		{Title: "Tebal miring", Link: site.URL + "/news/bi", Description: "<p>awal <b>tebal <i>miring", PubDate: "Sun, 29 Nov 2026 08:00:00 +0700"},
	}))
	site.serve("/dates", "application/rss+xml", rss("Dates", []rssItem{
		{Title: "Tahun nol", Link: site.URL + "/news/y0", Description: "<p>Tanggal kosong.</p>", PubDate: "Sat, 01 Jan 0000 00:00:00 +0000"},
		{Title: "Tahun seribu", Link: site.URL + "/news/y1000", Description: "<p>Tanggal lama.</p>", PubDate: "Wed, 01 Jan 1000 00:00:00 +0000"},
	}))
	bulletin := []rssItem{
		{Title: "Peringatan dini cuaca", Description: "<p>Hujan lebat di Jakarta Selatan pukul 14.00.</p>"},
		{Title: "Peringatan dini cuaca", Description: "<p>Hujan lebat di Bogor pukul 15.00.</p>"},
		{Title: "Gempa M5,0 Maluku", Description: "<p>Tidak berpotensi tsunami.</p>"},
	}
	site.serve("/bulletin", "application/rss+xml", rss("Bulletin", bulletin))
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{
		{Name: "Huge", URL: site.URL + "/huge", Language: "id"},
		{Name: "Nested", URL: site.URL + "/nested", Language: "id"},
		{Name: "Dates", URL: site.URL + "/dates", Language: "id"},
		{Name: "Bulletin", URL: site.URL + "/bulletin", Language: "id"},
	}, map[string]any{
		"normalize": map[string]any{"max_html_bytes": 100_000, "max_text_bytes": 30_000},
		// The 9 MB body under the race detector on a loaded machine can
		// outlast writeConfig's 5 s; what is tested here is what becomes
		// of it, not how fast it comes.
		"fetch": map[string]any{"timeout": "2m", "connect_timeout": "2s", "concurrency": 4, "per_host": 2},
	})
	for range 2 { // the second cycle finds nothing new, and duplicates nothing
		if out := mustWarta(t, "-config", cfg, "once"); !strings.Contains(out, "failed 0") {
			t.Fatalf("a source failed: %s", out)
		}
	}
	recs := exported(t, cfg)
	bySource := map[string][]exportRecord{}
	for _, r := range recs {
		bySource[r.Source] = append(bySource[r.Source], r)
	}
	for src, want := range map[string]int{"Huge": 1, "Nested": 2, "Dates": 2, "Bulletin": 3} {
		if len(bySource[src]) != want {
			t.Errorf("%s: %d articles stored, want %d", src, len(bySource[src]), want)
		}
	}
	// Dated when the cycle started: first seen then, plus a microsecond
	// for each article whose story the cycle decided before.
	for _, r := range bySource["Dates"] {
		after := r.FirstSeen.Sub(r.Published)
		if r.Published.Year() < 2026 || after < 0 || after >= time.Duration(len(recs))*time.Microsecond {
			t.Errorf("%q: published %v, want the start of the cycle that first saw it (first seen %v)", r.Title, r.Published, r.FirstSeen)
		}
	}
	for _, r := range bySource["Bulletin"] {
		if r.URL != "" {
			t.Errorf("bulletin %q has url %q", r.Title, r.URL)
		}
	}

	feeds := filepath.Join(dir, "feeds")
	all := filepath.Join(feeds, "all.atom") // holds every entry
	feedcheck.Jing(t, all)
	feedcheck.Feedparser(t, all)
	if st, err := os.Stat(all); err != nil || st.Size() > 1<<20 {
		t.Errorf("all.atom: %v, %d bytes", err, st.Size())
	}
	entries := readAtomEntries(t, all)
	byTitle := map[string]atomEntryXML{}
	for _, e := range entries {
		byTitle[e.Title] = e
		for what, h := range map[string]string{"summary": e.Summary, "content": e.Content} {
			if len(h) > 100_000+1000 {
				t.Errorf("%q: %s of %d bytes", e.Title, what, len(h))
			}
			if d := checkEntryHTML(t, e.Title+" "+what, h); d > 64 {
				t.Errorf("%q: %s nested %d deep", e.Title, what, d)
			}
		}
		if strings.HasPrefix(e.Published, "0") || strings.HasPrefix(e.Published, "1000") {
			t.Errorf("%q published %s", e.Title, e.Published)
		}
	}
	if e := byTitle["Sembilan megabita"]; !strings.HasSuffix(e.Content, `<a href="`+site.URL+`/news/huge" rel="nofollow noopener">`+site.URL+`/news/huge</a></p>`) ||
		!strings.Contains(e.Content, "…") {
		t.Errorf("huge item: no … and link to the original at the end: %q", e.Content[max(0, len(e.Content)-200):])
	}
	if e := byTitle["Tebal miring"]; !strings.Contains(e.Content, "<p>awal <b>tebal <i>miring</i></b></p>") {
		t.Errorf("unclosed b/i: %q", e.Content)
	}
	if e := byTitle["Dua ratus ribu div"]; !strings.Contains(e.Content, "inti berita") {
		t.Errorf("nested divs: text lost: %.200q", e.Content)
	}
	for _, b := range []string{"Gempa M5,0 Maluku", "Peringatan dini cuaca"} {
		e, ok := byTitle[b]
		if !ok {
			t.Errorf("bulletin %q not published", b)
			continue
		}
		for _, l := range e.Links {
			if l.Rel == "alternate" {
				t.Errorf("bulletin %q published with link %q", b, l.Href)
			}
		}
	}
}
