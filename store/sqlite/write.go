package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/internal/schema"
)

// insertArticle leaves an already stored ID alone: the first copy wins. A
// duplicate URL under another ID is still an error.
const insertArticle = `INSERT INTO articles (` + schema.ArticleCols + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (id) DO NOTHING`

const insertTopic = `INSERT INTO article_topics (` + schema.TopicCols + `)
	VALUES (?, ?, ?, ?, ?, ?, ?)`

// correctArticle replaces what a source's correction changes
// (store.SourceWrite.Corrected), its topics apart, in an article that
// source (?10) stored, its sketch and fingerprint (the sketch's band
// keys, which Correct set with it) only when the correction carries a
// sketch (?12 not empty), and returns the story the article's topics are
// written under.
const correctArticle = `UPDATE articles SET title = ?2, summary = ?3, content = ?4, text = ?5, author = ?6,
	categories = ?7, language = ?8, updated = max(published, ?9), feed_genre = ?11,
	sketch = CASE WHEN length(?12) > 0 THEN ?12 ELSE sketch END,
	fingerprint = CASE WHEN length(?12) > 0 THEN ?13 ELSE fingerprint END
	WHERE id = ?1 AND source = ?10 RETURNING story_id`

const deleteTopics = `DELETE FROM article_topics WHERE article_id = ?`

// insertCarriers records that sources carried stored articles
// (store.SourceWrite.Carried), given as one JSON array of [id, source]
// pairs (?1): one statement for a batch, one variable however long the
// list; articles not stored are ignored. (WHERE true: SQLite reads an ON
// after a join as the join's without it.)
const insertCarriers = `INSERT INTO article_sources (article_id, source)
	SELECT a.id, json_extract(c.value, '$[1]') FROM json_each(?1) AS c
	JOIN articles a ON a.id = json_extract(c.value, '$[0]')
	WHERE true
	ON CONFLICT DO NOTHING`

// SaveSource implements store.Store.
func (s *Store) SaveSource(ctx context.Context, source string, st store.FetchState, arts []*article.Article) ([]string, error) {
	return schema.SaveOne(func(b []store.SourceWrite) ([]store.SourceSaved, error) { return s.SaveSources(ctx, b) }, source, st, arts)
}

// SaveSources implements store.Store: one write transaction and one set of
// prepared statements for the whole batch. A source whose rows break a
// constraint (its URL stored under another ID) or cannot be encoded rolls
// the transaction back, and the batch is written again without it.
func (s *Store) SaveSources(ctx context.Context, batch []store.SourceWrite) ([]store.SourceSaved, error) {
	return schema.SaveBatch(batch, func(failed []bool, out []store.SourceSaved) error {
		return s.inTx(ctx, func(tx *sql.Tx) error {
			w, err := prepareWriter(ctx, tx)
			if err != nil {
				return err
			}
			defer w.close()
			owner := schema.Owners(batch, failed)
			changed := false
			for i, src := range batch {
				if failed[i] {
					continue
				}
				done, corrected, err := w.source(ctx, src, i, owner)
				if err != nil {
					if isSourceError(err) {
						return schema.FailedSources{i: fmt.Errorf("store: source %s: %w", src.Source, err)}
					}
					return fmt.Errorf("store: source %s: %w", src.Source, err)
				}
				out[i].Inserted = schema.Inserted(src.Articles, i, owner, done)
				out[i].Corrected = corrected
				changed = changed || len(out[i].Inserted) > 0 || corrected > 0
			}
			carried, err := w.carriers(ctx, batch, failed)
			if err != nil {
				return err
			}
			if changed || carried {
				return setMeta(ctx, tx, store.MetaFeedsVersion, store.NewName())
			}
			return nil
		})
	})
}

// carriers records the sources of batch not failed as carrying their
// articles and those they carried (schema.Carriers), in one statement, and
// reports whether it recorded any for the first time.
func (w *batchWriter) carriers(ctx context.Context, batch []store.SourceWrite, failed []bool) (bool, error) {
	ids, sources := schema.Carriers(batch, failed)
	if len(ids) == 0 {
		return false, nil
	}
	pairs := make([][2]string, len(ids))
	for j, id := range ids {
		pairs[j] = [2]string{id, sources[j]}
	}
	list, err := json.Marshal(pairs)
	if err != nil {
		return false, fmt.Errorf("store: carrying sources: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return false, fmt.Errorf("store: carrying sources: %w", err)
	}
	res, err := w.carrier.ExecContext(context.WithoutCancel(ctx), string(list))
	if err != nil {
		return false, fmt.Errorf("store: carrying sources: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: carrying sources: %w", err)
	}
	return n > 0, nil
}

// batchWriter holds the statements of one SaveSources transaction.
type batchWriter struct {
	state, art, topic, correct, untopic, carrier *sql.Stmt
	// corrected are the IDs the batch corrected already: the first
	// correction of an ID wins, as on PostgreSQL.
	corrected map[string]bool
}

func prepareWriter(ctx context.Context, tx *sql.Tx) (*batchWriter, error) {
	w := &batchWriter{corrected: map[string]bool{}}
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{{&w.state, upsertFetchState}, {&w.art, insertArticle}, {&w.topic, insertTopic},
		{&w.correct, correctArticle}, {&w.untopic, deleteTopics}, {&w.carrier, insertCarriers}} {
		st, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("store: prepare: %w", err)
		}
		*p.stmt = st
	}
	return w, nil
}

func (w *batchWriter) close() {
	for _, st := range []*sql.Stmt{w.state, w.art, w.topic, w.correct, w.untopic, w.carrier} {
		if st != nil {
			st.Close()
		}
	}
}

// source writes the fetch state of batch source i and the articles it owns,
// and returns the IDs inserted and how many of its corrections it wrote
// (those of articles still stored). It stops with ctx's error, before a row,
// when ctx ends. The rows' statements run without ctx's cancellation: the
// driver watches a cancellable context with a goroutine of its own per
// statement (one per article and per topic row, most of a batch's
// goroutines) to interrupt a statement that runs for long, and a one-row
// insert does not; the transaction, begun with ctx, is still rolled back
// when ctx ends.
func (w *batchWriter) source(ctx context.Context, src store.SourceWrite, i int, owner map[string]int) (map[string]bool, int, error) {
	stArgs, err := fetchStateArgs(src.State)
	if err != nil {
		return nil, 0, encodeError{err}
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, fmt.Errorf("save fetch state: %w", err)
	}
	rowCtx := context.WithoutCancel(ctx)
	if _, err := w.state.ExecContext(rowCtx, append([]any{src.Source}, stArgs...)...); err != nil {
		return nil, 0, fmt.Errorf("save fetch state: %w", err)
	}
	done := map[string]bool{}
	for _, a := range src.Articles {
		if owner[a.ID] != i || done[a.ID] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, 0, fmt.Errorf("save sources: %w", err)
		}
		args, err := articleArgs(a)
		if err != nil {
			return nil, 0, encodeError{err}
		}
		res, err := w.art.ExecContext(rowCtx, args...)
		if err != nil {
			return nil, 0, fmt.Errorf("article %s (%s): %w", a.ID, a.URL, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			// Already stored: the first copy wins.
			continue
		}
		if err := writeTopics(rowCtx, w.topic, a.ID, schema.StoryOf(a), a.Topics); err != nil {
			return nil, 0, err
		}
		done[a.ID] = true
	}
	corrected := 0
	for _, a := range src.Corrected {
		if w.corrected[a.ID] {
			continue
		}
		w.corrected[a.ID] = true
		if err := ctx.Err(); err != nil {
			return nil, 0, fmt.Errorf("save sources: %w", err)
		}
		ok, err := w.correctOne(rowCtx, src.Source, a)
		if err != nil {
			return nil, 0, err
		}
		if ok {
			corrected++
		}
	}
	return done, corrected, nil
}

// correctOne writes source's correction of article a, and reports
// whether a is stored as source's.
func (w *batchWriter) correctOne(ctx context.Context, source string, a *article.Article) (bool, error) {
	cats, err := json.Marshal(a.Categories)
	if err != nil {
		return false, encodeError{fmt.Errorf("article %s: categories: %w", a.ID, err)}
	}
	updated, err := encodeTime(a.Updated)
	if err != nil {
		return false, encodeError{fmt.Errorf("article %s: %w", a.ID, err)}
	}
	var story string
	err = w.correct.QueryRowContext(ctx, a.ID, a.Title, a.Summary, a.Content, a.Text, a.Author,
		string(cats), a.Language, updated, source, a.FeedGenre, schema.BlobArg(a.Sketch), int64(a.Fingerprint)).Scan(&story)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil // pruned since it was found stored, or another source's
	}
	if err != nil {
		return false, fmt.Errorf("correct article %s: %w", a.ID, err)
	}
	if _, err := w.untopic.ExecContext(ctx, a.ID); err != nil {
		return false, fmt.Errorf("correct article %s: %w", a.ID, err)
	}
	return true, writeTopics(ctx, w.topic, a.ID, story, a.Topics)
}

// encodeError is a value of a source that cannot be stored.
type encodeError struct{ error }

func (e encodeError) Unwrap() error { return e.error }

// isSourceError reports an error that is the source's own (a value that
// cannot be encoded, a constraint its rows break), not the database's.
func isSourceError(err error) bool {
	var ee encodeError
	if errors.As(err, &ee) {
		return true
	}
	var se *sqlite3.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3lib.SQLITE_CONSTRAINT
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
		return setMeta(ctx, tx, store.MetaFeedsVersion, store.NewName())
	})
}

// SetSketches implements store.Store.
func (s *Store) SetSketches(ctx context.Context, sketches map[string][]byte) error {
	if len(sketches) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		upd, err := tx.PrepareContext(ctx, `UPDATE articles SET sketch = ? WHERE id = ?`)
		if err != nil {
			return fmt.Errorf("store: set sketches: %w", err)
		}
		defer upd.Close()
		for id, sk := range sketches {
			if _, err := upd.ExecContext(ctx, schema.BlobArg(sk), id); err != nil {
				return fmt.Errorf("store: set sketches: article %s: %w", id, err)
			}
		}
		return nil
	})
}

// Prune implements store.Store.
func (s *Store) Prune(ctx context.Context, before time.Time, keep store.KeepFunc) (int, error) {
	t, err := encodeTime(before)
	if err != nil {
		return 0, fmt.Errorf("store: prune: %w", err)
	}
	n := 0
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		cands, err := pruneCandidates(ctx, tx, t)
		if err != nil {
			return fmt.Errorf("store: prune: %w", err)
		}
		ids := store.Pruned(cands, keep)
		// The write lock is held from the transaction's start
		// (_txlock=immediate): no copy is stored between the read and the
		// delete. Topics go with their articles (ON DELETE CASCADE).
		for chunk := range slices.Chunk(ids, pruneChunk) {
			q := `DELETE FROM articles WHERE id IN (?` + strings.Repeat(`,?`, len(chunk)-1) + `)`
			args := make([]any, len(chunk))
			for i, id := range chunk {
				args[i] = id
			}
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return fmt.Errorf("store: prune: %w", err)
			}
		}
		n = len(ids)
		if n == 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, schema.DeleteOrphanLabels); err != nil {
			return fmt.Errorf("store: prune: labels: %w", err)
		}
		if _, err := tx.ExecContext(ctx, schema.DeleteOrphanJoins); err != nil {
			return fmt.Errorf("store: prune: joins: %w", err)
		}
		if _, err := tx.ExecContext(ctx, schema.DeleteOrphanJoinLabels); err != nil {
			return fmt.Errorf("store: prune: joins' labels: %w", err)
		}
		return setMeta(ctx, tx, store.MetaFeedsVersion, store.NewName())
	})
	return n, err
}

// pruneChunk is how many articles one DELETE of Prune names, well under
// SQLite's limit on a statement's parameters.
const pruneChunk = 500

// pruneCandidates reads the articles first seen before t (encoded).
func pruneCandidates(ctx context.Context, tx *sql.Tx, t string) ([]store.PruneCandidate, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, source, story_id,
		id = story_id AND EXISTS (
			SELECT 1 FROM articles c
			WHERE c.story_id = articles.id AND c.id <> articles.id AND c.first_seen >= ?1)
		FROM articles WHERE first_seen < ?1`, t)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.PruneCandidate
	for rows.Next() {
		var c store.PruneCandidate
		if err := rows.Scan(&c.ID, &c.Source, &c.StoryID, &c.NewerCopy); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
