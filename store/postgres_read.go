package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/warta-news/warta/article"
)

// pgArticleFields selects articleCols of a, then its topics as four arrays
// in saved order (NULL when it has none) from pgTopicsJoin. Articles and
// topics come from one statement, hence one snapshot, with no transaction.
const pgArticleFields = articleColsA + `, tp.slugs, tp.scores, tp.terms, tp.forced`

// pgTopicsJoin aggregates the topics of a; see pgArticleFields.
const pgTopicsJoin = ` LEFT JOIN LATERAL (
	SELECT array_agg(t.slug ORDER BY t.pos) AS slugs, array_agg(t.score ORDER BY t.pos) AS scores,
		array_agg(t.terms ORDER BY t.pos) AS terms, array_agg(t.forced ORDER BY t.pos) AS forced
	FROM article_topics t WHERE t.article_id = a.id) tp ON true`

// pgArticles runs query, which selects pgArticleFields.
func (s *pgStore) pgArticles(ctx context.Context, query string, args ...any) ([]*article.Article, error) {
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: query articles: %w", err)
	}
	arts, err := pgx.CollectRows(rows, scanPgArticle)
	if err != nil {
		return nil, fmt.Errorf("store: query articles: %w", err)
	}
	return arts, nil
}

// scanPgArticle reads one row of pgArticleFields.
func scanPgArticle(row pgx.CollectableRow) (*article.Article, error) {
	var (
		a              article.Article
		cats           string
		pub, upd, seen time.Time
		fp             int64
		slugs, terms   []string
		scores         []float64
		forced         []bool
	)
	err := row.Scan(&a.ID, &a.URL, &a.Link, &a.GUID, &a.Source, &a.Title, &a.Summary, &a.Content,
		&a.Text, &a.Author, &a.Language, &cats, &pub, &upd, &seen, &a.StoryID, &fp,
		&a.StoryMatch.MatchedID, &a.StoryMatch.Similarity, &a.StoryMatch.Method,
		&slugs, &scores, &terms, &forced)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(cats), &a.Categories); err != nil {
		return nil, fmt.Errorf("article %s: categories: %w", a.ID, err)
	}
	// pgx returns local times; the store's times are UTC.
	a.Published, a.Updated, a.FirstSeen = pub.UTC(), upd.UTC(), seen.UTC()
	a.Fingerprint = uint64(fp)
	if len(scores) != len(slugs) || len(terms) != len(slugs) || len(forced) != len(slugs) {
		return nil, fmt.Errorf("article %s: topic arrays of different lengths", a.ID)
	}
	for i, slug := range slugs {
		t := article.TopicMatch{Slug: slug, Score: scores[i], Forced: forced[i]}
		if err := json.Unmarshal([]byte(terms[i]), &t.Terms); err != nil {
			return nil, fmt.Errorf("article %s: topic %s: terms: %w", a.ID, slug, err)
		}
		a.Topics = append(a.Topics, t)
	}
	return &a, nil
}

// Existing implements Store.
func (s *pgStore) Existing(ctx context.Context, ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT id FROM articles WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("store: existing: %w", err)
	}
	found, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("store: existing: %w", err)
	}
	for _, id := range found {
		out[id] = true
	}
	return out, nil
}

// Article implements Store.
func (s *pgStore) Article(ctx context.Context, id string) (*article.Article, error) {
	return s.pgOne(ctx, `a.id = $1`, id)
}

// ArticleByURL implements Store.
func (s *pgStore) ArticleByURL(ctx context.Context, url string) (*article.Article, error) {
	// The url <> '' term lets PostgreSQL use the partial unique index.
	return s.pgOne(ctx, `a.url = $1 AND a.url <> ''`, url)
}

// pgOne returns the single article matching where, with its topics.
func (s *pgStore) pgOne(ctx context.Context, where string, arg string) (*article.Article, error) {
	arts, err := s.pgArticles(ctx, `SELECT `+pgArticleFields+` FROM articles a`+pgTopicsJoin+` WHERE `+where, arg)
	if err != nil {
		return nil, err
	}
	if len(arts) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, arg)
	}
	return arts[0], nil
}

