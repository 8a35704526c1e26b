package sqlite

import (
	"context"
	"fmt"
	"time"
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
	type count struct {
		hour          time.Time
		source, topic string
		n             int
	}
	var counts []count
	read := func(query string, bySource bool) error {
		rows, err := s.r.QueryContext(ctx, query, hourPrefix, from)
		if err != nil {
			return s.classify(fmt.Errorf("store: articles per hour: %w", err))
		}
		defer rows.Close()
		for rows.Next() {
			var (
				c    count
				hour string
				key  string
			)
			if err := rows.Scan(&hour, &key, &c.n); err != nil {
				return s.classify(fmt.Errorf("store: articles per hour: %w", err))
			}
			if c.hour, err = time.Parse(timeLayout[:hourPrefix], hour); err != nil {
				return fmt.Errorf("store: articles per hour: stored hour %q: %w", hour, err)
			}
			if bySource {
				c.source = key
			} else {
				c.topic = key
			}
			counts = append(counts, c)
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
	for _, c := range counts {
		if err := fn(c.hour, c.source, c.topic, c.n); err != nil {
			return err
		}
	}
	return nil
}
