package normalize

import (
	"runtime"
	"strings"
	"testing"

	"github.com/warta-news/warta/article"
)

// TestKeptArticleHoldsNoSlack: an article waits in the fetch window with
// its sanitised HTML and its text; strings built in buffers sized to the
// incoming HTML must not keep that size when most of the HTML was markup
// the sanitiser or the text extraction dropped.
func TestKeptArticleHoldsNoSlack(t *testing.T) {
	var in strings.Builder
	for i := range 40 {
		in.WriteString(`<p onclick="track(this)" style="color:red;font-weight:bold" data-tracking-id="0123456789abcdef">kata `)
		in.WriteString(strings.Repeat("x", i%7))
		in.WriteString(`</p><script>var x = "iklan, banyak sekali";</script>`)
	}
	html := in.String()
	n := New(Caps{})
	const count = 500
	kept := make([]*article.Article, count)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var held int
	for i := range kept {
		a := &article.Article{Link: "https://news.x.test/a/" + strings.Repeat("1", i%3), Title: "Judul", Summary: html}
		if err := n.Article(a, Options{Now: now, SourceName: "x"}); err != nil {
			t.Fatal(err)
		}
		kept[i] = a
		held += len(a.Summary) + len(a.Text)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	grown := int(after.HeapAlloc) - int(before.HeapAlloc)
	// The article structs and their short fields take about 1 KB each;
	// the HTML and text may round up to their size class.
	if limit := held + held/4 + count*1024; grown > limit {
		t.Errorf("%d articles hold %d bytes of HTML and text but %d bytes of heap (limit %d)", count, held, grown, limit)
	}
	t.Logf("held %d, heap grew %d", held, grown)
	runtime.KeepAlive(kept)
}
