package store

import (
	"context"
	"testing"

	"github.com/warta-news/warta/internal/pgtest"
)

// openPostgresTemp opens a PostgreSQL store in a fresh schema, closed and
// dropped at cleanup.
func openPostgresTemp(t testing.TB) Store {
	t.Helper()
	s, err := Open(context.Background(), "postgres", pgtest.DSN(t))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// pgCount returns the result of a count query on the store's pool.
func pgCount(t testing.TB, s Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.(*pgStore).pool.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}
