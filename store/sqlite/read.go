package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store/internal/schema"
)

// idList encodes ids as a JSON array, bound as one parameter and expanded by
// json_each: no limit on the number of SQL variables, one statement text.
func idList(ids []string) (string, error) {
	if ids == nil {
		ids = []string{}
	}
	b, err := json.Marshal(ids)
	if err != nil {
		return "", fmt.Errorf("store: encode ids: %w", err)
	}
	return string(b), nil
}

// Existing implements store.Store.
func (s *Store) Existing(ctx context.Context, ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	list, err := idList(ids)
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx,
		`SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?))`, list)
	if err != nil {
		return nil, s.classify(fmt.Errorf("store: existing: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, s.classify(fmt.Errorf("store: existing: %w", err))
		}
		out[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, s.classify(fmt.Errorf("store: existing: %w", err))
	}
	return out, nil
}

// Article implements store.Store.
func (s *Store) Article(ctx context.Context, id string) (*article.Article, error) {
	arts, err := s.readArticles(ctx, `SELECT `+schema.ArticleCols+` FROM articles WHERE id = ?`, id)
	return schema.One(arts, err, id)
}

// Story implements store.Store, from the (story_id, first_seen, id) index.
func (s *Store) Story(ctx context.Context, id string) (*article.Story, error) {
	arts, err := s.readArticles(ctx, `SELECT `+schema.ArticleCols+` FROM articles WHERE story_id = ? ORDER BY first_seen, id`, id)
	return schema.OneStory(arts, err, id)
}

// Since implements store.Store. Keyset pages: no read transaction stays
// open while fn runs, so fn may use the store (reads and writes) and WAL
// checkpoints are not held up.
func (s *Store) Since(ctx context.Context, t time.Time, fn func(*article.Article) error) error {
	return schema.Walk(t, schema.SincePage, schema.InTurn, func(seen time.Time, lastID string) ([]*article.Article, error) {
		after, err := encodeTime(seen)
		if err != nil {
			return nil, fmt.Errorf("store: since: %w", err)
		}
		return s.readArticles(ctx, `SELECT `+schema.ArticleCols+` FROM articles
			WHERE (first_seen, id) > (?, ?) ORDER BY first_seen, id LIMIT ?`, after, lastID, schema.SincePage)
	}, fn)
}

// Sketches implements store.Store: keyset pages of small rows, no topics.
func (s *Store) Sketches(ctx context.Context, t time.Time, fn func(*article.Article) error) error {
	return schema.Walk(t, schema.SketchPage, schema.Ahead, func(seen time.Time, lastID string) ([]*article.Article, error) {
		after, err := encodeTime(seen)
		if err != nil {
			return nil, fmt.Errorf("store: sketches: %w", err)
		}
		rows, err := s.r.QueryContext(ctx, `SELECT id, story_id, first_seen, published, sketch FROM articles
			WHERE (first_seen, id) > (?, ?) ORDER BY first_seen, id LIMIT ?`, after, lastID, schema.SketchPage)
		if err != nil {
			return nil, s.classify(fmt.Errorf("store: sketches: %w", err))
		}
		defer rows.Close()
		var out []*article.Article
		for rows.Next() {
			var a article.Article
			var seen, pub string
			if err := rows.Scan(&a.ID, &a.StoryID, &seen, &pub, &a.Sketch); err != nil {
				return nil, s.classify(fmt.Errorf("store: sketches: %w", err))
			}
			if a.FirstSeen, err = decodeTime(seen); err != nil {
				return nil, err
			}
			if a.Published, err = decodeTime(pub); err != nil {
				return nil, err
			}
			a.Sketch = schema.SketchOf(a.Sketch)
			out = append(out, &a)
		}
		if err := rows.Err(); err != nil {
			return nil, s.classify(fmt.Errorf("store: sketches: %w", err))
		}
		return out, nil
	}, fn)
}

// readArticles runs query (which selects schema.ArticleCols) and loads the topics of
// the result, both in one read transaction so they agree.
func (s *Store) readArticles(ctx context.Context, query string, args ...any) ([]*article.Article, error) {
	var out []*article.Article
	err := s.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = queryArticles(ctx, tx, query, args...)
		return err
	})
	return out, err
}

// inReadTx runs fn in a read transaction: one consistent snapshot for several
// queries. It is always rolled back: nothing is written.
func (s *Store) inReadTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return s.classify(fmt.Errorf("store: begin read: %w", err))
	}
	defer tx.Rollback()
	return s.classify(fn(tx))
}

// queryArticles runs query (which selects schema.ArticleCols) in tx and attaches
// the topics of every article with one more query.
func queryArticles(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]*article.Article, error) {
	return queryArticlesAs(ctx, tx, true, query, args...)
}

