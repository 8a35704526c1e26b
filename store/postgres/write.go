package postgres

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/internal/schema"
)

// insertArticles inserts a whole batch in one statement: the articles and
// their topics arrive as column arrays ($1-$24 in schema.ArticleCols order, $25-$31
// in schema.TopicCols order) and unnest turns them back into rows, which costs one
// round trip and one plan whatever the batch size. ON CONFLICT DO NOTHING
// without a target also absorbs a row another daemon inserts concurrently:
// it waits for that transaction, then skips the row instead of failing on
// whichever unique index it reached first. Topics are inserted only for the
// articles this statement inserted (the first copy wins, topics included);
// the inserted IDs come back. When it inserted any, the feeds' version
// ($32) is set in the same statement (store.MetaFeedsVersion).
const insertArticles = `WITH ins AS (
	INSERT INTO articles (` + schema.ArticleCols + `)
	SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
		$6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
		$13::timestamptz[], $14::timestamptz[], $15::timestamptz[], $16::text[], $17::bigint[],
		$18::text[], $19::float8[], $20::text[], $21::bytea[], $22::text[], $23::text[], $24::text[])
	ON CONFLICT DO NOTHING
	RETURNING id
), topics AS (
	INSERT INTO article_topics (` + schema.TopicCols + `)
	SELECT * FROM unnest($25::text[], $26::text[], $27::int[], $28::text[], $29::float8[],
		$30::text[], $31::bool[]) AS t (` + schema.TopicCols + `)
	WHERE t.article_id IN (SELECT id FROM ins)
), version AS (
	INSERT INTO meta (key, value) SELECT '` + store.MetaFeedsVersion + `', $32::text WHERE EXISTS (SELECT 1 FROM ins)
	` + schema.MetaConflict + `
)
SELECT id FROM ins`

// SaveSource implements store.Store.
func (s *Store) SaveSource(ctx context.Context, source string, st store.FetchState, arts []*article.Article) ([]string, error) {
	return schema.SaveOne(func(b []store.SourceWrite) ([]store.SourceSaved, error) { return s.SaveSources(ctx, b) }, source, st, arts)
}

// SaveSources implements store.Store. The fetch states and the articles of
// the whole batch travel together (one round trip, one commit); a second
// query runs only when a row was skipped, to tell an ID stored before
// (skipped, as it should be) from a URL stored under another ID: that
// source's error, and the batch is written again without it. A value the
// server refuses that encodeBatch did not foresee (refusedValue) is
// traced to its sources (findRefused), which fail alone.
func (s *Store) SaveSources(ctx context.Context, batch []store.SourceWrite) ([]store.SourceSaved, error) {
	saved, err := schema.SaveBatch(batch, func(failed []bool, out []store.SourceSaved) error {
		enc, err := encodeBatch(batch, failed)
		if err != nil {
			return err
		}
		err = s.inTx(ctx, func(tx pgx.Tx) error { return writeBatch(ctx, tx, batch, failed, enc, out) })
		if refusedValue(err) {
			return s.findRefused(ctx, batch, failed, err)
		}
		return err
	})
	for _, r := range saved {
		s.inserted.Add(int64(len(r.Inserted)))
	}
	return saved, err
}

// writeBatch writes the sources of batch not failed, encoded as enc, in
// tx, filling out.
func writeBatch(ctx context.Context, tx pgx.Tx, batch []store.SourceWrite, failed []bool, enc *encodedBatch, out []store.SourceSaved) error {
	done := map[string]bool{}
	b := &pgx.Batch{}
	for _, args := range enc.states {
		b.Queue(upsertFetchState, args...)
	}
	if len(enc.rows.ids) > 0 {
		b.Queue(insertArticles, append(enc.rows.args(), store.NewName())...).Query(func(rows pgx.Rows) error {
			ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
			for _, id := range ids {
				done[id] = true
			}
			return err
		})
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("store: save sources: %w", err)
	}
	if len(done) < len(enc.rows.ids) {
		if err := checkSkipped(ctx, tx, batch, enc, done); err != nil {
			return err
		}
	}
	for i, src := range batch {
		if !failed[i] {
			out[i].Inserted = schema.Inserted(src.Articles, i, enc.owner, done)
		}
	}
	if err := writeCorrections(ctx, tx, batch, failed, enc.corrected, out); err != nil {
		return err
	}
	return writeCarriers(ctx, tx, batch, failed)
}

