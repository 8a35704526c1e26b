package postgres

import (
	"context"
	"fmt"
)

// Autovacuum analyzes a table some time after its rows changed; until then
// the planner reads stale statistics. After a bulk load, such as a first
// cycle over many sources, it then plans the pages of Stories as if the
// tables were empty: a nested loop over every story of a topic, seconds
// per feed instead of milliseconds. So the store analyzes the tables
// itself before reading stories when it has inserted, since it last did,
// at least analyzeMinRows articles and analyzeFraction of what the
// statistics know of.
const (
	analyzeMinRows  = 1000
	analyzeFraction = 0.2
)

// refreshStats analyzes the article tables when this store's inserts have
// outgrown the planner's statistics; see analyzeMinRows.
func (s *Store) refreshStats(ctx context.Context) error {
	n := s.inserted.Load()
	if n < analyzeMinRows {
		return nil
	}
	var known float64
	err := s.pool.QueryRow(ctx, `SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = 'articles'::regclass`).Scan(&known)
	if err != nil {
		return fmt.Errorf("store: statistics: %w", err)
	}
	if float64(n) < analyzeFraction*known {
		return nil
	}
	if _, err := s.pool.Exec(ctx, `ANALYZE articles, article_topics`); err != nil {
		return fmt.Errorf("store: analyze: %w", err)
	}
	s.inserted.Add(-n)
	return nil
}
