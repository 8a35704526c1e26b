package parse

import (
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/warta-news/warta/article"
)

func rss(lang, items string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Contoh</title><link>https://contoh.id/</link><language>` + lang + `</language>
` + items + `</channel></rss>`
}

func mustParse(t *testing.T, body, contentType string) *Feed {
	t.Helper()
	f, err := Parse([]byte(body), contentType, fetched)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

func TestParseIndonesianDates(t *testing.T) {
	f := mustParse(t, rss("id-ID", `
<item><title>a</title><link>https://contoh.id/a</link><pubDate>Sun, 28 Aug 2022 10:00:00 WIB</pubDate></item>
<item><title>b</title><link>https://contoh.id/b</link><pubDate>Senin, 29 Agu 2022 10:00:00 +0700</pubDate></item>
<item><title>c</title><link>https://contoh.id/c</link><pubDate>28 Agustus 2022 10:00 WITA</pubDate></item>
<item><title>d</title><link>https://contoh.id/d</link><pubDate>2022-08-28 10:00:00</pubDate><dc:date>2022-08-29 08:00:00</dc:date></item>
<item><title>e</title><link>https://contoh.id/e</link></item>
`), "")
	want := []time.Time{
		time.Date(2022, 8, 28, 3, 0, 0, 0, time.UTC), // gofeed alone: 10:00 UTC
		time.Date(2022, 8, 29, 3, 0, 0, 0, time.UTC), // gofeed alone: no date
		time.Date(2022, 8, 28, 2, 0, 0, 0, time.UTC),
		time.Date(2022, 8, 28, 3, 0, 0, 0, time.UTC), // no zone, Indonesian feed: WIB
		{},
	}
	for i, w := range want {
		wantTime(t, f.Items[i].Title+" published", f.Items[i].Published, w)
	}
	wantTime(t, "d updated (dc:date)", f.Items[3].Updated, time.Date(2022, 8, 29, 1, 0, 0, 0, time.UTC))
}

func TestParseZonelessDateOutsideIndonesiaIsUTC(t *testing.T) {
	f := mustParse(t, rss("en-us", `<item><title>a</title><link>https://x.test/a</link><pubDate>2022-08-28 10:00:00</pubDate></item>`), "")
	wantTime(t, "published", f.Items[0].Published, time.Date(2022, 8, 28, 10, 0, 0, 0, time.UTC))
	// Unless the date itself is written in Indonesian.
	f = mustParse(t, rss("", `<item><title>a</title><link>https://x.test/a</link><pubDate>28 Agustus 2022 10:00</pubDate></item>`), "")
	wantTime(t, "published", f.Items[0].Published, time.Date(2022, 8, 28, 3, 0, 0, 0, time.UTC))
}

func TestParseLatin1FromHeader(t *testing.T) {
	doc := `<rss version="2.0"><channel><title>Café</title><link>https://x.test/</link>
<item><title>Crème brûlée à São Paulo</title><link>https://x.test/a</link><description>Ça va — très bien</description></item></channel></rss>`
	latin, err := charmap.ISO8859_1.NewEncoder().String(strings.ReplaceAll(doc, "—", "-"))
	if err != nil {
		t.Fatal(err)
	}
	f := mustParse(t, latin, "application/rss+xml; charset=ISO-8859-1")
	if f.Title != "Café" || f.Items[0].Title != "Crème brûlée à São Paulo" || f.Items[0].Summary != "Ça va - très bien" {
		t.Errorf("got title %q item %q summary %q", f.Title, f.Items[0].Title, f.Items[0].Summary)
	}
	// windows-1252 only in the header, with its typographic dash.
	cp, err := charmap.Windows1252.NewEncoder().String(doc)
	if err != nil {
		t.Fatal(err)
	}
	f = mustParse(t, cp, `text/xml; charset="windows-1252"`)
	if f.Items[0].Summary != "Ça va — très bien" {
		t.Errorf("summary %q", f.Items[0].Summary)
	}
	// No charset anywhere and not UTF-8: read as windows-1252.
	f = mustParse(t, cp, "text/xml")
	if f.Items[0].Title != "Crème brûlée à São Paulo" {
		t.Errorf("undeclared latin-1 title %q", f.Items[0].Title)
	}
}

