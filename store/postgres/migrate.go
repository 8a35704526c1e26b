package postgres

import (
	"context"
	"embed"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/internal/schema"
)

// migrationFiles holds the schema, one numbered SQL file per version.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrationDir is the directory of migrationFiles.
const migrationDir = "migrations"

// migrateLockKey is the pg_advisory_xact_lock key that serialises migrating
// among the daemons sharing a database ("warta" in ASCII). It is one key per
// database, not per schema: deployments in two schemas of one database
// merely take turns migrating.
const migrateLockKey int64 = 0x7761727461

// migrate brings the database to the newest embedded PostgreSQL
// schema; see applyMigrations.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	migs, err := schema.LoadMigrations(migrationFiles, migrationDir)
	if err != nil {
		return err
	}
	return applyMigrations(ctx, pool, migs)
}

// applyMigrations applies migs in order, each in its own transaction with
// its schema_migrations row, so a failed migration leaves the previous
// version intact. Each transaction first takes an advisory lock: daemons
// starting together queue there, and the one that gets the lock second sees
// what the first committed. A transaction-scoped lock cannot leak on an
// error path and works through transaction-pooling proxies. A database
// holding a version this build does not know is refused with
// store.ErrSchemaTooNew.
func applyMigrations(ctx context.Context, pool *pgxpool.Pool, migs []schema.Migration) error {
	known := schema.Known(migs)
	for _, m := range migs {
		if err := applyOne(ctx, pool, m, known); err != nil {
			return err
		}
	}
	// Checked even when nothing was pending: an up-to-date database may
	// still carry a newer version.
	return runTx(ctx, pool, func(tx pgx.Tx) error {
		_, err := lockedVersions(ctx, tx, known)
		return err
	})
}

// applyOne applies m unless it is already recorded.
func applyOne(ctx context.Context, pool *pgxpool.Pool, m schema.Migration, known map[int]bool) error {
	return runTx(ctx, pool, func(tx pgx.Tx) error {
		applied, err := lockedVersions(ctx, tx, known)
		if err != nil {
			return err
		}
		if applied[m.Version] {
			return nil
		}
		// No arguments: pgx sends the file with the simple protocol, which
		// runs several statements.
		if _, err := tx.Exec(ctx, m.SQL); err != nil {
			return fmt.Errorf("store: migration %s: %w", m.Name, err)
		}
		if _, err := tx.Exec(ctx,
			`INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name); err != nil {
			return fmt.Errorf("store: migration %s: record: %w", m.Name, err)
		}
		return nil
	})
}

// lockedVersions takes the migration lock for the rest of tx, creates the
// bookkeeping table if needed (under the lock: concurrent CREATE TABLE IF
// NOT EXISTS can fail) and returns the recorded versions, failing with
// store.ErrSchemaTooNew when one of them is not in known.
func lockedVersions(ctx context.Context, tx pgx.Tx, known map[int]bool) (map[int]bool, error) {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrateLockKey); err != nil {
		return nil, fmt.Errorf("store: migration lock: %w", err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    integer     NOT NULL PRIMARY KEY,
		name       text        NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now()
	)`); err != nil {
		return nil, fmt.Errorf("store: create schema_migrations: %w", err)
	}
	rows, err := tx.Query(ctx, `SELECT version, name FROM schema_migrations ORDER BY version`)
	if err != nil {
		return nil, fmt.Errorf("store: read schema_migrations: %w", err)
	}
	defer rows.Close()
	return schema.CollectApplied(rows, known)
}

// checkSchema fails unless the database holds exactly this build's
// migrations: what a reader that may not migrate needs. A database without
// warta's tables is store.ErrNoDatabase.
func checkSchema(ctx context.Context, pool *pgxpool.Pool) error {
	migs, err := schema.LoadMigrations(migrationFiles, migrationDir)
	if err != nil {
		return err
	}
	known := schema.Known(migs)
	var exists bool
	if err := pool.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err != nil {
		return fmt.Errorf("store: postgres: %w", err)
	}
	if !exists {
		return fmt.Errorf("%w: the PostgreSQL database has no warta tables", store.ErrNoDatabase)
	}
	rows, err := pool.Query(ctx, `SELECT version, name FROM schema_migrations ORDER BY version`)
	if err != nil {
		return fmt.Errorf("store: read schema_migrations: %w", err)
	}
	defer rows.Close()
	applied, err := schema.CollectApplied(rows, known)
	if err != nil {
		return err
	}
	if missing := schema.Missing(applied, known); len(missing) > 0 {
		return fmt.Errorf("store: postgres: schema lacks migrations %v: open it once for writing to migrate it", missing)
	}
	return nil
}
