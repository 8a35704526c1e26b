// Package sqlite is the embedded SQLite store.Store (pure Go, modernc.org/sqlite):
// one file, WAL, a single writer connection beside a pool of readers. It
// also checks and salvages damaged files (Check, Salvage).
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	// The pure-Go SQLite driver, registered as "sqlite".
	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"

	"github.com/warta-news/warta/store"
)

// connParams are set on every connection. busy_timeout covers the rare waits
// that remain (checkpoints, another process); WAL lets readers run while the
// writer writes; synchronous=NORMAL is durable across application crashes in
// WAL mode and only risks the last commits on power loss.
const connParams = "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)" +
	"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"

// writerParams are set on the writer connection. Its page cache is 1 MiB,
// half SQLite's default: a batch writes ~20 MiB of pages (below), far
// beyond either cache, so its dirty pages spill into the WAL either way.
// With the readers' smaller caches this cut the peak RSS of a 1,000-feed
// first ingest by ~3 MB, its CPU alike; the writing alone is ~3% slower
// at 20,000 articles, ~9% while a small store still fits 2 MiB
// (BENCHMARKS.md). 16 MiB saved a few percent of the writing's CPU but
// raised the peak RSS by 28 MB.
//
// The writer checkpoints the WAL into the file after it passes 10,000
// pages (40 MiB; SQLite's default is 1,000): a page rewritten by many
// batches, as random-keyed index pages are, is copied once per checkpoint,
// and with synchronous=NORMAL the checkpoint is the only fsync. A 500-
// article batch writes ~20 MiB of WAL, so the default checkpointed after
// nearly every batch; this cut the writes by 12%, the reads by 15% and
// the fsyncs from 176 to 47 in the SaveSources benchmark. Durability is
// unchanged against a killed process (every commit is in the WAL the OS
// holds); on power loss the commits since the last checkpoint's fsync may
// be lost, up to 40 MiB instead of 4, but never half of one: a source's
// articles and its fetch state commit together, so what is lost is
// fetched again. Close checkpoints and removes the WAL.
const writerParams = "&_txlock=immediate&_pragma=wal_autocheckpoint(10000)&_pragma=cache_size(-1024)"

// readerParams are set on the query-only connections: a 256 KiB page cache
// each instead of SQLite's 2 MiB. What they read is either a walk in key
// order (the sketches at start, a feed's stories) or a point lookup
// (Existing), so a large cache holds pages read once; with one pool per
// core, the default let the readers keep up to 4 MiB more than the writer
// in a `warta once` whose peak RSS is held to tens of megabytes.
const readerParams = "&_query_only=1&_pragma=cache_size(-256)"

// Store is the SQLite store.Store. Writes go through w, a pool of exactly one
// connection whose transactions start with BEGIN IMMEDIATE: writers queue in
// database/sql instead of meeting SQLITE_BUSY on a lock upgrade. Reads go
// through r, a small pool of query-only connections that WAL lets run beside
// the writer. For ":memory:" both are the same single connection, since every
// connection would otherwise see its own empty database. A read-only Store
// has no writer.
type Store struct {
	w    *sql.DB // nil when read-only
	r    *sql.DB
	path string      // the database file; "" in memory
	file os.FileInfo // the file opened, to notice it being replaced
	// wal and shm are the WAL and its index as opened (nil when absent),
	// to remove them when the database file is gone; see Close.
	wal, shm os.FileInfo
	locks    localLocks

	claimMu sync.Mutex   // guards claim
	claim   *claimHolder // the owner holding the store-wide lock by Claim
}

var _ store.Store = (*Store)(nil)

// Open opens the SQLite store at dsn, creating and migrating the database
// as needed. dsn is a file path (the parent directory is created),
// optionally followed by "?" and extra modernc.org/sqlite parameters, or
// ":memory:".
func Open(ctx context.Context, dsn string) (*Store, error) {
	if dsn == "" {
		return nil, errors.New("store: empty sqlite dsn")
	}
	if dsn == ":memory:" {
		return openMemory(ctx)
	}
	path, query := splitDSN(dsn)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("store: create database directory: %w", err)
	}
	base := dsn + "?"
	if query != "" {
		base = dsn + "&"
	}
	w, err := openPool(ctx, path, base+connParams+writerParams, 1)
	if err != nil {
		return nil, err
	}
	// Migrating on the writer first also switches the file to WAL before
	// any reader connects.
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, classify(path, err)
	}
	if err := dropTempSchema(ctx, w); err != nil {
		w.Close()
		return nil, classify(path, err)
	}
	file, err := os.Stat(path)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	r, err := openPool(ctx, path, base+connParams+readerParams, max(2, runtime.GOMAXPROCS(0)))
	if err != nil {
		w.Close()
		return nil, err
	}
	wal, _ := os.Stat(path + "-wal")
	shm, _ := os.Stat(path + "-shm")
	return &Store{w: w, r: r, path: path, file: file, wal: wal, shm: shm}, nil
}

