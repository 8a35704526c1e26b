package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/storetest"
)

// openAt opens the store at dsn, closed at cleanup.
func openAt(t testing.TB, dsn string) *Store {
	t.Helper()
	return storetest.Open(t, Open, dsn)
}

// openTemp opens a store on a fresh file in t.TempDir(), closed at cleanup.
func openTemp(t testing.TB) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "warta.db"))
}

// fillAndClose stores n realistic articles (two topics each, ~2 per page),
// a fetch state, a meta key, a host hold, a label and a join at path, and closes the store so that the
// WAL is checkpointed into the file.
func fillAndClose(t *testing.T, path string, n int) {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	arts := make([]*article.Article, n)
	for i := range arts {
		arts[i] = storetest.BenchArticle(i+1, i+1, "economy", "politics")
	}
	st := store.FetchState{ETag: `"x"`, Items: n}
	if _, err := s.SaveSource(context.Background(), "src", st, arts); err != nil {
		t.Fatal(err)
	}
	if err := s.SetMeta(context.Background(), "topic_rules", "sha256:1"); err != nil {
		t.Fatal(err)
	}
	if err := s.HoldHosts(context.Background(), map[string]time.Time{"held.example:443": time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := s.SetLabel(context.Background(), article.Label{Story: arts[0].ID, Topic: "economy", Of: false, Note: "a reader's", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	// The joined story's label moves with it and is kept with the join.
	if err := s.SetLabel(context.Background(), article.Label{Story: arts[1].ID, Topic: "politics", Of: true, At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.JoinStory(context.Background(), article.Join{Story: arts[1].ID, Into: arts[0].ID, Note: "a reader's", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		t.Fatalf("WAL not checkpointed at close (%d bytes)", fi.Size())
	}
}
