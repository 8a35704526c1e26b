package publish

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

// countingWalker counts the reads of the articles per hour.
type countingWalker struct {
	*fakeLister
	walks atomic.Int32
}

func (c *countingWalker) ArticlesPerHour(ctx context.Context, t time.Time, fn func(hour time.Time, source, topic string, n int) error) error {
	c.walks.Add(1)
	return c.fakeLister.ArticlesPerHour(ctx, t, fn)
}

// The index shows no chart, so it reads no article; the status pages
// count the articles once per snapshot and chart hour however often they
// are asked for (review 16: 1).
func TestStatusPagesCountArticlesOncePerSnapshotAndHour(t *testing.T) {
	lister := &fakeLister{stories: testStories()}
	w := &countingWalker{fakeLister: lister}
	clk := newClock(tRefresh)
	p := New(Options{BaseURL: testBase, Articles: w, Now: clk.Now}, testFeeds(), lister, nil)
	refresh := func() {
		t.Helper()
		if err := p.Refresh(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	getAll := func(paths ...string) {
		t.Helper()
		for _, path := range paths {
			if rec := get(t, p.Handler(), "GET", path, nil); rec.Code != http.StatusOK {
				t.Fatalf("GET %s: %d", path, rec.Code)
			}
		}
	}
	refresh()
	getAll("/", "/", "/")
	if n := w.walks.Load(); n != 0 {
		t.Errorf("3 × GET / read the articles %d times, want 0", n)
	}
	getAll("/status", "/status.json", "/status")
	if n := w.walks.Load(); n != 1 {
		t.Errorf("the status pages, 3 times in one snapshot and hour, read the articles %d times, want 1", n)
	}
	clk.Add(time.Hour) // the next chart hour
	getAll("/status", "/status.json")
	if n := w.walks.Load(); n != 2 {
		t.Errorf("the status pages in the next chart hour: %d reads in all, want 2", n)
	}
	refresh() // a new snapshot: new articles may be stored
	getAll("/status.json", "/status")
	if n := w.walks.Load(); n != 3 {
		t.Errorf("the status pages of a new snapshot: %d reads in all, want 3", n)
	}
}