// Since implements Store. Keyset pages of sincePage articles, each one
// statement: nothing is held open while fn runs, so fn may use the store.
func (s *pgStore) Since(ctx context.Context, t time.Time, fn func(*article.Article) error) error {
	if err := checkTime(t); err != nil {
		return fmt.Errorf("store: since: %w", err)
	}
	seen, lastID := t, ""
	for {
		page, err := s.pgArticles(ctx, `SELECT `+pgArticleFields+` FROM articles a`+pgTopicsJoin+`
			WHERE (a.first_seen, a.id) > ($1, $2) ORDER BY a.first_seen, a.id LIMIT $3`,
			seen, lastID, sincePage)
		if err != nil {
			return err
		}
		for _, a := range page {
			if err := fn(a); err != nil {
				return err
			}
		}
		if len(page) < sincePage {
			return nil
		}
		last := page[len(page)-1]
		seen, lastID = last.FirstSeen, last.ID
	}
}

// Stories implements Store with one statement whatever the page size: the
// page of leads, all their stories' articles and all those articles'
// topics. PostgreSQL keeps statistics per slug (and on is_lead), so unlike
// SQLite it picks the plan for a dense or a sparse topic itself: walk the
// leads index probing topics, or collect the topic's stories and sort them.
// A limit of zero or less returns no stories.
func (s *pgStore) Stories(ctx context.Context, topic string, limit int) ([]*article.Story, error) {
	if limit <= 0 {
		return nil, nil
	}
	filter, args := ``, []any{limit}
	if topic != "" {
		filter = ` AND EXISTS (SELECT 1 FROM article_topics t WHERE t.slug = $2 AND t.story_id = l.id)`
		args = append(args, topic)
	}
	arts, err := s.pgArticles(ctx, `WITH page AS (
			SELECT l.id, l.published FROM articles l WHERE l.is_lead`+filter+`
			ORDER BY l.published DESC, l.id DESC LIMIT $1)
		SELECT `+pgArticleFields+` FROM page p JOIN articles a ON a.story_id = p.id`+pgTopicsJoin+`
		ORDER BY p.published DESC, p.id DESC, a.first_seen, a.id`, args...)
	if err != nil {
		return nil, err
	}
	var out []*article.Story
	for _, a := range arts {
		if len(out) == 0 || out[len(out)-1].ID != a.StoryID {
			out = append(out, &article.Story{ID: a.StoryID})
		}
		st := out[len(out)-1]
		if a.ID == a.StoryID {
			st.Lead = a
		} else {
			st.Copies = append(st.Copies, a)
		}
	}
	return out, nil
}

// FetchState implements Store.
func (s *pgStore) FetchState(ctx context.Context, source string) (FetchState, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+fetchStateCols+` FROM fetch_state WHERE source = $1`, source)
	if err != nil {
		return FetchState{}, fmt.Errorf("store: source %s: fetch state: %w", source, err)
	}
	st, err := pgx.CollectExactlyOneRow(rows, scanPgFetchState)
	if errors.Is(err, pgx.ErrNoRows) {
		return FetchState{}, nil
	}
	if err != nil {
		return FetchState{}, fmt.Errorf("store: source %s: fetch state: %w", source, err)
	}
	return st.state, nil
}

// FetchStates implements Store.
func (s *pgStore) FetchStates(ctx context.Context) (map[string]FetchState, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+fetchStateCols+` FROM fetch_state`)
	if err != nil {
		return nil, fmt.Errorf("store: fetch states: %w", err)
	}
	all, err := pgx.CollectRows(rows, scanPgFetchState)
	if err != nil {
		return nil, fmt.Errorf("store: fetch states: %w", err)
	}
	out := make(map[string]FetchState, len(all))
	for _, s := range all {
		out[s.source] = s.state
	}
	return out, nil
}

// sourceState is one fetch_state row.
type sourceState struct {
	source string
	state  FetchState
}

// scanPgFetchState reads one row of fetchStateCols.
func scanPgFetchState(row pgx.CollectableRow) (sourceState, error) {
	var s sourceState
	st := &s.state
	if err := row.Scan(&s.source, &st.ETag, &st.LastModified, &st.LastAttempt, &st.LastSuccess,
		&st.NextAttempt, &st.Failures, &st.LastStatus, &st.LastError, &st.Items); err != nil {
		return sourceState{}, err
	}
	st.LastAttempt, st.LastSuccess, st.NextAttempt = st.LastAttempt.UTC(), st.LastSuccess.UTC(), st.NextAttempt.UTC()
	return s, nil
}

// Meta implements Store.
func (s *pgStore) Meta(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.pool.QueryRow(ctx, `SELECT value FROM meta WHERE key = $1`, key).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("store: meta %s: %w", key, err)
	}
	return v, true, nil
}
