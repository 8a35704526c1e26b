package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/warta-news/warta/article"
)

// pgInsertArticles inserts a whole batch in one statement: the articles and
// their topics arrive as column arrays ($1-$20 in articleCols order, $21-$27
// the topic columns) and unnest turns them back into rows, which costs one
// round trip and one plan whatever the batch size. ON CONFLICT DO NOTHING
// without a target also absorbs a row another daemon inserts concurrently:
// it waits for that transaction, then skips the row instead of failing on
// whichever unique index it reached first. Topics are inserted only for the
// articles this statement inserted (the first copy wins, topics included);
// the inserted IDs come back.
const pgInsertArticles = `WITH ins AS (
	INSERT INTO articles (` + articleCols + `)
	SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
		$6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
		$13::timestamptz[], $14::timestamptz[], $15::timestamptz[], $16::text[], $17::bigint[],
		$18::text[], $19::float8[], $20::text[])
	ON CONFLICT DO NOTHING
	RETURNING id
), topics AS (
	INSERT INTO article_topics (article_id, story_id, pos, slug, score, terms, forced)
	SELECT * FROM unnest($21::text[], $22::text[], $23::int[], $24::text[], $25::float8[],
		$26::text[], $27::bool[]) AS t (article_id, story_id, pos, slug, score, terms, forced)
	WHERE t.article_id IN (SELECT id FROM ins)
)
SELECT id FROM ins`

const pgUpsertFetchState = `INSERT INTO fetch_state (` + fetchStateCols + `)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ` + fetchStateConflict

// pgArticleRows is a batch of articles as the column arrays of
// pgInsertArticles.
type pgArticleRows struct {
	ids, urls, links, guids, sources, titles, summaries, contents, texts, authors,
	languages, categories []string
	published, updated, firstSeen []time.Time
	stories                       []string
	fingerprints                  []int64
	matchIDs                      []string
	similarities                  []float64
	methods                       []string
	topics                        pgTopicRows
}

// pgTopicRows are article_topics rows as column arrays.
type pgTopicRows struct {
	articleIDs, storyIDs []string
	pos                  []int32
	slugs                []string
	scores               []float64
	terms                []string
	forced               []bool
}

func (t *pgTopicRows) add(id, story string, topics []article.TopicMatch) error {
	for i, tm := range topics {
		terms, err := json.Marshal(tm.Terms)
		if err != nil {
			return fmt.Errorf("article %s: topic %s: %w", id, tm.Slug, err)
		}
		t.articleIDs = append(t.articleIDs, id)
		t.storyIDs = append(t.storyIDs, story)
		t.pos = append(t.pos, int32(i))
		t.slugs = append(t.slugs, tm.Slug)
		t.scores = append(t.scores, tm.Score)
		t.terms = append(t.terms, string(terms))
		t.forced = append(t.forced, tm.Forced)
	}
	return nil
}