// insertCarriers records that sources ($2) carried stored articles ($1)
// (store.SourceWrite.Carried); articles not stored are ignored. When it
// recorded any for the first time, the feeds' version ($3) is set in the
// same statement. The articles are locked FOR KEY SHARE first: one
// another daemon's Prune deletes meanwhile is skipped (READ COMMITTED
// rechecks it), where a plain EXISTS would see it and the foreign key
// would fail the whole batch.
const insertCarriers = `WITH live AS (
	SELECT id FROM articles WHERE id = ANY($1::text[]) ORDER BY id FOR KEY SHARE
), ins AS (
	INSERT INTO article_sources (article_id, source)
	SELECT c.id, c.source FROM unnest($1::text[], $2::text[]) AS c (id, source)
	JOIN live ON live.id = c.id
	ON CONFLICT DO NOTHING
	RETURNING 1
)
INSERT INTO meta (key, value) SELECT '` + store.MetaFeedsVersion + `', $3::text WHERE EXISTS (SELECT 1 FROM ins)
` + schema.MetaConflict

// writeCarriers records the sources of batch not failed as carrying their
// articles and those they carried (schema.Carriers), in (ID, source)
// order: daemons writing overlapping batches take locks in one order.
func writeCarriers(ctx context.Context, tx pgx.Tx, batch []store.SourceWrite, failed []bool) error {
	ids, sources := schema.Carriers(batch, failed)
	if len(ids) == 0 {
		return nil
	}
	order := make([]int, len(ids))
	for j := range order {
		order[j] = j
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(strings.Compare(ids[a], ids[b]), strings.Compare(sources[a], sources[b]))
	})
	sortedIDs, sortedSources := make([]string, len(ids)), make([]string, len(ids))
	for k, j := range order {
		sortedIDs[k], sortedSources[k] = ids[j], sources[j]
	}
	if _, err := tx.Exec(ctx, insertCarriers, sortedIDs, sortedSources, store.NewName()); err != nil {
		return fmt.Errorf("store: carrying sources: %w", err)
	}
	return nil
}

// refusedValue reports an error the server gives for a value it cannot
// store, whatever else the batch holds: a data exception (class 22: NUL,
// invalid UTF-8, a number out of range), a violated check or not-null
// constraint, or a program limit (class 54: an index row too large).
func refusedValue(err error) bool {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return false
	}
	return strings.HasPrefix(pe.Code, "22") || strings.HasPrefix(pe.Code, "54") ||
		pe.Code == "23514" || pe.Code == "23502" // check_violation, not_null_violation
}

// findRefused writes each source of batch not failed alone, in a
// savepoint of one transaction that is rolled back, and returns the
// sources the server refuses (FailedSources), to have the batch written
// again without them; batchErr, the batch's error, when none is refused
// alone.
func (s *Store) findRefused(ctx context.Context, batch []store.SourceWrite, failed []bool, batchErr error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) // a probe: nothing is kept
	bad := schema.FailedSources{}
	scratch := make([]store.SourceSaved, len(batch))
	for i := range batch {
		if failed[i] {
			continue
		}
		alone := make([]bool, len(batch))
		for j := range alone {
			alone[j] = j != i
		}
		enc, err := encodeBatch(batch, alone)
		if err != nil {
			return err
		}
		sp, err := tx.Begin(ctx)
		if err != nil {
			return fmt.Errorf("store: savepoint: %w", err)
		}
		err = writeBatch(ctx, sp, batch, alone, enc, scratch)
		if rerr := sp.Rollback(ctx); rerr != nil {
			return fmt.Errorf("store: rollback to savepoint: %w", rerr)
		}
		var fs schema.FailedSources
		switch {
		case errors.As(err, &fs):
			maps.Copy(bad, fs)
		case refusedValue(err):
			bad[i] = fmt.Errorf("store: source %s: %w", batch[i].Source, err)
		case err != nil:
			return err
		}
	}
	if len(bad) == 0 {
		return batchErr
	}
	return bad
}

