package postgres

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/warta-news/warta/internal/pgtest"
	"github.com/warta-news/warta/store"
)

// TestClaimSplitsUnits: stores on one database stand for daemons. Units
// claimed at once go to exactly one of them; a unit claimed for a due time
// is not claimed again for it, even once released; an unreleased claim is
// taken over once its lease has ended; a release ends only its own claims.
func TestClaimSplitsUnits(t *testing.T) {
	dsn := pgtest.DSN(t)
	ctx := context.Background()
	stores := []*Store{openAt(t, dsn), openAt(t, dsn), openAt(t, dsn), openAt(t, dsn)}
	var units []string
	for i := range 300 {
		units = append(units, fmt.Sprintf("src%03d", i))
	}
	t0 := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	req := func(owner string, now time.Time) store.ClaimRequest {
		return store.ClaimRequest{Owner: owner, Units: units, Now: now, Since: now.Add(-time.Minute), Lease: 5 * time.Minute}
	}

	got := make([][]string, len(stores))
	releases := make([]store.Release, len(stores))
	var wg sync.WaitGroup
	for i, s := range stores {
		wg.Go(func() {
			var err error
			got[i], releases[i], err = s.Claim(ctx, req(fmt.Sprintf("d%d", i), t0))
			if err != nil {
				t.Errorf("claim %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	var all []string
	for _, g := range got {
		all = append(all, g...)
	}
	slices.Sort(all)
	if !slices.Equal(all, units) {
		t.Fatalf("concurrent claims took %d units (%d distinct), want each of %d once",
			len(all), len(slices.Compact(slices.Clone(all))), len(units))
	}

	// Released, but claimed for this due time: a daemon starting a little
	// later in the same cycle takes none of them, but those whose results
	// d2 did not save (its cycle failed): they are free for a retry.
	unsaved := got[2][:min(3, len(got[2]))]
	for i, release := range releases[:3] {
		var un []string
		if i == 2 {
			un = unsaved
		}
		if err := release(ctx, un); err != nil {
			t.Fatalf("release %d: %v", i, err)
		}
	}
	again, againRelease, err := stores[0].Claim(ctx, req("late", t0.Add(30*time.Second)))
	if err != nil || !slices.Equal(again, unsaved) {
		t.Fatalf("claim later in the same due time: %v, %v; want the unsaved %v", again, err, unsaved)
	}
	if err := againRelease(ctx, nil); err != nil {
		t.Fatal(err)
	}

	// The next due time: released units are free at once, the ones d3
	// still holds only once its lease has ended.
	next, _, err := stores[1].Claim(ctx, req("next", t0.Add(2*time.Minute)))
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Concat(got[0], got[1], got[2])
	slices.Sort(want)
	if !slices.Equal(next, want) {
		t.Fatalf("next due time claimed %d units, want the %d released ones", len(next), len(want))
	}
	taken, _, err := stores[2].Claim(ctx, req("heir", t0.Add(6*time.Minute)))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(taken, got[3]) {
		t.Fatalf("after the lease: took %d units, want d3's %d", len(taken), len(got[3]))
	}
	// d3 comes back and releases: the heir's claims stay.
	if err := releases[3](ctx, got[3]); err != nil {
		t.Fatal(err)
	}
	if n := count(t, stores[0], `SELECT count(*) FROM source_claims WHERE owner = 'heir'`); n != len(got[3]) {
		t.Fatalf("heir holds %d claims after the old owner released, want %d", n, len(got[3]))
	}
}

// TestClaimLimitKeepsOrder: a claim takes at most Limit units, the first
// free ones in the order asked, and gives them back in that order.
func TestClaimLimitKeepsOrder(t *testing.T) {
	s := openAt(t, pgtest.DSN(t))
	ctx := context.Background()
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	req := store.ClaimRequest{Owner: "a", Units: []string{"z", "b", "y", "a"}, Now: now, Since: now.Add(-time.Minute),
		Limit: 2, Lease: time.Minute}
	first, _, err := s.Claim(ctx, req)
	if err != nil || !slices.Equal(first, []string{"z", "b"}) {
		t.Fatalf("first claim %v, %v; want [z b]", first, err)
	}
	req.Owner = "b"
	second, _, err := s.Claim(ctx, req)
	if err != nil || !slices.Equal(second, []string{"y", "a"}) {
		t.Fatalf("second claim %v, %v; want [y a]", second, err)
	}
	req.Units = nil
	none, release, err := s.Claim(ctx, req)
	if err != nil || len(none) != 0 || release(ctx, nil) != nil {
		t.Fatalf("claim of nothing: %v, %v", none, err)
	}
}
