package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/warta-news/warta/store/internal/schema"
)

// hourPrefix is the length of an hour's prefix of a stored time
// (timeLayout's "2006-01-02T15"), which groups articles by UTC hour.
const hourPrefix = len("2006-01-02T15")

// ArticlesPerHour implements store.Store with two GROUP BY queries over
// the first_seen index (and the topics' article_id index).
func (s *Store) ArticlesPerHour(ctx context.Context, t time.Time, fn func(hour time.Time, source, topic string, n int) error) error {
	from, err := encodeTime(t)
	if err != nil {
		return fmt.Errorf("store: articles per hour: %w", err)
	}
	var counts schema.HourCounts
	read := func(query string, bySource bool) error {
		rows, err := s.r.QueryContext(ctx, query, hourPrefix, from)
		if err != nil {
			return s.classify(fmt.Errorf("store: articles per hour: %w", err))
		}
		defer rows.Close()
		for rows.Next() {
			var (
				hour, key string
				n         int
			)
			if err := rows.Scan(&hour, &key, &n); err != nil {
				return s.classify(fmt.Errorf("store: articles per hour: %w", err))
			}
			start, err := time.Parse(timeLayout[:hourPrefix], hour)
			if err != nil {
				return fmt.Errorf("store: articles per hour: stored hour %q: %w", hour, err)
			}
			counts.Add(start, key, bySource, n)
		}
		if err := rows.Err(); err != nil {
			return s.classify(fmt.Errorf("store: articles per hour: %w", err))
		}
		return nil
	}
	if err := read(`SELECT substr(first_seen, 1, ?) AS hour, source, count(*) FROM articles
		WHERE first_seen >= ? GROUP BY hour, source`, true); err != nil {
		return err
	}
	if err := read(`SELECT substr(a.first_seen, 1, ?) AS hour, t.slug, count(*) FROM articles a
		JOIN article_topics t ON t.article_id = a.id
		WHERE a.first_seen >= ? GROUP BY hour, t.slug`, false); err != nil {
		return err
	}
	return counts.Each(fn)
}
