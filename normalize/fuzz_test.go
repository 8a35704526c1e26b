package normalize

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/net/html"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/parse"
)

// FuzzCanonicalURL checks that canonical URLs are fixed points: a
// canonical URL canonicalises to itself, or two spellings of one article
// could get two IDs.
func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{
		"https://Example.COM:443/a/b/?utm_source=x&b=2&a=1#frag",
		"http://x.test/a%2Fb?q=a%20b&&x=%2F&ref=1",
		"https://x.test/#!/story/42",
		"http://[::1]:8080/",
		"https://x.test/a;b?c=d;e",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		c, err := CanonicalURL(raw, "")
		if err != nil {
			return
		}
		c2, err := CanonicalURL(c, "")
		if err != nil || c2 != c {
			t.Fatalf("not idempotent: %q -> %q -> %q (%v)", raw, c, c2, err)
		}
	})
}

// FuzzSanitize checks that no script survives sanitising, that the link
// pass never breaks on what bluemonday emits, and that the result is
// balanced, at most maxDepth deep and within its cap.
func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		`<a href="/x" onclick="a()">x</a><img src=x onerror=alert(1)>`,
		`<a href="javascript:alert(1)">x</a><script>alert(1)</script>`,
		`<p title="a > b">"quoted" & <b>bold</p>`,
		`<a href='//x.test/"><svg onload=alert(1)>'>`,
		`<p>unclosed <b>bold <i>both`,
		strings.Repeat("<div>", 100) + "deep" + strings.Repeat("</span>", 100),
		`<ul><li>one<li>two</ul></div></p><br></br><p/>x`,
		strings.Repeat("kata &amp; kata é ", 400),
	} {
		f.Add(s, uint16(0))
	}
	n := New(Caps{})
	base := mustURL(f, "https://news.x.test/read/1")
	f.Fuzz(func(t *testing.T, in string, capSeed uint16) {
		limit := 256 + int(capSeed)
		out := n.sanitize(in, base, limit, originalLink("https://news.x.test/read/1?a=1&b=2", limit))
		if len(out) > limit {
			t.Fatalf("sanitize(%q) is %d bytes, over its cap %d", in, len(out), limit)
		}
		if d := xmlDepth(t, out); d > maxDepth {
			t.Fatalf("sanitize(%q) nests %d deep", in, d)
		}
		z := html.NewTokenizer(strings.NewReader(out))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			tok := z.Token()
			if tok.Type != html.StartTagToken && tok.Type != html.SelfClosingTagToken {
				continue
			}
			if tok.Data == "script" || tok.Data == "style" || tok.Data == "iframe" {
				t.Fatalf("sanitize(%q) = %q keeps <%s>", in, out, tok.Data)
			}
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(a.Key, "on") || strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") {
					t.Fatalf("sanitize(%q) = %q keeps %s=%q", in, out, a.Key, a.Val)
				}
			}
		}
	})
}

// FuzzPlainText checks the shape of extracted text: no empty line, no
// white space at either end of a line, and text cut to its cap at most.
func FuzzPlainText(f *testing.F) {
	for _, s := range []string{
		"<p>Satu dua.</p><p>Tiga&nbsp;empat.</p>",
		"<script>var a = '<p>no</p>';</script>teks<svg><svg></svg>x</svg>y",
		"  \n\t spasi   banyak \n\n\n di   sini \u00a0\u2003",
		"<table><tr><td>a</td><td>b</td></tr></table>",
	} {
		f.Add(s, uint16(10))
	}
	f.Fuzz(func(t *testing.T, in string, capSeed uint16) {
		text := PlainText(in)
		for _, line := range strings.Split(text, "\n") {
			if text != "" && (line == "" || strings.TrimFunc(line, unicode.IsSpace) != line) {
				t.Fatalf("PlainText(%q) = %q: line %q", in, text, line)
			}
		}
		limit := len(ellipsis) + int(capSeed)
		if cut := truncateText(text, limit); len(cut) > limit || (cut != text && !strings.HasSuffix(cut, ellipsis)) {
			t.Fatalf("truncateText(%q, %d) = %q", text, limit, cut)
		}
	})
}

// FuzzParseAndNormalize runs arbitrary bytes through parse and normalize,
// as a cycle does, and checks what an article may hold: an identity, caps,
// balanced HTML, no date before the floor.
func FuzzParseAndNormalize(f *testing.F) {
	for _, s := range []string{
		`<rss version="2.0"><channel><language>id</language><item><title>a&#1;b</title><link>/x?utm_source=y</link><description>&lt;p&gt;unclosed &lt;b&gt;x</description><pubDate>Sat, 01 Jan 0000 00:00:00 +0000</pubDate></item><item><title>only a title</title></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">&lt;b&gt;x</title><content type="html">` + strings.Repeat("&lt;div&gt;", 200) + `</content><published>1000-01-01T00:00:00Z</published></entry></feed>`,
		`{"version":"https://jsonfeed.org/version/1.1","items":[{"content_html":"<p>no id, no url</p>"}]}`,
	} {
		f.Add([]byte(s))
	}
	const maxHTML, maxText = 2048, 1024
	n := New(Caps{MaxHTMLBytes: maxHTML, MaxTextBytes: maxText})
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte) {
		feed, err := parse.Parse(body, "", now)
		if err != nil {
			return
		}
		for _, a := range feed.Items {
			err := n.Article(a, Options{Now: now, SourceName: "fuzz", BaseURL: "https://feed.x.test/rss"})
			if err != nil {
				if !errors.Is(err, errNoIdentity) {
					t.Fatalf("Article: %v", err)
				}
				continue
			}
			checkArticle(t, a, maxHTML, maxText)
		}
	})
}

func checkArticle(t *testing.T, a *article.Article, maxHTML, maxText int) {
	t.Helper()
	if a.ID == "" || (a.URL != "" && a.ID != article.IDFromURL(IdentityKey(a.URL))) {
		t.Fatalf("id %q for url %q", a.ID, a.URL)
	}
	if len(a.Summary) > maxHTML || len(a.Content) > maxHTML || len(a.Text) > maxText ||
		len(a.Title) > maxTitleBytes || len(a.Author) > maxAuthorBytes ||
		len(a.Link) > maxURLBytes || len(a.GUID) > maxURLBytes || len(a.Categories) > maxCategories {
		t.Fatalf("over a cap: summary %d, content %d, text %d, title %d, author %d, link %d, guid %d, categories %d",
			len(a.Summary), len(a.Content), len(a.Text), len(a.Title), len(a.Author), len(a.Link), len(a.GUID), len(a.Categories))
	}
	for _, h := range []string{a.Summary, a.Content} {
		if d := xmlDepth(t, h); d > maxDepth {
			t.Fatalf("html nested %d deep", d)
		}
	}
	if a.Published.UTC().Year() < earliestYear || a.Updated.Before(a.Published) {
		t.Fatalf("published %v, updated %v", a.Published, a.Updated)
	}
}