func TestParseDeclaredEncodingWinsOverHeader(t *testing.T) {
	doc, _ := charmap.ISO8859_1.NewEncoder().String(`<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Café</title></channel></rss>`)
	f := mustParse(t, doc, "text/xml; charset=utf-8")
	if f.Title != "Café" {
		t.Errorf("title %q", f.Title)
	}
}

func TestParseUTF8DeclaredLatin1(t *testing.T) {
	doc := `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Kafe Café — ok</title></channel></rss>`
	if f := mustParse(t, doc, ""); f.Title != "Kafe Café — ok" {
		t.Errorf("title %q", f.Title)
	}
	noDecl := `<rss version="2.0"><channel><title>Kafe Café — ok</title></channel></rss>`
	if f := mustParse(t, noDecl, "text/xml; charset=ISO-8859-1"); f.Title != "Kafe Café — ok" {
		t.Errorf("title with mislabelled header %q", f.Title)
	}
}

func TestParseStrayInvalidByteInUTF8(t *testing.T) {
	doc := rss("id", "<item><title>Rupiah menguat \xff ke Rp14.800 — naik</title><link>https://x.test/a</link></item>")
	f := mustParse(t, doc, "")
	if f.Items[0].Title != "Rupiah menguat \uFFFD ke Rp14.800 — naik" {
		t.Errorf("title %q", f.Items[0].Title)
	}
}

func TestParseBOMJunkAndControlChars(t *testing.T) {
	doc := "\xEF\xBB\xBF\r\n  Warning: something in /var/www/rss.php on line 3\n" +
		rss("id", "<item><title>Judul\x0b berita\x1a</title><link>https://x.test/a</link></item>")
	f := mustParse(t, doc, "text/xml")
	if len(f.Items) != 1 || f.Items[0].Title != "Judul berita" {
		t.Fatalf("items %d, title %q", len(f.Items), f.Items[0].Title)
	}
}

func TestParseAtom(t *testing.T) {
	doc := `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Example</title><link href="https://example.org/"/><id>urn:x</id><updated>2024-01-02T10:00:00Z</updated>
  <author><name>Feed Author</name></author>
  <entry>
    <title type="html">Hello &amp;amp; welcome</title>
    <link rel="alternate" href="https://example.org/a?utm_source=x"/>
    <id>tag:example.org,2024:a</id>
    <published>2024-01-02T08:00:00+07:00</published>
    <updated>2024-01-03T09:30:00Z</updated>
    <summary>Short</summary>
    <content type="html">&lt;p&gt;Long body&lt;/p&gt;</content>
    <category term="politics" label="Politics"/>
    <category term="world"/>
  </entry>
</feed>`
	f := mustParse(t, doc, "application/atom+xml")
	if len(f.Items) != 1 {
		t.Fatalf("items %d", len(f.Items))
	}
	a := f.Items[0]
	if a.Link != "https://example.org/a?utm_source=x" || a.GUID != "tag:example.org,2024:a" {
		t.Errorf("link %q guid %q", a.Link, a.GUID)
	}
	if a.Summary != "Short" || a.Content != "<p>Long body</p>" || a.Author != "Feed Author" {
		t.Errorf("summary %q content %q author %q", a.Summary, a.Content, a.Author)
	}
	if strings.Join(a.Categories, ",") != "Politics,world" {
		t.Errorf("categories %q", a.Categories)
	}
	wantTime(t, "published", a.Published, time.Date(2024, 1, 2, 1, 0, 0, 0, time.UTC))
	wantTime(t, "updated", a.Updated, time.Date(2024, 1, 3, 9, 30, 0, 0, time.UTC))
}

