package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// metaHostHolds keys the servers held back by a Retry-After
// (fetch.Fetcher.Held): one JSON object, server to time. Each cycle hands
// the stored ones to its fetcher and stores what its fetcher holds, so that
// a restart and the other daemons sharing the store hold them back too.
const metaHostHolds = "host_holds"

// loadHolds hands the stored host holds still running to the fetcher.
// Unreadable holds are logged and forgotten: the sources that earned them
// still wait out their own Retry-After.
func (p *Pipeline) loadHolds(ctx context.Context) error {
	holds, _, err := p.storedHolds(ctx)
	if err != nil {
		return err
	}
	for server, until := range holds {
		p.fetcher.Hold(server, until)
	}
	return nil
}

// storedHolds reads the stored host holds still running at the cycle's
// clock, and the stored text.
func (p *Pipeline) storedHolds(ctx context.Context) (map[string]time.Time, string, error) {
	raw, _, err := p.store.Meta(ctx, metaHostHolds)
	if err != nil {
		return nil, "", fmt.Errorf("pipeline: %w", err)
	}
	holds := map[string]time.Time{}
	if raw == "" {
		return holds, raw, nil
	}
	if err := json.Unmarshal([]byte(raw), &holds); err != nil {
		p.logger.Warn("host holds unreadable: forgotten", "err", err)
		return map[string]time.Time{}, raw, nil
	}
	now := p.now()
	for server, until := range holds {
		if !until.After(now) {
			delete(holds, server)
		}
	}
	return holds, raw, nil
}

// saveHolds stores the host holds: those stored now (another daemon may
// have added some since the cycle began) with the fetcher's, the later
// time of a server kept, the past ones dropped. A failure is logged, not
// the cycle's: the fetcher still holds them back in this process.
func (p *Pipeline) saveHolds(ctx context.Context) {
	if err := p.storeHolds(ctx); err != nil {
		p.logger.Warn("host holds not stored: a restart may ask those servers before their Retry-After", "err", err)
	}
}

func (p *Pipeline) storeHolds(ctx context.Context) error {
	holds, raw, err := p.storedHolds(ctx)
	if err != nil {
		return err
	}
	for server, until := range p.fetcher.Held() {
		if until.After(holds[server]) {
			holds[server] = until
		}
	}
	b, err := json.Marshal(holds) // keys sorted: equal holds, equal bytes
	if err != nil {
		return fmt.Errorf("pipeline: host holds: %w", err)
	}
	if string(b) == raw || (len(holds) == 0 && raw == "") {
		return nil
	}
	if err := p.store.SetMeta(ctx, metaHostHolds, string(b)); err != nil {
		return fmt.Errorf("pipeline: host holds: %w", err)
	}
	return nil
}
