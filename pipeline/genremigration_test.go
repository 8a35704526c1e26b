package pipeline

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store/sqlite"
	"github.com/warta-news/warta/topic"
)

// An article stored by a build before migration 0007 has no feed genre;
// once the database is migrated, re-tagging judges it by its source's
// configured genre as a new article of that source is judged: a podcast
// source's report leaves the hard-news topic it was stored with.
func TestArticleStoredBeforeFeedGenresFollowsItsSourcesGenre(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY,
		name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("../store/sqlite/migrations/*.sql")
	if err != nil || len(files) < 7 {
		t.Fatalf("migrations %v, %v", files, err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		v, err := strconv.Atoi(name[:strings.IndexByte(name, '_')])
		if err != nil {
			t.Fatal(err)
		}
		if v >= 7 {
			break
		}
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := db.Exec(`INSERT INTO schema_migrations VALUES (?, ?, '2026-11-01T00:00:00Z')`, v, name); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now().UTC().Format("2006-01-02T15:04:05.000000000Z")
	if _, err := db.Exec(`INSERT INTO articles (id, story_id, first_seen, published, updated, url, fingerprint, source,
		language, match_id, match_similarity, match_method, guid, link, author, title, categories, summary, text, content, sketch)
		VALUES ('r1', 'r1', ?, ?, ?, 'https://radio.example.com/1', 0, 'radio', 'en', '', 0, '', '', '', '',
		'Embassy reopens in Kabul', 'null', '', 'The embassy reopened on Monday, officials said.', '', x'')`, now, now, now); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO article_topics (article_id, story_id, pos, slug, score, terms, forced)
		VALUES ('r1', 'r1', 0, 'world', 15, 'null', 0)`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a, err := st.Article(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	if a.FeedGenre != "" || !a.HasTopic("world") {
		t.Fatalf("migrated article: feed genre %q, topics %+v", a.FeedGenre, a.Topics)
	}
	// Init re-tags: no topic rules were recorded for the stored articles.
	newTestPipelineSources(t, st, []topic.Spec{hardWorld}, []config.Source{
		{Name: "radio", URL: "https://radio.example.com/rss", Genre: "podcast"}})
	if a, err = st.Article(ctx, "r1"); err != nil {
		t.Fatal(err)
	}
	if a.HasTopic("world") {
		t.Errorf("the podcast source's article stored before 0007 keeps the hard-news topic: %+v", a.Topics)
	}
}
