package postgres

import (
	"context"
	"testing"

	"github.com/warta-news/warta/store/storetest"
)

// openAt opens the store at dsn, closed at cleanup.
func openAt(t testing.TB, dsn string) *Store {
	t.Helper()
	return storetest.Open(t, Open, dsn)
}

// count returns the result of a count query on the store's pool.
func count(t testing.TB, s *Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.pool.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}
