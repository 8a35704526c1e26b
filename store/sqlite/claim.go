package sqlite

import (
	"context"
	"slices"

	"github.com/warta-news/warta/store"
)

// cycleLock names the store-wide lock a claim holds.
const cycleLock = "cycle"

// Claim implements store.Store. SQLite has one writer on one machine, so
// there is nothing to split: a claim takes the store-wide lock (a flock
// beside the file) and every unit, and releasing it drops the lock. While
// another process holds it the claim fails with store.ErrBusy.
func (s *Store) Claim(ctx context.Context, req store.ClaimRequest) ([]string, func(context.Context) error, error) {
	release, ok, err := s.TryLock(ctx, cycleLock)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, store.ErrBusy
	}
	return slices.Clone(req.Units), func(context.Context) error { release(); return nil }, nil
}