func TestParseJSONFeed(t *testing.T) {
	doc := `  {"version": "https://jsonfeed.org/version/1.1", "title": "JF", "home_page_url": "https://jf.test/", "language": "id",
  "items": [
    {"id": "1", "url": "https://jf.test/1", "title": "Satu", "content_html": "<p>Isi</p>", "summary": "Ringkas",
     "date_published": "2024-05-05T10:00:00+07:00", "authors": [{"name": "Budi"}], "tags": ["politik", " politik ", ""]},
    {"id": "2", "title": "Dua", "content_text": "Teks saja"}
  ]}`
	f := mustParse(t, doc, "application/feed+json")
	if f.Title != "JF" || f.Language != "id" || len(f.Items) != 2 {
		t.Fatalf("feed %q %q %d", f.Title, f.Language, len(f.Items))
	}
	a := f.Items[0]
	if a.Link != "https://jf.test/1" || a.GUID != "1" || a.Author != "Budi" || a.Content != "<p>Isi</p>" || a.Summary != "Ringkas" {
		t.Errorf("item %+v", a)
	}
	if strings.Join(a.Categories, ",") != "politik, politik ," {
		t.Errorf("categories %q", a.Categories)
	}
	wantTime(t, "published", a.Published, time.Date(2024, 5, 5, 3, 0, 0, 0, time.UTC))
	if f.Items[1].Link != "" || f.Items[1].GUID != "2" || !f.Items[1].Published.IsZero() {
		t.Errorf("item 2 %+v", f.Items[1])
	}
}

func TestParseRSSAuthorsAndContent(t *testing.T) {
	f := mustParse(t, rss("id", `
<item><title>a</title><link>https://x.test/a</link><dc:creator>Antara</dc:creator><description>desc</description><content:encoded><![CDATA[<p>full</p>]]></content:encoded><category>Politik</category><category>Politik</category><category>Hukum</category></item>
<item><title>b</title><link>https://x.test/b</link><author>redaksi@x.test (Redaksi X)</author></item>
`), "")
	a, b := f.Items[0], f.Items[1]
	if a.Author != "Antara" || a.Summary != "desc" || a.Content != "<p>full</p>" || strings.Join(a.Categories, "|") != "Politik|Politik|Hukum" {
		t.Errorf("a = %+v", a)
	}
	if b.Author != "Redaksi X" {
		t.Errorf("b author %q", b.Author)
	}
}

func TestParseErrors(t *testing.T) {
	full := rss("id", `<item><title>a</title><link>https://x.test/a</link><description>long enough body text</description></item>`)
	tests := map[string]string{
		"truncated":  full[:len(full)*2/3],
		"empty":      "   ",
		"not a feed": "<html><body>404 Not Found</body></html>",
		"garbage":    "\x00\x01\x02 hello",
		"bad json":   `{"version": "https://jsonfeed.org/version/1", "items": [`,
	}
	for name, body := range tests {
		f, err := Parse([]byte(body), "", fetched)
		if err == nil {
			t.Errorf("%s: no error, feed %+v", name, f)
			continue
		}
		if !strings.HasPrefix(err.Error(), "parse: ") {
			t.Errorf("%s: error %q lacks the package prefix", name, err)
		}
	}
	// The header's charset matters only when the document declares none.
	noDecl := full[strings.Index(full, "?>")+2:]
	_, err := Parse([]byte(noDecl), "text/xml; charset=klingon", fetched)
	if err == nil || !strings.HasPrefix(err.Error(), "parse: ") || !strings.Contains(err.Error(), "klingon") {
		t.Errorf("unknown charset: %v", err)
	}
	if _, err := Parse([]byte(full), "text/xml; charset=klingon", fetched); err != nil {
		t.Errorf("declared UTF-8 with a bogus header charset: %v", err)
	}
}

func TestParseZeroItemsIsNotAnError(t *testing.T) {
	f := mustParse(t, rss("id", ""), "")
	if f.Title != "Contoh" || len(f.Items) != 0 || f.Items == nil {
		t.Errorf("feed %+v", f)
	}
}

