package pipeline

import (
	"context"
	"testing"

	"github.com/warta-news/warta/article"
)

// The writer may take the next batch before the last one is written (it
// decides one while the other is written): each batch is taken once, in
// the order handed out, and the last one when the window closes.
func TestWindowHandsEachBatchOnce(t *testing.T) {
	ctx := context.Background()
	const sources = saveBatchSources + 7 // what the window admits before a write
	w := newWindow(sources)
	for i := range sources {
		if !w.admit(ctx, i) {
			t.Fatal("admit refused")
		}
	}
	// Answers arrive in reverse order; each source brings one article.
	for i := sources - 1; i >= 0; i-- {
		w.set(i, &sourceResult{items: 1, articles: []*article.Article{{ID: "x"}}})
	}
	w.close(func(int) *sourceResult { return &sourceResult{} }, nil)
	var sizes []int
	var taken [][]*sourceResult
	for b := w.nextBatch(ctx, nil); b != nil; b = w.nextBatch(ctx, nil) {
		sizes = append(sizes, len(b))
		taken = append(taken, b)
	}
	if len(sizes) != 2 || sizes[0] != saveBatchSources || sizes[1] != 7 {
		t.Fatalf("batches of %v sources, want %d, 7", sizes, saveBatchSources)
	}
	if taken[1][0] != w.results[saveBatchSources] {
		t.Fatal("the second batch does not start where the first ended")
	}
	for _, b := range taken {
		w.written(b)
	}
	if w.held != 0 || w.next != sources {
		t.Fatalf("after writing: held %d, next %d", w.held, w.next)
	}
}
