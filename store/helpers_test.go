package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// base is an arbitrary instant with a nanosecond part, so precision is tested.
var base = time.Date(2026, 3, 14, 9, 26, 53, 589793238, time.UTC)

// testDriver is one Store implementation under the contract tests.
type testDriver struct {
	name string
	// open returns a fresh, empty store, closed at cleanup.
	open func(t testing.TB) Store
	// precision is how finely the store keeps times.
	precision time.Duration
}

// testDrivers lists the implementations every contract test runs against.
func testDrivers() []testDriver {
	return []testDriver{
		{"sqlite", func(t testing.TB) Store { s, _ := openTemp(t); return s }, time.Nanosecond},
		{"postgres", openPostgresTemp, time.Microsecond},
	}
}

// eachStore runs fn as a subtest per driver, on a fresh store.
func eachStore(t *testing.T, fn func(t *testing.T, s Store, d testDriver)) {
	t.Helper()
	for _, d := range testDrivers() {
		t.Run(d.name, func(t *testing.T) { fn(t, d.open(t), d) })
	}
}

// stored is tm as the store gives it back: in UTC, truncated to the
// driver's precision.
func (d testDriver) stored(tm time.Time) time.Time {
	return tm.Truncate(d.precision).UTC()
}

// openTemp opens a SQLite store on a fresh file in t.TempDir(), closed at
// cleanup.
func openTemp(t testing.TB) (Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sub", "warta.db")
	s, err := Open(context.Background(), "sqlite", path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// art builds a minimal article n of story storyN (n == storyN for a lead),
// first seen n minutes after base.
func art(n, storyN int, topics ...string) *article.Article {
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

// save stores arts under source "src", failing the test on error.
func save(t testing.TB, s Store, arts ...*article.Article) []string {
	t.Helper()
	ids, err := s.SaveSource(context.Background(), "src", FetchState{}, arts)
	if err != nil {
		t.Fatalf("SaveSource: %v", err)
	}
	return ids
}

// storyShape renders stories as "lead[copy,copy]" for compact comparisons.
func storyShape(stories []*article.Story) []string {
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
