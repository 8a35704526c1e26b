package pipeline

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
)

// streamWords is the vocabulary of the made-up articles below.
var streamWords = strings.Fields(`harbour council budget rainfall minister bridge vote
	railway school market export festival court river farmers hospital power grid
	mayor airport tender fishery coast police museum tariff vaccine drought port
	union wages island road factory bank bond inflation ferry volcano forest`)

// madeUpText is a deterministic text of n sentences drawn by seed.
func madeUpText(seed uint64, n int) string {
	r := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	for range n {
		for w := range 12 {
			word := streamWords[r.IntN(len(streamWords))]
			if w == 0 {
				word = strings.ToUpper(word[:1]) + word[1:]
			}
			b.WriteString(word)
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%d. ", r.IntN(900)+100)
	}
	return strings.TrimSpace(b.String())
}

// streamSite serves feeds of items items each at /feed/{i}: item j of
// feed i is its own story, except that the first wire items of each feed
// copy wire story (i+j) mod wires, under the feed's own URL; copies of a
// story are published an hour apart in different feeds, so which copy
// leads depends on the order stories are decided in. With shared, the
// last item of every even feed is one of a few articles under one link
// (the same article in several feeds). before, if set, runs before feed i
// is answered.
func streamSite(t *testing.T, items, wires int, shared bool, before func(i int)) *httptest.Server {
	t.Helper()
	base := time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/feed/"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if before != nil {
			before(i)
		}
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>feed</title>`)
		for j := range items {
			title := fmt.Sprintf("Feed %d item %d %s", i, j, madeUpText(uint64(i*1000+j), 1)[:40])
			text := madeUpText(uint64(i*1000+j), 5)
			published := base.Add(-time.Duration(j) * time.Hour)
			if j < wires {
				s := (i + j) % wires
				title = fmt.Sprintf("Wire story %d: %s", s, madeUpText(uint64(1_000_000+s), 1)[:50])
				text = madeUpText(uint64(1_000_000+s), 5)
				published = base.Add(-time.Duration((i*5+j)%17) * time.Hour)
			}
			link := fmt.Sprintf("https://news.example/f%d/%d", i, j)
			if shared && j == items-1 && i%2 == 0 {
				// One article carried by ten feeds under one link: the
				// first to be written keeps it.
				link = fmt.Sprintf("https://news.example/shared/%d", i/20)
				title, text = fmt.Sprintf("Shared report %d", i/20), madeUpText(uint64(2_000_000+i/20), 5)
			}
			fmt.Fprintf(&b, `<item><title>%s</title><link>%s</link><description>%s</description><pubDate>%s</pubDate></item>`,
				title, link, text, published.Format(time.RFC1123Z))
		}
		b.WriteString(`</channel></rss>`)
		w.Write([]byte(b.String()))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func feedURLs(srv *httptest.Server, n int) []string {
	urls := make([]string, n)
	for i := range urls {
		urls[i] = fmt.Sprintf("%s/feed/%d", srv.URL, i)
	}
	return urls
}

// The cycle writes the first sources' articles while a later source is
// still being fetched: it does not hold every article until all sources
// are in. The last source answers only once the store holds the first
// source's articles: a cycle that waits for every source before writing
// never stores them, so the last source times out (fetch timeout 10 s) or
// gives up waiting, and the test fails.
func TestCycleWritesWhileLaterSourcesAreFetched(t *testing.T) {
	const feeds, items = 40, 20 // 800 articles: the first batch closes at 25 sources
	storedFirst := make(chan struct{})
	sawStored := make(chan bool, 1)
	srv := streamSite(t, items, 0, false, func(i int) {
		if i != feeds-1 {
			return
		}
		select {
		case <-storedFirst:
			sawStored <- true
		case <-time.After(time.Minute):
			sawStored <- false
		}
	})
	p, st := newTestPipeline(t, feedURLs(srv, feeds)...)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for ctx.Err() == nil {
			n, err := st.ArticlesBySource(ctx)
			if err == nil && n["A"] == items {
				close(storedFirst)
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	rep, err := p.RunCycle(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !<-sawStored {
		t.Fatal("the first source's articles were not stored while the last source was being fetched")
	}
	if rep.Fetched != feeds || rep.New != feeds*items {
		t.Fatalf("report: fetched %d, new %d; want %d, %d", rep.Fetched, rep.New, feeds, feeds*items)
	}
}

// Stories are decided in an order that does not depend on which source
// answers first: two cycles over the same feeds, answered in different
// orders, store the same stories with the same leads, and copies of one
// story spread over several batches join it.
func TestStoryLeadsDoNotDependOnCompletionOrder(t *testing.T) {
	const feeds, items, wires = 60, 20, 8 // 1,200 articles: three batches
	// 30 feeds carry one of 3 shared articles as their last item.
	const want = feeds*items - feeds/2 + 3
	run := func(delay func(i int) time.Duration) map[string]string {
		srv := streamSite(t, items, wires, true, func(i int) { time.Sleep(delay(i)) })
		p, st := newTestPipeline(t, feedURLs(srv, feeds)...)
		p.cfg.Fetch.Concurrency = 8
		rep, err := p.RunCycle(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if rep.New != want {
			t.Fatalf("new %d, want %d", rep.New, want)
		}
		stories := map[string]string{}
		err = st.Since(context.Background(), time.Time{}, func(a *article.Article) error {
			stories[a.ID] = a.StoryID
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return stories
	}
	first := run(func(i int) time.Duration { return time.Duration(i*7%13) * time.Millisecond })
	second := run(func(i int) time.Duration { return time.Duration((feeds-i)*5%11) * time.Millisecond })
	joined := map[string]int{}
	if len(first) != want || len(second) != want {
		t.Fatalf("%d and %d articles stored, want %d", len(first), len(second), want)
	}
	for id, story := range first {
		if second[id] != story {
			t.Errorf("article %s: story %s in one cycle, %s in the other", id, story, second[id])
		}
		if story != id {
			joined[story]++
		}
	}
	// Each wire story is carried by every feed: its copies span batches.
	big := 0
	for _, n := range joined {
		if n >= feeds/2 {
			big++
		}
	}
	if big < wires/2 {
		t.Fatalf("only %d stories gathered copies from half the feeds: the test shows nothing (%v)", big, joined)
	}
}

// writeCountingStore counts the stream model's snapshots and the cycle
// epochs a pipeline writes, and the stories lock's takings.
type writeCountingStore struct {
	store.Store
	snapshots, epochs, locks atomic.Int32
}

func (s *writeCountingStore) SetModel(ctx context.Context, name, version string, data []byte) error {
	s.snapshots.Add(1)
	return s.Store.SetModel(ctx, name, version, data)
}

func (s *writeCountingStore) SetMeta(ctx context.Context, key, value string) error {
	if key == metaCycleEpoch {
		s.epochs.Add(1)
	}
	return s.Store.SetMeta(ctx, key, value)
}

func (s *writeCountingStore) TryLock(ctx context.Context, name string) (func(), bool, error) {
	if name == storiesLock {
		s.locks.Add(1)
	}
	return s.Store.TryLock(ctx, name)
}

// On SQLite, whose claim keeps every other cycle out, a cycle takes the
// stories lock once and keeps it while it waits for fetches: it marks the
// store once and stores the stream model's snapshot once, not at every
// wait. The last source answers only once the first batch is stored, so
// the writer waits for it with batches written.
func TestExclusiveStoreKeepsTheStoriesLockThroughWaits(t *testing.T) {
	const feeds, items = 40, 20
	st := newSQLiteStore(t)
	counting := &writeCountingStore{Store: st}
	srv := streamSite(t, items, 0, false, func(i int) {
		if i != feeds-1 {
			return
		}
		deadline := time.Now().Add(time.Minute)
		for time.Now().Before(deadline) {
			if n, err := st.ArticlesBySource(context.Background()); err == nil && n["A"] == items {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	})
	p := newTestPipelineWith(t, counting, feedURLs(srv, feeds)...)
	counting.snapshots.Store(0)
	counting.epochs.Store(0)
	rep, err := p.RunCycle(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.New != feeds*items {
		t.Fatalf("new %d, want %d", rep.New, feeds*items)
	}
	if got := counting.locks.Load(); got != 1 {
		t.Errorf("stories lock taken %d times, want 1", got)
	}
	if got := counting.epochs.Load(); got != 1 {
		t.Errorf("cycle epoch marked %d times, want 1", got)
	}
	if got := counting.snapshots.Load(); got != 1 {
		t.Errorf("stream model's snapshot stored %d times, want 1", got)
	}
	// The snapshot is of the store as written: a restart loads it.
	load, err := LoadStream(context.Background(), p.cfg, st, p.tagger.NewStream(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !load.Snapshot {
		t.Errorf("stream model not loaded from its snapshot after the cycle: %s", load.Why)
	}
}

// existingCountingStore counts the IDs the pipeline asks the store about.
type existingCountingStore struct {
	store.Store
	asked atomic.Int32
}

func (s *existingCountingStore) Existing(ctx context.Context, ids []string) (map[string]bool, error) {
	s.asked.Add(int32(len(ids)))
	return s.Store.Existing(ctx, ids)
}

// The store is asked once about each new article: the fetch worker's
// answer still holds when the writer decides, since nothing was written
// in between (one source, one batch), so the writer does not ask again.
// An article stored under another source meanwhile is still found: the
// second cycle's feed repeats the first's articles under a new source,
// and none is stored twice.
func TestWriterTrustsTheWorkersAnswerAboutStoredArticles(t *testing.T) {
	const items = 20
	srv := streamSite(t, items, 0, false, nil)
	st := newSQLiteStore(t)
	counting := &existingCountingStore{Store: st}
	p := newTestPipelineWith(t, counting, srv.URL+"/feed/0")
	rep, err := p.RunCycle(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.New != items {
		t.Fatalf("new %d, want %d", rep.New, items)
	}
	// Each new article's URL ID, then its LinklessID (stored under it
	// when another story shared its link): the worker's questions only.
	if got := counting.asked.Load(); got != 2*items {
		t.Errorf("the store was asked about %d IDs, want %d (each new article's two IDs once)", got, 2*items)
	}
	again := newTestPipelineWith(t, counting, srv.URL+"/feed/0", srv.URL+"/feed/0")
	rep, err = again.RunCycle(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.New != 0 {
		t.Errorf("second cycle stored %d articles again", rep.New)
	}
}
