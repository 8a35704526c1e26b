package sqlite

import (
	"context"
	"slices"
	"time"

	"github.com/warta-news/warta/store"
)

// cycleLock names the store-wide lock a claim holds.
const cycleLock = "cycle"

// claimHolder is the owner of the store-wide lock taken by Claim.
type claimHolder struct {
	owner   string
	release func()
}

// Claim implements store.Store. SQLite has one writer on one machine, so
// there is nothing to split: a claim takes the store-wide lock (a flock
// beside the file) and every unit, and releasing it drops the lock. The
// owner's further claims, until then, get their units under the lock it
// holds. While another process or owner holds it the claim fails with
// store.ErrBusy.
func (s *Store) Claim(ctx context.Context, req store.ClaimRequest) ([]string, store.Release, error) {
	s.claimMu.Lock()
	defer s.claimMu.Unlock()
	units := slices.Clone(req.Units)
	if s.claim != nil && s.claim.owner == req.Owner {
		return units, func(context.Context, []string) error { return nil }, nil
	}
	release, ok, err := s.TryLock(ctx, cycleLock)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, store.ErrBusy
	}
	held := &claimHolder{owner: req.Owner, release: release}
	s.claim = held
	// Nothing stays claimed past the lock: a unit saved or not is free to
	// the next cycle.
	return units, func(context.Context, []string) error {
		s.claimMu.Lock()
		defer s.claimMu.Unlock()
		if s.claim == held {
			s.claim = nil
			held.release()
		}
		return nil
	}, nil
}

// ClaimsExclusive implements store.Store: a claim holds the store-wide
// lock until released.
func (s *Store) ClaimsExclusive() bool { return true }

// RenewClaims implements store.Store: a claim holds the store-wide lock
// until released, whatever its lease.
func (s *Store) RenewClaims(ctx context.Context, _ string, _, _ time.Time) error {
	return ctx.Err()
}
