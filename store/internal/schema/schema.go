// Package schema holds what the SQLite and PostgreSQL stores share because
// their schemas are the same tables: column lists, the fetch-state upsert
// clause, the range of storable times, the page size of Since and how
// migration files are named and checked. Nothing here talks to a database.
package schema

import (
	"fmt"
	"strings"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
)

// ArticleCols are the articles columns in the order both drivers read and
// write them.
const ArticleCols = `id, url, link, guid, source, title, summary, content, text, author,
	language, categories, published, updated, first_seen, story_id, fingerprint,
	match_id, match_similarity, match_method, sketch, feed_genre, outlet, outlet_url`

// ArticleColsAs is ArticleCols for a SELECT: each column qualified by
// alias (unless ""), and those in stand read as the SQL value given there
// instead, under their own name (what a query does not need is not read).
// A key of stand that is no column is a programming error: it panics (the
// drivers call it as they initialise), since the column would be read.
func ArticleColsAs(alias string, stand map[string]string) string {
	cols := strings.Split(ArticleCols, ",")
	used := 0
	for i, c := range cols {
		c = strings.TrimSpace(c)
		if v, ok := stand[c]; ok {
			cols[i] = v + " AS " + c
			used++
		} else if alias != "" {
			cols[i] = alias + "." + c
		} else {
			cols[i] = c
		}
	}
	if used != len(stand) {
		panic(fmt.Sprintf("schema: ArticleColsAs: stand-ins %v name a column articles do not have", stand))
	}
	return strings.Join(cols, ", ")
}

// TopicCols are the article_topics columns in the order both drivers write
// them.
const TopicCols = `article_id, story_id, pos, slug, score, terms, forced`

// FetchStateCols are the fetch_state columns, source first.
const FetchStateCols = `source, etag, last_modified, last_attempt, last_success, next_attempt,
	failures, last_status, last_error, items, item_votes`

// FetchStateConflict ends both drivers' fetch-state upserts: the new state
// replaces the old.
const FetchStateConflict = `ON CONFLICT (source) DO UPDATE SET
		etag = excluded.etag, last_modified = excluded.last_modified,
		last_attempt = excluded.last_attempt, last_success = excluded.last_success,
		next_attempt = excluded.next_attempt, failures = excluded.failures,
		last_status = excluded.last_status, last_error = excluded.last_error,
		items = excluded.items, item_votes = excluded.item_votes`

// MetaConflict ends both drivers' meta upserts: the new value replaces
// the old.
const MetaConflict = `ON CONFLICT (key) DO UPDATE SET value = excluded.value`

// DeleteOrphanLabels deletes the readers' labels of stories with no
// stored article, as both drivers' Prune does after deleting articles
// (articles' story_id is indexed, and labels are few).
const DeleteOrphanLabels = `DELETE FROM story_labels WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = story_labels.story_id)`

// DeleteOrphanJoins deletes the readers' joins into stories with no
// stored article, as both drivers' Prune does after deleting articles: no
// page leads there any more, and no article is left to give back.
const DeleteOrphanJoins = `DELETE FROM story_joins WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = story_joins.into_id)`

// SelectJoins selects both drivers' joins with the labels kept for each
// (one row per kept label, NULLs for a join that kept none), in one
// statement so that a join and its labels are read at one instant; a
// driver adds its WHERE, then JoinsOrder.
const SelectJoins = `SELECT j.story_id, j.into_id, j.note, j.at_ns, l.topic, l.is_of, l.note, l.at_ns
	FROM story_joins j LEFT JOIN story_join_labels l ON l.story_id = j.story_id`

// JoinsOrder orders SelectJoins' rows: by the joined story, then topic.
const JoinsOrder = ` ORDER BY j.story_id, l.topic`

// AddJoinRow adds a row of SelectJoins, as a driver scanned it, to joins:
// its join (j, at in nanoseconds), unless it is the last one's (the rows
// come by the joined story), and the label kept for it, when the row has
// one (label nil: the join kept none).
func AddJoinRow(joins []article.Join, j article.Join, at int64, label *article.Label, labelAt int64) []article.Join {
	if n := len(joins); n == 0 || joins[n-1].Story != j.Story {
		j.At = time.Unix(0, at).UTC()
		joins = append(joins, j)
	}
	if label != nil {
		l := *label
		l.Story, l.At = j.Story, time.Unix(0, labelAt).UTC()
		last := &joins[len(joins)-1]
		last.Labels = append(last.Labels, l)
	}
	return joins
}

// DeleteOrphanJoinLabels deletes the labels kept for joins no longer
// recorded, as both drivers' Prune does after DeleteOrphanJoins.
const DeleteOrphanJoinLabels = `DELETE FROM story_join_labels WHERE NOT EXISTS (SELECT 1 FROM story_joins j WHERE j.story_id = story_join_labels.story_id)`

// HoldConflict ends both drivers' host_holds upserts: a server keeps the
// later of its stored and its new hold, whichever process stores first.
const HoldConflict = `ON CONFLICT (server) DO UPDATE SET until_ns =
	CASE WHEN excluded.until_ns > host_holds.until_ns THEN excluded.until_ns ELSE host_holds.until_ns END`

