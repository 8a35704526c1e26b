package pipeline

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/store"
)

// A 429 with Retry-After holds back every source of that server: within
// the cycle that got it, and in the cycles of a restart (or of another
// daemon sharing the store) until it has passed; each held source waits
// as long as the server asked. On both drivers.
func TestRetryAfterHoldsTheServersOtherSources(t *testing.T) {
	for _, driver := range storeDrivers() {
		t.Run(driver.name, func(t *testing.T) {
			site := newURLSite(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/limited" {
					w.Header().Set("Retry-After", "3600")
					w.WriteHeader(http.StatusTooManyRequests)
					return
				}
				w.Write([]byte(itemFeed("Section embassy " + r.URL.Path)))
			})
			src := func(name string) config.Source {
				return config.Source{Name: name, URL: site.URL + "/" + lower(name)}
			}
			open := driver.open(t)
			now := time.Now()
			// cycle runs one cycle of a new process at now+at, one
			// request at a time: the held source comes after the 429.
			cycle := func(st store.Store, at time.Duration, sources ...config.Source) Report {
				t.Helper()
				p := newTestPipelineSources(t, st, nil, sources)
				p.now = func() time.Time { return now.Add(at) }
				p.cfg.Fetch.Concurrency = 1
				rep, err := p.RunCycle(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				return rep
			}
			st := open()
			rep := cycle(st, 0, src("Limited"), src("Alpha"))
			if n := site.count("/alpha"); n != 0 {
				t.Errorf("within the cycle: /alpha requested %d times after the server's 429 Retry-After 3600", n)
			}
			if s := rep.PerSource[1]; s.Outcome != OutcomeFailed || !strings.Contains(s.Err, "not requested") ||
				s.NextAttempt.Before(now.Add(59*time.Minute)) {
				t.Errorf("held source: %+v, want failed without a request, next attempt in an hour", s)
			}
			st.Close()

			st = open() // a restart: the hold is in the store
			rep = cycle(st, 5*time.Minute, src("Limited"), src("Alpha"), src("Beta"))
			if n := site.count("/beta"); n != 0 {
				t.Errorf("after a restart: /beta requested %d times within the hour", n)
			}
			if s := rep.PerSource[2]; s.Outcome != OutcomeFailed || s.NextAttempt.Before(now.Add(59*time.Minute)) {
				t.Errorf("held new source: %+v, want failed without a request until the hour is over", s)
			}
			st.Close()

			// Beta, held at +5 minutes, waits what was left of the hour
			// by the fetcher's clock, which the test does not move.
			st = open()
			rep = cycle(st, 66*time.Minute, src("Alpha"), src("Beta"))
			for _, s := range rep.PerSource {
				if s.Outcome != OutcomeFetched {
					t.Errorf("after the hour: %+v, want fetched", s)
				}
			}
		})
	}
}

