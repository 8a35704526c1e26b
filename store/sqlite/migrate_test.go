package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
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

func TestFailedMigrationRollsBack(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "m.db")+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
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
