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

// claimUnits takes, among the units $1 and in their order, at most $6
// (NULL: all) whose lease has ended ($3 is now) and that no other owner
// claimed for this due time (claimed_at before $4; the owner's own cycles
// follow one another as they would alone), skipping rows another daemon is
// claiming this very moment (SKIP LOCKED): each unit goes to one daemon,
// and none waits for another.
const claimUnits = `WITH free AS (
	SELECT c.unit FROM source_claims c
	JOIN unnest($1::text[]) WITH ORDINALITY AS w (unit, n) ON w.unit = c.unit
	WHERE c.expires_at <= $3 AND (c.claimed_at < $4 OR c.owner = $2)
	ORDER BY w.n
	LIMIT $6
	FOR UPDATE OF c SKIP LOCKED
)
UPDATE source_claims c SET owner = $2, claimed_at = $3, expires_at = $5
FROM free WHERE c.unit = free.unit
RETURNING c.unit`

// Claim implements store.Store with leases in source_claims. Rows for new
// units are created first (ON CONFLICT DO NOTHING waits for a daemon
// creating the same rows, then skips them), then the free ones are
// claimed in the same transaction. Release ends the claims that are still
// this owner's, and forgets the claim of the unsaved ones; a unit another
// daemon took over after the lease ran out is left alone.
func (s *Store) Claim(ctx context.Context, req store.ClaimRequest) ([]string, store.Release, error) {
	if req.Owner == "" || req.Lease <= 0 {
		return nil, nil, fmt.Errorf("store: claim: an owner and a positive lease are needed")
	}
	for _, t := range []time.Time{req.Now, req.Since, req.Now.Add(req.Lease)} {
		if err := schema.CheckTime(t); err != nil {
			return nil, nil, fmt.Errorf("store: claim: %w", err)
		}
	}
	sorted := slices.Clone(req.Units)
	slices.Sort(sorted) // one lock order for every daemon creating rows
	sorted = slices.Compact(sorted)
	var limit *int
	if req.Limit > 0 {
		limit = &req.Limit
	}
	var claimed []string
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO source_claims (unit, owner, claimed_at, expires_at)
			SELECT u, '', '-infinity', '-infinity' FROM unnest($1::text[]) AS u
			ON CONFLICT DO NOTHING`, sorted); err != nil {
			return fmt.Errorf("store: claim: %w", err)
		}
		rows, err := tx.Query(ctx, claimUnits, req.Units, req.Owner, req.Now, req.Since, req.Now.Add(req.Lease), limit)
		if err != nil {
			return fmt.Errorf("store: claim: %w", err)
		}
		claimed, err = pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return fmt.Errorf("store: claim: %w", err)
		}
		// RETURNING follows no order: give the claimed back in req's.
		order := make(map[string]int, len(req.Units))
		for i, u := range req.Units {
			order[u] = i
		}
		slices.SortFunc(claimed, func(a, b string) int { return order[a] - order[b] })
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	release := func(ctx context.Context, unsaved []string) error {
		_, err := s.pool.Exec(ctx, `UPDATE source_claims SET expires_at = '-infinity',
			claimed_at = CASE WHEN unit = ANY($3) THEN '-infinity' ELSE claimed_at END
			WHERE owner = $1 AND unit = ANY($2)`, req.Owner, claimed, unsaved)
		if err != nil {
			return fmt.Errorf("store: release claims: %w", err)
		}
		return nil
	}
	return claimed, release, nil
}

// RenewClaims implements store.Store. A claim whose lease ran out stays
// as it is: another daemon may have taken its unit since.
func (s *Store) RenewClaims(ctx context.Context, owner string, now, until time.Time) error {
	for _, t := range []time.Time{now, until} {
		if err := schema.CheckTime(t); err != nil {
			return fmt.Errorf("store: renew claims: %w", err)
		}
	}
	if _, err := s.pool.Exec(ctx, `UPDATE source_claims SET expires_at = $3
		WHERE owner = $1 AND expires_at > $2 AND expires_at < $3`, owner, now, until); err != nil {
		return fmt.Errorf("store: renew claims: %w", err)
	}
	return nil
}

// ClaimsExclusive implements store.Store: daemons sharing the database
// claim units side by side and take turns at the stories lock.
func (s *Store) ClaimsExclusive() bool { return false }