// A source held back for its server's Retry-After was never asked: it
// keeps the validators of its last answer (its next fetch is still a
// conditional GET, not a whole download) and counts no failure of its
// own, which would lengthen its backoff. On both drivers.
func TestHeldSourceKeepsItsValidators(t *testing.T) {
	for _, driver := range storeDrivers() {
		t.Run(driver.name, func(t *testing.T) {
			limited := false
			site := newURLSite(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/limited" && limited {
					w.Header().Set("Retry-After", "3600")
					w.WriteHeader(http.StatusTooManyRequests)
					return
				}
				w.Header().Set("ETag", `"v1"`)
				if r.Header.Get("If-None-Match") == `"v1"` {
					w.WriteHeader(http.StatusNotModified)
					return
				}
				w.Write([]byte(itemFeed("Section embassy " + r.URL.Path)))
			})
			sources := []config.Source{
				{Name: "Limited", URL: site.URL + "/limited"},
				{Name: "Alpha", URL: site.URL + "/alpha"},
			}
			st := driver.open(t)()
			defer st.Close()
			now := time.Now()
			cycle := func(at time.Duration) {
				t.Helper()
				p := newTestPipelineSources(t, st, nil, sources)
				p.now = func() time.Time { return now.Add(at) }
				p.cfg.Fetch.Concurrency = 1
				if _, err := p.RunCycle(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			cycle(0)
			limited = true
			cycle(4 * time.Hour)
			states, err := st.FetchStates(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if a := states["Alpha"]; a.ETag != `"v1"` || a.Failures != 0 {
				t.Errorf("held source's state: ETag %q, failures %d; want its validator kept and no failure", a.ETag, a.Failures)
			}
		})
	}
}

// barrierHolds makes every writer of host holds wait until n have come to
// write them, then all write: two daemons storing their holds at the same
// moment. passed counts the writers that came through it.
type barrierHolds struct {
	store.Store
	arrived *sync.WaitGroup
	passed  *atomic.Int32
}

func (b barrierHolds) HoldHosts(ctx context.Context, holds map[string]time.Time, now time.Time) error {
	b.arrived.Done()
	b.arrived.Wait()
	b.passed.Add(1)
	return b.Store.HoldHosts(ctx, holds, now)
}

// Two daemons storing their holds at the same moment both keep theirs,
// and a server both hold keeps the later of the two (leftovers4, 1: the
// holds were read, merged and written back, and the second write lost
// the first's). Two store handles on one store, both drivers.
func TestConcurrentHoldsAreAllKept(t *testing.T) {
	for _, driver := range storeDrivers() {
		t.Run(driver.name, func(t *testing.T) {
			open := driver.open(t)
			now := time.Now().Truncate(time.Second)
			a, b := newTestPipelineSources(t, open(), nil, nil), newTestPipelineSources(t, open(), nil, nil)
			a.fetcher.Hold("a.example:443", now.Add(20*time.Minute))
			a.fetcher.Hold("both.example:443", now.Add(30*time.Minute))
			b.fetcher.Hold("b.example:443", now.Add(40*time.Minute))
			b.fetcher.Hold("both.example:443", now.Add(50*time.Minute))
			var arrived sync.WaitGroup
			arrived.Add(2)
			var passed atomic.Int32
			a.store = barrierHolds{a.store, &arrived, &passed}
			b.store = barrierHolds{b.store, &arrived, &passed}
			ctx := context.Background()
			var writers sync.WaitGroup
			errs := make([]error, 2)
			for i, p := range []*Pipeline{a, b} {
				writers.Go(func() { errs[i] = p.storeHolds(ctx) })
			}
			writers.Wait()
			for _, err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			if n := passed.Load(); n != 2 {
				t.Fatalf("%d writers came through the barrier, want both: the race is not forced", n)
			}
			c := newTestPipelineSources(t, open(), nil, nil)
			if err := c.loadHolds(ctx); err != nil {
				t.Fatal(err)
			}
			got := c.fetcher.Held()
			for server, want := range map[string]time.Time{
				"a.example:443":    now.Add(20 * time.Minute),
				"b.example:443":    now.Add(40 * time.Minute),
				"both.example:443": now.Add(50 * time.Minute),
			} {
				if !got[server].Equal(want) {
					t.Errorf("%s held until %v, want %v (stored: %v)", server, got[server], want, got)
				}
			}
		})
	}
}

// Holds an older build stored in meta (before an upgrade, or written by an
// old build during a rolling one) are moved into the store's holds once:
// the running ones held back, the key deleted; a value that does not parse
// is dropped, not a failed cycle (review 24, 3). Both drivers.
func TestOldMetaHoldsAreMovedOnce(t *testing.T) {
	for _, driver := range storeDrivers() {
		t.Run(driver.name, func(t *testing.T) {
			open := driver.open(t)
			st := open()
			ctx := context.Background()
			now := time.Now().Truncate(time.Second)
			live, past := now.Add(3*time.Hour).UTC(), now.Add(-time.Hour).UTC()
			old := `{"live.example:443":"` + live.Format(time.RFC3339) + `","past.example:443":"` + past.Format(time.RFC3339) + `"}`
			if err := st.SetMeta(ctx, "host_holds", old); err != nil {
				t.Fatal(err)
			}
			p := newTestPipelineSources(t, st, nil, nil)
			if err := p.loadHolds(ctx); err != nil {
				t.Fatal(err)
			}
			if got := p.fetcher.Held(); len(got) != 1 || !got["live.example:443"].Equal(live) {
				t.Errorf("held %v, want live.example:443 until %v", got, live)
			}
			stored, err := st.HostHolds(ctx, now)
			if err != nil {
				t.Fatal(err)
			}
			if len(stored) != 1 || !stored["live.example:443"].Equal(live) {
				t.Errorf("stored holds %v, want live.example:443 until %v", stored, live)
			}
			if v, ok, err := st.Meta(ctx, "host_holds"); err != nil || ok {
				t.Errorf("meta host_holds still %q %v %v, want it deleted", v, ok, err)
			}
			// Another daemon (a new process) reads the moved holds.
			q := newTestPipelineSources(t, open(), nil, nil)
			if err := q.loadHolds(ctx); err != nil {
				t.Fatal(err)
			}
			if got := q.fetcher.Held(); !got["live.example:443"].Equal(live) {
				t.Errorf("another daemon holds %v, want live.example:443 until %v", got, live)
			}
			// A value that does not parse is dropped.
			if err := st.SetMeta(ctx, "host_holds", "{not json"); err != nil {
				t.Fatal(err)
			}
			if err := p.loadHolds(ctx); err != nil {
				t.Fatalf("an unreadable old value failed the load: %v", err)
			}
			if _, ok, err := st.Meta(ctx, "host_holds"); err != nil || ok {
				t.Errorf("an unreadable meta host_holds is kept (%v %v), want it deleted", ok, err)
			}
		})
	}
}

// A cycle whose fetcher holds nothing still drops the stored holds that
// have ended (review 24, 7). Both drivers.
func TestEndedHoldsAreDroppedWithoutNewOnes(t *testing.T) {
	for _, driver := range storeDrivers() {
		t.Run(driver.name, func(t *testing.T) {
			st := driver.open(t)()
			ctx := context.Background()
			p := newTestPipelineSources(t, st, nil, nil)
			now := p.now()
			if err := st.HoldHosts(ctx, map[string]time.Time{"gone.example:443": now.Add(-time.Minute)}, now.Add(-time.Hour)); err != nil {
				t.Fatal(err)
			}
			if err := p.storeHolds(ctx); err != nil {
				t.Fatal(err)
			}
			// Read as of long ago: an ended hold still stored shows.
			left, err := st.HostHolds(ctx, now.Add(-2*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if len(left) != 0 {
				t.Errorf("stored holds %v after a cycle with none, want the ended one dropped", left)
			}
		})
	}
}

// countingHolds counts the writes of host holds (HoldHosts).
type countingHolds struct {
	store.Store
	writes *atomic.Int32
}

func (c countingHolds) HoldHosts(ctx context.Context, holds map[string]time.Time, now time.Time) error {
	c.writes.Add(1)
	return c.Store.HoldHosts(ctx, holds, now)
}

// A cycle stores holds only when its fetcher holds some or the store may
// keep holds that ended since the process last stored: the first cycle of
// a process (it does not know what the store keeps), the cycle after one
// that held some, or one whose load found some. A cycle with nothing held
// and nothing that was issues no statement. Both drivers.
func TestNoHoldsStoredWhenNothingIsOrWasHeld(t *testing.T) {
	for _, driver := range storeDrivers() {
		t.Run(driver.name, func(t *testing.T) {
			st := driver.open(t)()
			ctx := context.Background()
			p := newTestPipelineSources(t, st, nil, nil)
			var writes atomic.Int32
			p.store = countingHolds{st, &writes}
			step := func(what string, want int32) {
				t.Helper()
				if err := p.storeHolds(ctx); err != nil {
					t.Fatal(err)
				}
				if n := writes.Load(); n != want {
					t.Errorf("%s: %d writes of holds so far, want %d", what, n, want)
				}
			}
			step("a new process's first cycle", 1)
			step("a cycle with nothing held", 1)
			p.fetcher.Hold("held.example:443", p.now().Add(time.Hour))
			step("a cycle that holds a server", 2)
			// The fetcher no longer holds the server (a fetcher that holds
			// none): the cycle after one that held must still write, so
			// that the store learns of it. Which holds the store keeps
			// then is TestEndedHoldsAreDroppedWithoutNewOnes's business.
			p.fetcher = fetch.New(fetch.Options{Timeout: 10 * time.Second}, nil)
			step("the cycle after one that held a server", 3)
			step("a cycle with nothing held again", 3)
			// Another daemon stores a hold this process's next cycle loads.
			if err := st.HoldHosts(ctx, map[string]time.Time{"other.example:443": p.now().Add(time.Hour)}, p.now()); err != nil {
				t.Fatal(err)
			}
			if err := p.loadHolds(ctx); err != nil {
				t.Fatal(err)
			}
			p.fetcher = fetch.New(fetch.Options{Timeout: 10 * time.Second}, nil) // ended within the cycle
			step("a cycle whose load found a hold", 4)
			step("and the cycle after it", 4)
		})
	}
}
