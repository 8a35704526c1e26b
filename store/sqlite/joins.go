package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

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
	return s.joins(ctx, schema.SelectJoins+` WHERE j.story_id = ?1 OR j.into_id = ?1`+schema.JoinsOrder, story)
}

// joins reads the joins query q selects (schema.SelectJoins), each with
// the labels kept for it.
func (s *Store) joins(ctx context.Context, q string, args ...any) ([]article.Join, error) {
	return s.joinsFrom(ctx, s.r, q, args...)
}

// joinsFrom is joins read through db: the reader pool, or a transaction
// that reads what it wrote.
func (s *Store) joinsFrom(ctx context.Context, db querier, q string, args ...any) ([]article.Join, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.classify(fmt.Errorf("store: joins: %w", err))
	}
	defer rows.Close()
	var out []article.Join
	for rows.Next() {
		var j article.Join
		var at int64
		var topic, note sql.NullString
		var of sql.NullBool
		var labelAt sql.NullInt64
		if err := rows.Scan(&j.Story, &j.Into, &j.Note, &at, &topic, &of, &note, &labelAt); err != nil {
			return nil, s.classify(fmt.Errorf("store: joins: %w", err))
		}
		var kept *article.Label
		if topic.Valid {
			kept = &article.Label{Topic: topic.String, Of: of.Bool, Note: note.String}
		}
		out = schema.AddJoinRow(out, j, at, kept, labelAt.Int64)
	}
	if err := rows.Err(); err != nil {
		return nil, s.classify(fmt.Errorf("store: joins: %w", err))
	}
	return out, nil
}

// JoinStory implements store.Store.
func (s *Store) JoinStory(ctx context.Context, j article.Join) (article.Join, error) {
	if j.Story == j.Into || j.Story == "" || j.Into == "" {
		return article.Join{}, fmt.Errorf("store: join story %q into %q: a story joins another story", j.Story, j.Into)
	}
	var made []article.Join
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE articles SET story_id = ? WHERE story_id = ?`, j.Into, j.Story)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return store.ErrNotFound
		}
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{`UPDATE article_topics SET story_id = ? WHERE story_id = ?`, []any{j.Into, j.Story}},
			{`UPDATE articles SET match_id = ?, match_similarity = 0, match_method = ? WHERE id = ? AND story_id = ?`, []any{j.Into, article.MethodJoin, j.Story, j.Into}},
			{`DELETE FROM story_join_labels WHERE story_id = ?`, []any{j.Story}},
			{`INSERT INTO story_join_labels (story_id, topic, is_of, note, at_ns)
				SELECT story_id, topic, is_of, note, at_ns FROM story_labels WHERE story_id = ?`, []any{j.Story}},
			{`UPDATE story_labels SET story_id = ? WHERE story_id = ? AND topic NOT IN (SELECT topic FROM story_labels WHERE story_id = ?)`, []any{j.Into, j.Story, j.Into}},
			{`DELETE FROM story_labels WHERE story_id = ?`, []any{j.Story}},
			{`UPDATE story_joins SET into_id = ? WHERE into_id = ?`, []any{j.Into, j.Story}},
			{`INSERT INTO story_joins (story_id, into_id, note, at_ns) VALUES (?, ?, ?, ?)
				ON CONFLICT (story_id) DO UPDATE SET into_id = excluded.into_id, note = excluded.note, at_ns = excluded.at_ns`,
				[]any{j.Story, j.Into, j.Note, j.At.UnixNano()}},
		} {
			if _, err := tx.ExecContext(ctx, q.sql, q.args...); err != nil {
				return err
			}
		}
		if err := setMeta(ctx, tx, store.MetaFeedsVersion, store.NewName()); err != nil {
			return err
		}
		if err := setMeta(ctx, tx, store.MetaStoriesVersion, store.NewName()); err != nil {
			return err
		}
		made, err = s.joinsFrom(ctx, tx, schema.SelectJoins+` WHERE j.story_id = ?1`+schema.JoinsOrder, j.Story)
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
// that is one of the labels kept for the join of story ?1: the same topic
// and verdict, note and time.
const joinedLabel = `(topic, is_of, note, at_ns) IN (SELECT topic, is_of, note, at_ns FROM story_join_labels WHERE story_id = ?1)`

// UnjoinStory implements store.Store.
func (s *Store) UnjoinStory(ctx context.Context, story string, ids []string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var into string
		err := tx.QueryRowContext(ctx, `SELECT into_id FROM story_joins WHERE story_id = ?`, story).Scan(&into)
		if errors.Is(err, sql.ErrNoRows) {
			return store.ErrNotFound
		}
		if err != nil {
			return err
		}
		if len(ids) > 0 {
			list := `(?` + strings.Repeat(`, ?`, len(ids)-1) + `)`
			args := make([]any, 0, 2+len(ids))
			args = append(args, story, into)
			for _, id := range ids {
				args = append(args, id)
			}
			for _, q := range []string{
				`UPDATE articles SET story_id = ? WHERE story_id = ? AND id IN ` + list,
				`UPDATE article_topics SET story_id = ? WHERE story_id = ? AND article_id IN ` + list,
				`UPDATE story_joins SET into_id = ? WHERE into_id = ? AND story_id IN ` + list,
			} {
				if _, err := tx.ExecContext(ctx, q, args...); err != nil {
					return err
				}
			}
		}
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{`UPDATE articles SET match_id = '', match_similarity = 0, match_method = ''
				WHERE id = ?1 AND story_id = ?1 AND match_method = ?2`, []any{story, article.MethodJoin}},
			// The labels that moved with the join, unchanged since, leave
			// the story joined into, and the labels kept for the other
			// joins into it (the story this one joined, joined on in its
			// turn, took them along); the kept labels come back.
			{`DELETE FROM story_labels WHERE story_id = ?2 AND ` + joinedLabel, []any{story, into}},
			{`DELETE FROM story_join_labels WHERE story_id IN (SELECT story_id FROM story_joins WHERE into_id = ?2 AND story_id <> ?1)
				AND ` + joinedLabel, []any{story, into}},
			{`INSERT INTO story_labels (story_id, topic, is_of, note, at_ns)
				SELECT story_id, topic, is_of, note, at_ns FROM story_join_labels WHERE story_id = ?
				ON CONFLICT (story_id, topic) DO NOTHING`, []any{story}},
			{`DELETE FROM story_join_labels WHERE story_id = ?`, []any{story}},
			{`DELETE FROM story_joins WHERE story_id = ?`, []any{story}},
		} {
			if _, err := tx.ExecContext(ctx, q.sql, q.args...); err != nil {
				return err
			}
		}
		if err := setMeta(ctx, tx, store.MetaFeedsVersion, store.NewName()); err != nil {
			return err
		}
		return setMeta(ctx, tx, store.MetaStoriesVersion, store.NewName())
	})
	if err != nil {
		return fmt.Errorf("store: undo the join of story %s: %w", story, err)
	}
	return nil
}
