package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/internal/schema"
)

// CountStories implements store.Store: stories whose lead is stored, as
// Stories lists them.
func (s *Store) CountStories(ctx context.Context, topic string) (int, error) {
	q, args := `SELECT count(*) FROM articles WHERE id = story_id`, []any(nil)
	if topic != "" {
		q = `SELECT count(DISTINCT t.story_id) FROM article_topics t
			JOIN articles a ON a.id = t.story_id WHERE t.slug = ?`
		args = []any{topic}
	}
	var n int
	if err := s.r.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, s.classify(fmt.Errorf("store: count stories: %w", err))
	}
	return n, nil
}

// CarryAs implements store.Store.
func (s *Store) CarryAs(ctx context.Context, from, to string) (int, error) {
	n := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO article_sources (article_id, source)
			SELECT article_id, ?2 FROM article_sources WHERE source = ?1
			ON CONFLICT DO NOTHING`, from, to)
		if err != nil {
			return err
		}
		added, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n = int(added); n == 0 {
			return nil
		}
		return setMeta(ctx, tx, store.MetaFeedsVersion, store.NewName())
	})
	if err != nil {
		return 0, s.classify(fmt.Errorf("store: carry %s as %s: %w", from, to, err))
	}
	return n, nil
}

// ArticlesBySource implements store.Store.
func (s *Store) ArticlesBySource(ctx context.Context) (map[string]int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT source, count(*) FROM article_sources GROUP BY source`)
	if err != nil {
		return nil, s.classify(fmt.Errorf("store: articles by source: %w", err))
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var src string
		var n int
		if err := rows.Scan(&src, &n); err != nil {
			return nil, s.classify(fmt.Errorf("store: articles by source: %w", err))
		}
		out[src] = n
	}
	if err := rows.Err(); err != nil {
		return nil, s.classify(fmt.Errorf("store: articles by source: %w", err))
	}
	return out, nil
}

// Subscriptions implements store.Store.
func (s *Store) Subscriptions(ctx context.Context) ([]store.Subscription, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+schema.SubscriptionCols+` FROM websub_subscriptions ORDER BY topic, callback`)
	if err != nil {
		return nil, s.classify(fmt.Errorf("store: subscriptions: %w", err))
	}
	defer rows.Close()
	var out []store.Subscription
	for rows.Next() {
		var sub store.Subscription
		var expires string
		if err := rows.Scan(&sub.Topic, &sub.Callback, &sub.Secret, &expires, &sub.Failures, &sub.Delivered); err != nil {
			return nil, s.classify(fmt.Errorf("store: subscriptions: %w", err))
		}
		if sub.Expires, err = decodeTime(expires); err != nil {
			return nil, err
		}
		out = append(out, sub)
	}
	if err := rows.Err(); err != nil {
		return nil, s.classify(fmt.Errorf("store: subscriptions: %w", err))
	}
	return out, nil
}

// SaveSubscription implements store.Store.
func (s *Store) SaveSubscription(ctx context.Context, sub store.Subscription) error {
	expires, err := encodeTime(sub.Expires)
	if err != nil {
		return fmt.Errorf("store: subscription: %w", err)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO websub_subscriptions (`+schema.SubscriptionCols+`)
			VALUES (?, ?, ?, ?, ?, ?) `+schema.SubscriptionConflict,
			sub.Topic, sub.Callback, sub.Secret, expires, sub.Failures, sub.Delivered)
		if err != nil {
			return fmt.Errorf("store: save subscription: %w", err)
		}
		return nil
	})
}

// DeleteSubscription implements store.Store.
func (s *Store) DeleteSubscription(ctx context.Context, topic, callback string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM websub_subscriptions WHERE topic = ? AND callback = ?`, topic, callback); err != nil {
			return fmt.Errorf("store: delete subscription: %w", err)
		}
		return nil
	})
}
