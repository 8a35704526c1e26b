package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/internal/schema"
)

// CountStories implements store.Store: stories whose lead is stored, as
// Stories lists them.
func (s *Store) CountStories(ctx context.Context, topic string) (int, error) {
	q, args := `SELECT count(*) FROM articles WHERE is_lead`, []any(nil)
	if topic != "" {
		q = `SELECT count(DISTINCT t.story_id) FROM article_topics t
			JOIN articles a ON a.id = t.story_id WHERE t.slug = $1`
		args = []any{topic}
	}
	var n int
	if err := s.pool.QueryRow(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count stories: %w", err)
	}
	return n, nil
}

// CarryAs implements store.Store.
func (s *Store) CarryAs(ctx context.Context, from, to string) (int, error) {
	var n int
	// The articles are locked FOR KEY SHARE: one another daemon's Prune
	// deletes meanwhile is skipped, not a foreign-key error that would
	// abort the cycle (as in insertCarriers).
	err := s.pool.QueryRow(ctx, `WITH live AS (
		SELECT a.id FROM articles a JOIN article_sources c ON c.article_id = a.id
		WHERE c.source = $1 ORDER BY a.id FOR KEY SHARE OF a
	), ins AS (
		INSERT INTO article_sources (article_id, source)
		SELECT id, $2 FROM live
		ORDER BY id
		ON CONFLICT DO NOTHING
		RETURNING 1
	), version AS (
		INSERT INTO meta (key, value) SELECT '`+store.MetaFeedsVersion+`', $3::text WHERE EXISTS (SELECT 1 FROM ins)
		`+schema.MetaConflict+`
	)
	SELECT count(*) FROM ins`, from, to, store.NewName()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: carry %s as %s: %w", from, to, err)
	}
	return n, nil
}

// ArticlesBySource implements store.Store.
func (s *Store) ArticlesBySource(ctx context.Context) (map[string]int, error) {
	rows, err := s.pool.Query(ctx, `SELECT source, count(*) FROM article_sources GROUP BY source`)
	if err != nil {
		return nil, fmt.Errorf("store: articles by source: %w", err)
	}
	out := map[string]int{}
	var src string
	var n int
	_, err = pgx.ForEachRow(rows, []any{&src, &n}, func() error {
		out[src] = n
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: articles by source: %w", err)
	}
	return out, nil
}

// Subscriptions implements store.Store.
func (s *Store) Subscriptions(ctx context.Context) ([]store.Subscription, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+schema.SubscriptionCols+` FROM websub_subscriptions ORDER BY topic, callback`)
	if err != nil {
		return nil, fmt.Errorf("store: subscriptions: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.Subscription, error) {
		var sub store.Subscription
		err := row.Scan(&sub.Topic, &sub.Callback, &sub.Secret, &sub.Expires, &sub.Failures, &sub.Delivered)
		sub.Expires = sub.Expires.UTC()
		return sub, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: subscriptions: %w", err)
	}
	return out, nil
}

// SaveSubscription implements store.Store.
func (s *Store) SaveSubscription(ctx context.Context, sub store.Subscription) error {
	if err := schema.CheckTime(sub.Expires); err != nil {
		return fmt.Errorf("store: subscription: %w", err)
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO websub_subscriptions (`+schema.SubscriptionCols+`)
		VALUES ($1, $2, $3, $4, $5, $6) `+schema.SubscriptionConflict,
		sub.Topic, sub.Callback, sub.Secret, sub.Expires, sub.Failures, sub.Delivered)
	if err != nil {
		return fmt.Errorf("store: save subscription: %w", err)
	}
	return nil
}

// DeleteSubscription implements store.Store.
func (s *Store) DeleteSubscription(ctx context.Context, topic, callback string) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM websub_subscriptions WHERE topic = $1 AND callback = $2`, topic, callback); err != nil {
		return fmt.Errorf("store: delete subscription: %w", err)
	}
	return nil
}
