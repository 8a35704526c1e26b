package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/internal/schema"
)

func countMigrations(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// The contract checks that data survives a reopen; here: the parent
// directories are created, migrations are recorded once and the file is in
// WAL mode.
func TestReopenMigratesOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a", "b", "warta.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	migs, err := schema.LoadMigrations(migrationFiles, migrationDir)
	if err != nil {
		t.Fatal(err)
	}
	if n := countMigrations(t, path); n != len(migs) {
		t.Fatalf("%d migrations recorded, want %d", n, len(migs))
	}

	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if n := countMigrations(t, path); n != len(migs) {
		t.Errorf("%d migrations recorded after reopen, want %d", n, len(migs))
	}
	var mode string
	db, _ := sql.Open("sqlite", path)
	defer db.Close()
	if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v", mode, err)
	}
}

func TestFutureMigrationRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "warta.db")
	openAt(t, path).Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 'x')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s2, err := Open(ctx, path)
	if !errors.Is(err, store.ErrSchemaTooNew) {
		if s2 != nil {
			s2.Close()
		}
		t.Fatalf("Open of a newer database = %v, want ErrSchemaTooNew", err)
	}
}

// openMigrationDB opens a new database file on one connection, as the
// writer does, for applyMigrations; params are added to the DSN.
func openMigrationDB(t *testing.T, params string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "m.db")+"?_txlock=immediate"+params)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	return db
}

func TestFailedMigrationRollsBack(t *testing.T) {
	ctx := context.Background()
	db := openMigrationDB(t, "")
	fsys := fstest.MapFS{
		"migrations/0001_a.sql": {Data: []byte(`CREATE TABLE a (x INTEGER);`)},
		"migrations/0002_b.sql": {Data: []byte(`CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);`)},
	}
	migs, err := schema.LoadMigrations(fsys, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	if err := applyMigrations(ctx, db, migs); err == nil {
		t.Fatal("broken migration applied")
	}
	var n int
	db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n)
	if n != 1 {
		t.Errorf("%d migrations recorded, want 1", n)
	}
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'b'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("table b of the failed migration exists (%d, %v)", n, err)
	}
	// Fixing the migration lets it apply.
	fsys["migrations/0002_b.sql"] = &fstest.MapFile{Data: []byte(`CREATE TABLE b (x INTEGER);`)}
	migs, _ = schema.LoadMigrations(fsys, "migrations")
	if err := applyMigrations(ctx, db, migs); err != nil {
		t.Fatal(err)
	}
	db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n)
	if n != 2 {
		t.Errorf("%d migrations recorded, want 2", n)
	}
}