// OpenReadOnly opens an existing SQLite database for reading: it never
// creates a file or migrates. A missing file is store.ErrNoDatabase, a
// damaged one store.ErrCorrupt; a schema older than this build's fails too,
// since only a writer may migrate it.
func OpenReadOnly(ctx context.Context, dsn string) (*Store, error) {
	if dsn == "" {
		return nil, errors.New("store: empty sqlite dsn")
	}
	if dsn == ":memory:" {
		return nil, fmt.Errorf("%w: an in-memory database holds nothing until written", store.ErrNoDatabase)
	}
	path, query := splitDSN(dsn)
	file, err := statExisting(path)
	if err != nil {
		return nil, err
	}
	ro := readOnlyDSN(path, query)
	r, err := openPool(ctx, path, ro, max(2, runtime.GOMAXPROCS(0)))
	if err != nil {
		return nil, err
	}
	if err := checkSchema(ctx, r); err != nil {
		r.Close()
		return nil, classify(path, fmt.Errorf("store: %s: %w", path, err))
	}
	return &Store{r: r, path: path, file: file}, nil
}

// statExisting returns the file at path, store.ErrNoDatabase when there is
// none.
func statExisting(path string) (os.FileInfo, error) {
	file, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w at %s", store.ErrNoDatabase, path)
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if !file.Mode().IsRegular() {
		return nil, fmt.Errorf("store: open %s: not a regular file", path)
	}
	return file, nil
}

// readOnlyDSN is a URI filename opening path with mode=ro: SQLite then
// refuses to create the file or write to it.
func readOnlyDSN(path, query string) string {
	u := "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=ro&" + connParams
	if query != "" {
		u += "&" + query
	}
	return u
}

// splitDSN returns the file path of dsn and its query, if any.
func splitDSN(dsn string) (path, query string) {
	path, query, _ = strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	return path, query
}

// openPool opens a pool of at most n connections to dsn and checks that it
// answers.
func openPool(ctx context.Context, path, dsn string, n int) (*sql.DB, error) {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	if n == 1 {
		db.SetConnMaxIdleTime(0)
		db.SetConnMaxLifetime(0)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, classify(path, fmt.Errorf("store: open %s: %w", path, err))
	}
	return db, nil
}

// dropTempSchema closes the writer's idle connection when a migration
// left a temp schema open on it (0008, which drops and renames a table,
// does on a new database); the next use opens a fresh one. The temp schema
// has SQLite's default page cache of 2,000 KiB for the connection's whole
// life. modernc builds SQLite with SQLITE_ENABLE_MEMORY_MANAGEMENT, so all
// connections' page caches are one pool bounded by the sum of their
// sizes, and that cache let the pool hold ~3.6 MiB of pages where the main
// caches ask for 1.5 (each 4 KiB page in an 8 KiB slot of modernc's
// allocator). On a fresh connection a 1,000-feed first ingest peaked ~3.5
// MB lower (BENCHMARKS.md, "perf11"). An Open that migrated nothing keeps
// its connection: asking costs a query, a new connection ~1 ms.
func dropTempSchema(ctx context.Context, w *sql.DB) error {
	var open bool
	err := w.QueryRowContext(ctx, "SELECT count(*) > 0 FROM pragma_database_list WHERE name = 'temp'").Scan(&open)
	if err != nil {
		return fmt.Errorf("store: writer's schemas: %w", err)
	}
	if open {
		n := w.Stats().MaxOpenConnections
		w.SetMaxIdleConns(0)
		w.SetMaxIdleConns(n)
	}
	return nil
}

