package normalize

import (
	"strings"
	"testing"
)

// sanitizedTextSeeds are fragments as feeds send them: each is sanitised
// and its text read both ways.
var sanitizedTextSeeds = []string{
	benchBody,
	`<p>Satu &amp; dua &lt;tiga&gt; &quot;empat&quot; l&#39;lima&nbsp;enam</p><p>Tujuh</p>`,
	`<table><tr><td>a</td><td>b</td></tr></table><ul><li>x</li><li>y</li></ul>z<br>w<hr>v`,
	`<a href="/x?a=1&amp;b=2" title="a > b">tautan</a> <img src="/f.jpg" alt="foto">teks`,
	`<script>var a = '<p>no</p>';</script>teks<style>p{}</style>lagi<iframe src="x">no</iframe>`,
	`<div><p>unclosed <b>bold <i>both`,
	"baris\r\nberikut\x00nul",
	`<xmp><p>raw</p></xmp><plaintext>`,
	`<p>Harga naik 5% &mdash; kata &#x41;&#65; pejabat&hellip;</p>`,
	strings.Repeat("<div>", 80) + "dalam" + strings.Repeat("</div>", 80),
	"  <p>  a\u00a0\u00a0b \u2003 c</p>\n\n<p>\u0085d\te<br/>  </p> <p> </p>f&amp;<b>g</b>\xff h ",
}

// TestSanitizedTextIsPlainText holds the hand reading of sanitised HTML to
// PlainText's, on what sanitize makes of each seed, cut at its cap and
// not, and checks that the article bodies the hand reading was written for
// do not fall back to the tokenizer.
func TestSanitizedTextIsPlainText(t *testing.T) {
	n := New(Caps{})
	base := mustURL(t, "https://news.x.test/read/1")
	for _, in := range sanitizedTextSeeds {
		for _, limit := range []int{DefaultMaxHTMLBytes, 300} {
			more := originalLink("https://news.x.test/read/1?a=1&b=2", limit)
			html := strings.TrimSuffix(n.sanitize(in, base, limit, more), more)
			got, ok := sanitizedText(html)
			if ok && got != PlainText(html) {
				t.Errorf("sanitizedText(%q) = %q, PlainText gives %q", html, got, PlainText(html))
			}
			if want := PlainText(html); sanitizedPlainText(html) != want {
				t.Errorf("sanitizedPlainText(%q) = %q, want %q", html, sanitizedPlainText(html), want)
			}
		}
	}
	for _, in := range sanitizedTextSeeds[:5] {
		html := n.sanitize(in, base, DefaultMaxHTMLBytes, "")
		if _, ok := sanitizedText(html); !ok {
			t.Errorf("sanitizedText(%q) fell back to the tokenizer", html)
		}
	}
}

// TestSanitizedTextRefuses checks that what sanitize never writes is left
// to PlainText.
func TestSanitizedTextRefuses(t *testing.T) {
	for _, in := range []string{
		"a\r\nb", "a\x00b", "a &nbsp; b", "a &#65; b", "<P>a</P>", "<p class=x>a</p>",
		"<p title='x'>a</p>", "<!-- c -->a", "a < b", "</p >a", "<script>x</script>",
		"<xmp>x</xmp>", `<p title="x>a`, "<p", "a &amp b",
	} {
		if got, ok := sanitizedText(in); ok {
			t.Errorf("sanitizedText(%q) = %q, want a fallback", in, got)
		}
	}
}

// FuzzSanitizedText checks that whatever sanitizedText accepts, sanitised
// or not, it reads as PlainText does.
func FuzzSanitizedText(f *testing.F) {
	for _, s := range sanitizedTextSeeds {
		f.Add(s)
	}
	n := New(Caps{})
	base := mustURL(f, "https://news.x.test/read/1")
	f.Fuzz(func(t *testing.T, in string) {
		for _, s := range []string{in, n.sanitize(in, base, DefaultMaxHTMLBytes, "")} {
			if got, ok := sanitizedText(s); ok && got != PlainText(s) {
				t.Fatalf("sanitizedText(%q) = %q, PlainText gives %q", s, got, PlainText(s))
			}
		}
	})
}