// encodedBatch is a SaveSources batch as the parameters of its statements.
type encodedBatch struct {
	states    [][]any         // upsertFetchState arguments, by source name
	corrected *correctionRows // the sources' corrections, nil for none
	rows      *articleRows    // the articles, each ID once, by ID
	owner     map[string]int  // the source each ID is written with
	urls      map[string]string
}

// encodeBatch encodes the sources not failed; a source with a value that
// cannot be stored fails alone (FailedSources).
func encodeBatch(batch []store.SourceWrite, failed []bool) (*encodedBatch, error) {
	enc := &encodedBatch{owner: schema.Owners(batch, failed), urls: map[string]string{}}
	bad := schema.FailedSources{}
	var arts []*article.Article
	for i, src := range batch {
		if failed[i] {
			continue
		}
		args, err := fetchStateArgs(src.Source, src.State)
		if err != nil {
			bad[i] = err
			continue
		}
		enc.states = append(enc.states, args)
		for _, a := range src.Articles {
			if enc.owner[a.ID] != i {
				continue
			}
			if _, dup := enc.urls[a.ID]; !dup {
				enc.urls[a.ID] = a.URL
				arts = append(arts, a)
			}
		}
	}
	if len(bad) > 0 {
		return nil, bad
	}
	corrected, err := newCorrectionRows(batch, failed)
	if err != nil {
		return nil, err
	}
	enc.corrected = corrected
	// Sources by name, articles by ID: daemons writing overlapping batches
	// take row locks in the same order and cannot deadlock.
	slices.SortFunc(enc.states, func(a, b []any) int { return strings.Compare(a[0].(string), b[0].(string)) })
	rows, err := encodeSources(batch, arts, enc.owner)
	if err != nil {
		return nil, err
	}
	enc.rows = rows
	return enc, nil
}

// encodeSources encodes arts (newArticleRows) for the sources of batch
// they belong to (source, by ID): an article that cannot be stored fails
// its source alone (FailedSources).
func encodeSources(batch []store.SourceWrite, arts []*article.Article, source map[string]int) (*articleRows, error) {
	rows, err := newArticleRows(arts)
	var ba *badArticle
	if errors.As(err, &ba) {
		i := source[ba.id]
		return nil, schema.FailedSources{i: fmt.Errorf("store: source %s: %w", batch[i].Source, err)}
	}
	if err != nil {
		return nil, fmt.Errorf("store: save sources: %w", err)
	}
	return rows, nil
}

// correctionRows are the store.SourceWrite.Corrected of a batch, encoded
// as articles are (sorted by ID: lock order), with each one's source.
type correctionRows struct {
	rows   *articleRows
	source map[string]int // by ID, its source's index in the batch
}

// newCorrectionRows encodes the corrections of the sources not failed;
// nil when there are none. A correction that cannot be stored fails its
// source alone (FailedSources).
func newCorrectionRows(batch []store.SourceWrite, failed []bool) (*correctionRows, error) {
	var arts []*article.Article
	c := &correctionRows{source: map[string]int{}}
	for i, src := range batch {
		for _, a := range src.Corrected {
			if _, dup := c.source[a.ID]; !failed[i] && !dup {
				c.source[a.ID] = i
				arts = append(arts, a)
			}
		}
	}
	if len(arts) == 0 {
		return nil, nil
	}
	rows, err := encodeSources(batch, arts, c.source)
	if err != nil {
		return nil, err
	}
	c.rows = rows
	return c, nil
}

