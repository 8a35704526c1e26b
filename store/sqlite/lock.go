package sqlite

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
)

// localLocks is the in-process fallback for named locks: an in-memory
// database is private to its process, and platforms without flock have
// only this.
type localLocks struct {
	mu   sync.Mutex
	held map[string]bool
}

func (l *localLocks) tryLock(name string) (func(), bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.held[name] {
		return nil, false
	}
	if l.held == nil {
		l.held = map[string]bool{}
	}
	l.held[name] = true
	return func() {
		l.mu.Lock()
		delete(l.held, name)
		l.mu.Unlock()
	}, true
}

// TryLock takes a lock file beside the database, <file>-<name>.lock, with
// flock: the lock goes with the process, so a crashed daemon leaves none.
func (s *Store) TryLock(ctx context.Context, name string) (func(), bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	// A cycle starts by taking its lock: it stops here when the file is
	// gone, before fetching anything.
	if err := s.checkFile(); err != nil {
		return nil, false, err
	}
	if s.path == "" {
		release, ok := s.locks.tryLock(name)
		return release, ok, nil
	}
	// One process holds a flock once however often it asks, so the
	// in-process lock comes first.
	releaseLocal, ok := s.locks.tryLock(name)
	if !ok {
		return nil, false, nil
	}
	f, err := os.OpenFile(s.path+"-"+sanitizeLockName(name)+".lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		releaseLocal()
		return nil, false, fmt.Errorf("store: lock %s: %w", name, err)
	}
	ok, err = flockTry(f)
	if err != nil || !ok {
		f.Close()
		releaseLocal()
		if err != nil {
			return nil, false, fmt.Errorf("store: lock %s: %w", name, err)
		}
		return nil, false, nil
	}
	return func() {
		flockRelease(f)
		f.Close()
		releaseLocal()
	}, true, nil
}

func sanitizeLockName(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '_'
	}, strings.ToLower(name))
}

// LockHeld implements store.Store: a flock, or the in-process lock, holds
// until released (the process's open file keeps it).
func (s *Store) LockHeld(ctx context.Context, name string) error {
	return ctx.Err()
}
