package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/internal/pgtest"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/postgres"
	"github.com/warta-news/warta/store/storetest"
	"github.com/warta-news/warta/topic"
)

// newsSite serves feeds /feed/0 … /feed/n-1 and counts requests per feed
// and round. A feed of round r lists the items of rounds r and r-1: its
// own reports (reports a round) and one copy of a wire story, which feed
// i and feed i+n/2 both carry under their own URLs (one story, two
// articles). Each answer waits latency first.
type newsSite struct {
	*httptest.Server
	n       int
	reports int
	latency time.Duration
	round   atomic.Int64
	mu      sync.Mutex
	hits    map[[2]int]int // {round, feed}
}

func newNewsSite(tb testing.TB, n, reports int, latency time.Duration) *newsSite {
	s := &newsSite{n: n, reports: reports, latency: latency, hits: map[[2]int]int{}}
	s.round.Store(1)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		feed, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/feed/"))
		if err != nil || feed < 0 || feed >= n {
			http.NotFound(w, r)
			return
		}
		round := int(s.round.Load())
		s.mu.Lock()
		s.hits[[2]int{round, feed}]++
		s.mu.Unlock()
		time.Sleep(s.latency)
		w.Header().Set("Content-Type", "application/rss+xml")
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>feed</title><language>en</language>`)
		for rr := max(round-1, 1); rr <= round; rr++ {
			for _, it := range s.items(feed, rr) {
				fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><pubDate>%s</pubDate><description>%s</description></item>",
					it.title, it.url, it.published.Format(time.RFC1123Z), it.text)
			}
		}
		b.WriteString(`</channel></rss>`)
		w.Write([]byte(b.String()))
	}))
	tb.Cleanup(s.Close)
	return s
}

// siteItem is one item of a newsSite feed.
type siteItem struct {
	url, title, text string
	published        time.Time
	wire             int // the wire story it copies, -1 for a report of its own
}

// items are feed's items of round.
func (s *newsSite) items(feed, round int) []siteItem {
	published := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC).Add(time.Duration(round) * time.Hour)
	var out []siteItem
	for k := range s.reports {
		title, text := prose(uint64(feed), uint64(round), uint64(k))
		out = append(out, siteItem{url: fmt.Sprintf("https://outlet%d.example/%d/%d", feed, round, k),
			title: title, text: text, published: published.Add(time.Duration(feed*s.reports+k) * time.Second), wire: -1})
	}
	wire, host := feed, "wire-a"
	if feed >= s.n/2 {
		wire, host = feed-s.n/2, "wire-b"
	}
	title, text := prose(uint64(wire), uint64(round), 99)
	out = append(out, siteItem{url: fmt.Sprintf("https://%s.example/%d/%d", host, round, wire),
		title: title, text: text, published: published.Add(-time.Minute), wire: wire})
	return out
}

// all are every item of rounds 1 to last.
func (s *newsSite) all(last int) []siteItem {
	var out []siteItem
	for feed := range s.n {
		for round := 1; round <= last; round++ {
			out = append(out, s.items(feed, round)...)
		}
	}
	return out
}

// fetches returns how often feed was fetched in round.
func (s *newsSite) fetches(round, feed int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[[2]int{round, feed}]
}

// prose is a title and a text of made-up words, the same for the same
// seeds and unlike any other's: reports that share no story.
func prose(seeds ...uint64) (title, text string) {
	r := rand.New(rand.NewPCG(seeds[0]<<32|seeds[1], seeds[2]+1))
	word := func() string {
		const consonants, vowels = "bdfgklmnprstvz", "aeiou"
		var w strings.Builder
		for range 2 + r.IntN(2) {
			w.WriteByte(consonants[r.IntN(len(consonants))])
			w.WriteByte(vowels[r.IntN(len(vowels))])
		}
		return w.String()
	}
	words := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = word()
		}
		return strings.Join(ws, " ")
	}
	return words(8), words(60) + "."
}

// storiesSeen is a publisher that renders by counting the stories stored.
type storiesSeen struct {
	st      store.Store
	renders atomic.Int64
	stories atomic.Int64
}

func (s *storiesSeen) RefreshVersion(ctx context.Context, _ string) error {
	stories, err := s.st.Stories(ctx, "", 1_000_000)
	if err != nil {
		return err
	}
	s.renders.Add(1)
	s.stories.Store(int64(len(stories)))
	return nil
}

// clock is a time the test moves, shared by the daemons.
type clock struct{ now atomic.Int64 }

func (c *clock) Now() time.Time          { return time.Unix(0, c.now.Load()).UTC() }
func (c *clock) set(t time.Time)         { c.now.Store(t.UnixNano()) }
func (c *clock) advance(d time.Duration) { c.set(c.Now().Add(d)) }
func newClock(t time.Time) *clock        { c := &clock{}; c.set(t); return c }
func sourceName(i int) string            { return fmt.Sprintf("feed%03d", i) }

// daemonConfig configures a daemon fetching every feed of site.
func daemonConfig(site *newsSite, concurrency, perHost int) *config.Config {
	cfg := &config.Config{
		Fetch:  config.Fetch{Concurrency: concurrency, PerHost: perHost, MaxBackoff: time.Hour},
		Dedupe: config.Dedupe{Window: 72 * time.Hour},
		Topics: []topic.Spec{{Slug: "world", Title: "World", Terms: map[string][]string{"en": {"embassy^5"}}}},
	}
	for i := range site.n {
		cfg.Sources = append(cfg.Sources, config.Source{Name: sourceName(i), URL: fmt.Sprintf("%s/feed/%d", site.URL, i)})
	}
	return cfg
}

// daemon is one warta daemon of the test: its own store (connection pool),
// fetcher, publisher and pipeline on the shared database.
type daemon struct {
	p         *Pipeline
	st        store.Store
	published *storiesSeen
}

func newDaemon(tb testing.TB, dsn string, cfg *config.Config, now func() time.Time, lease time.Duration) *daemon {
	tb.Helper()
	ctx := context.Background()
	st := storetest.Open(tb, postgres.Open, dsn)
	tagger, err := topic.New(cfg.Topics)
	if err != nil {
		tb.Fatal(err)
	}
	f := fetch.New(FetchOptions(cfg), nil)
	tb.Cleanup(f.Close)
	pub := &storiesSeen{st: st}
	p := New(cfg, Deps{Fetcher: f, Tagger: tagger, Store: st, Publisher: pub, Now: now, Lease: lease,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err := p.Init(ctx); err != nil {
		tb.Fatal(err)
	}
	return &daemon{p: p, st: st, published: pub}
}

// failingSaves is a store whose SaveSources fails: a cycle on it fetches
// and stores nothing.
type failingSaves struct{ store.Store }

func (failingSaves) SaveSources(context.Context, []store.SourceWrite) ([]store.SourceSaved, error) {
	return nil, errors.New("store: the disk is full")
}

// A cycle that failed before saving its sources' results leaves them free
// for its due time: a run retried at once (another process, a new owner)
// fetches them, as on SQLite, rather than taking them for done elsewhere
// and exiting having fetched nothing (review 12: F7).
func TestFailedCycleLeavesItsSourcesFree(t *testing.T) {
	const n = 6
	site := newNewsSite(t, n, 1, 0)
	dsn := pgtest.DSN(t)
	clk := newClock(time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC))
	cfg := daemonConfig(site, 4, 4)
	failed := newDaemon(t, dsn, cfg, clk.Now, time.Minute)
	failed.p.store = failingSaves{failed.st}
	if _, err := failed.p.RunCycle(context.Background()); err == nil {
		t.Fatal("a cycle whose saves fail succeeded")
	}
	clk.advance(claimWindow / 2)
	retry := newDaemon(t, dsn, cfg, clk.Now, time.Minute)
	rep := runTogether(t, retry)[0]
	if rep.Fetched != n || rep.Elsewhere != 0 {
		t.Errorf("the retry: %+v, want every source fetched", summary(rep))
	}
}

// runTogether runs a cycle on every daemon at once.
func runTogether(tb testing.TB, daemons ...*daemon) []Report {
	tb.Helper()
	reps := make([]Report, len(daemons))
	errs := make([]error, len(daemons))
	var wg sync.WaitGroup
	for i, d := range daemons {
		wg.Go(func() { reps[i], errs[i] = d.p.RunCycle(context.Background()) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			tb.Fatalf("daemon %d: %v", i, err)
		}
	}
	return reps
}

// Two daemons share the work on one PostgreSQL database: every source is
// fetched by exactly one of them per due time, every article is stored
// once and none is lost, the copies of a wire story fetched by different
// daemons share one story, the sources a killed daemon claimed are taken
// over once its lease has ended, and each daemon serves every feed fresh.
func TestTwoDaemonsShareTheWork(t *testing.T) {
	const n, lease = 200, time.Minute
	site := newNewsSite(t, n, 2, 0)
	dsn := pgtest.DSN(t)
	clk := newClock(time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC))
	cfg := daemonConfig(site, 8, 4)
	a := newDaemon(t, dsn, cfg, clk.Now, lease)
	b := newDaemon(t, dsn, cfg, clk.Now, lease)
	ctx := context.Background()

	// A third daemon claims the last 50 sources and is killed before it
	// fetches them: it never releases its claims.
	killed, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer killed.Close()
	var held []string
	heldFeed := map[int]bool{}
	for i := n - 50; i < n; i++ {
		held = append(held, a.p.claimUnit(sourceName(i), cfg.Sources[i].URL))
		heldFeed[i] = true
	}
	got, _, err := killed.Claim(ctx, store.ClaimRequest{Owner: "killed", Units: held, Now: clk.Now(),
		Since: clk.Now().Add(-claimWindow), Lease: lease})
	if err != nil || len(got) != len(held) {
		t.Fatalf("the killed daemon claimed %d of %d: %v", len(got), len(held), err)
	}

	// Round 1: the two live daemons split the 150 free sources.
	reps := runTogether(t, a, b)
	for feed := range n {
		want := 1
		if heldFeed[feed] {
			want = 0
		}
		if got := site.fetches(1, feed); got != want {
			t.Errorf("round 1: feed %d fetched %d times, want %d", feed, got, want)
		}
	}
	fetched := reps[0].Fetched + reps[1].Fetched
	if fetched != n-50 || reps[0].Elsewhere+reps[1].Elsewhere != 2*n-fetched {
		t.Errorf("round 1 reports: a %+v, b %+v", summary(reps[0]), summary(reps[1]))
	}
	t.Logf("round 1: daemon a fetched %d sources, b %d", reps[0].Fetched, reps[1].Fetched)
	newInRound := reps[0].New + reps[1].New

	// A daemon starting a little later in the same due time finds every
	// source claimed: fetched already, or the killed daemon's lease runs.
	clk.advance(claimWindow / 2)
	late := newDaemon(t, dsn, cfg, clk.Now, lease)
	if rep := runTogether(t, late)[0]; rep.Fetched+rep.Failed+rep.NotModified != 0 || rep.Elsewhere != n {
		t.Errorf("a daemon late in round 1: %+v", summary(rep))
	}

	// Round 2, past the killed daemon's lease: its sources are taken over,
	// and every source is fetched once more.
	site.round.Store(2)
	clk.advance(lease + claimWindow)
	reps = runTogether(t, a, b)
	for feed := range n {
		if got := site.fetches(2, feed); got != 1 {
			t.Errorf("round 2: feed %d fetched %d times, want 1", feed, got)
		}
	}
	if fetched := reps[0].Fetched + reps[1].Fetched; fetched != n {
		t.Errorf("round 2 reports: a %+v, b %+v", summary(reps[0]), summary(reps[1]))
	}
	newInRound += reps[0].New + reps[1].New

	// Nothing lost, nothing stored twice: every item of both rounds is
	// stored, once, and counted once as new.
	want := site.all(2)
	stored := map[string]*article.Article{}
	if err := a.st.Since(ctx, time.Time{}, func(art *article.Article) error {
		if stored[art.URL] != nil {
			t.Errorf("%s stored twice", art.URL)
		}
		stored[art.URL] = art
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(stored) != len(want) || newInRound != len(want) {
		t.Errorf("stored %d articles, %d counted as new; want %d", len(stored), newInRound, len(want))
	}
	wireStory := map[[2]int]string{}
	for _, it := range want {
		art := stored[it.url]
		if art == nil {
			t.Errorf("lost: %s", it.url)
			continue
		}
		if it.wire < 0 {
			if art.StoryID != art.ID {
				t.Errorf("report %s joined story %s", it.url, art.StoryID)
			}
			continue
		}
		key := [2]int{it.wire, int(art.Published.Unix())}
		if s, ok := wireStory[key]; ok && s != art.StoryID {
			t.Errorf("the copies of wire story %d are in two stories, %s and %s", it.wire, s, art.StoryID)
		}
		wireStory[key] = art.StoryID
	}
	if len(wireStory) != n/2*2 {
		t.Errorf("%d wire stories, want %d", len(wireStory), n/2*2)
	}
	// The store's order is the order stories were decided in, across the
	// daemons: no two articles share a FirstSeen, and each lead comes
	// before its copies, so that an index rebuilt from the store decides
	// as the daemons' did.
	seenAt := map[time.Time]string{}
	for url, art := range stored {
		if other, ok := seenAt[art.FirstSeen]; ok {
			t.Errorf("%s and %s share FirstSeen %s", url, other, art.FirstSeen.Format(time.RFC3339Nano))
		}
		seenAt[art.FirstSeen] = url
		if art.StoryID == art.ID {
			continue
		}
		for _, lead := range stored {
			if lead.ID == art.StoryID && !lead.FirstSeen.Before(art.FirstSeen) {
				t.Errorf("copy %s first seen %s, not after its lead %s (%s)", url, art.FirstSeen.Format(time.RFC3339Nano), lead.URL, lead.FirstSeen.Format(time.RFC3339Nano))
			}
		}
	}

	// Every daemon serves every feed fresh: whichever wrote last, both
	// render all stories once they follow the store (two polls: the first
	// may find the version moved since its own render, the second finds
	// it settled), and not again while nothing changes.
	stories, err := a.st.Stories(ctx, "", 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	for name, d := range map[string]*daemon{"a": a, "b": b} {
		for range 2 {
			if _, err := d.p.FollowFeeds(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if got := d.published.stories.Load(); got != int64(len(stories)) {
			t.Errorf("daemon %s serves %d stories, want %d", name, got, len(stories))
		}
		renders := d.published.renders.Load()
		if changed, err := d.p.FollowFeeds(ctx); err != nil || changed || d.published.renders.Load() != renders {
			t.Errorf("daemon %s re-rendered unchanged feeds: %v, %v", name, changed, err)
		}
	}
}

// summary is a report's counts without its sources.
func summary(r Report) Report {
	r.PerSource = nil
	return r
}

// BenchmarkDaemonsOnPostgres: one or two daemons on one PostgreSQL database
// fetch 1,000 feeds whose every answer takes 100 ms (each feed with one new
// report and one wire copy a round, and the round before's two); an
// operation is one due time: a cycle on every daemon at once. feeds/s is
// the work shared; compare one daemon with two.
func BenchmarkDaemonsOnPostgres(b *testing.B) {
	for _, daemons := range []int{1, 2} {
		b.Run(fmt.Sprintf("daemons=%d", daemons), func(b *testing.B) {
			const n = 1000
			site := newNewsSite(b, n, 1, 100*time.Millisecond)
			dsn := pgtest.DSN(b)
			clk := newClock(time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC))
			cfg := daemonConfig(site, 8, 8)
			ds := make([]*daemon, daemons)
			for i := range ds {
				ds[i] = newDaemon(b, dsn, cfg, clk.Now, DefaultLease)
			}
			round := 0
			for b.Loop() {
				round++
				site.round.Store(int64(round))
				clk.advance(time.Minute)
				fetched := 0
				for _, rep := range runTogether(b, ds...) {
					fetched += rep.Fetched
				}
				if fetched != n {
					b.Fatalf("round %d: %d feeds fetched, want %d", round, fetched, n)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "feeds/s")
		})
	}
}

// The sources of a host spaced by fetch.per_host_interval are claimed as
// one unit, so one daemon fetches that host per due time; unspaced hosts'
// sources are claimed one by one.
func TestClaimUnitsFollowTheHostInterval(t *testing.T) {
	interval := 2 * time.Second
	none := time.Duration(0)
	for _, c := range []struct {
		interval  *time.Duration
		url, want string
	}{
		{nil, "https://News.example/rss", "host:news.example"},
		{nil, "https://news.example/other", "host:news.example"},
		{nil, "http://127.0.0.1:8080/feed/1", "source:s"},
		{nil, "http://10.1.2.3/feed", "source:s"},
		{&interval, "http://127.0.0.1:8080/feed/1", "host:127.0.0.1"},
		{&none, "https://news.example/rss", "source:s"},
	} {
		cfg := &config.Config{Fetch: config.Fetch{PerHostInterval: c.interval}}
		p := &Pipeline{fetchOptions: FetchOptions(cfg)}
		if got := p.claimUnit("s", c.url); got != c.want {
			t.Errorf("interval %v, %s: unit %q, want %q", c.interval, c.url, got, c.want)
		}
	}
}
