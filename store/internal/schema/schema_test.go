package schema

import (
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// ArticleColsAs gives the column lists the drivers wrote by hand before:
// PostgreSQL's qualified by its alias, SQLite's feed query's with the text
// and the sketch left unread.
func TestArticleColsAs(t *testing.T) {
	for _, c := range []struct {
		alias string
		stand map[string]string
		want  string
	}{
		{"", nil, "id, url, link, guid, source, title, summary, content, text, author, " +
			"language, categories, published, updated, first_seen, story_id, fingerprint, " +
			"match_id, match_similarity, match_method, sketch, feed_genre, outlet, outlet_url"},
		{"a", nil, "a.id, a.url, a.link, a.guid, a.source, a.title, a.summary, a.content, a.text, a.author, " +
			"a.language, a.categories, a.published, a.updated, a.first_seen, a.story_id, a.fingerprint, " +
			"a.match_id, a.match_similarity, a.match_method, a.sketch, a.feed_genre, a.outlet, a.outlet_url"},
		{"", map[string]string{"text": "''", "sketch": "NULL"}, "id, url, link, guid, source, title, summary, content, '' AS text, author, " +
			"language, categories, published, updated, first_seen, story_id, fingerprint, " +
			"match_id, match_similarity, match_method, NULL AS sketch, feed_genre, outlet, outlet_url"},
	} {
		if got := ArticleColsAs(c.alias, c.stand); got != c.want {
			t.Errorf("ArticleColsAs(%q, %v) =\n%s\nwant\n%s", c.alias, c.stand, got, c.want)
		}
	}
}

// ArticleColsAs panics on a stand-in for a column articles do not have
// (a misspelt name would otherwise read the column after all); it runs as
// the drivers initialise.
func TestArticleColsAsRefusesUnknownColumn(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("ArticleColsAs with an unknown column did not panic")
		}
	}()
	ArticleColsAs("", map[string]string{"txet": "''"})
}

// Walk reads every article once, in order, in either reading, and stops at
// fn's error with no read left running.
func TestWalk(t *testing.T) {
	from := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	var all []*article.Article
	for i := range 10 {
		all = append(all, &article.Article{ID: fmt.Sprintf("a%02d", i), FirstSeen: from.Add(time.Duration(i/2) * time.Minute)})
	}
	for _, reading := range []Reading{InTurn, Ahead} {
		var running atomic.Int32
		page := func(seen time.Time, lastID string) ([]*article.Article, error) {
			running.Add(1)
			defer running.Add(-1)
			var out []*article.Article
			for _, a := range all {
				if a.FirstSeen.After(seen) || a.FirstSeen.Equal(seen) && a.ID > lastID {
					out = append(out, a)
				}
			}
			return out[:min(len(out), 3)], nil
		}
		var got []string
		err := Walk(from, 3, reading, page, func(a *article.Article) error {
			if reading == InTurn && running.Load() != 0 {
				t.Errorf("InTurn: a read is open while fn runs")
			}
			got = append(got, a.ID)
			return nil
		})
		if err != nil || len(got) != len(all) || got[0] != "a00" || got[9] != "a09" || !slices.IsSorted(got) {
			t.Errorf("reading %v: walked %v, %v", reading, got, err)
		}
		stop := errors.New("stop")
		n := 0
		err = Walk(from, 3, reading, page, func(a *article.Article) error {
			if n++; n == 4 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || n != 4 {
			t.Errorf("reading %v: stopped after %d with %v", reading, n, err)
		}
		if running.Load() != 0 {
			t.Errorf("reading %v: a read outlived the walk", reading)
		}
	}
}