// newPgArticleRows encodes arts, sorted by ID: daemons inserting overlapping
// batches then take row locks in the same order and cannot deadlock.
// arts must hold each ID once.
func newPgArticleRows(arts []*article.Article) (*pgArticleRows, error) {
	sorted := slices.Clone(arts)
	slices.SortFunc(sorted, func(a, b *article.Article) int { return strings.Compare(a.ID, b.ID) })
	r := &pgArticleRows{}
	for _, a := range sorted {
		for _, t := range []time.Time{a.Published, a.Updated, a.FirstSeen} {
			if err := checkTime(t); err != nil {
				return nil, fmt.Errorf("article %s: %w", a.ID, err)
			}
		}
		cats, err := json.Marshal(a.Categories)
		if err != nil {
			return nil, fmt.Errorf("article %s: categories: %w", a.ID, err)
		}
		story := storyOf(a)
		r.ids = append(r.ids, a.ID)
		r.urls = append(r.urls, a.URL)
		r.links = append(r.links, a.Link)
		r.guids = append(r.guids, a.GUID)
		r.sources = append(r.sources, a.Source)
		r.titles = append(r.titles, a.Title)
		r.summaries = append(r.summaries, a.Summary)
		r.contents = append(r.contents, a.Content)
		r.texts = append(r.texts, a.Text)
		r.authors = append(r.authors, a.Author)
		r.languages = append(r.languages, a.Language)
		r.categories = append(r.categories, string(cats))
		r.published = append(r.published, a.Published)
		r.updated = append(r.updated, a.Updated)
		r.firstSeen = append(r.firstSeen, a.FirstSeen)
		r.stories = append(r.stories, story)
		r.fingerprints = append(r.fingerprints, int64(a.Fingerprint))
		r.matchIDs = append(r.matchIDs, a.StoryMatch.MatchedID)
		r.similarities = append(r.similarities, a.StoryMatch.Similarity)
		r.methods = append(r.methods, a.StoryMatch.Method)
		if err := r.topics.add(a.ID, story, a.Topics); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// args returns the parameters of pgInsertArticles.
func (r *pgArticleRows) args() []any {
	t := &r.topics
	return []any{r.ids, r.urls, r.links, r.guids, r.sources, r.titles, r.summaries, r.contents,
		r.texts, r.authors, r.languages, r.categories, r.published, r.updated, r.firstSeen,
		r.stories, r.fingerprints, r.matchIDs, r.similarities, r.methods,
		t.articleIDs, t.storyIDs, t.pos, t.slugs, t.scores, t.terms, t.forced}
}

// firstCopies returns arts without the later copies of an ID: within a batch
// too, the first copy wins.
func firstCopies(arts []*article.Article) []*article.Article {
	seen := make(map[string]bool, len(arts))
	out := make([]*article.Article, 0, len(arts))
	for _, a := range arts {
		if !seen[a.ID] {
			seen[a.ID] = true
			out = append(out, a)
		}
	}
	return out
}

func pgFetchStateArgs(source string, st FetchState) ([]any, error) {
	for _, t := range []time.Time{st.LastAttempt, st.LastSuccess, st.NextAttempt} {
		if err := checkTime(t); err != nil {
			return nil, fmt.Errorf("store: source %s: fetch state: %w", source, err)
		}
	}
	return []any{source, st.ETag, st.LastModified, st.LastAttempt, st.LastSuccess, st.NextAttempt,
		st.Failures, st.LastStatus, st.LastError, st.Items}, nil
}

// SaveSource implements Store. The fetch state and the batch travel together
// (one round trip); a second query runs only when a row was skipped, to tell
// an ID stored before (skipped, as it should be) from a URL stored under
// another ID (an error, as in SQLite).
func (s *pgStore) SaveSource(ctx context.Context, source string, st FetchState, arts []*article.Article) ([]string, error) {
	for i, a := range arts {
		if a == nil || a.ID == "" {
			return nil, fmt.Errorf("store: source %s: article %d has no ID", source, i)
		}
	}
	stArgs, err := pgFetchStateArgs(source, st)
	if err != nil {
		return nil, err
	}
	firsts := firstCopies(arts)
	rows, err := newPgArticleRows(firsts)
	if err != nil {
		return nil, fmt.Errorf("store: source %s: %w", source, err)
	}
	var inserted []string
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		inserted = nil
		done := map[string]bool{}
		b := &pgx.Batch{}
		b.Queue(pgUpsertFetchState, stArgs...)
		if len(firsts) > 0 {
			b.Queue(pgInsertArticles, rows.args()...).Query(func(rows pgx.Rows) error {
				ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
				for _, id := range ids {
					done[id] = true
				}
				return err
			})
		}
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return fmt.Errorf("store: source %s: %w", source, err)
		}
		if len(done) < len(firsts) {
			if err := checkSkipped(ctx, tx, firsts, done); err != nil {
				return fmt.Errorf("store: source %s: %w", source, err)
			}
		}
		for _, a := range firsts {
			if done[a.ID] {
				inserted = append(inserted, a.ID)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return inserted, nil
}

// checkSkipped fails when an article of arts was not inserted (not in done)
// yet its ID is not stored either: its URL belongs to another article.
func checkSkipped(ctx context.Context, tx pgx.Tx, arts []*article.Article, done map[string]bool) error {
	var skipped []string
	for _, a := range arts {
		if !done[a.ID] {
			skipped = append(skipped, a.ID)
		}
	}
	rows, err := tx.Query(ctx, `SELECT id FROM articles WHERE id = ANY($1)`, skipped)
	if err != nil {
		return fmt.Errorf("check skipped articles: %w", err)
	}
	stored, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("check skipped articles: %w", err)
	}
	if len(stored) == len(skipped) {
		return nil
	}
	have := make(map[string]bool, len(stored))
	for _, id := range stored {
		have[id] = true
	}
	for _, a := range arts {
		if !done[a.ID] && !have[a.ID] {
			return fmt.Errorf("article %s: URL %q is already stored under another ID", a.ID, a.URL)
		}
	}
	return nil
}

// SaveFetchState implements Store.
func (s *pgStore) SaveFetchState(ctx context.Context, source string, st FetchState) error {
	args, err := pgFetchStateArgs(source, st)
	if err != nil {
		return err
	}
	if _, err := s.pool.Exec(ctx, pgUpsertFetchState, args...); err != nil {
		return fmt.Errorf("store: source %s: save fetch state: %w", source, err)
	}
	return nil
}

// SetTopics implements Store: one round trip deletes the old topics and
// inserts the new ones, taking story_id from the stored article; IDs that
// are not stored match no article and are skipped.
func (s *pgStore) SetTopics(ctx context.Context, topics map[string][]article.TopicMatch) error {
	if len(topics) == 0 {
		return nil
	}
	ids := make([]string, 0, len(topics))
	for id := range topics {
		ids = append(ids, id)
	}
	slices.Sort(ids) // lock order, as in SaveSource
	var rows pgTopicRows
	for _, id := range ids {
		if err := rows.add(id, "", topics[id]); err != nil {
			return fmt.Errorf("store: set topics: %w", err)
		}
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		b.Queue(`DELETE FROM article_topics WHERE article_id = ANY($1)`, ids)
		b.Queue(`INSERT INTO article_topics (article_id, story_id, pos, slug, score, terms, forced)
			SELECT t.article_id, a.story_id, t.pos, t.slug, t.score, t.terms, t.forced
			FROM unnest($1::text[], $2::int[], $3::text[], $4::float8[], $5::text[], $6::bool[])
				AS t (article_id, pos, slug, score, terms, forced)
			JOIN articles a ON a.id = t.article_id`,
			rows.articleIDs, rows.pos, rows.slugs, rows.scores, rows.terms, rows.forced)
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return fmt.Errorf("store: set topics: %w", err)
		}
		return nil
	})
}

// Prune implements Store. Topics go with their articles (ON DELETE
// CASCADE). A lead stays while a copy that is itself kept points to it, so
// stories never lose their lead.
func (s *pgStore) Prune(ctx context.Context, before time.Time) (int, error) {
	if err := checkTime(before); err != nil {
		return 0, fmt.Errorf("store: prune: %w", err)
	}
	var n int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM articles a
			WHERE a.first_seen < $1
			AND NOT (a.is_lead AND EXISTS (
				SELECT 1 FROM articles c
				WHERE c.story_id = a.id AND c.id <> a.id AND c.first_seen >= $1))`, before)
		if err != nil {
			return fmt.Errorf("store: prune: %w", err)
		}
		n = tag.RowsAffected()
		return nil
	})
	return int(n), err
}

// SetMeta implements Store.
func (s *pgStore) SetMeta(ctx context.Context, key, value string) error {
	_, err := s.pool.Exec(ctx,
		`INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
		key, value)
	if err != nil {
		return fmt.Errorf("store: set meta %s: %w", key, err)
	}
	return nil
}