// correctArticles replaces what a source's correction changes
// (store.SourceWrite.Corrected), topics apart, in the articles that source
// ($10) stored, keeping Updated no earlier than Published, and the sketch
// and the fingerprint (its band keys, which Correct set with it) when the
// correction carries no sketch; it returns the IDs corrected.
const correctArticles = `UPDATE articles a SET title = c.title, summary = c.summary, content = c.content,
	text = c.text, author = c.author, categories = c.categories, language = c.language,
	updated = GREATEST(a.published, c.updated), feed_genre = c.feed_genre,
	sketch = CASE WHEN length(c.sketch) > 0 THEN c.sketch ELSE a.sketch END,
	fingerprint = CASE WHEN length(c.sketch) > 0 THEN c.fingerprint ELSE a.fingerprint END
	FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
		$8::text[], $9::timestamptz[], $10::text[], $11::text[], $12::bytea[], $13::bigint[])
		AS c (id, title, summary, content, text, author, categories, language, updated, source, feed_genre, sketch, fingerprint)
	WHERE a.id = c.id AND a.source = c.source
	RETURNING a.id`

// writeCorrections writes the batch's corrections (c, nil for none), with
// their topics, counting them in out, and sets a new feeds' version when
// it corrected any stored article.
func writeCorrections(ctx context.Context, tx pgx.Tx, batch []store.SourceWrite, failed []bool, c *correctionRows, out []store.SourceSaved) error {
	if c == nil {
		return nil
	}
	r := c.rows
	by := make([]string, len(r.ids)) // the source correcting each
	for j, id := range r.ids {
		by[j] = batch[c.source[id]].Source
	}
	rows, err := tx.Query(ctx, correctArticles, r.ids, r.titles, r.summaries, r.contents, r.texts,
		r.authors, r.categories, r.languages, r.updated, by, r.feedGenres, r.sketches, r.fingerprints)
	if err != nil {
		return fmt.Errorf("store: correct articles: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("store: correct articles: %w", err)
	}
	// A retried transaction (inTx) counts its corrections afresh.
	for i := range batch {
		if !failed[i] {
			out[i].Corrected = 0
		}
	}
	if len(ids) == 0 {
		return nil
	}
	for _, id := range ids {
		out[c.source[id]].Corrected++
	}
	b := &pgx.Batch{}
	queueTopics(b, ids, r.topics)
	b.Queue(upsertMeta, store.MetaFeedsVersion, store.NewName())
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("store: correct articles: %w", err)
	}
	return nil
}

// queueTopics queues the replacement of the topics of the articles ids
// with rows (their story_id taken from the stored article: an ID not
// stored matches no article and is skipped).
func queueTopics(b *pgx.Batch, ids []string, rows topicRows) {
	b.Queue(`DELETE FROM article_topics WHERE article_id = ANY($1)`, ids)
	b.Queue(`INSERT INTO article_topics (`+schema.TopicCols+`)
		SELECT t.article_id, a.story_id, t.pos, t.slug, t.score, t.terms, t.forced
		FROM unnest($1::text[], $2::int[], $3::text[], $4::float8[], $5::text[], $6::bool[])
			AS t (article_id, pos, slug, score, terms, forced)
		JOIN articles a ON a.id = t.article_id`,
		rows.articleIDs, rows.pos, rows.slugs, rows.scores, rows.terms, rows.forced)
}

// checkSkipped fails the sources of articles that were not inserted (not in
// done) although their ID is not stored either: their URL belongs to
// another article.
func checkSkipped(ctx context.Context, tx pgx.Tx, batch []store.SourceWrite, enc *encodedBatch, done map[string]bool) error {
	var skipped []string
	for _, id := range enc.rows.ids {
		if !done[id] {
			skipped = append(skipped, id)
		}
	}
	rows, err := tx.Query(ctx, `SELECT id FROM articles WHERE id = ANY($1)`, skipped)
	if err != nil {
		return fmt.Errorf("store: check skipped articles: %w", err)
	}
	stored, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("store: check skipped articles: %w", err)
	}
	if len(stored) == len(skipped) {
		return nil
	}
	have := make(map[string]bool, len(stored))
	for _, id := range stored {
		have[id] = true
	}
	bad := schema.FailedSources{}
	for _, id := range skipped {
		if i := enc.owner[id]; !have[id] && bad[i] == nil {
			bad[i] = fmt.Errorf("store: source %s: article %s: URL %q is already stored under another ID",
				batch[i].Source, id, enc.urls[id])
		}
	}
	return bad
}

