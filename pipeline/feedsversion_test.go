package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/publish"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/topic"
)

// failingWriter is a store whose writes fail after the first ok batches,
// as a disk filling up in the middle of a cycle.
type failingWriter struct {
	store.Store
	ok    int32
	calls atomic.Int32
}

func (s *failingWriter) SaveSources(ctx context.Context, batch []store.SourceWrite) ([]store.SourceSaved, error) {
	if s.calls.Add(1) > s.ok {
		return nil, errors.New("disk full")
	}
	return s.Store.SaveSources(ctx, batch)
}

// A cycle that fails after storing a batch still tells the processes
// sharing the store that the feeds changed: the next `warta once`, whose
// cycle finds nothing new, renders the feeds again instead of keeping
// files its stamp says are up to date, and they show the failed cycle's
// articles.
func TestFailedCycleStillChangesTheFeedsVersion(t *testing.T) {
	for _, d := range storeDrivers() {
		t.Run(d.name, func(t *testing.T) {
			open := d.open(t)
			const feeds, items = 40, 20 // the first batch closes at 25 sources
			srv := streamSite(t, items, 0, false, nil)
			urls := feedURLs(srv, feeds)
			dir := t.TempDir()
			once := func() (rendered bool) {
				t.Helper()
				st := open()
				sources := []config.Source{{Name: "A", URL: urls[0]}}
				pub := publish.New(publish.Options{Dir: dir, FilesOnly: true, Build: "test",
					Sources:   []publish.SourceInfo{{Name: "A"}},
					OnRefresh: func() { rendered = true }}, nil, st, nil)
				if err := pub.TakeStamp(); err != nil {
					t.Fatal(err)
				}
				p := newTestPipelineSources(t, st, []topic.Spec{testWorld}, sources)
				p.publisher = pub
				if _, err := p.RunCycle(context.Background()); err != nil {
					t.Fatal(err)
				}
				return rendered
			}
			if !once() {
				t.Fatal("the first run rendered nothing")
			}
			if once() {
				t.Fatal("a run that found nothing new rendered the feeds: the test shows nothing")
			}

			// Another process, with every feed, stores a batch and fails.
			failing := &failingWriter{Store: open(), ok: 1}
			other := newTestPipelineWith(t, failing, urls...)
			rep, err := other.RunCycle(context.Background())
			if err == nil {
				t.Fatal("the failing cycle did not fail")
			}
			if rep.New == 0 || rep.New == feeds*items-items {
				t.Fatalf("the failing cycle stored %d articles, want some and not all", rep.New)
			}

			if !once() {
				t.Error("the run after a failed cycle that stored articles rendered nothing")
			}
			all, err := os.ReadFile(filepath.Join(dir, "all.atom"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(all), "https://news.example/f1/") {
				t.Error("the all feed lacks the failed cycle's stored articles")
			}
		})
	}
}

// movingVersion is a store whose feeds' version changes at every read
// while moving is set: another daemon's long cycle committing batch after
// batch.
type movingVersion struct {
	store.Store
	moving atomic.Bool
	reads  atomic.Int64
}

func (s *movingVersion) Meta(ctx context.Context, key string) (string, bool, error) {
	if key != store.MetaFeedsVersion {
		return s.Store.Meta(ctx, key)
	}
	n := s.reads.Load()
	if s.moving.Load() {
		n = s.reads.Add(1)
	}
	return fmt.Sprint("v", n), true, nil
}

// countedRenders is a publisher that counts its renders.
type countedRenders struct{ n atomic.Int64 }

func (c *countedRenders) RefreshVersion(context.Context, string) error {
	c.n.Add(1)
	return nil
}

// FollowFeeds renders once the version it sees stops moving, not at every
// poll of another daemon's long cycle; a version moving without pause is
// rendered when the last render is a lease old, so that a cycle that never
// ends quietly still shows.
func TestFollowFeedsRendersOnceTheVersionSettles(t *testing.T) {
	const followPoll = 5 * time.Second // as the daemon polls
	ctx := context.Background()
	_, sq := newTestPipeline(t)
	st := &movingVersion{Store: sq}
	p := newTestPipelineWith(t, st)
	clk := newClock(time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC))
	p.now = clk.Now
	pub := &countedRenders{}
	p.publisher = pub
	if err := p.publish(ctx); err != nil {
		t.Fatal(err)
	}
	poll := func() bool {
		t.Helper()
		rendered, err := p.FollowFeeds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return rendered
	}
	st.moving.Store(true)
	renders := pub.n.Load()
	for range 10 {
		clk.advance(followPoll)
		poll()
	}
	if got := pub.n.Load() - renders; got != 0 {
		t.Errorf("%d renders during another's cycle, want none before it settles or a lease passes", got)
	}
	st.moving.Store(false)
	clk.advance(followPoll)
	if !poll() {
		t.Error("no render once the version settled")
	}
	clk.advance(followPoll)
	if poll() {
		t.Error("rendered again with nothing changed")
	}
	st.moving.Store(true)
	renders = pub.n.Load()
	for passed := time.Duration(0); passed <= p.lease; passed += followPoll {
		clk.advance(followPoll)
		poll()
	}
	if got := pub.n.Load() - renders; got != 1 {
		t.Errorf("%d renders in a lease of a version moving without pause, want 1", got)
	}
}
