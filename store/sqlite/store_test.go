package sqlite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/storetest"
)

// driver runs the contract on files in the test's temporary directory.
func driver() storetest.Driver {
	return storetest.Driver{
		Name: "sqlite",
		NewDSN: func(t testing.TB) string {
			return filepath.Join(t.TempDir(), "sub", "warta.db")
		},
		Open: func(t testing.TB, dsn string) store.Store {
			return openAt(t, dsn)
		},
		Precision: time.Nanosecond,
	}
}

func TestContract(t *testing.T) { storetest.Run(t, driver()) }

func BenchmarkContract(b *testing.B) { storetest.Bench(b, driver()) }

func TestOpenRefusesWhatIsNotADatabase(t *testing.T) {
	if _, err := Open(context.Background(), ""); err == nil {
		t.Error("empty dsn accepted")
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err := Open(context.Background(), filepath.Join(file, "warta.db")); err == nil {
		s.Close()
		t.Error("database under a regular file opened")
	}
	if s, err := Open(context.Background(), file); err == nil {
		s.Close()
		t.Error("a file that is not a database opened")
	}
}

// The readers keep a 256 KiB page cache, the writer 1 MiB (SQLite's default
// is 2,000 KiB): every connection of each pool says so, not only the first
// one opened.
func TestPageCacheByRole(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	readers := s.r.Stats().MaxOpenConnections
	conns := make([]*sql.Conn, 0, readers)
	for range readers {
		c, err := s.r.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	w, err := s.w.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for i, c := range append(conns, w) {
		var kib int
		if err := c.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&kib); err != nil {
			t.Fatal(err)
		}
		want := -256
		if c == w {
			want = -1024
		}
		if kib != want {
			t.Errorf("connection %d of %d: cache_size %d, want %d", i, len(conns)+1, kib, want)
		}
	}
}

// A new database's migrations open the writer's temp schema (0008),
// whose page cache would stay in the pool every connection's cache
// shares; the writer goes on on a fresh connection, which has none.
func TestWriterHasNoTempSchemaAfterMigrating(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	var n int
	if err := s.w.QueryRowContext(ctx, "SELECT count(*) FROM pragma_database_list WHERE name = 'temp'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Error("the writer's connection has a temp schema open after migrating")
	}
	// The fresh connection has the writer's settings.
	var kib int
	if err := s.w.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&kib); err != nil {
		t.Fatal(err)
	}
	if kib != -1024 {
		t.Errorf("writer's cache_size %d after migrating, want -1024", kib)
	}
}

// An Open that migrates nothing leaves no temp schema on the writer's
// connection, so it keeps that connection rather than open another.
func TestReopenKeepsTheWritersConnection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "warta.db")
	first := openAt(t, path)
	if got := first.w.Stats().MaxIdleClosed; got != 1 {
		t.Fatalf("migrating Open closed %d idle writer connections, want 1", got)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	again := openAt(t, path)
	if got := again.w.Stats().MaxIdleClosed; got != 0 {
		t.Errorf("Open of a migrated store closed %d idle writer connections, want 0", got)
	}
}

func TestMemory(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.Save(t, s, storetest.Art(1, 1, "x"), storetest.Art(2, 1, "y"))
	// Since's callback may use the store even on the single connection.
	n := 0
	err = s.Since(ctx, time.Time{}, func(a *article.Article) error {
		n++
		_, err := s.Article(ctx, a.ID)
		return err
	})
	if err != nil || n != 2 {
		t.Fatalf("Since: %d articles, %v", n, err)
	}
	stories, err := s.Stories(ctx, "y", 5)
	if err != nil {
		t.Fatal(err)
	}
	if got := storetest.StoryShape(stories); !slices.Equal(got, []string{"id00001:id00001[id00002]"}) {
		t.Errorf("Stories = %v", got)
	}
}

// An in-memory database is private to its process: its named locks hold
// within the store.
func TestMemoryTryLock(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	release, ok, err := s.TryLock(ctx, "cycle")
	if err != nil || !ok {
		t.Fatalf("first TryLock: ok %v, err %v", ok, err)
	}
	if _, ok, err := s.TryLock(ctx, "cycle"); err != nil || ok {
		t.Fatalf("TryLock while held: ok %v, err %v", ok, err)
	}
	release()
	again, ok, err := s.TryLock(ctx, "cycle")
	if err != nil || !ok {
		t.Fatalf("TryLock after release: ok %v, err %v", ok, err)
	}
	again()
}

// BenchmarkReadsDuringWrites measures Stories while another goroutine writes
// batches of 500 articles back to back: with the split pools (query-only
// readers beside the one writer, as Open builds them) and, for comparison,
// with everything on the single writer connection, where a read waits for
// the batch in flight.
func BenchmarkReadsDuringWrites(b *testing.B) {
	ctx := context.Background()
	split := openTemp(b)
	single := &Store{w: split.w, r: split.w}
	n := 0
	next := func(k int) []*article.Article {
		arts := make([]*article.Article, k)
		for i := range arts {
			n++
			arts[i] = storetest.BenchArticle(n, n, "economy")
		}
		return arts
	}
	if _, err := split.SaveSource(ctx, "src", store.FetchState{}, next(2000)); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		s    *Store
	}{{"pools=split", split}, {"pools=single", single}} {
		b.Run(c.name, func(b *testing.B) {
			stop := make(chan struct{})
			done := make(chan error, 1)
			go func() {
				for {
					select {
					case <-stop:
						done <- nil
						return
					default:
					}
					if _, err := split.SaveSource(ctx, "src", store.FetchState{}, next(500)); err != nil {
						done <- err
						return
					}
				}
			}()
			for b.Loop() {
				if _, err := c.s.Stories(ctx, "economy", 100); err != nil {
					b.Fatal(err)
				}
			}
			close(stop)
			if err := <-done; err != nil {
				b.Fatal(err)
			}
		})
	}
}

// Checkpoint puts what was committed into the database file itself, while
// the store stays open: a copy of the file alone holds it.
func TestCheckpointCopiesCommitsIntoTheFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openAt(t, filepath.Join(dir, "warta.db"))
	arts := []*article.Article{storetest.BenchArticle(1, 1, "economy"), storetest.BenchArticle(2, 2, "politics")}
	if _, err := s.SaveSource(ctx, "src", store.FetchState{ETag: `"v1"`}, arts); err != nil {
		t.Fatal(err)
	}
	// fileAlone counts the articles a copy of the file alone holds (-1
	// when it holds no schema yet).
	fileAlone := func(name string) int {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(dir, "warta.db"))
		if err != nil {
			t.Fatal(err)
		}
		copyPath := filepath.Join(dir, name)
		if err := os.WriteFile(copyPath, data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := OpenReadOnly(ctx, copyPath)
		if err != nil {
			return -1
		}
		defer c.Close()
		n, err := c.ArticlesBySource(ctx)
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, k := range n {
			total += k
		}
		return total
	}
	if n := fileAlone("before.db"); n == len(arts) {
		t.Fatal("the file alone holds the articles before the checkpoint: the test shows nothing")
	}
	if err := s.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if n := fileAlone("after.db"); n != len(arts) {
		t.Fatalf("the file alone holds %d articles after Checkpoint, want %d", n, len(arts))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}
