package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/internal/schema"
)

// insertArticle leaves an already stored ID alone: the first copy wins. A
// duplicate URL under another ID is still an error.
const insertArticle = `INSERT INTO articles (` + schema.ArticleCols + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (id) DO NOTHING`

const insertTopic = `INSERT INTO article_topics (article_id, story_id, pos, slug, score, terms, forced)
	VALUES (?, ?, ?, ?, ?, ?, ?)`

// SaveSource implements store.Store.
func (s *Store) SaveSource(ctx context.Context, source string, st store.FetchState, arts []*article.Article) ([]string, error) {
	for i, a := range arts {
		if a == nil || a.ID == "" {
			return nil, fmt.Errorf("store: source %s: article %d has no ID", source, i)
		}
	}
	var inserted []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := writeFetchState(ctx, tx, source, st); err != nil {
			return err
		}
		if len(arts) == 0 {
			return nil
		}
		insA, err := tx.PrepareContext(ctx, insertArticle)
		if err != nil {
			return fmt.Errorf("store: source %s: %w", source, err)
		}
		defer insA.Close()
		insT, err := tx.PrepareContext(ctx, insertTopic)
		if err != nil {
			return fmt.Errorf("store: source %s: %w", source, err)
		}
		defer insT.Close()
		for _, a := range arts {
			args, err := articleArgs(a)
			if err != nil {
				return fmt.Errorf("store: source %s: %w", source, err)
			}
			res, err := insA.ExecContext(ctx, args...)
			if err != nil {
				return fmt.Errorf("store: source %s: article %s (%s): %w", source, a.ID, a.URL, err)
			}
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				// Already stored, earlier or in this batch: the first copy wins.
				continue
			}
			if err := writeTopics(ctx, insT, a.ID, schema.StoryOf(a), a.Topics); err != nil {
				return fmt.Errorf("store: source %s: %w", source, err)
			}
			inserted = append(inserted, a.ID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return inserted, nil
}

// writeTopics inserts the topics of article id of story through the prepared
// insertTopic.
func writeTopics(ctx context.Context, ins *sql.Stmt, id, story string, topics []article.TopicMatch) error {
	for i, t := range topics {
		terms, err := json.Marshal(t.Terms)
		if err != nil {
			return fmt.Errorf("article %s: topic %s: %w", id, t.Slug, err)
		}
		if _, err := ins.ExecContext(ctx, id, story, i, t.Slug, t.Score, string(terms), t.Forced); err != nil {
			return fmt.Errorf("article %s: topic %s: %w", id, t.Slug, err)
		}
	}
	return nil
}

// SetTopics implements store.Store.
func (s *Store) SetTopics(ctx context.Context, topics map[string][]article.TopicMatch) error {
	if len(topics) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, insertTopic)
		if err != nil {
			return fmt.Errorf("store: set topics: %w", err)
		}
		defer ins.Close()
		for id, ts := range topics {
			var story string
			err := tx.QueryRowContext(ctx, `SELECT story_id FROM articles WHERE id = ?`, id).Scan(&story)
			if errors.Is(err, sql.ErrNoRows) {
				continue // pruned or never stored: nothing to re-tag
			}
			if err != nil {
				return fmt.Errorf("store: set topics: article %s: %w", id, err)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM article_topics WHERE article_id = ?`, id); err != nil {
				return fmt.Errorf("store: set topics: article %s: %w", id, err)
			}
			if err := writeTopics(ctx, ins, id, story, ts); err != nil {
				return fmt.Errorf("store: set topics: %w", err)
			}
		}
		return nil
	})
}

// Prune implements store.Store.
func (s *Store) Prune(ctx context.Context, before time.Time) (int, error) {
	t, err := encodeTime(before)
	if err != nil {
		return 0, fmt.Errorf("store: prune: %w", err)
	}
	var n int64
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		// Topics go with their articles (ON DELETE CASCADE). A lead stays
		// while a copy that is itself kept points to it, so stories never
		// lose their lead.
		res, err := tx.ExecContext(ctx, `DELETE FROM articles
			WHERE first_seen < ?1
			AND NOT (id = story_id AND EXISTS (
				SELECT 1 FROM articles c
				WHERE c.story_id = articles.id AND c.id <> articles.id AND c.first_seen >= ?1))`, t)
		if err != nil {
			return fmt.Errorf("store: prune: %w", err)
		}
		n, err = res.RowsAffected()
		if err != nil {
			return fmt.Errorf("store: prune: %w", err)
		}
		return nil
	})
	return int(n), err
}