// feedArticleCols are schema.ArticleCols with the plain text and the
// sketch read as empty: no feed document shows them, and with the
// content they are most of a stored article's bytes.
var feedArticleCols = schema.ArticleColsAs("", map[string]string{"text": "''", "sketch": "NULL"})

// queryArticlesAs is queryArticles; without terms the topics are read
// without their matched terms, which no feed document shows.
func queryArticlesAs(ctx context.Context, tx *sql.Tx, terms bool, query string, args ...any) ([]*article.Article, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: query articles: %w", err)
	}
	defer rows.Close()
	var out []*article.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("store: read article: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: query articles: %w", err)
	}
	rows.Close()
	if err := attachTopics(ctx, tx, out, terms); err != nil {
		return nil, err
	}
	if err := attachCarriers(ctx, tx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// byIDList returns arts by ID and their IDs as idList gives them.
func byIDList(arts []*article.Article) (map[string]*article.Article, string, error) {
	byID := make(map[string]*article.Article, len(arts))
	ids := make([]string, 0, len(arts))
	for _, a := range arts {
		byID[a.ID] = a
		ids = append(ids, a.ID)
	}
	list, err := idList(ids)
	return byID, list, err
}

// attachCarriers loads the sources that carried arts
// (article.Article.CarriedBy), in name order, in one query.
func attachCarriers(ctx context.Context, tx *sql.Tx, arts []*article.Article) error {
	if len(arts) == 0 {
		return nil
	}
	byID, list, err := byIDList(arts)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT article_id, source FROM article_sources
		WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, source`, list)
	if err != nil {
		return fmt.Errorf("store: query carrying sources: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, source string
		if err := rows.Scan(&id, &source); err != nil {
			return fmt.Errorf("store: read carrying source: %w", err)
		}
		if a := byID[id]; a != nil {
			a.CarriedBy = append(a.CarriedBy, source)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: query carrying sources: %w", err)
	}
	return nil
}

// attachTopics loads the topics of arts in one query and sets them, in the
// order they were saved; with their matched terms unless terms is false.
func attachTopics(ctx context.Context, tx *sql.Tx, arts []*article.Article, terms bool) error {
	if len(arts) == 0 {
		return nil
	}
	byID, list, err := byIDList(arts)
	if err != nil {
		return err
	}
	termsCol := "terms"
	if !terms {
		termsCol = "''"
	}
	rows, err := tx.QueryContext(ctx, `SELECT article_id, slug, score, `+termsCol+`, forced
		FROM article_topics WHERE article_id IN (SELECT value FROM json_each(?))
		ORDER BY article_id, pos`, list)
	if err != nil {
		return fmt.Errorf("store: query topics: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id, termsJSON string
			t             article.TopicMatch
		)
		if err := rows.Scan(&id, &t.Slug, &t.Score, &termsJSON, &t.Forced); err != nil {
			return fmt.Errorf("store: read topic: %w", err)
		}
		if terms {
			if t.Terms, err = schema.DecodeTerms(termsJSON); err != nil {
				return fmt.Errorf("store: article %s: topic %s: terms: %w", id, t.Slug, err)
			}
		}
		if a := byID[id]; a != nil {
			a.Topics = append(a.Topics, t)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: query topics: %w", err)
	}
	return nil
}

// Stories implements store.Store. It costs three queries whatever the page size:
// the page's lead IDs, all their stories' articles, all those articles'
// topics. A limit of zero or less returns no stories.
func (s *Store) Stories(ctx context.Context, topic string, limit int) ([]*article.Story, error) {
	return s.stories(ctx, topic, limit, limit, true)
}

// StoryHeads is Stories of which only the first full stories are read,
// as a feed document shows them (without the articles' plain text and
// sketches and the topics' matched terms): the others are their lead's ID
// and publication time, all a document that shows the first page needs
// of the later ones (their pages and archive days; publish.StoryHeads).
// One read transaction.
func (s *Store) StoryHeads(ctx context.Context, topic string, limit, full int) ([]*article.Story, error) {
	return s.stories(ctx, topic, limit, full, false)
}

// stories reads a page of limit stories, the first full of them with
// their articles, whole or (not whole) as a feed document shows them.
func (s *Store) stories(ctx context.Context, topic string, limit, full int, whole bool) ([]*article.Story, error) {
	if limit <= 0 {
		return nil, nil
	}
	var out []*article.Story
	err := s.inReadTx(ctx, func(tx *sql.Tx) error {
		page, err := storyPage(ctx, tx, topic, limit)
		if err != nil || len(page) == 0 {
			return err
		}
		read := page[:min(max(full, 0), len(page))]
		out = make([]*article.Story, 0, len(page))
		byID := make(map[string]*article.Story, len(read))
		leads := make([]string, 0, len(read))
		for _, l := range read {
			st := &article.Story{ID: l.id}
			byID[l.id] = st
			out = append(out, st)
			leads = append(leads, l.id)
		}
		for _, l := range page[len(read):] {
			out = append(out, &article.Story{ID: l.id,
				Lead: &article.Article{ID: l.id, StoryID: l.id, Published: l.published, FirstSeen: l.firstSeen}})
		}
		if len(read) == 0 {
			return nil
		}
		list, err := idList(leads)
		if err != nil {
			return err
		}
		cols := schema.ArticleCols
		if !whole {
			cols = feedArticleCols
		}
		arts, err := queryArticlesAs(ctx, tx, whole, `SELECT `+cols+` FROM articles
			WHERE story_id IN (SELECT value FROM json_each(?))
			ORDER BY story_id, first_seen, id`, list)
		if err != nil {
			return err
		}
		for _, a := range arts {
			st := byID[a.StoryID]
			if a.ID == a.StoryID {
				st.Lead = a
			} else {
				st.Copies = append(st.Copies, a)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// denseTopic is the number of tagged articles from which a topic counts as
// dense for storyPage.
const denseTopic = 1000

// lead is a story's lead article as storyPage finds it.
type lead struct {
	id                   string
	published, firstSeen time.Time
}

// arrivalOrder orders leads (aliased l) as feeds list stories: by the
// minute the lead arrived (first_seen, timeLayout's first 16 bytes), the
// last first, then by its date, the newest first, then by ID. A cycle
// stamps its articles microseconds apart in the order it decides them,
// which follows the feeds' fetch order, so within the cycle's minute the
// newest news comes first; a later cycle's story, dated before all, still
// comes first. It is the expression of the index articles_arrived
// (migration 0009) verbatim: SQLite walks an index only for the same
// expression, else it sorts every lead.
const arrivalOrder = `substr(l.first_seen, 1, 16) DESC, l.published DESC, l.id DESC`

// The queries of storyPage's plans: all leads, and those of a dense or a
// sparse topic; the first two walk articles_arrived (no sort), the last
// sorts its few leads.
const (
	allLeads = `SELECT l.id, l.published, l.first_seen FROM articles l INDEXED BY articles_arrived
			WHERE l.id = l.story_id
			ORDER BY ` + arrivalOrder + ` LIMIT ?`
	denseTopicLeads = `SELECT l.id, l.published, l.first_seen FROM articles l INDEXED BY articles_arrived
			WHERE l.id = l.story_id AND EXISTS (
				SELECT 1 FROM article_topics t WHERE t.slug = ? AND t.story_id = l.id)
			ORDER BY ` + arrivalOrder + ` LIMIT ?`
	sparseTopicLeads = `SELECT l.id, l.published, l.first_seen FROM articles l
			WHERE l.id = l.story_id AND l.id IN (
				SELECT t.story_id FROM article_topics t WHERE t.slug = ?)
			ORDER BY ` + arrivalOrder + ` LIMIT ?`
)

// storyPage returns the newest leads in arrivalOrder,
// optionally only of stories with an article tagged topic. SQLite cannot know how common one topic is,
// so storyPage asks (a count capped at denseTopic, a short index scan) and
// picks the plan: a dense topic walks the leads index newest first and
// probes (slug, story_id) until the page is full; a sparse one collects its
// few stories by ID and sorts them.
func storyPage(ctx context.Context, tx *sql.Tx, topic string, limit int) ([]lead, error) {
	var rows *sql.Rows
	var err error
	dense := true
	if topic != "" {
		var n int
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM
			(SELECT 1 FROM article_topics WHERE slug = ? LIMIT ?)`, topic, denseTopic).Scan(&n)
		if err != nil {
			return nil, fmt.Errorf("store: stories: %w", err)
		}
		dense = n >= denseTopic
	}
	switch {
	case topic == "":
		rows, err = tx.QueryContext(ctx, allLeads, limit)
	case dense:
		rows, err = tx.QueryContext(ctx, denseTopicLeads, topic, limit)
	default:
		rows, err = tx.QueryContext(ctx, sparseTopicLeads, topic, limit)
	}
	if err != nil {
		return nil, fmt.Errorf("store: stories: %w", err)
	}
	defer rows.Close()
	var leads []lead
	for rows.Next() {
		var (
			l         lead
			pub, seen string
		)
		if err := rows.Scan(&l.id, &pub, &seen); err != nil {
			return nil, fmt.Errorf("store: stories: %w", err)
		}
		if l.published, err = decodeTime(pub); err != nil {
			return nil, fmt.Errorf("store: stories: lead %s: %w", l.id, err)
		}
		if l.firstSeen, err = decodeTime(seen); err != nil {
			return nil, fmt.Errorf("store: stories: lead %s: %w", l.id, err)
		}
		leads = append(leads, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: stories: %w", err)
	}
	return leads, nil
}