func openMemory(ctx context.Context) (*Store, error) {
	db, err := sql.Open("sqlite", ":memory:?_pragma=foreign_keys(1)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return &Store{w: db, r: db}, nil
}

// Close lets SQLite refresh its planner statistics, then closes both pools.
// When the database file was deleted or replaced while open, SQLite leaves
// the WAL and its index behind, still named after the path, holding the old
// file's last writes: the next database opened at that path would take them
// for its own and be corrupted. Close removes them, if they are still the
// ones this store opened.
func (s *Store) Close() error {
	if s.w == nil {
		if err := s.r.Close(); err != nil {
			return fmt.Errorf("store: close: %w", err)
		}
		return nil
	}
	gone := s.checkFile() != nil
	var errOpt error
	if !gone {
		_, errOpt = s.w.Exec("PRAGMA optimize")
	}
	var errR error
	if s.r != s.w {
		errR = s.r.Close()
	}
	errW := s.w.Close()
	if err := errors.Join(errR, errW); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	if gone {
		return s.removeSidecars()
	}
	if errOpt != nil {
		return fmt.Errorf("store: close: optimize: %w", errOpt)
	}
	return nil
}

// removeSidecars removes the WAL and its index at the path when they are
// the files this store opened.
func (s *Store) removeSidecars() error {
	var errs []error
	for suffix, opened := range map[string]os.FileInfo{"-wal": s.wal, "-shm": s.shm} {
		now, err := os.Stat(s.path + suffix)
		if opened == nil || err != nil || !os.SameFile(opened, now) {
			continue
		}
		if err := os.Remove(s.path + suffix); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("store: close: remove the WAL of the replaced file: %w", err)
	}
	return nil
}

// checkFile fails with store.ErrFileReplaced when the path no longer names
// the file opened: deleted, moved away or replaced by another. SQLite would
// go on writing into the open file, and everything written would be lost
// with it. It costs one stat per write transaction.
func (s *Store) checkFile() error {
	if s.path == "" {
		return nil
	}
	now, err := os.Stat(s.path)
	if err == nil && os.SameFile(s.file, now) {
		return nil
	}
	what := "replaced by another file"
	if errors.Is(err, os.ErrNotExist) {
		what = "deleted or moved"
	} else if err != nil {
		what = err.Error()
	}
	return fmt.Errorf("%w: %s was %s; nothing more is written to the old file: "+
		"restore it, or restart to open what is at that path now", store.ErrFileReplaced, s.path, what)
}

// writer returns the writer pool, failing when the store is read-only or
// its file was replaced.
func (s *Store) writer() (*sql.DB, error) {
	if s.w == nil {
		return nil, fmt.Errorf("store: %s is open read-only", s.path)
	}
	if err := s.checkFile(); err != nil {
		return nil, err
	}
	return s.w, nil
}

// inTx runs fn in a write transaction, committing when fn succeeds and
// rolling back otherwise.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	w, err := s.writer()
	if err != nil {
		return err
	}
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return s.classify(fmt.Errorf("store: begin: %w", err))
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return s.classify(err)
	}
	if err := tx.Commit(); err != nil {
		return s.classify(fmt.Errorf("store: commit: %w", err))
	}
	return nil
}

// classify marks errors from a damaged file with store.ErrCorrupt.
func (s *Store) classify(err error) error { return classify(s.path, err) }

// classify marks err with store.ErrCorrupt when SQLite found the file at
// path malformed or not a database at all.
func classify(path string, err error) error {
	var se *sqlite3.Error
	if err == nil || errors.Is(err, store.ErrCorrupt) || !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqlite3lib.SQLITE_CORRUPT, sqlite3lib.SQLITE_NOTADB:
		if path == "" {
			path = "in memory"
		}
		return fmt.Errorf("%w (%s): %w", store.ErrCorrupt, path, err)
	}
	return err
}

// Checkpoint copies the WAL's pages into the database file and syncs it
// (a passive checkpoint: it waits for no reader). Close does the same, so
// a process that has written its last commit may checkpoint beforehand,
// beside other work, to leave Close little to copy.
func (s *Store) Checkpoint(ctx context.Context) error {
	if s.w == nil || s.path == "" {
		return nil
	}
	if _, err := s.w.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)"); err != nil {
		return fmt.Errorf("store: checkpoint: %w", err)
	}
	return nil
}
