package normalize

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func TestSanitize(t *testing.T) {
	n := New(Caps{})
	base := mustURL(t, "https://news.x.test/read/2024/1/story")
	tests := []struct {
		name, in     string
		want, reject []string
	}{
		{"script", `<p>ok</p><script>alert(1)</script>`, []string{"<p>ok</p>"}, []string{"script", "alert"}},
		{"onerror", `<img src="/i.jpg" onerror="alert(1)">`, []string{`<img src="https://news.x.test/i.jpg"`}, []string{"onerror", "alert"}},
		{"javascript link", `<a href="javascript:alert(1)">x</a>`, []string{"x"}, []string{"javascript", "href"}},
		{"style and iframe", `<style>p{}</style><iframe src="https://evil.test"></iframe><p style="color:red">t</p>`, []string{"<p>t</p>"}, []string{"iframe", "style", "evil"}},
		{"absolute link kept", `<a href="https://other.test/a?x=1&amp;y=2">o</a>`,
			[]string{`<a href="https://other.test/a?x=1&amp;y=2" rel="nofollow noopener">o</a>`}, nil},
		{"relative link absolutised", `<a href="../2/other">o</a> <a href="#c">c</a>`,
			[]string{`<a href="https://news.x.test/read/2024/2/other" rel="nofollow noopener">o</a>`,
				`<a href="https://news.x.test/read/2024/1/story#c" rel="nofollow noopener">c</a>`}, nil},
		{"existing rel replaced", `<a href="https://o.test/" rel="author">a</a>`, []string{`rel="nofollow noopener"`}, []string{"author"}},
		{"protocol-relative image", `<img src="//cdn.x.test/a.jpg" alt="Foto A">`, []string{`<img src="https://cdn.x.test/a.jpg" alt="Foto A"/>`}, nil},
		// Detik's 2014 feed through Feedsportal: pixel, ad links, ad images.
		{"feed ads", `Teks.<img width='1' height='1' src='http://detik.feedsportal.com/c/1/mf.gif' border='0'/><br clear='all'/><a href="http://da.feedsportal.com/r/1/rc.htm" rel="nofollow"><img src="http://da.feedsportal.com/r/1/rc.img" border="0"/></a><img width="1" height="1" src="http://pixel.x.test/p.gif">`,
			[]string{"Teks."}, []string{"feedsportal", "<img", "<a", "pixel"}},
		{"text with quotes", `<p>He said "a=" &lt;b&gt;</p>`, []string{`<p>He said &#34;a=&#34; &lt;b&gt;</p>`}, nil},
	}
	for _, tt := range tests {
		got := n.sanitize(tt.in, base, DefaultMaxHTMLBytes, "")
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tt.name, got, w)
			}
		}
		for _, r := range tt.reject {
			if strings.Contains(got, r) {
				t.Errorf("%s: %q still has %q", tt.name, got, r)
			}
		}
	}
	if got := n.sanitize(`<a href="/x">x</a>`, nil, DefaultMaxHTMLBytes, ""); !strings.Contains(got, `href="/x"`) || !strings.Contains(got, "noopener") {
		t.Errorf("no base: %q", got)
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>Satu dua.</p><p>Tiga&nbsp;empat.</p>", "Satu dua.\nTiga empat."},
		{"Baris satu<br>Baca juga: <a href='/x'>Judul lain</a><br/>Baris tiga", "Baris satu\nBaca juga: Judul lain\nBaris tiga"},
		{"<div><p>A <b>tebal <i>miring</i></b>!</p></div>", "A tebal miring!"},
		{"<ul><li>satu</li><li>dua</li></ul>", "satu\ndua"},
		{"<h2>Judul</h2>isi &amp; lagi &quot;kutip&quot; &#8220;x&#8221; &eacute;", "Judul\nisi & lagi \"kutip\" \u201cx\u201d é"},
		{"<script>var a = '<p>no</p>';</script><style>p{x:y}</style>teks<noscript>no</noscript>", "teks"},
		{"  \n\t spasi   banyak \n\n\n di   sini ", "spasi banyak\ndi sini"},
		{"<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"},
		{"kata<img src=x>kata", "kata kata"},
		{"<blockquote>kutipan</blockquote>sesudah", "kutipan\nsesudah"},
		{"<p>unclosed <b>bold", "unclosed bold"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := PlainText(tt.in); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestInlineText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\n\t  Ada Drone Intai Teluk Bintuni, Kodam akan Bangun Detasemen Rudal\t  ", "Ada Drone Intai Teluk Bintuni, Kodam akan Bangun Detasemen Rudal"},
		{"<b>Breaking</b>: A &amp; B &lt;3", "Breaking: A & B <3"},
		{"Satu<br>Dua", "Satu Dua"},
		{"AT&T 5 < 6", "AT&T 5 < 6"},
		// Unpaired bidi embeddings, overrides and isolates go; paired ones
		// stay (review 16, finding 10).
		{"Berita\u202e", "Berita"},
		{"\u202cA \u2069B", "A B"},
		{"Kata \u202bعربي\u202c dan \u2067עברית\u2069", "Kata \u202bعربي\u202c dan \u2067עברית\u2069"},
		{"a\u2066b\u202ec\u2069d", "a\u2066bc\u2069d"},
		{"a\u202ab\u2067c\u202cd\u2069", "ab\u2067cd\u2069"},
		{"\u202e\u202d", ""},
	}
	for _, tt := range tests {
		if got := InlineText(tt.in); got != tt.want {
			t.Errorf("InlineText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLanguage(t *testing.T) {
	tests := map[string]string{
		"id": "id", "id-ID": "id", "ID_id": "id", "in": "id", "in-ID": "id", "en-us": "en", "EN": "en",
		" en-GB ": "en", "": "", "x": "", "english": "", "12": "", "fil": "fil", "iw": "he",
	}
	for in, want := range tests {
		if got := Language(in); got != want {
			t.Errorf("Language(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestArticleDates(t *testing.T) {
	n := New(Caps{})
	pub := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)
	tests := []struct {
		name                 string
		pub, upd, seen       time.Time
		wantPub, wantUpd, ws time.Time
	}{
		{"no dates", time.Time{}, time.Time{}, time.Time{}, now, now, now},
		{"published only", pub, time.Time{}, time.Time{}, pub, pub, now},
		{"both", pub, pub.Add(time.Hour), time.Time{}, pub, pub.Add(time.Hour), now},
		{"slightly future kept", now.Add(20 * time.Hour), time.Time{}, time.Time{}, now.Add(20 * time.Hour), now.Add(20 * time.Hour), now},
		{"far future", now.Add(25 * time.Hour), time.Time{}, time.Time{}, now, now, now},
		{"updated before published", pub, pub.Add(-time.Hour), time.Time{}, pub, pub, now},
		{"first seen kept", pub, time.Time{}, pub.Add(-48 * time.Hour), pub, pub, pub.Add(-48 * time.Hour)},
		// Dates before the floor are placeholders, not dates (RFC 4287's
		// schema refuses year 0).
		{"year 0", time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{}, now, now, now},
		{"year 1000", time.Date(1000, 6, 1, 0, 0, 0, 0, time.UTC), time.Time{}, time.Time{}, now, now, now},
		{"last second of 1989", time.Date(1990, 1, 1, 6, 59, 59, 0, time.FixedZone("WIB", 7*3600)), time.Time{}, time.Time{}, now, now, now},
		{"1990 kept", time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{}, time.Time{}, time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), now},
		{"updated year 1", pub, time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC), time.Time{}, pub, pub, now},
	}
	for _, tt := range tests {
		a := &article.Article{Link: "https://x.test/a", Published: tt.pub, Updated: tt.upd, FirstSeen: tt.seen}
		if err := n.Article(a, Options{Now: now, SourceName: "x"}); err != nil {
			t.Fatal(err)
		}
		if !a.Published.Equal(tt.wantPub) || !a.Updated.Equal(tt.wantUpd) || !a.FirstSeen.Equal(tt.ws) {
			t.Errorf("%s: pub %v upd %v seen %v; want %v %v %v", tt.name, a.Published, a.Updated, a.FirstSeen, tt.wantPub, tt.wantUpd, tt.ws)
		}
	}
}

func TestArticleIdentity(t *testing.T) {
	n := New(Caps{})
	opts := Options{Now: now, SourceName: "detik", BaseURL: "https://news.detik.test/rss"}
	// ID, asked first, gives the ID Article then gives, and leaves the
	// item as it was.
	norm := func(a *article.Article) *article.Article {
		t.Helper()
		raw := *a
		id, ok := ID(a, opts)
		if !reflect.DeepEqual(*a, raw) {
			t.Errorf("ID changed the item: %+v", a)
		}
		if err := n.Article(a, opts); err != nil {
			t.Fatalf("Article(%+v): %v", a, err)
		}
		// Without a URL of its own, its title or text is part of its ID.
		if ok != (a.URL != "") || ok && id != a.ID {
			t.Errorf("ID(%q, %q) = %q, %v; Article gave %q, url %q", raw.Link, raw.GUID, id, ok, a.ID, a.URL)
		}
		return a
	}

	a := norm(&article.Article{Link: "http://News.Detik.test/read/1/?utm_source=rss#x", GUID: "1"})
	b := norm(&article.Article{Link: "https://news.detik.test/read/1", GUID: "2"})
	if a.URL != "http://news.detik.test/read/1" || a.ID != b.ID || a.ID != article.IDFromURL("news.detik.test/read/1") {
		t.Errorf("a %q %q, b %q %q", a.URL, a.ID, b.URL, b.ID)
	}
	if a.Link != "http://News.Detik.test/read/1/?utm_source=rss#x" || a.Source != "detik" {
		t.Errorf("link must stay raw: %q; source %q", a.Link, a.Source)
	}

	rel := norm(&article.Article{Link: "/read/2"})
	if rel.URL != "https://news.detik.test/read/2" {
		t.Errorf("relative link: %q", rel.URL)
	}

	// No link: an absolute GUID is the URL.
	g := norm(&article.Article{GUID: "https://news.detik.test/read/3?utm_medium=x"})
	if g.URL != "https://news.detik.test/read/3" || g.ID != article.IDFromURL("news.detik.test/read/3") {
		t.Errorf("guid url %q", g.URL)
	}

	// A feed redirector link gives way to the publisher URL in the GUID.
	fp := norm(&article.Article{
		Link: "http://detik.feedsportal.com/c/33613/f/656083/s/39db72c9/l/0Lnews/story01.htm",
		GUID: "http://news.detik.com/read/2014/04/29/080540/2568253/10/perjalanan",
	})
	if fp.URL != "http://news.detik.com/read/2014/04/29/080540/2568253/10/perjalanan" {
		t.Errorf("feedsportal url %q", fp.URL)
	}

	// Nothing but an opaque GUID: scoped by source, never lost.
	o1 := norm(&article.Article{GUID: "17"})
	if o1.URL != "" || o1.ID != article.IDFromURL("guid:detik:17") {
		t.Errorf("opaque guid: url %q id %q", o1.URL, o1.ID)
	}
	o2 := &article.Article{GUID: "17"}
	if err := n.Article(o2, Options{Now: now, SourceName: "tempo"}); err != nil || o2.ID == o1.ID {
		t.Errorf("same guid in two sources must differ: %v", err)
	}

	// A broken link with an opaque GUID still keeps the article.
	br := norm(&article.Article{Link: "javascript:void(0)", GUID: "abc"})
	if br.ID != article.IDFromURL("guid:detik:abc") {
		t.Errorf("broken link id %q", br.ID)
	}

	if err := n.Article(&article.Article{}, opts); err == nil || !strings.HasPrefix(err.Error(), "normalize: ") {
		t.Errorf("empty item: %v", err)
	}
	if err := n.Article(&article.Article{Link: "mailto:x@y.test"}, opts); err == nil {
		t.Error("unusable link without guid, title or text must be an error")
	}
}

// An item with neither link nor GUID (a bulletin feed) is kept, identified
// by its source, title and text; it has no URL.
func TestArticleWithoutLinkOrGUID(t *testing.T) {
	n := New(Caps{})
	id := func(source, title, body string) *article.Article {
		t.Helper()
		a := &article.Article{Title: title, Content: body}
		if id, ok := ID(a, Options{SourceName: source}); ok || id != "" {
			t.Errorf("ID of an item with neither link nor GUID: %q, %v", id, ok)
		}
		if err := n.Article(a, Options{Now: now, SourceName: source, BaseURL: "https://bmkg.test/rss"}); err != nil {
			t.Fatalf("Article(%q, %q): %v", title, body, err)
		}
		if a.URL != "" || a.ID == "" {
			t.Fatalf("url %q id %q", a.URL, a.ID)
		}
		return a
	}
	a := id("BMKG", "Peringatan dini cuaca", "<p>Hujan lebat di Jakarta Selatan.</p>")
	if again := id("BMKG", " Peringatan dini  cuaca ", "<p>Hujan lebat di   Jakarta Selatan.</p>\n"); again.ID != a.ID {
		t.Error("the same bulletin refetched got another ID")
	}
	for _, other := range []*article.Article{
		id("BMKG", "Peringatan dini cuaca", "<p>Hujan lebat di Bogor.</p>"),
		id("BPBD", "Peringatan dini cuaca", "<p>Hujan lebat di Jakarta Selatan.</p>"),
		id("BMKG", "Peringatan dini cuaca (2)", "<p>Hujan lebat di Jakarta Selatan.</p>"),
		id("BMKG", "", "<p>Peringatan dini cuaca</p><p>Hujan lebat di Jakarta Selatan.</p>"),
	} {
		if other.ID == a.ID {
			t.Errorf("%s %q %q shares the ID of %q %q", other.Source, other.Title, other.Text, a.Title, a.Text)
		}
	}
	// Same for a link that cannot be used.
	if b := id("BMKG", "Gempa M5,0", "Tidak berpotensi tsunami."); b.ID == a.ID {
		t.Error("two bulletins share an ID")
	}
	bad := &article.Article{Link: "javascript:void(0)", Title: "Gempa M5,0", Content: "Tidak berpotensi tsunami."}
	if err := n.Article(bad, Options{Now: now, SourceName: "BMKG"}); err != nil || bad.URL != "" || bad.ID == "" {
		t.Errorf("unusable link: %v, url %q, id %q", err, bad.URL, bad.ID)
	}
}

func TestArticleFields(t *testing.T) {
	n := New(Caps{})
	a := &article.Article{
		Link:       "https://www.tempo.test/read/1",
		Title:      "\n\t  Sidang <i>E-KTP</i> &amp; Anas\t  ",
		Author:     " <b>Redaksi</b> ",
		Summary:    "\n  Ringkas <script>x()</script> saja.  ",
		Content:    `<figure><img src="/img/1.jpg" onload="x()"></figure><p>Paragraf satu.</p><p>Baca juga: <a href="/read/2">Lain</a></p>`,
		Language:   "en-us",
		Categories: []string{" Politik ", "Politik", "", "Hukum &amp; HAM"},
	}
	if err := n.Article(a, Options{Now: now, SourceName: "tempo", SourceLanguage: "id-ID"}); err != nil {
		t.Fatal(err)
	}
	if a.Title != "Sidang E-KTP & Anas" {
		t.Errorf("title %q", a.Title)
	}
	if a.Author != "Redaksi" || a.Language != "id" {
		t.Errorf("author %q language %q", a.Author, a.Language)
	}
	if strings.Contains(a.Summary, "script") || strings.Contains(a.Content, "onload") {
		t.Errorf("unsafe html kept: %q / %q", a.Summary, a.Content)
	}
	if !strings.Contains(a.Content, `src="https://www.tempo.test/img/1.jpg"`) || !strings.Contains(a.Content, `href="https://www.tempo.test/read/2"`) {
		t.Errorf("content links not absolute: %q", a.Content)
	}
	if a.Text != "Paragraf satu.\nBaca juga: Lain" {
		t.Errorf("text %q", a.Text)
	}
	if strings.Join(a.Categories, "|") != "Politik|Hukum & HAM" {
		t.Errorf("categories %q", a.Categories)
	}
	// The feed's language is used when the source sets none.
	b := &article.Article{Link: "https://x.test/b", Language: "in-ID"}
	if err := n.Article(b, Options{Now: now}); err != nil || b.Language != "id" {
		t.Errorf("language %q, %v", b.Language, err)
	}
}

// Without a URL of its own an item is its GUID and title: a reused GUID
// with another title is another article, and PreviousID names the ID the
// GUID or the shared link alone gave.
func TestIdentityWithoutOwnURL(t *testing.T) {
	n := New(Caps{})
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	items := []*article.Article{
		{GUID: "1", Title: "Satu"},
		{GUID: "1", Title: "Dua"},
		{GUID: "a", Link: "https://h.example/", Title: "Tiga"},
		{GUID: "b", Link: "https://h.example/", Title: "Empat"},
		{GUID: "c", Link: "https://h.example/c", Title: "Lima"},
	}
	opts := Options{Now: now, SourceName: "s"}
	opts.Shared = SharedURLs(items, "https://h.example/c", opts)
	if !opts.Shared["https://h.example/"] || !opts.Shared["https://h.example/c"] || len(opts.Shared) != 2 {
		t.Errorf("shared %v", opts.Shared)
	}
	wantPrev := []string{
		article.IDFromURL("guid:s:1"), article.IDFromURL("guid:s:1"),
		article.IDFromURL("h.example/"), article.IDFromURL("h.example/"), article.IDFromURL("h.example/c"),
	}
	ids := map[string]bool{}
	for i, a := range items {
		prev, ok := PreviousID(a, opts)
		if !ok || prev != wantPrev[i] {
			t.Errorf("%q: PreviousID %q, %v", a.Title, prev, ok)
		}
		if err := n.Article(a, opts); err != nil {
			t.Fatal(err)
		}
		if a.URL != "" || ids[a.ID] {
			t.Errorf("%q: url %q, id %q repeated: %v", a.Title, a.URL, a.ID, ids[a.ID])
		}
		ids[a.ID] = true
	}
	again := &article.Article{GUID: "1", Title: "Satu"}
	if err := n.Article(again, opts); err != nil || again.ID != items[0].ID {
		t.Errorf("the same item again: %q, want %q (%v)", again.ID, items[0].ID, err)
	}
	own := &article.Article{GUID: "d", Link: "https://h.example/d", Title: "Enam"}
	if _, ok := PreviousID(own, opts); ok {
		t.Error("PreviousID of an item with its own URL")
	}
}

// A link is shared by two stories, not by one article listed twice: two
// items with one link and one title (however spaced) under two GUIDs keep
// it; with no titles, different GUIDs are different items.
func TestSharedURLsAreLinksOfTwoStories(t *testing.T) {
	items := []*article.Article{
		{GUID: "e1", Link: "https://h.example/e", Title: "Epsilon  tiba"},
		{GUID: "e2", Link: "https://h.example/e", Title: "Epsilon tiba"},
		{GUID: "g", Link: "https://h.example/g", Title: "Gamma"},
		{GUID: "d", Link: "https://h.example/g", Title: "Delta"},
		{GUID: "t1", Link: "https://h.example/t", Summary: "<p>satu</p>"},
		{GUID: "t2", Link: "https://h.example/t", Summary: "<p>dua</p>"},
	}
	got := SharedURLs(items, "", Options{})
	want := map[string]bool{"https://h.example/g": true, "https://h.example/t": true}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("shared %v, want %v", got, want)
	}
}

// Two stories under one title and one link (a daily photo rubric) are
// still two: their texts differ. One article listed twice under two GUIDs
// has one text, however its markup and spacing differ.
func TestSharedURLsAreLinksOfTwoTextsUnderOneTitle(t *testing.T) {
	items := []*article.Article{
		{GUID: "g1", Link: "https://e.x/foto", Title: "Foto Hari Ini", Summary: "<p>Nelayan menarik jaring di pantai.</p>"},
		{GUID: "g2", Link: "https://e.x/foto", Title: "Foto Hari Ini", Summary: "<p>Pasar terapung saat fajar.</p>"},
		{GUID: "s1", Link: "https://e.x/sama", Title: "Jembatan dibuka", Summary: "<p>Jembatan  dibuka pagi ini.</p>"},
		{GUID: "s2", Link: "https://e.x/sama", Title: "Jembatan dibuka", Content: "<div>Jembatan dibuka pagi ini.</div>"},
	}
	opts := Options{Now: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC), SourceName: "s"}
	opts.Shared = SharedURLs(items, "", opts)
	if want := map[string]bool{"https://e.x/foto": true}; fmt.Sprint(opts.Shared) != fmt.Sprint(want) {
		t.Errorf("shared %v, want %v", opts.Shared, want)
	}
	n := New(Caps{})
	for _, a := range items {
		if err := n.Article(a, opts); err != nil {
			t.Fatal(err)
		}
	}
	if items[0].ID == items[1].ID {
		t.Errorf("two photo stories under one ID %q", items[0].ID)
	}
	if items[2].ID != items[3].ID || items[2].URL != "https://e.x/sama" {
		t.Errorf("one article listed twice: IDs %q, %q, URL %q", items[2].ID, items[3].ID, items[2].URL)
	}
}

// LinklessID is the ID an item with a URL of its own had while its link
// was shared: the ID Article gave it then.
func TestLinklessIDIsTheIDWhileShared(t *testing.T) {
	n := New(Caps{})
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	shared := &article.Article{GUID: "g", Link: "https://h.example/g", Title: "Gamma"}
	opts := Options{Now: now, SourceName: "s", Shared: map[string]bool{"https://h.example/g": true}}
	if err := n.Article(shared, opts); err != nil {
		t.Fatal(err)
	}
	own := &article.Article{GUID: "g", Link: "https://h.example/g", Title: "Gamma"}
	opts.Shared = nil
	if err := n.Article(own, opts); err != nil {
		t.Fatal(err)
	}
	if id, ok := LinklessID(own, opts); !ok || id != shared.ID || own.ID == shared.ID {
		t.Errorf("LinklessID %q, %v; want %q (own ID %q)", id, ok, shared.ID, own.ID)
	}
	if _, ok := LinklessID(shared, opts); ok {
		t.Error("LinklessID of an item with no URL of its own")
	}
	bare := &article.Article{GUID: "7", Link: "https://h.example/7"}
	if err := n.Article(bare, opts); err != nil {
		t.Fatal(err)
	}
	if id, ok := LinklessID(bare, opts); ok {
		t.Errorf("LinklessID %q of an item its GUID alone would name", id)
	}
}

// A title cut to its bound loses an override whose closing the cut
// removed (review 16, finding 10).
func TestTruncatedTitleKeepsNoUnpairedOverride(t *testing.T) {
	a := &article.Article{Title: "Awal \u202e" + strings.Repeat("kata ", 1000) + "\u202c akhir", URL: "https://a.example/x"}
	if err := New(Caps{}).Article(a, Options{SourceName: "s", Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if len(a.Title) > maxTitleBytes || strings.ContainsRune(a.Title, '\u202e') {
		t.Errorf("title of %d bytes keeps the unpaired override: %q…", len(a.Title), a.Title[:20])
	}
}

// A link-less item's ID is over its title as builds before the bidi
// stripping cleaned it, unpaired controls and all: stripping them from the
// stored title must not give a stored item a new ID (review 19, finding 2).
// The stored title is stripped.
func TestLinklessIDKeepsTheTitleBeforeBidiStripping(t *testing.T) {
	const title = "Linkless \u202bbidi title 1"
	long := "Awal \u202e" + strings.Repeat("kata ", 1000) + "\u202c akhir"
	for _, c := range []struct {
		name, guid, title, text, want string
	}{
		{"guid", "g-1", title, "", "guid:s:g-1\n" + title},
		{"no guid", "", title, "Isi berita.", "text:s\n" + title + "\nIsi berita."},
		// The cut at the title's bound kept the override too.
		{"long title", "g-2", long, "", "guid:s:g-2\n" + strings.TrimRight(cutAtWord(long[:maxTitleBytes-len(ellipsis)]), " ") + ellipsis},
	} {
		a := &article.Article{GUID: c.guid, Title: c.title, Summary: c.text}
		if err := New(Caps{}).Article(a, Options{SourceName: "s", Now: now}); err != nil {
			t.Fatal(err)
		}
		if want := article.IDFromURL(c.want); a.ID != want {
			t.Errorf("%s: ID %q, want %q (the unstripped title's)", c.name, a.ID, want)
		}
		if strings.ContainsAny(a.Title, "\u202b\u202e") {
			t.Errorf("%s: stored title %.40q keeps the unpaired control", c.name, a.Title)
		}
	}
}