// SetTopics implements store.Store: one round trip deletes the old topics,
// inserts the new ones, taking story_id from the stored article (IDs that
// are not stored match no article and are skipped), and sets a new feeds'
// version.
func (s *Store) SetTopics(ctx context.Context, topics map[string][]article.TopicMatch) error {
	if len(topics) == 0 {
		return nil
	}
	ids := make([]string, 0, len(topics))
	for id := range topics {
		ids = append(ids, id)
	}
	slices.Sort(ids) // lock order, as in SaveSource
	var rows topicRows
	for _, id := range ids {
		if err := rows.add(id, "", topics[id]); err != nil {
			return fmt.Errorf("store: set topics: %w", err)
		}
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		queueTopics(b, ids, rows)
		b.Queue(upsertMeta, store.MetaFeedsVersion, store.NewName())
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return fmt.Errorf("store: set topics: %w", err)
		}
		return nil
	})
}

// SetSketches implements store.Store: one statement, the rows locked in
// ID order as SaveSource locks them.
func (s *Store) SetSketches(ctx context.Context, sketches map[string][]byte) error {
	if len(sketches) == 0 {
		return nil
	}
	ids := make([]string, 0, len(sketches))
	for id := range sketches {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	blobs := make([][]byte, len(ids))
	for i, id := range ids {
		blobs[i] = schema.BlobArg(sketches[id])
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE articles a SET sketch = u.sketch
			FROM unnest($1::text[], $2::bytea[]) AS u (id, sketch) WHERE a.id = u.id`, ids, blobs); err != nil {
			return fmt.Errorf("store: set sketches: %w", err)
		}
		return nil
	})
}

// leadWithNewerCopy is true of an article a that leads a story with a copy
// first seen at or after $1 (Prune's cut).
const leadWithNewerCopy = `a.is_lead AND EXISTS (
	SELECT 1 FROM articles c
	WHERE c.story_id = a.id AND c.id <> a.id AND c.first_seen >= $1)`

// Prune implements store.Store. Topics go with their articles (ON DELETE
// CASCADE). A lead stays while a copy that is itself kept points to it, so
// stories never lose their lead.
func (s *Store) Prune(ctx context.Context, before time.Time, keep store.KeepFunc) (int, error) {
	if err := schema.CheckTime(before); err != nil {
		return 0, fmt.Errorf("store: prune: %w", err)
	}
	n := 0
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT a.id, a.source, a.story_id, `+leadWithNewerCopy+`
			FROM articles a WHERE a.first_seen < $1`, before)
		if err != nil {
			return fmt.Errorf("store: prune: %w", err)
		}
		cands, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.PruneCandidate, error) {
			var c store.PruneCandidate
			err := r.Scan(&c.ID, &c.Source, &c.StoryID, &c.NewerCopy)
			return c, err
		})
		if err != nil {
			return fmt.Errorf("store: prune: %w", err)
		}
		ids := store.Pruned(cands, keep)
		if len(ids) == 0 {
			return nil
		}
		// Another daemon may have stored a newer copy of a lead since the
		// SELECT (no row is locked): the delete asks again.
		tag, err := tx.Exec(ctx, `DELETE FROM articles a WHERE a.id = ANY($2) AND NOT (`+leadWithNewerCopy+`)`, before, ids)
		if err != nil {
			return fmt.Errorf("store: prune: %w", err)
		}
		n = int(tag.RowsAffected())
		if n == 0 {
			return nil
		}
		if _, err := tx.Exec(ctx, schema.DeleteOrphanLabels); err != nil {
			return fmt.Errorf("store: prune: labels: %w", err)
		}
		if _, err := tx.Exec(ctx, schema.DeleteOrphanJoins); err != nil {
			return fmt.Errorf("store: prune: joins: %w", err)
		}
		if _, err := tx.Exec(ctx, schema.DeleteOrphanJoinLabels); err != nil {
			return fmt.Errorf("store: prune: joins' labels: %w", err)
		}
		if _, err := tx.Exec(ctx, upsertMeta, store.MetaFeedsVersion, store.NewName()); err != nil {
			return fmt.Errorf("store: prune: %w", err)
		}
		return nil
	})
	return n, err
}
