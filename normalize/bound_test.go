package normalize

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/feedcheck"
)

// xmlDepth reads fragment with an XML parser: it must be balanced.
func xmlDepth(t testing.TB, fragment string) int {
	t.Helper()
	return feedcheck.HTMLDepth(t, fragment)
}

// htmlDepth parses fragment with an HTML5 parser and returns the depth of
// the deepest element under <body>.
func htmlDepth(t *testing.T, fragment string) int {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *html.Node, d int) int
	walk = func(n *html.Node, d int) int {
		deepest := d
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				deepest = max(deepest, walk(c, d+1))
			}
		}
		return deepest
	}
	return walk(doc, 0) - 2 // <html><body>
}

func TestSanitizeBalances(t *testing.T) {
	n := New(Caps{})
	for in, want := range map[string]string{
		"<p>unclosed <b>bold <i>both":                    "<p>unclosed <b>bold <i>both</i></b></p>",
		"<b><i>crossed</b></i> after":                    "<b><i>crossed</i></b> after",
		"</div></p>stray</b> end":                        "stray end",
		"<ul><li>one<li>two</ul>":                        "<ul><li>one<li>two</li></li></ul>",
		"a<br>b<br/>c<img src=\"https://x.test/i.jpg\">": `a<br/>b<br/>c<img src="https://x.test/i.jpg"/>`,
		"<p/>x<div/>":                                    "<p></p>x<div></div>",
	} {
		got := n.sanitize(in, nil, DefaultMaxHTMLBytes, "")
		if got != want {
			t.Errorf("sanitize(%q) = %q, want %q", in, got, want)
		}
		xmlDepth(t, got)
	}
}

// 200,000 nested <div>: the text stays, the nesting is cut to maxDepth and
// the output is small and well-formed.
func TestSanitizeBoundsNesting(t *testing.T) {
	const levels = 200_000
	in := strings.Repeat("<div>", levels) + "<p>inti berita</p>" + strings.Repeat("</div>", levels) + "<p>sesudah</p>"
	got := New(Caps{}).sanitize(in, nil, DefaultMaxHTMLBytes, "")
	if !strings.Contains(got, "inti berita") || !strings.HasSuffix(got, "<p>sesudah</p>") {
		t.Errorf("text lost: ...%q", got[max(0, len(got)-200):])
	}
	if d := xmlDepth(t, got); d > maxDepth {
		t.Errorf("XML depth %d, want at most %d", d, maxDepth)
	}
	if d := htmlDepth(t, got); d > maxDepth {
		t.Errorf("HTML depth %d, want at most %d", d, maxDepth)
	}
	if len(got) > 2*maxDepth*len("<div></div>")+100 {
		t.Errorf("%d bytes out", len(got))
	}
}

// nineMB is an item body of 9 MB: paragraphs of real-looking text with
// markup and entities, as the hostile probe's feed sent.
func nineMB() string {
	p := "<p>Pemerintah &amp; DPR membahas <b>anggaran</b> pertahanan, kata menteri luar negeri. <i>Sanksi</i> baru diumumkan.</p>\n"
	return strings.Repeat(p, 9<<20/len(p)+1)
}

func TestArticleCapsAHugeItem(t *testing.T) {
	for _, caps := range []struct{ html, text int }{{0, 0}, {20_000, 5_000}} {
		n := New(Caps{MaxHTMLBytes: caps.html, MaxTextBytes: caps.text})
		body := nineMB()
		a := &article.Article{Link: "https://news.x.test/read/9mb?a=1&b=2", Title: strings.Repeat("Judul sangat panjang ", 1<<16), Summary: body[:1<<20], Content: body}
		if err := n.Article(a, Options{Now: now, SourceName: "x"}); err != nil {
			t.Fatal(err)
		}
		maxHTML, maxText := cmp(caps.html, DefaultMaxHTMLBytes), cmp(caps.text, DefaultMaxTextBytes)
		for name, h := range map[string]string{"content": a.Content, "summary": a.Summary} {
			if len(h) > maxHTML || len(h) < maxHTML*9/10 {
				t.Errorf("%s: %d bytes, want close under %d", name, len(h), maxHTML)
			}
			xmlDepth(t, h)
			link := `<p><a href="https://news.x.test/read/9mb?a=1&amp;b=2" rel="nofollow noopener">https://news.x.test/read/9mb?a=1&amp;b=2</a></p>`
			if !strings.HasSuffix(h, link) || !strings.Contains(h, "…</") {
				t.Errorf("%s: no … and link to the original at the end: %q", name, h[len(h)-300:])
			}
		}
		if len(a.Text) > maxText || len(a.Text) < maxText*9/10 || !strings.HasSuffix(a.Text, "…") || !utf8.ValidString(a.Text) {
			t.Errorf("text: %d bytes, ends %q", len(a.Text), a.Text[len(a.Text)-20:])
		}
		if strings.Contains(a.Text, "news.x.test") {
			t.Error("the link to the original is in the text")
		}
		if strings.HasSuffix(a.Text, " …") || strings.Contains(a.Text[len(a.Text)-20:], "&") {
			t.Errorf("text not cut at a word: %q", a.Text[len(a.Text)-40:])
		}
		if len(a.Title) > maxTitleBytes || !strings.HasSuffix(a.Title, "Judul…") {
			t.Errorf("title: %d bytes, ends %q", len(a.Title), a.Title[len(a.Title)-20:])
		}
	}
}

