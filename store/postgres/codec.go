package postgres

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store/internal/schema"
)

// articleFields selects schema.ArticleCols of a, then its topics as four arrays
// in saved order (NULL when it has none) and the sources that carried it
// in name order from topicsJoin. Articles, topics and sources come from
// one statement, hence one snapshot, with no transaction.
var articleFields = schema.ArticleColsAs("a", nil) + `, tp.slugs, tp.scores, tp.terms, tp.forced, cb.sources`

// topicsJoin aggregates the topics and the carrying sources of a; see
// articleFields.
const topicsJoin = ` LEFT JOIN LATERAL (
	SELECT array_agg(t.slug ORDER BY t.pos) AS slugs, array_agg(t.score ORDER BY t.pos) AS scores,
		array_agg(t.terms ORDER BY t.pos) AS terms, array_agg(t.forced ORDER BY t.pos) AS forced
	FROM article_topics t WHERE t.article_id = a.id) tp ON true
	LEFT JOIN LATERAL (
	SELECT array_agg(c.source ORDER BY c.source) AS sources
	FROM article_sources c WHERE c.article_id = a.id) cb ON true`

// scanArticle reads one row of articleFields.
func scanArticle(row pgx.CollectableRow) (*article.Article, error) {
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
		&a.StoryMatch.MatchedID, &a.StoryMatch.Similarity, &a.StoryMatch.Method, &a.Sketch, &a.FeedGenre, &a.Outlet, &a.OutletURL,
		&slugs, &scores, &terms, &forced, &a.CarriedBy)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(cats), &a.Categories); err != nil {
		return nil, fmt.Errorf("article %s: categories: %w", a.ID, err)
	}
	// pgx returns local times; the store's times are UTC.
	a.Published, a.Updated, a.FirstSeen = pub.UTC(), upd.UTC(), seen.UTC()
	a.Fingerprint = uint64(fp)
	a.Sketch = schema.SketchOf(a.Sketch)
	if len(scores) != len(slugs) || len(terms) != len(slugs) || len(forced) != len(slugs) {
		return nil, fmt.Errorf("article %s: topic arrays of different lengths", a.ID)
	}
	for i, slug := range slugs {
		t := article.TopicMatch{Slug: slug, Score: scores[i], Forced: forced[i]}
		var err error
		if t.Terms, err = schema.DecodeTerms(terms[i]); err != nil {
			return nil, fmt.Errorf("article %s: topic %s: terms: %w", a.ID, slug, err)
		}
		a.Topics = append(a.Topics, t)
	}
	return &a, nil
}

// articleRows is a batch of articles as the column arrays of
// insertArticles.
type articleRows struct {
	ids, urls, links, guids, sources, titles, summaries, contents, texts, authors,
	languages, categories []string
	published, updated, firstSeen []time.Time
	stories                       []string
	fingerprints                  []int64
	matchIDs                      []string
	similarities                  []float64
	methods                       []string
	sketches                      [][]byte
	feedGenres                    []string
	outlets, outletURLs           []string
	topics                        topicRows
}

// topicRows are article_topics rows as column arrays.
type topicRows struct {
	articleIDs, storyIDs []string
	pos                  []int32
	slugs                []string
	scores               []float64
	terms                []string
	forced               []bool
}

func (t *topicRows) add(id, story string, topics []article.TopicMatch) error {
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

// newArticleRows encodes arts, sorted by ID: daemons inserting overlapping
// batches then take row locks in the same order and cannot deadlock.
// arts must hold each ID once.
func newArticleRows(arts []*article.Article) (*articleRows, error) {
	sorted := slices.Clone(arts)
	slices.SortFunc(sorted, func(a, b *article.Article) int { return strings.Compare(a.ID, b.ID) })
	r := &articleRows{}
	for _, a := range sorted {
		for _, t := range []time.Time{a.Published, a.Updated, a.FirstSeen} {
			if err := schema.CheckTime(t); err != nil {
				return nil, &badArticle{a.ID, err}
			}
		}
		cats, err := json.Marshal(a.Categories)
		if err != nil {
			return nil, &badArticle{a.ID, fmt.Errorf("categories: %w", err)}
		}
		story := schema.StoryOf(a)
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
		r.sketches = append(r.sketches, schema.BlobArg(a.Sketch))
		r.feedGenres = append(r.feedGenres, a.FeedGenre)
		r.outlets = append(r.outlets, a.Outlet)
		r.outletURLs = append(r.outletURLs, a.OutletURL)
		if err := r.topics.add(a.ID, story, a.Topics); err != nil {
			return nil, &badArticle{a.ID, err}
		}
	}
	return r, nil
}

// badArticle is an article with a value that cannot be stored.
type badArticle struct {
	id  string
	err error
}

func (e *badArticle) Error() string { return fmt.Sprintf("article %s: %v", e.id, e.err) }
func (e *badArticle) Unwrap() error { return e.err }

// args returns the parameters of insertArticles.
func (r *articleRows) args() []any {
	t := &r.topics
	return []any{r.ids, r.urls, r.links, r.guids, r.sources, r.titles, r.summaries, r.contents,
		r.texts, r.authors, r.languages, r.categories, r.published, r.updated, r.firstSeen,
		r.stories, r.fingerprints, r.matchIDs, r.similarities, r.methods, r.sketches, r.feedGenres,
		r.outlets, r.outletURLs,
		t.articleIDs, t.storyIDs, t.pos, t.slugs, t.scores, t.terms, t.forced}
}