// A web page where a feed should be says so, not gofeed's "failed to
// detect feed type": the operator has the page's URL, not its feed's.
func TestParseHTMLPageIsNamed(t *testing.T) {
	for _, body := range []string{
		"<!DOCTYPE html><html><head><title>Beranda</title></head><body><p>Bukan umpan.</p></body></html>",
		"\n  <html lang=\"id\"><body>404 Not Found</body></html>",
	} {
		_, err := Parse([]byte(body), "text/html", fetched)
		if !errors.Is(err, ErrHTMLPage) || !strings.HasPrefix(err.Error(), "parse: ") {
			t.Errorf("%.30q: %v, want ErrHTMLPage", body, err)
		}
	}
	for name, body := range map[string]string{
		"garbage":   "\x00\x01\x02 hello",
		"truncated": `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a</ti`,
	} {
		if _, err := Parse([]byte(body), "", fetched); err == nil || errors.Is(err, ErrHTMLPage) {
			t.Errorf("%s: %v, want an error other than ErrHTMLPage", name, err)
		}
	}
}

// What tells a podcast's feed from a news feed with media: the channel's
// podcast tags and the items' audio enclosures, by type or by file.
func TestParsePodcastSignals(t *testing.T) {
	podcast := mustParse(t, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>Weekly</title><link>https://weekly.example.com/</link>
<atom:link href="https://weekly.example.com/feed.xml" rel="self" type="application/rss+xml"/>
<itunes:author>Weekly</itunes:author><itunes:type>episodic</itunes:type>
<item><title>One</title><link>https://weekly.example.com/1</link><enclosure url="https://cdn.example.com/1.mp3" length="1" type="audio/mpeg"/></item>
<item><title>Two</title><link>https://weekly.example.com/2</link><enclosure url="https://cdn.example.com/2.M4A?x=1" length="1" type=""/></item>
<item><title>Three</title><link>https://weekly.example.com/3</link><enclosure url="https://cdn.example.com/3.jpg" length="1" type="image/jpeg"/></item>
</channel></rss>`, "")
	if !podcast.ITunes || podcast.AudioItems != 2 || podcast.FeedLink != "https://weekly.example.com/feed.xml" {
		t.Errorf("podcast: ITunes %t, AudioItems %d, FeedLink %q; want true, 2, the self link", podcast.ITunes, podcast.AudioItems, podcast.FeedLink)
	}
	news := mustParse(t, rss("en", `
<item><title>a</title><link>https://contoh.id/a</link><enclosure url="https://contoh.id/a.jpg" length="1" type="image/jpeg"/></item>
<item><title>b</title><link>https://contoh.id/b</link></item>
`), "")
	if news.ITunes || news.AudioItems != 0 {
		t.Errorf("news: ITunes %t, AudioItems %d; want false, 0", news.ITunes, news.AudioItems)
	}
	atom := mustParse(t, `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Show</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>Ep</title><id>urn:1</id><updated>2024-01-01T00:00:00Z</updated><link rel="alternate" href="https://show.example.com/1"/><link rel="enclosure" type="audio/ogg" href="https://show.example.com/1.ogg"/></entry>
</feed>`, "")
	if atom.AudioItems != 1 {
		t.Errorf("atom: AudioItems %d, want 1", atom.AudioItems)
	}
}

// KeepNewest keeps the newest items by date, whatever the feed's order,
// undated ones last, and says how many it left out.
func TestKeepNewest(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	f := &Feed{Items: []*article.Article{
		{Title: "undated"}, {Title: "3", Published: day(3)}, {Title: "9", Published: day(9)},
		{Title: "1", Published: day(1), Updated: day(10)}, {Title: "5", Published: day(5)},
	}}
	if n := f.KeepNewest(3); n != 2 {
		t.Errorf("left out %d, want 2", n)
	}
	var got []string
	for _, a := range f.Items {
		got = append(got, a.Title)
	}
	if strings.Join(got, " ") != "1 9 5" {
		t.Errorf("kept %q, want the items updated on the 10th, 9th and 5th", got)
	}
	if n := f.KeepNewest(0); n != 0 || len(f.Items) != 3 {
		t.Errorf("KeepNewest(0) left out %d", n)
	}
}
