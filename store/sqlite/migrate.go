package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"time"

	"github.com/warta-news/warta/store/internal/schema"
)

// migrationFiles holds the schema, one numbered SQL file per version.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrationDir is the directory of migrationFiles.
const migrationDir = "migrations"

// migrate brings db to the newest embedded schema. Each migration runs in
// its own write transaction together with its schema_migrations row, so a
// failed migration leaves the previous version intact. A database holding a
// version this build does not know is refused with store.ErrSchemaTooNew.
func migrate(ctx context.Context, db *sql.DB) error {
	migs, err := schema.LoadMigrations(migrationFiles, migrationDir)
	if err != nil {
		return err
	}
	return applyMigrations(ctx, db, migs)
}

func applyMigrations(ctx context.Context, db *sql.DB, migs []schema.Migration) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER NOT NULL PRIMARY KEY,
		name       TEXT    NOT NULL,
		applied_at TEXT    NOT NULL
	) STRICT`); err != nil {
		return fmt.Errorf("store: create schema_migrations: %w", err)
	}
	known := schema.Known(migs)
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
func applyOne(ctx context.Context, db *sql.DB, m schema.Migration, known map[int]bool) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: migration %s: begin: %w", m.Name, err)
	}
	defer tx.Rollback()
	applied, err := appliedVersions(ctx, tx, known)
	if err != nil {
		return err
	}
	if applied[m.Version] {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return fmt.Errorf("store: migration %s: %w", m.Name, err)
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.Version, m.Name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("store: migration %s: record: %w", m.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: migration %s: commit: %w", m.Name, err)
	}
	return nil
}

// checkSchema fails unless db holds exactly this build's migrations: what a
// reader that may not migrate needs.
func checkSchema(ctx context.Context, db *sql.DB) error {
	migs, err := schema.LoadMigrations(migrationFiles, migrationDir)
	if err != nil {
		return err
	}
	known := schema.Known(migs)
	applied, err := appliedVersions(ctx, db, known)
	if err != nil {
		return err
	}
	if missing := schema.Missing(applied, known); len(missing) > 0 {
		return fmt.Errorf("schema lacks migrations %v: open it once for writing to migrate it", missing)
	}
	return nil
}

// querier is what a read needs of *sql.DB or *sql.Tx (appliedVersions,
// joinsFrom).
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// appliedVersions returns the recorded versions, failing with
// store.ErrSchemaTooNew when one of them is not in known.
func appliedVersions(ctx context.Context, q querier, known map[int]bool) (map[int]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT version, name FROM schema_migrations ORDER BY version`)
	if err != nil {
		return nil, fmt.Errorf("store: read schema_migrations: %w", err)
	}
	defer rows.Close()
	return schema.CollectApplied(rows, known)
}
