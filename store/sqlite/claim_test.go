package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/warta-news/warta/store"
)

// A claim hands out every unit under the store-wide lock: the owner's
// further claims nest under it, anyone else's, in this process or another,
// is busy until the first claim is released.
func TestClaimTakesEverythingUnderTheLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.db")
	a, other := openAt(t, path), openAt(t, path)
	ctx := context.Background()
	req := func(owner string, units ...string) store.ClaimRequest {
		return store.ClaimRequest{Owner: owner, Units: units, Now: time.Now(), Limit: 1, Lease: time.Minute}
	}
	got, release, err := a.Claim(ctx, req("me", "x", "y"))
	if err != nil || !slices.Equal(got, []string{"x", "y"}) {
		t.Fatalf("claim: %v, %v; want every unit", got, err)
	}
	if got, _, err := a.Claim(ctx, req("me", "z")); err != nil || !slices.Equal(got, []string{"z"}) {
		t.Fatalf("the owner's second claim: %v, %v", got, err)
	}
	if _, _, err := a.Claim(ctx, req("you", "x")); !errors.Is(err, store.ErrBusy) {
		t.Fatalf("another owner's claim: %v, want ErrBusy", err)
	}
	if _, _, err := other.Claim(ctx, req("me", "x")); !errors.Is(err, store.ErrBusy) {
		t.Fatalf("another process's claim: %v, want ErrBusy", err)
	}
	if err := release(ctx, nil); err != nil {
		t.Fatal(err)
	}
	got, release, err = other.Claim(ctx, req("you", "x"))
	if err != nil || !slices.Equal(got, []string{"x"}) {
		t.Fatalf("claim after release: %v, %v", got, err)
	}
	release(ctx, nil)
}
