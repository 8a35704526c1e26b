// Package postgres is the PostgreSQL store.Store (pgx), for several warta
// daemons sharing one database.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/warta-news/warta/store"
)

// Store is the PostgreSQL Store, for several warta daemons sharing one
// database. Every method is one statement or one short transaction on a
// pgxpool; PostgreSQL's row locks and MVCC do what the single writer
// connection does for SQLite. Times have microsecond precision: nanoseconds
// are truncated on the way in.
type Store struct {
	pool *pgxpool.Pool
	// inserted counts the articles this store inserted since it last
	// refreshed the planner's statistics; see refreshStats.
	inserted atomic.Int64
	// locks are the named locks (TryLock) held, for LockHeld.
	locks heldLocks
}

var _ store.Store = (*Store)(nil)

// txAttempts bounds how often a write transaction is retried after a
// deadlock or serialization failure, which two daemons writing overlapping
// rows can meet; the transaction was rolled back, so running it again is safe.
const txAttempts = 3

// Open opens the PostgreSQL store at dsn and migrates its schema. dsn is a
// pgx connection string, a URL such as
// "postgres://warta@db:5432/warta?sslmode=disable" or keyword/value pairs
// ("host=db user=warta dbname=warta"), with pgxpool parameters such as
// pool_max_conns; the database must exist. Tables go into the first schema
// of the search_path (add search_path=name to use another). Daemons opening
// the same database at once migrate it once, and may then write to it
// concurrently. PostgreSQL keeps microseconds: the nanoseconds of stored
// times are truncated.
func Open(ctx context.Context, dsn string) (*Store, error) {
	pool, err := connect(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, err
	}
	return &Store{pool: pool}, nil
}

// OpenReadOnly opens the PostgreSQL store at dsn for reading: it does not
// migrate, and fails unless the schema is exactly this build's (an empty
// database is store.ErrNoDatabase). Every connection's transactions default
// to read only, so PostgreSQL refuses writes.
func OpenReadOnly(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: postgres dsn: %w", dsnError(err))
	}
	cfg.ConnConfig.RuntimeParams["default_transaction_read_only"] = "on"
	pool, err := connectConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := checkSchema(ctx, pool); err != nil {
		pool.Close()
		return nil, err
	}
	return &Store{pool: pool}, nil
}

// heldConns is how many connections a cycle holds for long: one for the
// stories lock, one for its writer's transaction. Unless the DSN sets
// pool_max_conns, a daemon's pool has these on top of pgx's default
// (max(4, cores)), which the fetch workers' short queries share: with
// pgx's default alone they queued behind the two (a first ingest of 1,000
// feeds 11.9 s against 8.6–9.8 s with 6 connections on two cores); more
// buy no speed, and each connection keeps a buffer as large as the
// largest batch it sent (peak RSS 203–251 MB with 16 against 170–176 MB
// with 6; BENCHMARKS.md).
const heldConns = 2

// connect opens a pool on dsn for a daemon and checks that the server
// answers.
func connect(ctx context.Context, dsn string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: postgres dsn: %w", dsnError(err))
	}
	if !strings.Contains(dsn, "pool_max_conns") {
		cfg.MaxConns += heldConns
	}
	return connectConfig(ctx, cfg)
}

func connectConfig(ctx context.Context, cfg *pgxpool.Config) (*pgxpool.Pool, error) {
	// The store's statements are short and indexed; JIT compiling them
	// costs more than it saves (hundreds of ms per statement when the
	// planner's estimates are high), unless the DSN asks for it.
	if _, ok := cfg.ConnConfig.RuntimeParams["jit"]; !ok {
		cfg.ConnConfig.RuntimeParams["jit"] = "off"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: postgres: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: postgres: %w", err)
	}
	return pool, nil
}

// dsnError returns err without the DSN text where it can: a DSN may carry a
// password, and url.Parse quotes its input verbatim.
func dsnError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err // pgconn redacts the password in its own messages
}

// Close implements store.Store. It waits for connections in use to be returned.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// inTx runs fn in a read-committed write transaction, committing when fn
// succeeds and rolling back otherwise. fn may run more than once (see
var _ store.Store = (*Store)(nil)

// txAttempts), so it must not keep state across calls.
func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	var err error
	for range txAttempts {
		if err = runTx(ctx, s.pool, fn); !retryable(err) {
			return err
		}
	}
	return err
}

// runTx runs fn in one transaction of pool, committing when fn succeeds and
// rolling back otherwise.
func runTx(ctx context.Context, pool *pgxpool.Pool, fn func(pgx.Tx) error) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback(context.WithoutCancel(ctx))
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// retryable reports a deadlock (40P01) or serialization failure (40001).
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}
