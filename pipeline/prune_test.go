package pipeline

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store"
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
	f := newChangingFeed(t, twoItems)
	f.p.cfg.Storage.Retention = time.Hour
	st := f.st
	if rep := f.cycle(0); rep.New != 2 {
		t.Fatalf("first cycle stored %d, want 2", rep.New)
	}
	first := f.clock
	f.body.Store(embassyOnly)
	if rep := f.cycle(2 * time.Hour); rep.New != 0 {
		t.Fatalf("second cycle stored %d, want 0", rep.New)
	}
	if rep := f.cycle(10 * time.Minute); rep.New != 0 {
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

// An item two sources list is stored once, under the source whose copy
// came first; when that source drops it while the other still lists it,
// it is kept: deleted, the other's next fetch would store it again as new
// (review 12: F3).
func TestPruneKeepsWhatAnotherSourceStillLists(t *testing.T) {
	f := newChangingFeeds(t, embassyOnly, embassyOnly)
	f.p.cfg.Storage.Retention = time.Hour
	if rep := f.cycle(0); rep.New != 1 {
		t.Fatalf("first cycle stored %d, want 1", rep.New)
	}
	var owner string
	if err := f.st.Since(context.Background(), time.Time{}, func(a *article.Article) error { owner = a.Source; return nil }); err != nil {
		t.Fatal(err)
	}
	f.bodies[owner[0]-'A'].Store(emptyChannel) // the source it is stored under drops it
	f.cycle(2 * time.Hour)
	if rep := f.cycle(10 * time.Minute); rep.New != 0 {
		t.Errorf("a cycle after the prune stored %d articles again, want 0 (the other source still lists it)", rep.New)
	}
}

// changingFeed is a pipeline over feeds whose bodies a test switches
// (bodies; body is the first), on a clock that cycle moves on.
type changingFeed struct {
	t      *testing.T
	p      *Pipeline
	st     store.Store
	bodies []atomic.Value
	body   *atomic.Value
	clock  time.Time
}

func newChangingFeed(t *testing.T, body string) *changingFeed { return newChangingFeeds(t, body) }

// newChangingFeeds serves each of bodies at a URL of its own, as sources
// A, B, ….
func newChangingFeeds(t *testing.T, bodies ...string) *changingFeed {
	t.Helper()
	f := &changingFeed{t: t, bodies: make([]atomic.Value, len(bodies)), clock: time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)}
	f.body = &f.bodies[0]
	urls := make([]string, len(bodies))
	for i, body := range bodies {
		f.bodies[i].Store(body)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(f.bodies[i].Load().(string)))
		}))
		t.Cleanup(srv.Close)
		urls[i] = srv.URL
	}
	f.p, f.st = newTestPipeline(t, urls...)
	f.p.now = func() time.Time { return f.clock }
	return f
}

// cycle runs a cycle at the feed's clock after moving it on by d.
func (f *changingFeed) cycle(d time.Duration) Report {
	f.t.Helper()
	f.clock = f.clock.Add(d)
	rep, err := f.p.RunCycle(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	return rep
}

// stillListed keeps a listed item by its ID's vote key, and under the
// LinklessID its source's votes say it is stored as.
func TestStillListedKeepsStoredAsIDs(t *testing.T) {
	const id, linkless = "0123456789abcdef0123", "fedcba9876543210fedc"
	votes := encodeVotes([]preparedItem{{id: id, vote: "id", storedAs: linkless}, {id: "aaaaaaaaaaaaaaaa11", vote: "en"}})
	cut := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	keep := stillListed([]*sourceResult{{source: config.Source{Name: "a"}, state: sourceState{FetchState: store.FetchState{ItemVotes: votes, LastSuccess: cut}}}, nil}, cut)
	for _, c := range []struct {
		id, source string
		want       bool
	}{{id, "a", true}, {linkless, "a", true}, {"aaaaaaaaaaaaaaaa11", "a", true}, {"bbbbbbbbbbbbbbbb", "a", false}} {
		if got := keep(c.id, c.source); got != c.want {
			t.Errorf("keep(%s, %s) = %v, want %v", c.id, c.source, got, c.want)
		}
	}
}

// A source retired by a 410, or not fetched successfully since the
// retention cut, keeps nothing of its last listing: it will not list the
// items again, so they are not stored again as new.
func TestStillListedKeepsNothingOfADeadSource(t *testing.T) {
	cut := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	ids := map[string]string{"live": "0123456789abcdef0123", "gone": "1123456789abcdef0123",
		"moved": "2123456789abcdef0123", "failing": "3123456789abcdef0123"}
	listed := func(name string, lastSuccess time.Time, retiredURL string) *sourceResult {
		votes := encodeVotes([]preparedItem{{id: ids[name], vote: "en"}})
		r := &sourceResult{source: config.Source{Name: name, URL: "https://" + name + ".example/feed"},
			state: sourceState{FetchState: store.FetchState{ItemVotes: votes, LastSuccess: lastSuccess}}}
		r.state.retiredURL = retiredURL
		return r
	}
	keep := stillListed([]*sourceResult{
		listed("live", cut.Add(time.Hour), ""),
		listed("gone", cut.Add(time.Hour), "https://gone.example/feed"),
		listed("moved", cut.Add(time.Hour), "https://moved.example/old"),
		listed("failing", cut.Add(-time.Minute), ""),
	}, cut)
	for source, want := range map[string]bool{"live": true, "gone": false, "moved": true, "failing": false} {
		if got := keep(ids[source], source); got != want {
			t.Errorf("keep(%s) = %v, want %v", source, got, want)
		}
	}
}

// lockProbe is a store that records whether the stories lock was held
// when Prune ran.
type lockProbe struct {
	store.Store
	pruned, heldDuringPrune bool
}

func (s *lockProbe) Prune(ctx context.Context, before time.Time, keep store.KeepFunc) (int, error) {
	release, ok, err := s.Store.TryLock(ctx, storiesLock)
	if err != nil {
		return 0, err
	}
	if ok {
		release()
	}
	s.pruned, s.heldDuringPrune = true, !ok
	return s.Store.Prune(ctx, before, keep)
}

// Prune runs under the stories lock, under which every daemon writes a
// story's copies: a copy another daemon is still writing (its transaction
// open, so unseen) cannot lose its lead to the prune.
func TestPruneRunsUnderTheStoriesLock(t *testing.T) {
	f := newChangingFeed(t, emptyChannel)
	f.p.cfg.Storage.Retention = time.Hour
	probe := &lockProbe{Store: f.st}
	f.p.store = probe
	f.cycle(0)
	if !probe.pruned || !probe.heldDuringPrune {
		t.Errorf("pruned %v, stories lock held during the prune %v; want both", probe.pruned, probe.heldDuringPrune)
	}
}
