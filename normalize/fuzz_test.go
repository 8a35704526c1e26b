package normalize

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
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

// FuzzSanitize checks that no script survives sanitising and that the link
// pass never breaks on what bluemonday emits.
func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		`<a href="/x" onclick="a()">x</a><img src=x onerror=alert(1)>`,
		`<a href="javascript:alert(1)">x</a><script>alert(1)</script>`,
		`<p title="a > b">"quoted" & <b>bold</p>`,
		`<a href='//x.test/"><svg onload=alert(1)>'>`,
	} {
		f.Add(s)
	}
	n := New()
	base := mustURL(f, "https://news.x.test/read/1")
	f.Fuzz(func(t *testing.T, in string) {
		out := n.sanitize(in, base, DefaultMaxHTMLBytes, "")
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