func cmp(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func TestCutsAreClean(t *testing.T) {
	// Cutting escaped text never splits a reference or a character.
	for in, want := range map[string]string{
		"ab &amp; c":  "ab &amp;",
		"ab &am":      "ab",
		"abcd&amp;":   "abcd&amp;",
		"abcd\xc3":    "abcd",
		"abcdefgh ij": "abcdefgh",
		"a bcdefghij": "a bcdefghij",
	} {
		if got := cutEscaped(in); got != want {
			t.Errorf("cutEscaped(%q) = %q, want %q", in, got, want)
		}
	}
	if got := truncateText("satu dua tiga", 12); got != "satu dua…" {
		t.Errorf("truncateText = %q", got)
	}
	if got := truncateText("satu dua", 8); got != "satu dua" {
		t.Errorf("truncateText = %q", got)
	}
}

// One 9 MB paragraph with no markup, and one 1 MB tag: the paragraph is
// cut at the cap, the tag dropped.
func TestSanitizeHugeTokens(t *testing.T) {
	n := New(Caps{})
	text := strings.Repeat("kata demi kata ", 9<<20/15)
	got := n.sanitize(text, nil, 10_000, originalLink("https://x.test/a", 10_000))
	if len(got) > 10_000 || len(got) < 9_000 || !strings.HasPrefix(got, "kata demi") || !strings.Contains(got, "kata…<p><a") {
		t.Errorf("huge text: %d bytes: %.100q…%q", len(got), got, got[max(0, len(got)-100):])
	}
	xmlDepth(t, got)
	tag := `<p>before <a href="https://x.test/` + strings.Repeat("a", 1<<20) + `">link</a> after</p>` + strings.Repeat("<p>more text</p>", 100)
	got = n.sanitize(tag, nil, 10_000, "")
	if !strings.HasPrefix(got, "<p>before ") || strings.Contains(got, "aaaa") {
		t.Errorf("huge tag: %d bytes: %.200q", len(got), got)
	}
	xmlDepth(t, got)
}

// The raw link and GUID are stored as given, so every driver must be able
// to store them: no control characters (PostgreSQL refuses NUL in text),
// and no URL longer than an index row PostgreSQL's btree takes (2,704
// bytes) (review 12: F1, F5).
func TestRawLinkAndGUIDEveryStoreTakes(t *testing.T) {
	n := New(Caps{})
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	nul := &article.Article{Link: "https://news.test/a\x00b", GUID: "a\x00b\x01", Title: "Judul"}
	if err := n.Article(nul, Options{SourceName: "s", Now: now}); err != nil {
		t.Fatal(err)
	}
	if nul.Link != "https://news.test/ab" || nul.GUID != "ab" {
		t.Errorf("link %q, GUID %q: want the control characters stripped", nul.Link, nul.GUID)
	}
	onlyNUL := &article.Article{GUID: "\x00", Title: "Judul"}
	plain := &article.Article{Title: "Judul"}
	for _, a := range []*article.Article{onlyNUL, plain} {
		if err := n.Article(a, Options{SourceName: "s", Now: now}); err != nil {
			t.Fatal(err)
		}
	}
	if onlyNUL.GUID != "" || onlyNUL.ID != plain.ID {
		t.Errorf("a GUID of control characters alone: GUID %q, ID %s, want none and %s", onlyNUL.GUID, onlyNUL.ID, plain.ID)
	}
	long := "https://news.test/a?x=" + strings.Repeat("0123456789abcdef", 2800/16)
	a := &article.Article{Link: long, Title: "Judul panjang"}
	if err := n.Article(a, Options{SourceName: "s", Now: now}); err != nil {
		t.Fatal(err)
	}
	if a.URL != "" || len(a.Link) > maxURLBytes {
		t.Errorf("a %d-byte link: URL of %d bytes, link of %d: want no URL and the link cut to %d",
			len(long), len(a.URL), len(a.Link), maxURLBytes)
	}
	if id, ok := ID(&article.Article{Link: long}, Options{SourceName: "s"}); ok {
		t.Errorf("ID of a %d-byte link: %s, want none (no URL of its own)", len(long), id)
	}
}
