package pipeline

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// twoItems lists an undated item that stays in its feed and one that
// leaves it; embassyOnly is the feed once the second has left.
const (
	twoItems = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Embassy reopens in Kabul</title><link>https://news.example/embassy</link><description>The embassy reopened on Monday.</description></item>
<item><title>Consulate closes in Herat</title><link>https://news.example/consulate</link><description>The consulate closed on Friday.</description></item>
</channel></rss>`
	embassyOnly = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Embassy reopens in Kabul</title><link>https://news.example/embassy</link><description>The embassy reopened on Monday.</description></item>
</channel></rss>`
)

// An article past retention that its source still lists is kept, so the
// next fetch does not store it again as a new article dated then; one its
// source no longer lists is pruned.
func TestPruneKeepsWhatTheSourceStillLists(t *testing.T) {
	ctx := context.Background()
	var body atomic.Value
	body.Store(twoItems)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(body.Load().(string)))
	}))
	t.Cleanup(srv.Close)
	p, st := newTestPipeline(t, srv.URL)
	p.cfg.Storage.Retention = time.Hour
	clock := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
	p.now = func() time.Time { return clock }
	cycle := func() Report {
		t.Helper()
		rep, err := p.RunCycle(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	if rep := cycle(); rep.New != 2 {
		t.Fatalf("first cycle stored %d, want 2", rep.New)
	}
	first := clock
	clock = clock.Add(2 * time.Hour)
	body.Store(embassyOnly)
	if rep := cycle(); rep.New != 0 {
		t.Fatalf("second cycle stored %d, want 0", rep.New)
	}
	clock = clock.Add(10 * time.Minute)
	if rep := cycle(); rep.New != 0 {
		t.Errorf("a cycle after the prune stored %d articles again, want 0", rep.New)
	}
	var left []*article.Article
	if err := st.Since(ctx, time.Time{}, func(a *article.Article) error {
		left = append(left, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || left[0].Title != "Embassy reopens in Kabul" {
		t.Fatalf("stored after the prune: %d articles, want the embassy item alone", len(left))
	}
	if !left[0].FirstSeen.Before(first.Add(time.Minute)) {
		t.Errorf("kept article first seen %v, want its first cycle's %v", left[0].FirstSeen, first)
	}
}
