package pipeline

import (
	"context"
	"fmt"
)

// Host holds (fetch.Fetcher.Held: servers held back by a Retry-After) are
// kept in the store (store.HoldHosts), so that a restart and the other
// daemons sharing the store hold them back too: each cycle hands the
// stored ones to its fetcher and stores what its fetcher holds.

// loadHolds hands the stored host holds still running to the fetcher.
func (p *Pipeline) loadHolds(ctx context.Context) error {
	holds, err := p.store.HostHolds(ctx, p.now())
	if err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	for server, until := range holds {
		p.fetcher.Hold(server, until)
	}
	return nil
}

// saveHolds stores the fetcher's host holds. A failure is logged, not the
// cycle's: the fetcher still holds them back in this process.
func (p *Pipeline) saveHolds(ctx context.Context) {
	if err := p.storeHolds(ctx); err != nil {
		p.logger.Warn("host holds not stored: a restart may ask those servers before their Retry-After", "err", err)
	}
}

// storeHolds stores the fetcher's host holds, each server keeping the
// later of its stored and its new hold (another daemon may have stored
// some since the cycle began: the store merges them atomically), the past
// ones dropped.
func (p *Pipeline) storeHolds(ctx context.Context) error {
	held := p.fetcher.Held()
	if len(held) == 0 {
		return nil // the stored ones past are dropped with the next
	}
	if err := p.store.HoldHosts(ctx, held, p.now()); err != nil {
		return fmt.Errorf("pipeline: host holds: %w", err)
	}
	return nil
}
