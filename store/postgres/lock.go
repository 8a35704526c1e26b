package postgres

import (
	"context"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/warta-news/warta/store"
)

// lockKey is the advisory lock key of the named lock $1. It names the
// schema too: daemons sharing a store share its schema, while stores in
// other schemas of one database (a test per schema, or two deployments)
// must not block each other.
const lockKey = `hashtextextended('warta:' || current_schema() || ':' || $1, 0)`

// heldLocks are the named locks a store holds, each on its own
// connection.
type heldLocks struct {
	mu    sync.Mutex
	conns map[string]*heldLock
}

// heldLock is one held lock's connection; mu keeps LockHeld and the
// release from using it at once.
type heldLock struct {
	mu   sync.Mutex
	conn *pgxpool.Conn
}

// TryLock takes a session-level advisory lock on a connection held until
// release, so every daemon sharing the database sees it; a daemon that dies
// loses its connection and with it the lock. So does a daemon whose
// connection ends under it: LockHeld tells.
func (s *Store) TryLock(ctx context.Context, name string) (func(), bool, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("store: lock %s: %w", name, err)
	}
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock(`+lockKey+`)`, name).Scan(&ok); err != nil {
		conn.Release()
		return nil, false, fmt.Errorf("store: lock %s: %w", name, err)
	}
	if !ok {
		conn.Release()
		return nil, false, nil
	}
	h := &heldLock{conn: conn}
	s.locks.mu.Lock()
	if s.locks.conns == nil {
		s.locks.conns = map[string]*heldLock{}
	}
	s.locks.conns[name] = h
	s.locks.mu.Unlock()
	return func() {
		s.locks.mu.Lock()
		if s.locks.conns[name] == h {
			delete(s.locks.conns, name)
		}
		s.locks.mu.Unlock()
		h.mu.Lock()
		defer h.mu.Unlock()
		// A failed unlock would leave the lock on a pooled connection:
		// close that connection instead, which frees the lock.
		if _, err := conn.Exec(context.Background(), `SELECT pg_advisory_unlock(`+lockKey+`)`, name); err != nil {
			conn.Conn().Close(context.Background())
		}
		conn.Release()
	}, true, nil
}

// LockHeld implements store.Store: it asks, on the lock's own connection,
// whether that session still holds an advisory lock (each lock has a
// connection of its own). A connection that ended fails the question, and
// its lock is gone.
func (s *Store) LockHeld(ctx context.Context, name string) error {
	s.locks.mu.Lock()
	h := s.locks.conns[name]
	s.locks.mu.Unlock()
	if h == nil {
		return fmt.Errorf("%w: %s is not held", store.ErrLockLost, name)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	var held bool
	err := h.conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = pg_backend_pid()
		AND locktype = 'advisory' AND granted)`).Scan(&held)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		return fmt.Errorf("%w: %s: its connection: %w", store.ErrLockLost, name, err)
	}
	if !held {
		return fmt.Errorf("%w: %s", store.ErrLockLost, name)
	}
	return nil
}
