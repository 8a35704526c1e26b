package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// migrationFiles holds the schemas, one directory per driver (sqlite,
// postgres) and one numbered SQL file per version. Only the file name is
// recorded in schema_migrations, so the directory may move freely.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// The directories of migrationFiles.
const (
	sqliteMigrations   = "migrations/sqlite"
	postgresMigrations = "migrations/postgres"
)

// migration is one embedded SQL file.
type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads the migrations in dir of fsys, ordered by version.
// Files are named NNNN_description.sql; versions must be unique and positive.
func loadMigrations(fsys fs.FS, dir string) ([]migration, error) {
	names, err := fs.Glob(fsys, dir+"/*.sql")
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	var out []migration
	for _, n := range names {
		base := path.Base(n)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("store: migration %s: name must start with a positive number and '_'", base)
		}
		body, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("store: migration %s: %w", base, err)
		}
		out = append(out, migration{version: v, name: base, sql: string(body)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.version - b.version })
	for i := 1; i < len(out); i++ {
		if out[i].version == out[i-1].version {
			return nil, fmt.Errorf("store: migrations %s and %s share a version", out[i-1].name, out[i].name)
		}
	}
	return out, nil
}

// migrate brings the SQLite db to the newest embedded schema. Each migration
// runs in its own write transaction together with its schema_migrations row,
// so a failed migration leaves the previous version intact. A database
// holding a version this build does not know is refused with ErrSchemaTooNew.
func migrate(ctx context.Context, db *sql.DB) error {
	migs, err := loadMigrations(migrationFiles, sqliteMigrations)
	if err != nil {
		return err
	}
	return applyMigrations(ctx, db, migs)
}

func applyMigrations(ctx context.Context, db *sql.DB, migs []migration) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER NOT NULL PRIMARY KEY,
		name       TEXT    NOT NULL,
		applied_at TEXT    NOT NULL
	) STRICT`); err != nil {
		return fmt.Errorf("store: create schema_migrations: %w", err)
	}
	known := map[int]bool{}
	for _, m := range migs {
		known[m.version] = true
	}
	for _, m := range migs {
		if err := applyOne(ctx, db, m, known); err != nil {
			return err
		}
	}
	// Checked even when nothing was pending: an up-to-date database may
	// still carry a newer version.
	_, err := appliedVersions(ctx, db, known)
	return err
}

// applyOne applies m unless it is already recorded. The applied set is read
// inside the write transaction so that two processes opening the same file
// at once do not both apply it.
func applyOne(ctx context.Context, db *sql.DB, m migration, known map[int]bool) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: migration %s: begin: %w", m.name, err)
	}
	defer tx.Rollback()
	applied, err := appliedVersions(ctx, tx, known)
	if err != nil {
		return err
	}
	if applied[m.version] {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("store: migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("store: migration %s: record: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: migration %s: commit: %w", m.name, err)
	}
	return nil
}

// querier is what appliedVersions needs from *sql.DB or *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// appliedVersions returns the recorded versions, failing with
// ErrSchemaTooNew when one of them is not in known.
func appliedVersions(ctx context.Context, q querier, known map[int]bool) (map[int]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT version, name FROM schema_migrations ORDER BY version`)
	if err != nil {
		return nil, fmt.Errorf("store: read schema_migrations: %w", err)
	}
	defer rows.Close()
	return collectApplied(rows, known)
}

// versionRows is the part of *sql.Rows and pgx.Rows that collectApplied
// reads.
type versionRows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// collectApplied reads schema_migrations rows (version, name), failing with
// ErrSchemaTooNew when one of them is not in known.
func collectApplied(rows versionRows, known map[int]bool) (map[int]bool, error) {
	applied := map[int]bool{}
	for rows.Next() {
		var v int
		var name string
		if err := rows.Scan(&v, &name); err != nil {
			return nil, fmt.Errorf("store: read schema_migrations: %w", err)
		}
		if !known[v] {
			return nil, fmt.Errorf("%w: it has migration %d (%s), this build knows up to %d",
				ErrSchemaTooNew, v, name, maxKey(known))
		}
		applied[v] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: read schema_migrations: %w", err)
	}
	return applied, nil
}

func maxKey(m map[int]bool) int {
	n := 0
	for k := range m {
		n = max(n, k)
	}
	return n
}
