package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/warta-news/warta/store/internal/schema"
)

// ArticlesPerHour implements store.Store with two GROUP BY queries over
// the first_seen index (and the topics' article_id key).
func (s *Store) ArticlesPerHour(ctx context.Context, t time.Time, fn func(hour time.Time, source, topic string, n int) error) error {
	var counts schema.HourCounts
	read := func(query string, bySource bool) error {
		rows, err := s.pool.Query(ctx, query, t)
		if err != nil {
			return fmt.Errorf("store: articles per hour: %w", err)
		}
		var (
			hour time.Time
			key  string
			n    int
		)
		_, err = pgx.ForEachRow(rows, []any{&hour, &key, &n}, func() error {
			counts.Add(hour, key, bySource, n)
			return nil
		})
		if err != nil {
			return fmt.Errorf("store: articles per hour: %w", err)
		}
		return nil
	}
	if err := read(`SELECT date_trunc('hour', first_seen, 'UTC') AS hour, source, count(*) FROM articles
		WHERE first_seen >= $1 GROUP BY hour, source`, true); err != nil {
		return err
	}
	if err := read(`SELECT date_trunc('hour', a.first_seen, 'UTC') AS hour, t.slug, count(*) FROM articles a
		JOIN article_topics t ON t.article_id = a.id
		WHERE a.first_seen >= $1 GROUP BY hour, t.slug`, false); err != nil {
		return err
	}
	return counts.Each(fn)
}