// SubscriptionCols are the websub_subscriptions columns.
const SubscriptionCols = `topic, callback, secret, expires, failures, delivered`

// SubscriptionConflict ends both drivers' subscription upserts.
const SubscriptionConflict = `ON CONFLICT (topic, callback) DO UPDATE SET
		secret = excluded.secret, expires = excluded.expires,
		failures = excluded.failures, delivered = excluded.delivered`

// Tables are warta's tables, parents first: the order to count and copy
// them in (doctor, doctor -salvage; host_holds too, so a salvaged store
// keeps holding back the servers that asked for quiet, and story_labels
// story_joins and story_join_labels, the readers' own work).
func Tables() []string {
	return []string{"articles", "article_topics", "article_sources", "fetch_state", "meta", "websub_subscriptions", "host_holds", "story_labels", "story_joins", "story_join_labels"}
}

// SincePage is how many articles Since reads per query: it bounds memory and
// how long a read stays open, and lets topics load per page.
const SincePage = 256

// CheckTime refuses years outside 0-9999: SQLite stores times as fixed-width
// text. PostgreSQL could hold more; it refuses them too so that both stores
// accept the same data.
func CheckTime(t time.Time) error {
	if y := t.UTC().Year(); y < 0 || y > 9999 {
		return fmt.Errorf("store: time %s: year outside 0-9999", t.UTC().Format(time.RFC3339))
	}
	return nil
}

// StoryOf is the story ID stored for a: an article without one leads its own.
func StoryOf(a *article.Article) string {
	if a.StoryID == "" {
		return a.ID
	}
	return a.StoryID
}

// SketchPage is how many articles Sketches reads per query: its rows are
// small.
const SketchPage = 4096

// Reading is how Walk reads its pages.
type Reading bool

const (
	// InTurn reads each page once fn has run over the one before: no read
	// is open while fn runs, so fn may use the store.
	InTurn Reading = false
	// Ahead reads each next page on another goroutine while fn runs over
	// the one before: one read is open while fn runs (fn may use the
	// store, but not wait for a read of its own to end), and two pages are
	// held. For small rows (sketches), whose pages cost less memory than
	// the time the overlap saves: rebuilding the story index at start
	// reads pages and inserts into the index at once, on two cores.
	Ahead Reading = true
)

// Walk calls fn for every article first seen at or after from, oldest
// first, reading keyset pages of size with page(seen, lastID), which
// returns at most size articles after (seen, lastID) in (first_seen, id)
// order, as reading says. An error from fn stops the walk and is returned.
func Walk(from time.Time, size int, reading Reading, page func(seen time.Time, lastID string) ([]*article.Article, error), fn func(*article.Article) error) error {
	if err := CheckTime(from); err != nil {
		return fmt.Errorf("store: since: %w", err)
	}
	type read struct {
		arts []*article.Article
		err  error
	}
	arts, err := page(from, "")
	for {
		if err != nil {
			return err
		}
		more := len(arts) >= size
		var seen time.Time
		var lastID string
		var next chan read // the next page, read while fn runs (Ahead)
		if more {
			last := arts[len(arts)-1]
			seen, lastID = last.FirstSeen, last.ID
			if reading == Ahead {
				next = make(chan read, 1)
				go func() {
					a, err := page(seen, lastID)
					next <- read{a, err}
				}()
			}
		}
		for _, a := range arts {
			if err := fn(a); err != nil {
				if next != nil {
					<-next // no read outlives the walk
				}
				return err
			}
		}
		switch {
		case !more:
			return nil
		case next != nil:
			r := <-next
			arts, err = r.arts, r.err
		default:
			arts, err = page(seen, lastID)
		}
	}
}

// One returns the result of looking up one article by id: the only
// element of arts, store.ErrNotFound when there is none.
func One(arts []*article.Article, err error, id string) (*article.Article, error) {
	if err != nil {
		return nil, err
	}
	if len(arts) == 0 {
		return nil, fmt.Errorf("%w: %s", store.ErrNotFound, id)
	}
	return arts[0], nil
}

// OneStory returns the result of looking up the articles of story id,
// read oldest first: the story with its lead (nil when the lead is no
// longer stored) and its copies, store.ErrNotFound when there is none.
func OneStory(arts []*article.Article, err error, id string) (*article.Story, error) {
	if err != nil {
		return nil, err
	}
	if len(arts) == 0 {
		return nil, fmt.Errorf("%w: story %s", store.ErrNotFound, id)
	}
	st := &article.Story{ID: id}
	for _, a := range arts {
		if a.ID == id {
			st.Lead = a
		} else {
			st.Copies = append(st.Copies, a)
		}
	}
	return st, nil
}

// BlobArg is the stored value of a byte column (an article's sketch, a
// model's data): empty, never NULL, when there is nothing.
func BlobArg(s []byte) []byte {
	if s == nil {
		return []byte{}
	}
	return s
}

// SketchOf is a stored sketch as the article holds it: nil when empty.
func SketchOf(s []byte) []byte {
	if len(s) == 0 {
		return nil
	}
	return s
}
