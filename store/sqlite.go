package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	// The pure-Go SQLite driver, registered as "sqlite".
	_ "modernc.org/sqlite"
)

// connParams are set on every connection. busy_timeout covers the rare waits
// that remain (checkpoints, another process); WAL lets readers run while the
// writer writes; synchronous=NORMAL is durable across application crashes in
// WAL mode and only risks the last commits on power loss.
const connParams = "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)" +
	"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"

// sqliteStore is the SQLite Store. Writes go through w, a pool of exactly one
// connection whose transactions start with BEGIN IMMEDIATE: writers queue in
// database/sql instead of meeting SQLITE_BUSY on a lock upgrade. Reads go
// through r, a small pool of query-only connections that WAL lets run beside
// the writer. For ":memory:" both are the same single connection, since every
// connection would otherwise see its own empty database.
type sqliteStore struct {
	w     *sql.DB
	r     *sql.DB
	path  string // the database file; "" in memory
	locks localLocks
}

func openSQLite(ctx context.Context, dsn string) (Store, error) {
	if dsn == "" {
		return nil, errors.New("store: empty sqlite dsn")
	}
	if dsn == ":memory:" {
		db, err := sql.Open("sqlite", ":memory:?_pragma=foreign_keys(1)&_txlock=immediate")
		if err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
		db.SetConnMaxIdleTime(0)
		db.SetConnMaxLifetime(0)
		s := &sqliteStore{w: db, r: db}
		if err := migrate(ctx, db); err != nil {
			db.Close()
			return nil, err
		}
		return s, nil
	}

	path, _, hasQuery := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("store: create database directory: %w", err)
	}
	base := dsn + "?"
	if hasQuery {
		base = dsn + "&"
	}

	w, err := sql.Open("sqlite", base+connParams+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	w.SetConnMaxLifetime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// Migrating on the writer first also switches the file to WAL before
	// any reader connects.
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, err
	}

	r, err := sql.Open("sqlite", base+connParams+"&_query_only=1")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: %w", err)
	}
	n := max(2, runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	if err := r.PingContext(ctx); err != nil {
		r.Close()
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return &sqliteStore{w: w, r: r, path: path}, nil
}

// Close lets SQLite refresh its planner statistics, then closes both pools.
func (s *sqliteStore) Close() error {
	_, errOpt := s.w.Exec("PRAGMA optimize")
	var errR error
	if s.r != s.w {
		errR = s.r.Close()
	}
	errW := s.w.Close()
	if err := errors.Join(errR, errW); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	if errOpt != nil {
		return fmt.Errorf("store: close: optimize: %w", errOpt)
	}
	return nil
}

// inTx runs fn in a write transaction, committing when fn succeeds and
// rolling back otherwise.
func (s *sqliteStore) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}
