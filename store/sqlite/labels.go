package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/warta-news/warta/article"
)

// Labels implements store.Store.
func (s *Store) Labels(ctx context.Context) ([]article.Label, error) {
	return s.labels(ctx, `SELECT story_id, topic, is_of, note, at_ns FROM story_labels ORDER BY story_id, topic`)
}

// StoryLabels implements store.Store.
func (s *Store) StoryLabels(ctx context.Context, story string) ([]article.Label, error) {
	return s.labels(ctx, `SELECT story_id, topic, is_of, note, at_ns FROM story_labels WHERE story_id = ? ORDER BY topic`, story)
}

// labels reads the labels query q selects.
func (s *Store) labels(ctx context.Context, q string, args ...any) ([]article.Label, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.classify(fmt.Errorf("store: labels: %w", err))
	}
	defer rows.Close()
	var out []article.Label
	for rows.Next() {
		var l article.Label
		var at int64
		if err := rows.Scan(&l.Story, &l.Topic, &l.Of, &l.Note, &at); err != nil {
			return nil, s.classify(fmt.Errorf("store: labels: %w", err))
		}
		l.At = time.Unix(0, at).UTC()
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, s.classify(fmt.Errorf("store: labels: %w", err))
	}
	return out, nil
}

// SetLabel implements store.Store.
func (s *Store) SetLabel(ctx context.Context, l article.Label) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO story_labels (story_id, topic, is_of, note, at_ns) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (story_id, topic) DO UPDATE SET is_of = excluded.is_of, note = excluded.note, at_ns = excluded.at_ns`,
			l.Story, l.Topic, l.Of, l.Note, l.At.UnixNano())
		if err != nil {
			return fmt.Errorf("store: set label %s %s: %w", l.Story, l.Topic, err)
		}
		return nil
	})
}

// DeleteLabel implements store.Store.
func (s *Store) DeleteLabel(ctx context.Context, story, topic string) (bool, error) {
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM story_labels WHERE story_id = ? AND topic = ?`, story, topic)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: delete label %s %s: %w", story, topic, err)
	}
	return n > 0, nil
}
