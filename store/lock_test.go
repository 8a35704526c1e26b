package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/warta-news/warta/internal/pgtest"
)

// Two stores on one database stand for two processes: a named lock held by
// one is refused to the other (and to the holder itself) until released.
func TestTryLockAcrossStores(t *testing.T) {
	ctx := context.Background()
	pairs := map[string]func(t *testing.T) (Store, Store){
		"sqlite": func(t *testing.T) (Store, Store) {
			path := filepath.Join(t.TempDir(), "warta.db")
			return mustOpen(t, "sqlite", path), mustOpen(t, "sqlite", path)
		},
		"postgres": func(t *testing.T) (Store, Store) {
			dsn := pgtest.DSN(t)
			return mustOpen(t, "postgres", dsn), mustOpen(t, "postgres", dsn)
		},
		"sqlite-memory": func(t *testing.T) (Store, Store) {
			s := mustOpen(t, "sqlite", ":memory:")
			return s, s
		},
	}
	for name, pair := range pairs {
		t.Run(name, func(t *testing.T) {
			a, b := pair(t)
			release, ok, err := a.TryLock(ctx, "cycle")
			if err != nil || !ok {
				t.Fatalf("first TryLock: ok %v, err %v", ok, err)
			}
			for i, s := range []Store{b, a} {
				if _, ok, err := s.TryLock(ctx, "cycle"); err != nil || ok {
					t.Fatalf("TryLock %d while held: ok %v, err %v", i, ok, err)
				}
			}
			other, ok, err := b.TryLock(ctx, "another")
			if err != nil || !ok {
				t.Fatalf("a lock of another name: ok %v, err %v", ok, err)
			}
			other()
			release()
			again, ok, err := b.TryLock(ctx, "cycle")
			if err != nil || !ok {
				t.Fatalf("TryLock after release: ok %v, err %v", ok, err)
			}
			again()
		})
	}
}

func mustOpen(t *testing.T, driver, dsn string) Store {
	t.Helper()
	s, err := Open(context.Background(), driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
