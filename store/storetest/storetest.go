// Package storetest is the contract every store.Store driver passes: each
// driver's tests call Run with a Driver, and the same tests, on real
// databases, check that the drivers agree (round trips of every field, first
// copy wins, one transaction per source, story pages, pruning, re-tagging,
// named locks across processes). Benchmarks that compare drivers are here
// too (Bench).
package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
)

// Driver is one store.Store implementation under the contract.
type Driver struct {
	Name string
	// NewDSN returns the DSN of a fresh, empty database, removed at cleanup.
	NewDSN func(t testing.TB) string
	// Open opens dsn for writing, creating and migrating the database; the
	// store is closed at cleanup.
	Open func(t testing.TB, dsn string) store.Store
	// Precision is how finely the store keeps times.
	Precision time.Duration
	// Analyze, if set, refreshes the planner's statistics after a bulk
	// load, as a server's autovacuum would.
	Analyze func(tb testing.TB, s store.Store)
}

// Open opens dsn with a driver's open function (sqlite.Open,
// postgres.Open), failing tb when it fails; the store is closed at cleanup.
func Open[S store.Store](tb testing.TB, open func(context.Context, string) (S, error), dsn string) S {
	tb.Helper()
	s, err := open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// fresh returns a store on a new, empty database.
func (d Driver) fresh(t testing.TB) store.Store { return d.Open(t, d.NewDSN(t)) }

// stored is tm as the store gives it back: in UTC, truncated to the
// driver's precision.
func (d Driver) stored(tm time.Time) time.Time {
	return tm.Truncate(d.Precision).UTC()
}

// contractCase is one test of the contract.
type contractCase struct {
	name string
	fn   func(t *testing.T, d Driver)
}

// onFresh runs fn on a store of a new, empty database.
func onFresh(fn func(t *testing.T, s store.Store, d Driver)) func(t *testing.T, d Driver) {
	return func(t *testing.T, d Driver) { fn(t, d.fresh(t), d) }
}

func contract() []contractCase {
	return []contractCase{
		{"RoundTripEveryField", onFresh(testRoundTripEveryField)},
		{"NotFound", onFresh(testNotFound)},
		{"EmptyStoryIDLeadsItsOwnStory", onFresh(testEmptyStoryIDLeadsItsOwnStory)},
		{"TimeOutOfRangeRefused", onFresh(testTimeOutOfRangeRefused)},
		{"SaveSourceFirstCopyWins", onFresh(testSaveSourceFirstCopyWins)},
		{"SaveSourceIsOneTransaction", onFresh(testSaveSourceIsOneTransaction)},
		{"SaveSourceRejectsArticleWithoutID", onFresh(testSaveSourceRejectsArticleWithoutID)},
		{"SaveSourcesBatch", onFresh(testSaveSourcesBatch)},
		{"SaveSourcesSetsFeedsVersion", onFresh(testSaveSourcesSetsFeedsVersion)},
		{"SaveSourcesCorrects", onFresh(testSaveSourcesCorrects)},
		{"SaveSourcesCorrectsOnce", onFresh(testSaveSourcesCorrectsOnce)},
		{"UnstorableValueFailsItsSourceAlone", onFresh(testUnstorableValueFailsItsSourceAlone)},
		{"PruneAndSetTopicsSetFeedsVersion", onFresh(testPruneAndSetTopicsSetFeedsVersion)},
		{"FetchState", onFresh(testFetchState)},
		{"Meta", onFresh(testMeta)},
		{"HostHoldsKeepTheLater", testHostHoldsKeepTheLater},
		{"Models", onFresh(testModels)},
		{"StoriesOrderingLimitTopic", onFresh(testStoriesOrderingLimitTopic)},
		{"StoryByID", onFresh(testStoryByID)},
		{"SetTopics", onFresh(testSetTopics)},
		{"Labels", testLabels},
		{"Joins", testJoins},
		{"JoinsUndoneInAnyOrder", onFresh(testJoinsUndoneInAnyOrder)},
		{"Prune", onFresh(testPrune)},
		{"PruneKeeps", onFresh(testPruneKeeps)},
		{"Since", onFresh(testSince)},
		{"Sketches", onFresh(testSketches)},
		{"SetSketches", onFresh(testSetSketches)},
		{"ConcurrentReadersWhileWriting", onFresh(testConcurrentReadersWhileWriting)},
		{"StoriesDenseAndSparseTopics", onFresh(testStoriesDenseAndSparseTopics)},
		{"StoriesIDOrderIsByteOrder", onFresh(testStoriesIDOrderIsByteOrder)},
		{"StoriesByArrival", onFresh(testStoriesByArrival)},
		{"StoriesByArrivalMinute", onFresh(testStoriesByArrivalMinute)},
		{"ArticlesPerHour", onFresh(testArticlesPerHour)},
		{"CountStories", onFresh(testCountStories)},
		{"StoryHeads", onFresh(testStoryHeads)},
		{"ArticlesBySource", onFresh(testArticlesBySource)},
		{"CarriedBy", onFresh(testCarriedBy)},
		{"CarriersOfALargeBatch", onFresh(testCarriersOfALargeBatch)},
		{"Subscriptions", testSubscriptions},
		{"ReopenKeepsData", testReopenKeepsData},
		{"TryLockAcrossStores", testTryLockAcrossStores},
	}
}

// Run runs the whole contract against d, each test as a subtest.
func Run(t *testing.T, d Driver) {
	for _, c := range contract() {
		t.Run(c.name, func(t *testing.T) { c.fn(t, d) })
	}
}

// base is an arbitrary instant with a nanosecond part, so precision is
// tested.
var base = time.Date(2026, 3, 14, 9, 26, 53, 589793238, time.UTC)

// Art builds a minimal article n of story storyN (n == storyN for a lead),
// first seen n minutes after base, tagged with topics.
func Art(n, storyN int, topics ...string) *article.Article {
	id := fmt.Sprintf("id%05d", n)
	a := &article.Article{
		ID:        id,
		URL:       fmt.Sprintf("example.com/news/%d", n),
		Source:    "src",
		Title:     fmt.Sprintf("Title %d", n),
		Published: base.Add(time.Duration(n) * time.Minute),
		Updated:   base.Add(time.Duration(n) * time.Minute),
		FirstSeen: base.Add(time.Duration(n) * time.Minute),
		StoryID:   fmt.Sprintf("id%05d", storyN),
	}
	for _, slug := range topics {
		a.Topics = append(a.Topics, article.TopicMatch{Slug: slug, Score: 1})
	}
	return a
}

// Save stores arts under source "src", failing the test on error.
func Save(t testing.TB, s store.Store, arts ...*article.Article) []string {
	t.Helper()
	ids, err := s.SaveSource(context.Background(), "src", store.FetchState{}, arts)
	if err != nil {
		t.Fatalf("SaveSource: %v", err)
	}
	return ids
}

// saveState writes a source's fetch state alone, as the pipeline does
// after a 304 or a failure.
func saveState(s store.Store, source string, st store.FetchState) error {
	_, err := s.SaveSource(context.Background(), source, st, nil)
	return err
}

// fetchState returns the stored fetch state of source, zero when unknown.
func fetchState(t testing.TB, s store.Store, source string) store.FetchState {
	t.Helper()
	all, err := s.FetchStates(context.Background())
	if err != nil {
		t.Fatalf("FetchStates: %v", err)
	}
	return all[source]
}

// StoryShape renders stories as "lead[copy,copy]" for compact comparisons.
func StoryShape(stories []*article.Story) []string {
	var out []string
	for _, st := range stories {
		s := st.ID + ":" + st.Lead.ID + "["
		for i, c := range st.Copies {
			if i > 0 {
				s += ","
			}
			s += c.ID
		}
		out = append(out, s+"]")
	}
	return out
}

// testHostHoldsKeepTheLater: processes storing host holds at the same
// moment (two handles on one database, many rounds) all keep theirs, a
// server held by both keeps the later time, and holds past now are
// neither stored nor returned.
func testHostHoldsKeepTheLater(t *testing.T, d Driver) {
	ctx := context.Background()
	dsn := d.NewDSN(t)
	handles := []store.Store{d.Open(t, dsn), d.Open(t, dsn)}
	now := base
	want := map[string]time.Time{}
	var writers sync.WaitGroup
	errs := make([]error, len(handles))
	for i, s := range handles {
		mine := map[string]time.Time{"both.example:443": now.Add(time.Duration(10+i) * time.Minute)}
		for r := range 20 {
			mine[fmt.Sprintf("h%d-%d.example:443", i, r)] = now.Add(time.Duration(r+1) * time.Minute)
		}
		mine["past.example:443"] = now.Add(-time.Minute)
		for server, until := range mine {
			if until.After(now) && until.After(want[server]) {
				want[server] = until
			}
		}
		writers.Go(func() {
			for server, until := range mine {
				if err := s.HoldHosts(ctx, map[string]time.Time{server: until}, now); err != nil {
					errs[i] = err
					return
				}
			}
		})
	}
	writers.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got, err := handles[0].HostHolds(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("%d holds stored, want %d: %v", len(got), len(want), got)
	}
	for server, until := range want {
		if !got[server].Equal(until) {
			t.Errorf("%s held until %v, want %v", server, got[server], until)
		}
	}
	// A lower hold stored later does not shorten the stored one; at a
	// later now, the ended holds are gone.
	if err := handles[1].HoldHosts(ctx, map[string]time.Time{"both.example:443": now.Add(time.Minute)}, now); err != nil {
		t.Fatal(err)
	}
	later := now.Add(10*time.Minute + time.Second)
	got, err = handles[1].HostHolds(ctx, later)
	if err != nil {
		t.Fatal(err)
	}
	if want := now.Add(11 * time.Minute); len(got) != 1+2*10 || !got["both.example:443"].Equal(want) {
		t.Errorf("at %v: %v, want both.example held until %v and the holds of minutes 11–20", later, got, want)
	}
}
