package postgres

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/internal/schema"
)

// claimUnits takes, among the units $1, those whose lease has ended ($3 is
// now) and that no other owner claimed for this due time (claimed_at
// before $4; the owner's own cycles follow one another as they would
// alone), skipping rows another daemon is claiming this very moment (SKIP
// LOCKED): each unit goes to one daemon, and none waits for another.
const claimUnits = `WITH free AS (
	SELECT unit FROM source_claims
	WHERE unit = ANY($1) AND expires_at <= $3 AND (claimed_at < $4 OR owner = $2)
	ORDER BY unit
	FOR UPDATE SKIP LOCKED
)
UPDATE source_claims c SET owner = $2, claimed_at = $3, expires_at = $5
FROM free WHERE c.unit = free.unit
RETURNING c.unit`

// Claim implements store.Store with leases in source_claims. Rows for new
// units are created first (ON CONFLICT DO NOTHING waits for a daemon
// creating the same rows, then skips them), then the free ones are
// claimed in the same transaction. Release ends the claims that are still
// this owner's; a unit another daemon took over after the lease ran out is
// left alone.
func (s *Store) Claim(ctx context.Context, req store.ClaimRequest) ([]string, func(context.Context) error, error) {
	if req.Owner == "" || req.Lease <= 0 {
		return nil, nil, fmt.Errorf("store: claim: an owner and a positive lease are needed")
	}
	for _, t := range []time.Time{req.Now, req.Since, req.Now.Add(req.Lease)} {
		if err := schema.CheckTime(t); err != nil {
			return nil, nil, fmt.Errorf("store: claim: %w", err)
		}
	}
	units := slices.Clone(req.Units)
	slices.Sort(units) // one lock order for every daemon
	units = slices.Compact(units)
	var claimed []string
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO source_claims (unit, owner, claimed_at, expires_at)
			SELECT u, '', '-infinity', '-infinity' FROM unnest($1::text[]) AS u
			ON CONFLICT DO NOTHING`, units); err != nil {
			return fmt.Errorf("store: claim: %w", err)
		}
		rows, err := tx.Query(ctx, claimUnits, units, req.Owner, req.Now, req.Since, req.Now.Add(req.Lease))
		if err != nil {
			return fmt.Errorf("store: claim: %w", err)
		}
		claimed, err = pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return fmt.Errorf("store: claim: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	release := func(ctx context.Context) error {
		_, err := s.pool.Exec(ctx, `UPDATE source_claims SET expires_at = '-infinity'
			WHERE owner = $1 AND unit = ANY($2)`, req.Owner, claimed)
		if err != nil {
			return fmt.Errorf("store: release claims: %w", err)
		}
		return nil
	}
	return claimed, release, nil
}
