package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// migrateLockKey is the pg_advisory_xact_lock key that serialises migrating
// among the daemons sharing a database ("warta" in ASCII). It is one key per
// database, not per schema: deployments in two schemas of one database
// merely take turns migrating.
const migrateLockKey int64 = 0x7761727461

// migratePostgres brings the database to the newest embedded PostgreSQL
// schema; see applyPgMigrations.
func migratePostgres(ctx context.Context, pool *pgxpool.Pool) error {
	migs, err := loadMigrations(migrationFiles, postgresMigrations)
	if err != nil {
		return err
	}
	return applyPgMigrations(ctx, pool, migs)
}

// applyPgMigrations applies migs in order, each in its own transaction with
// its schema_migrations row, so a failed migration leaves the previous
// version intact. Each transaction first takes an advisory lock: daemons
// starting together queue there, and the one that gets the lock second sees
// what the first committed. A transaction-scoped lock cannot leak on an
// error path and works through transaction-pooling proxies. A database
// holding a version this build does not know is refused with
// ErrSchemaTooNew.
func applyPgMigrations(ctx context.Context, pool *pgxpool.Pool, migs []migration) error {
	known := map[int]bool{}
	for _, m := range migs {
		known[m.version] = true
	}
	for _, m := range migs {
		if err := applyPgOne(ctx, pool, m, known); err != nil {
			return err
		}
	}
	// Checked even when nothing was pending: an up-to-date database may
	// still carry a newer version.
	return runTx(ctx, pool, func(tx pgx.Tx) error {
		_, err := lockedPgVersions(ctx, tx, known)
		return err
	})
}

// applyPgOne applies m unless it is already recorded.
func applyPgOne(ctx context.Context, pool *pgxpool.Pool, m migration, known map[int]bool) error {
	return runTx(ctx, pool, func(tx pgx.Tx) error {
		applied, err := lockedPgVersions(ctx, tx, known)
		if err != nil {
			return err
		}
		if applied[m.version] {
			return nil
		}
		// No arguments: pgx sends the file with the simple protocol, which
		// runs several statements.
		if _, err := tx.Exec(ctx, m.sql); err != nil {
			return fmt.Errorf("store: migration %s: %w", m.name, err)
		}
		if _, err := tx.Exec(ctx,
			`INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.version, m.name); err != nil {
			return fmt.Errorf("store: migration %s: record: %w", m.name, err)
		}
		return nil
	})
}

// lockedPgVersions takes the migration lock for the rest of tx, creates the
// bookkeeping table if needed (under the lock: concurrent CREATE TABLE IF
// NOT EXISTS can fail) and returns the recorded versions, failing with
// ErrSchemaTooNew when one of them is not in known.
func lockedPgVersions(ctx context.Context, tx pgx.Tx, known map[int]bool) (map[int]bool, error) {
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
	return collectApplied(rows, known)
}