// Migration 0008 rebuilds article_topics as a rowid table: a store written
// before keeps every topic row, the key on (article_id, pos) still refuses
// a repeat, the slug index is back, and deleting an article still takes
// its topics.
func TestTopicsRowidMigrationKeepsRows(t *testing.T) {
	ctx := context.Background()
	db := openMigrationDB(t, "&_pragma=foreign_keys(1)")
	migs := applyBefore(t, db, 8)
	const topicRows = `SELECT article_id, pos, story_id, slug, score, terms, forced FROM article_topics ORDER BY article_id, pos`
	for i, id := range []string{"b2", "a1"} {
		if _, err := db.Exec(`INSERT INTO articles (id, story_id, first_seen, published, updated, url, fingerprint, source,
			language, match_id, match_similarity, match_method, guid, link, author, title, categories, summary, text, content)
			VALUES (?, ?, 't', 't', 't', ?, 0, 's', 'en', '', 0, '', '', '', '', 'T', 'null', '', '', '')`, id, id, "u"+id); err != nil {
			t.Fatal(err)
		}
		for pos, slug := range []string{"economy", "politics"} {
			if _, err := db.Exec(`INSERT INTO article_topics (article_id, story_id, pos, slug, score, terms, forced) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				id, id, pos, slug, 1.5+float64(i), `[{"term":"bank","field":"body","weight":2}]`, pos); err != nil {
				t.Fatal(err)
			}
		}
	}
	before := dumpRows(t, db, topicRows)
	if err := applyMigrations(ctx, db, migs); err != nil {
		t.Fatal(err)
	}
	if after := dumpRows(t, db, topicRows); after != before {
		t.Errorf("topic rows after the migration:\n%s\nbefore:\n%s", after, before)
	}
	var sqlText string
	if err := db.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'article_topics'`).Scan(&sqlText); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sqlText, "WITHOUT ROWID") {
		t.Errorf("article_topics is still WITHOUT ROWID: %s", sqlText)
	}
	if got := dumpRows(t, db, `SELECT name FROM sqlite_schema WHERE tbl_name = 'article_topics' AND type = 'index' ORDER BY name`); got != "article_topics_slug\nsqlite_autoindex_article_topics_1\n" {
		t.Errorf("indexes of article_topics: %q", got)
	}
	if _, err := db.Exec(`INSERT INTO article_topics (article_id, story_id, pos, slug, score, terms, forced) VALUES ('a1', 'a1', 0, 'x', 0, 'null', 0)`); err == nil {
		t.Error("a repeated (article_id, pos) was stored")
	}
	if _, err := db.Exec(`DELETE FROM articles WHERE id = 'a1'`); err != nil {
		t.Fatal(err)
	}
	if got := dumpRows(t, db, `SELECT DISTINCT article_id FROM article_topics`); got != "b2\n" {
		t.Errorf("after deleting a1 the topics of %q remain", got)
	}
}

// Migration 0007 gives an article stored before it the empty feed genre,
// a news feed's, so that tagging judges it by its own cues and its source's
// configured genre (pipeline's TestInitRetagsWhenASourcesHintsChange).
func TestFeedGenreMigrationGivesOldRowsNone(t *testing.T) {
	ctx := context.Background()
	db := openMigrationDB(t, "&_pragma=foreign_keys(1)")
	migs := applyBefore(t, db, 7)
	if _, err := db.Exec(`INSERT INTO articles (id, story_id, first_seen, published, updated, url, fingerprint, source,
		language, match_id, match_similarity, match_method, guid, link, author, title, categories, summary, text, content)
		VALUES ('r1', 'r1', 't', 't', 't', 'u', 0, 's', 'en', '', 0, '', '', '', '', 'T', 'null', '', '', '')`); err != nil {
		t.Fatal(err)
	}
	if err := applyMigrations(ctx, db, migs); err != nil {
		t.Fatal(err)
	}
	if got := dumpRows(t, db, `SELECT id, feed_genre FROM articles`); got != "r1 \n" {
		t.Errorf("after 0007 the old article reads %q, want r1 with no feed genre", got)
	}
}

// applyBefore applies to db the migrations older than version, as the
// migrator does, and returns them all.
func applyBefore(t *testing.T, db *sql.DB, version int) []schema.Migration {
	t.Helper()
	migs, err := schema.LoadMigrations(migrationFiles, migrationDir)
	if err != nil {
		t.Fatal(err)
	}
	k := len(migs)
	for k > 0 && migs[k-1].Version >= version {
		k--
	}
	if k == len(migs) {
		t.Fatalf("no migration %04d", version)
	}
	if err := applyMigrations(context.Background(), db, migs[:k]); err != nil {
		t.Fatal(err)
	}
	return migs
}

// dumpRows renders the rows of query, one line each.
func dumpRows(t *testing.T, db *sql.DB, query string) string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&b, vals...)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Migration 0010 keeps the host holds older builds stored in meta: the
// pipeline moves the ones still running into host_holds (review 24, 3).
func TestHostHoldsMigrationKeepsTheOldHolds(t *testing.T) {
	ctx := context.Background()
	db := openMigrationDB(t, "")
	migs := applyBefore(t, db, 10)
	const holds = `{"news.example:443":"2099-01-01T00:00:00Z"}`
	if _, err := db.Exec(`INSERT INTO meta (key, value) VALUES ('host_holds', ?)`, holds); err != nil {
		t.Fatal(err)
	}
	if err := applyMigrations(ctx, db, migs); err != nil {
		t.Fatal(err)
	}
	if got := dumpRows(t, db, `SELECT value FROM meta WHERE key = 'host_holds'`); got != holds+"\n" {
		t.Errorf("after 0010 meta host_holds is %q, want the old holds kept", got)
	}
}
