package pipeline

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/topic"
)

// jitterSite is an httptest news site of feeds whose answers come late by a
// random delay drawn per request from a seed of the test's choosing, so
// that two runs over the same feeds see them answer in two different
// orders. Its feeds hold what makes story decisions sensitive to order:
//   - copies of wire stories in many feeds, dated an hour apart;
//   - copies of undated wire stories (dated when fetched, unless the
//     cycle dates them itself);
//   - template reports, one text with different figures in every feed
//     (two stories apart), more of them than the story index walks per
//     bucket;
//   - one article under one link in several feeds.
//
// At round 1 every fifth feed adds items: a copy of another feed's
// template report (same figures), a copy of a wire story and of an undated
// one, and an article of its own. Feeds answer 304 to their ETag.
type jitterSite struct {
	srv   *httptest.Server
	feeds int
	round atomic.Int32
	mu    sync.Mutex
	delay *rand.Rand // per request, under mu
}

const (
	jitterItems = 12 // items per feed at round 0
	jitterWires = 6
)

func newJitterSite(t *testing.T, feeds int) *jitterSite {
	t.Helper()
	s := &jitterSite{feeds: feeds, delay: rand.New(rand.NewPCG(0, 0))}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// reset starts a run: round 0, delays drawn from seed.
func (s *jitterSite) reset(seed uint64) {
	s.round.Store(0)
	s.mu.Lock()
	s.delay = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	s.mu.Unlock()
}

func (s *jitterSite) sources() []config.Source {
	sources := make([]config.Source, s.feeds)
	for i := range sources {
		sources[i] = config.Source{Name: fmt.Sprintf("feed %d", i), URL: fmt.Sprintf("%s/feed/%d", s.srv.URL, i)}
	}
	return sources
}

// changed reports whether feed i has new items at round 1.
func changed(i int) bool { return i%5 == 0 }

func (s *jitterSite) serve(w http.ResponseWriter, r *http.Request) {
	i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/feed/"))
	if err != nil || i < 0 || i >= s.feeds {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	d := time.Duration(s.delay.IntN(20_000)) * time.Microsecond
	s.mu.Unlock()
	time.Sleep(d)
	round := int(s.round.Load())
	version := 0
	if round > 0 && changed(i) {
		version = 1
	}
	etag := fmt.Sprintf(`"f%d-v%d"`, i, version)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", "application/rss+xml")
	base := time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>feed</title>`)
	item := func(title, link, text string, published time.Time) {
		date := ""
		if !published.IsZero() {
			date = "<pubDate>" + published.Format(time.RFC1123Z) + "</pubDate>"
		}
		fmt.Fprintf(&b, `<item><title>%s</title><link>%s</link><description>%s</description>%s</item>`,
			title, link, text, date)
	}
	wire := func(n, j int, published time.Time) {
		item(fmt.Sprintf("Wire story %d: %s", n, madeUpText(uint64(1_000_000+n), 1)[:50]),
			fmt.Sprintf("https://news.example/f%d/%d", i, j), madeUpText(uint64(1_000_000+n), 5), published)
	}
	undated := func(n, j int) {
		item(fmt.Sprintf("Undated wire %d: %s", n, madeUpText(uint64(4_000_000+n), 1)[:50]),
			fmt.Sprintf("https://news.example/f%d/%d", i, j), madeUpText(uint64(4_000_000+n), 5), time.Time{})
	}
	template := func(n, j int) {
		item(fmt.Sprintf("Port tender %d closes with %d bids", 100+n, 300+7*n),
			fmt.Sprintf("https://news.example/f%d/%d", i, j),
			fmt.Sprintf("Tender %d closes with %d bids. %s", 100+n, 300+7*n, madeUpText(3_000_000, 12)),
			base.Add(-time.Duration(n%9)*time.Minute))
	}
	if version > 0 {
		template((i+7)%s.feeds*2, 100)
		wire((i+3)%jitterWires, 101, base.Add(time.Hour))
		undated((i+1)%jitterWires, 102)
		item(fmt.Sprintf("Feed %d late item %s", i, madeUpText(uint64(5_000_000+i), 1)[:40]),
			fmt.Sprintf("https://news.example/f%d/103", i), madeUpText(uint64(5_000_000+i), 5), base.Add(2*time.Hour))
	}
	for j := range jitterItems {
		switch j {
		case 0, 1:
			template(2*i+j, j)
		case 2, 3:
			wire((i+j)%jitterWires, j, base.Add(-time.Duration((i*5+j)%17)*time.Hour))
		case 4, 5, 6:
			undated((i+j)%jitterWires, j)
		case jitterItems - 1:
			if i%3 == 0 {
				item(fmt.Sprintf("Shared report %d embassy", i/12), fmt.Sprintf("https://news.example/shared/%d", i/12),
					madeUpText(uint64(2_000_000+i/12), 5), base.Add(-30*time.Minute))
				continue
			}
			fallthrough
		default:
			item(fmt.Sprintf("Feed %d item %d %s", i, j, madeUpText(uint64(i*1000+j), 1)[:40]),
				fmt.Sprintf("https://news.example/f%d/%d", i, j), madeUpText(uint64(i*1000+j), 5),
				base.Add(-time.Duration(j)*time.Hour))
		}
	}
	b.WriteString(`</channel></rss>`)
	w.Write([]byte(b.String()))
}

// decision is what a run decided of one article.
type decision struct {
	source, story string
	topics        []string
	refresh       bool // stored by the refresh
	// place is the article's place in the store's order, in which the
	// story index is rebuilt (FirstSeen, then ID).
	place int
}

// runJitterSite runs, on the fresh store st, a first ingest of site and
// a refresh once some feeds changed, its clock reading cycleAt[k] for cycle
// k. Each cycle is run by a pipeline of its own started as `warta once`
// starts one (Start), unless daemon is set: then one pipeline, Init once,
// runs both. It returns every stored article's decisions and the cycles'
// reports.
func runJitterSite(t *testing.T, st store.Store, site *jitterSite, seed uint64, cycleAt [2]time.Time, daemon bool) (map[string]decision, [2]Report) {
	t.Helper()
	ctx := context.Background()
	site.reset(seed)
	var reps [2]Report
	out := map[string]decision{}
	var p *Pipeline
	var now time.Time
	for k, at := range cycleAt {
		site.round.Store(int32(k))
		now = at
		if p == nil || !daemon {
			p = newUnloadedPipeline(t, st, []topic.Spec{testWorld}, site.sources())
			p.cfg.Fetch.Concurrency = 8
			p.now = func() time.Time { return now }
			start := p.Start
			if daemon {
				start = p.Init
			}
			if err := start(ctx); err != nil {
				t.Fatal(err)
			}
		}
		var err error
		if reps[k], err = p.RunCycle(ctx); err != nil {
			t.Fatal(err)
		}
		err = st.Since(ctx, time.Time{}, func(a *article.Article) error {
			if _, ok := out[a.ID]; ok {
				return nil
			}
			d := decision{source: a.Source, story: a.StoryID, refresh: k > 0, place: len(out)}
			for _, m := range a.Topics {
				d.topics = append(d.topics, m.Slug)
			}
			out[a.ID] = d
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out, reps
}

// The same feeds at the same clock readings give the same stories, leads
// and topics whatever order their answers arrive in: two runs of a first
// ingest and a refresh on fresh stores, each `warta once`-like cycle
// rebuilding the story index from the store, the site's answers delayed
// at random with other seeds each run.
func TestStoriesDoNotDependOnAnswerTiming(t *testing.T) {
	const feeds = 90 // 1,080 items at round 0: three batches
	site := newJitterSite(t, feeds)
	at := [2]time.Time{time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC), time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)}
	first, firstReps := runJitterSite(t, newSQLiteStore(t), site, 1, at, false)
	for run := uint64(2); run <= 3; run++ {
		again, reps := runJitterSite(t, newSQLiteStore(t), site, run, at, false)
		if len(again) != len(first) {
			t.Fatalf("run %d stored %d articles, run 1 %d", run, len(again), len(first))
		}
		if differ := compareDecisions(t, first, again); differ > 0 {
			t.Errorf("run %d: %d of %d articles decided otherwise than in run 1 (new stories %d, %d; run 1 %d, %d)",
				run, differ, len(first), reps[0].NewStories, reps[1].NewStories, firstReps[0].NewStories, firstReps[1].NewStories)
		}
	}
	// The site is worth its salt: the refresh stored new articles, some of
	// which joined stories of the first ingest.
	if firstReps[1].New == 0 {
		t.Fatal("the refresh stored nothing: the test shows nothing")
	}
	joinedOld := 0
	for id, d := range first {
		if d.refresh && d.story != id && !first[d.story].refresh {
			joinedOld++
		}
	}
	if joinedOld == 0 {
		t.Fatal("no article of the refresh joined a story of the first ingest: the test shows nothing")
	}
}

// compareDecisions returns how many articles of want got decided
// otherwise in got, or are missing there, reporting the first few.
func compareDecisions(t *testing.T, want, got map[string]decision) int {
	t.Helper()
	differ := 0
	for id, d := range want {
		e, ok := got[id]
		if !ok || e.story != d.story || e.source != d.source || !slices.Equal(e.topics, d.topics) || e.refresh != d.refresh {
			differ++
			if differ <= 5 {
				t.Errorf("article %s: %+v, want %+v", id, e, d)
			}
		}
	}
	return differ
}

// A daemon, which keeps its story index from one cycle to the next, and
// `warta once`, which rebuilds it from the store at every start, decide
// alike: the index is rebuilt in the order its stories were decided, on
// either store (PostgreSQL keeps first-seen times to the microsecond).
func TestRebuiltStoryIndexDecidesAsTheDaemonsIndex(t *testing.T) {
	for _, d := range storeDrivers() {
		t.Run(d.name, func(t *testing.T) { testRebuiltStoryIndex(t, d.open) })
	}
}

func testRebuiltStoryIndex(t *testing.T, open func(t *testing.T) func() store.Store) {
	const feeds = 90
	site := newJitterSite(t, feeds)
	at := [2]time.Time{time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC), time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)}
	once, _ := runJitterSite(t, open(t)(), site, 1, at, false)
	daemon, _ := runJitterSite(t, open(t)(), site, 1, at, true)
	if len(daemon) != len(once) {
		t.Fatalf("the daemon stored %d articles, warta once %d", len(daemon), len(once))
	}
	if differ := compareDecisions(t, daemon, once); differ > 0 {
		t.Errorf("%d of %d articles decided otherwise by warta once than by the daemon", differ, len(daemon))
	}
	// The store holds them as they were decided: a story's lead before
	// its copies, so that the rebuilt index links each copy to its lead
	// (a copy met first would leave its lead a story of its own there).
	copies, early := 0, 0
	for id, d := range once {
		if d.story == id {
			continue
		}
		copies++
		if once[d.story].place > d.place {
			early++
		}
	}
	if copies == 0 {
		t.Fatal("no story has copies: the test shows nothing")
	}
	if early > 0 {
		t.Errorf("%d of %d copies come before their story's lead in the store's order", early, copies)
	}
}
