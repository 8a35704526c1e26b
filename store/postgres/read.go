package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store/internal/schema"
)

// queryArticles runs query, which selects articleFields.
func (s *Store) queryArticles(ctx context.Context, query string, args ...any) ([]*article.Article, error) {
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: query articles: %w", err)
	}
	arts, err := pgx.CollectRows(rows, scanArticle)
	if err != nil {
		return nil, fmt.Errorf("store: query articles: %w", err)
	}
	return arts, nil
}

// Existing implements store.Store.
func (s *Store) Existing(ctx context.Context, ids []string) (map[string]bool, error) {
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

// Article implements store.Store.
func (s *Store) Article(ctx context.Context, id string) (*article.Article, error) {
	arts, err := s.queryArticles(ctx, `SELECT `+articleFields+` FROM articles a`+topicsJoin+` WHERE a.id = $1`, id)
	return schema.One(arts, err, id)
}

// Story implements store.Store, from the (story_id, first_seen, id) index.
func (s *Store) Story(ctx context.Context, id string) (*article.Story, error) {
	arts, err := s.queryArticles(ctx, `SELECT `+articleFields+` FROM articles a`+topicsJoin+` WHERE a.story_id = $1 ORDER BY a.first_seen, a.id`, id)
	return schema.OneStory(arts, err, id)
}

// Since implements store.Store. Keyset pages, each one statement: nothing
// is held open while fn runs, so fn may use the store.
func (s *Store) Since(ctx context.Context, t time.Time, fn func(*article.Article) error) error {
	return schema.Walk(t, schema.SincePage, schema.InTurn, func(seen time.Time, lastID string) ([]*article.Article, error) {
		return s.queryArticles(ctx, `SELECT `+articleFields+` FROM articles a`+topicsJoin+`
			WHERE (a.first_seen, a.id) > ($1, $2) ORDER BY a.first_seen, a.id LIMIT $3`,
			seen, lastID, schema.SincePage)
	}, fn)
}

// Sketches implements store.Store: keyset pages of small rows, no topics.
func (s *Store) Sketches(ctx context.Context, t time.Time, fn func(*article.Article) error) error {
	return schema.Walk(t, schema.SketchPage, schema.Ahead, func(seen time.Time, lastID string) ([]*article.Article, error) {
		rows, err := s.pool.Query(ctx, `SELECT id, story_id, first_seen, published, sketch FROM articles
			WHERE (first_seen, id) > ($1, $2) ORDER BY first_seen, id LIMIT $3`, seen, lastID, schema.SketchPage)
		if err != nil {
			return nil, fmt.Errorf("store: sketches: %w", err)
		}
		arts, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*article.Article, error) {
			var a article.Article
			err := row.Scan(&a.ID, &a.StoryID, &a.FirstSeen, &a.Published, &a.Sketch)
			a.FirstSeen, a.Published, a.Sketch = a.FirstSeen.UTC(), a.Published.UTC(), schema.SketchOf(a.Sketch)
			return &a, err
		})
		if err != nil {
			return nil, fmt.Errorf("store: sketches: %w", err)
		}
		return arts, nil
	}, fn)
}

// Stories implements store.Store with one statement whatever the page size: the
// page of leads, all their stories' articles and all those articles'
// topics. PostgreSQL keeps statistics per slug (and on is_lead), so unlike
// SQLite it picks the plan for a dense or a sparse topic itself: walk the
// leads index probing topics, or collect the topic's stories and sort them.
// A limit of zero or less returns no stories.
func (s *Store) Stories(ctx context.Context, topic string, limit int) ([]*article.Story, error) {
	if limit <= 0 {
		return nil, nil
	}
	if err := s.refreshStats(ctx); err != nil {
		return nil, err
	}
	page, args := leadPage(topic, limit)
	arts, err := s.queryArticles(ctx, `WITH page AS (`+page+`)
		SELECT `+articleFields+` FROM page p JOIN articles a ON a.story_id = p.id`+topicsJoin+`
		ORDER BY `+arrivalOrder("p")+`, a.first_seen, a.id`, args...)
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

// arrivalOrder orders the leads aliased alias as feeds list stories: by
// the minute the lead arrived (first_seen in UTC), the last first, then by
// its date, the newest first, then by ID. A cycle stamps its articles
// microseconds apart in the order it decides them, which follows the
// feeds' fetch order, so within the cycle's minute the newest news comes
// first; a later cycle's story, dated before all, still comes first. It is
// the expression of the index articles_arrived (migration 0008).
func arrivalOrder(alias string) string {
	return `date_trunc('minute', ` + alias + `.first_seen AT TIME ZONE 'UTC') DESC, ` +
		alias + `.published DESC, ` + alias + `.id DESC`
}

// leadPage is the query of the newest limit leads in arrivalOrder,
// as (id, published, first_seen),
// optionally only of stories with an article tagged topic, and its
// arguments.
func leadPage(topic string, limit int) (string, []any) {
	filter, args := ``, []any{limit}
	if topic != "" {
		filter = ` AND EXISTS (SELECT 1 FROM article_topics t WHERE t.slug = $2 AND t.story_id = l.id)`
		args = append(args, topic)
	}
	return `SELECT l.id, l.published, l.first_seen FROM articles l WHERE l.is_lead` + filter + `
			ORDER BY ` + arrivalOrder("l") + ` LIMIT $1`, args
}

// StoryHeads is Stories of which only the first full stories are read
// whole: the others are their lead's ID and publication time, all a
// document that shows the first page needs of the later ones (their
// pages and archive days; publish.StoryHeads). The page of leads and the
// whole stories are two statements: when another process changed the
// page between them, the page is read whole, as Stories reads it.
func (s *Store) StoryHeads(ctx context.Context, topic string, limit, full int) ([]*article.Story, error) {
	if limit <= 0 || full >= limit {
		return s.Stories(ctx, topic, limit)
	}
	page, args := leadPage(topic, limit)
	rows, err := s.pool.Query(ctx, page, args...)
	if err != nil {
		return nil, fmt.Errorf("store: stories: %w", err)
	}
	type lead struct {
		id                   string
		published, firstSeen time.Time
	}
	leads, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (lead, error) {
		var l lead
		err := row.Scan(&l.id, &l.published, &l.firstSeen)
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: stories: %w", err)
	}
	whole, err := s.Stories(ctx, topic, min(max(full, 0), len(leads)))
	if err != nil {
		return nil, err
	}
	if len(whole) != min(max(full, 0), len(leads)) {
		return s.Stories(ctx, topic, limit)
	}
	for i, st := range whole {
		if st.ID != leads[i].id {
			return s.Stories(ctx, topic, limit)
		}
	}
	for _, l := range leads[len(whole):] {
		whole = append(whole, &article.Story{ID: l.id,
			Lead: &article.Article{ID: l.id, StoryID: l.id, Published: l.published.UTC(), FirstSeen: l.firstSeen.UTC()}})
	}
	return whole, nil
}
