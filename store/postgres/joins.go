package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/internal/schema"
)

// Joins implements store.Store.
func (s *Store) Joins(ctx context.Context) ([]article.Join, error) {
	return s.joins(ctx, schema.SelectJoins+schema.JoinsOrder)
}

// StoryJoins implements store.Store.
func (s *Store) StoryJoins(ctx context.Context, story string) ([]article.Join, error) {
	return s.joins(ctx, schema.SelectJoins+` WHERE j.story_id = $1 OR j.into_id = $1`+schema.JoinsOrder, story)
}

// joins reads the joins query q selects (schema.SelectJoins), each with
// the labels kept for it.
func (s *Store) joins(ctx context.Context, q string, args ...any) ([]article.Join, error) {
	return joinsFrom(ctx, s.pool, q, args...)
}

// querier is what joinsFrom needs of the pool or of a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// joinsFrom is joins read through db: the pool, or a transaction that
// reads what it wrote.
func joinsFrom(ctx context.Context, db querier, q string, args ...any) ([]article.Join, error) {
	rows, err := db.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: joins: %w", err)
	}
	defer rows.Close()
	var out []article.Join
	for rows.Next() {
		var j article.Join
		var at int64
		var topic, note *string
		var of *bool
		var labelAt *int64
		if err := rows.Scan(&j.Story, &j.Into, &j.Note, &at, &topic, &of, &note, &labelAt); err != nil {
			return nil, fmt.Errorf("store: joins: %w", err)
		}
		var kept *article.Label
		var keptAt int64
		if topic != nil && of != nil && note != nil && labelAt != nil {
			kept, keptAt = &article.Label{Topic: *topic, Of: *of, Note: *note}, *labelAt
		}
		out = schema.AddJoinRow(out, j, at, kept, keptAt)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: joins: %w", err)
	}
	return out, nil
}

// JoinStory implements store.Store.
func (s *Store) JoinStory(ctx context.Context, j article.Join) (article.Join, error) {
	if j.Story == j.Into || j.Story == "" || j.Into == "" {
		return article.Join{}, fmt.Errorf("store: join story %q into %q: a story joins another story", j.Story, j.Into)
	}
	var made []article.Join
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE articles SET story_id = $1 WHERE story_id = $2`, j.Into, j.Story)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return store.ErrNotFound
		}
		b := &pgx.Batch{}
		b.Queue(`UPDATE article_topics SET story_id = $1 WHERE story_id = $2`, j.Into, j.Story)
		b.Queue(`UPDATE articles SET match_id = $1, match_similarity = 0, match_method = $2 WHERE id = $3 AND story_id = $1`,
			j.Into, article.MethodJoin, j.Story)
		b.Queue(`DELETE FROM story_join_labels WHERE story_id = $1`, j.Story)
		b.Queue(`INSERT INTO story_join_labels (story_id, topic, is_of, note, at_ns)
			SELECT story_id, topic, is_of, note, at_ns FROM story_labels WHERE story_id = $1`, j.Story)
		b.Queue(`UPDATE story_labels SET story_id = $1 WHERE story_id = $2
			AND topic NOT IN (SELECT topic FROM story_labels WHERE story_id = $1)`, j.Into, j.Story)
		b.Queue(`DELETE FROM story_labels WHERE story_id = $1`, j.Story)
		b.Queue(`UPDATE story_joins SET into_id = $1 WHERE into_id = $2`, j.Into, j.Story)
		b.Queue(`INSERT INTO story_joins (story_id, into_id, note, at_ns) VALUES ($1, $2, $3, $4)
			ON CONFLICT (story_id) DO UPDATE SET into_id = excluded.into_id, note = excluded.note, at_ns = excluded.at_ns`,
			j.Story, j.Into, j.Note, j.At.UnixNano())
		b.Queue(upsertMeta, store.MetaFeedsVersion, store.NewName())
		b.Queue(upsertMeta, store.MetaStoriesVersion, store.NewName())
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return err
		}
		made, err = joinsFrom(ctx, tx, schema.SelectJoins+` WHERE j.story_id = $1`+schema.JoinsOrder, j.Story)
		return err
	})
	if err == nil && len(made) != 1 {
		err = fmt.Errorf("read back %d joins", len(made))
	}
	if err != nil {
		return article.Join{}, fmt.Errorf("store: join story %s into %s: %w", j.Story, j.Into, err)
	}
	return made[0], nil
}

// joinedLabel holds for a row (of story_labels or story_join_labels)
// that is one of the labels kept for the join of story $1: the same topic
// and verdict, note and time.
const joinedLabel = `(topic, is_of, note, at_ns) IN (SELECT topic, is_of, note, at_ns FROM story_join_labels WHERE story_id = $1)`

// UnjoinStory implements store.Store.
func (s *Store) UnjoinStory(ctx context.Context, story string, ids []string) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var into string
		err := tx.QueryRow(ctx, `SELECT into_id FROM story_joins WHERE story_id = $1 FOR UPDATE`, story).Scan(&into)
		if errors.Is(err, pgx.ErrNoRows) {
			return store.ErrNotFound
		}
		if err != nil {
			return err
		}
		b := &pgx.Batch{}
		b.Queue(`UPDATE articles SET story_id = $1 WHERE story_id = $2 AND id = ANY($3)`, story, into, ids)
		b.Queue(`UPDATE article_topics SET story_id = $1 WHERE story_id = $2 AND article_id = ANY($3)`, story, into, ids)
		b.Queue(`UPDATE story_joins SET into_id = $1 WHERE into_id = $2 AND story_id = ANY($3)`, story, into, ids)
		b.Queue(`UPDATE articles SET match_id = '', match_similarity = 0, match_method = ''
			WHERE id = $1 AND story_id = $1 AND match_method = $2`, story, article.MethodJoin)
		// The labels that moved with the join, unchanged since, leave
		// the story joined into, and the labels kept for the other joins
		// into it (the story this one joined, joined on in its turn,
		// took them along); the kept labels come back.
		b.Queue(`DELETE FROM story_labels WHERE story_id = $2 AND `+joinedLabel, story, into)
		b.Queue(`DELETE FROM story_join_labels WHERE story_id IN (SELECT story_id FROM story_joins WHERE into_id = $2 AND story_id <> $1)
			AND `+joinedLabel, story, into)
		b.Queue(`INSERT INTO story_labels (story_id, topic, is_of, note, at_ns)
			SELECT story_id, topic, is_of, note, at_ns FROM story_join_labels WHERE story_id = $1
			ON CONFLICT (story_id, topic) DO NOTHING`, story)
		b.Queue(`DELETE FROM story_join_labels WHERE story_id = $1`, story)
		b.Queue(`DELETE FROM story_joins WHERE story_id = $1`, story)
		b.Queue(upsertMeta, store.MetaFeedsVersion, store.NewName())
		b.Queue(upsertMeta, store.MetaStoriesVersion, store.NewName())
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return fmt.Errorf("store: undo the join of story %s: %w", story, err)
	}
	return nil
}
