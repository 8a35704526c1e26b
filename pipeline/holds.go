package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Host holds (fetch.Fetcher.Held: servers held back by a Retry-After) are
// kept in the store (store.HoldHosts), so that a restart and the other
// daemons sharing the store hold them back too: each cycle hands the
// stored ones to its fetcher and stores what its fetcher holds.

// metaHostHolds is the meta key (store.Store.Meta) under which builds
// before the store kept host holds (store.HoldHosts) kept them: one JSON
// object, server to time. loadHolds moves a value there into the store's
// holds, once: after an upgrade, and each time an older build sharing the
// store writes it during a rolling upgrade.
const metaHostHolds = "host_holds"

// loadHolds hands the stored host holds still running to the fetcher,
// first moving those an older build kept in meta (moveMetaHolds).
func (p *Pipeline) loadHolds(ctx context.Context) error {
	if err := p.moveMetaHolds(ctx); err != nil {
		return err
	}
	holds, err := p.store.HostHolds(ctx, p.now())
	if err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	for server, until := range holds {
		p.fetcher.Hold(server, until)
	}
	if len(holds) > 0 {
		p.holdsClear.Store(false)
	}
	return nil
}

// moveMetaHolds stores the holds an older build kept under metaHostHolds
// (those still running; a value that does not parse is logged and
// dropped, the sources that earned them still wait their own Retry-After)
// and deletes the key, unless a writer replaced it meanwhile: its value is
// moved by the next cycle.
func (p *Pipeline) moveMetaHolds(ctx context.Context) error {
	raw, ok, err := p.store.Meta(ctx, metaHostHolds)
	if err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	if !ok {
		return nil
	}
	var holds map[string]time.Time
	if err := json.Unmarshal([]byte(raw), &holds); err != nil {
		p.logger.Warn("host holds an older build stored are unreadable: dropped", "err", err)
		holds = nil
	}
	if len(holds) > 0 {
		if err := p.store.HoldHosts(ctx, holds, p.now()); err != nil {
			return fmt.Errorf("pipeline: host holds an older build stored: %w", err)
		}
	}
	if _, err := p.store.DeleteMeta(ctx, metaHostHolds, raw); err != nil {
		return fmt.Errorf("pipeline: %w", err)
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
// some since the cycle began: the store merges them atomically), and
// drops the stored holds that have ended, also when the fetcher holds
// none. When it holds none and none is stored that the process knows of
// (holdsClear), it issues no statement: nothing to write, nothing ended.
func (p *Pipeline) storeHolds(ctx context.Context) error {
	held := p.fetcher.Held()
	if len(held) == 0 && p.holdsClear.Load() {
		return nil
	}
	if err := p.store.HoldHosts(ctx, held, p.now()); err != nil {
		return fmt.Errorf("pipeline: host holds: %w", err)
	}
	p.holdsClear.Store(len(held) == 0)
	return nil
}
