package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pgStore is the PostgreSQL Store, for several warta daemons sharing one
// database. Every method is one statement or one short transaction on a
// pgxpool; PostgreSQL's row locks and MVCC do what the single writer
// connection does for SQLite. Times have microsecond precision: nanoseconds
// are truncated on the way in.
type pgStore struct {
	pool *pgxpool.Pool
}

var _ Store = (*pgStore)(nil)

// txAttempts bounds how often a write transaction is retried after a
// deadlock or serialization failure, which two daemons writing overlapping
// rows can meet; the transaction was rolled back, so running it again is safe.
const txAttempts = 3

func openPostgres(ctx context.Context, dsn string) (Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: postgres dsn: %w", dsnError(err))
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: postgres: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: postgres: %w", err)
	}
	if err := migratePostgres(ctx, pool); err != nil {
		pool.Close()
		return nil, err
	}
	return &pgStore{pool: pool}, nil
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

// Close implements Store. It waits for connections in use to be returned.
func (s *pgStore) Close() error {
	s.pool.Close()
	return nil
}

// inTx runs fn in a read-committed write transaction, committing when fn
// succeeds and rolling back otherwise. fn may run more than once (see
var _ Store = (*pgStore)(nil)

// txAttempts), so it must not keep state across calls.
func (s *pgStore) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
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
