package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/sqlitefault"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/storetest"
)

// Deleting the database under a running daemon (rm data/warta.db): every
// later write and the next cycle's lock fail with store.ErrFileReplaced,
// instead of going into the unlinked file that a restart would never see.
// Closing removes the WAL left behind, so the database a restart creates
// starts clean instead of replaying the old file's pages.
func TestWritesStopWhenFileDeleted(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "warta.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Save(t, s, storetest.Art(1, 1))
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	assertWritesRefused(t, s, path, "deleted")
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused write created %s: %v", path, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left behind: %v", path+suffix, err)
		}
	}
	again := openAt(t, path)
	all, err := again.Stories(ctx, "", 10)
	if err != nil || len(all) != 0 {
		t.Errorf("the database created after the deletion holds %d stories, %v; want a clean empty one", len(all), err)
	}
}

// Replacing the file (a restored backup renamed into place) is caught too.
func TestWritesStopWhenFileReplaced(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "warta.db")
	s := openAt(t, path)
	storetest.Save(t, s, storetest.Art(1, 1))
	other := filepath.Join(dir, "backup.db")
	b, err := Open(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Save(t, b, storetest.Art(7, 7))
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(other, path); err != nil {
		t.Fatal(err)
	}
	assertWritesRefused(t, s, path, "replaced")
	// Once the daemon lets go of the old file (its WAL, still named after
	// the path, goes with it), what was renamed into place is intact:
	// nothing of s went into it.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ex, err := r.Existing(ctx, []string{"id00001", "id00002", "id00007"})
	if err != nil || len(ex) != 1 || !ex["id00007"] {
		t.Errorf("the new file holds %v, %v; want only its own id00007", ex, err)
	}
}

func assertWritesRefused(t *testing.T, s *Store, path, how string) {
	t.Helper()
	ctx := context.Background()
	writes := map[string]func() error{
		"SaveSource": func() error {
			_, err := s.SaveSource(ctx, "src", store.FetchState{}, []*article.Article{storetest.Art(2, 2)})
			return err
		},
		"SetMeta":     func() error { return s.SetMeta(ctx, "k", "v") },
		"SetTopics":   func() error { return s.SetTopics(ctx, map[string][]article.TopicMatch{"id00001": nil}) },
		"SetSketches": func() error { return s.SetSketches(ctx, map[string][]byte{"id00001": {5}}) },
		"Prune":       func() error { _, err := s.Prune(ctx, storetest.Art(9, 9).FirstSeen, nil); return err },
		"TryLock": func() error {
			release, _, err := s.TryLock(ctx, "cycle")
			if release != nil {
				release()
			}
			return err
		},
	}
	for name, write := range writes {
		err := write()
		if !errors.Is(err, store.ErrFileReplaced) {
			t.Errorf("%s after the file was %s: %v, want store.ErrFileReplaced", name, how, err)
			continue
		}
		if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), how) {
			t.Errorf("%s: error %q does not name %s and what happened (%s)", name, err, path, how)
		}
	}
}

// Reading must never create a database: a missing file is
// store.ErrNoDatabase and stays missing.
func TestOpenReadOnlyCreatesNothing(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, "warta.db")
	s, err := OpenReadOnly(ctx, path)
	if !errors.Is(err, store.ErrNoDatabase) || !strings.Contains(fmtErr(err), path) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("OpenReadOnly of a missing file = %v, want store.ErrNoDatabase naming %s", err, path)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("OpenReadOnly created %s (%v)", dir, err)
	}
}

// A read-only store reads what a writer stored, refuses writes, and leaves
// the file as it was.
func TestOpenReadOnlyReadsAndRefusesWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "warta.db")
	w := openAt(t, path)
	storetest.Save(t, w, storetest.Art(1, 1, "x"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if a, err := r.Article(ctx, "id00001"); err != nil || !a.HasTopic("x") {
		t.Errorf("read-only Article: %+v, %v", a, err)
	}
	if err := r.SetMeta(ctx, "k", "v"); err == nil {
		t.Error("a read-only store wrote")
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Error("reading changed the database file")
	}
}

// A damaged file is reported as store.ErrCorrupt, at open when it is not a
// database at all, and on the read that meets a damaged page otherwise.
func TestCorruptFileIsErrCorrupt(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte(strings.Repeat("not a database ", 512)), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, open := range map[string]func(context.Context, string) (*Store, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
		if s, err := open(ctx, junk); !errors.Is(err, store.ErrCorrupt) {
			if s != nil {
				s.Close()
			}
			t.Errorf("%s of a file that is not a database = %v, want store.ErrCorrupt", name, err)
		}
	}

	path := filepath.Join(dir, "warta.db")
	fillAndClose(t, path, 300)
	sqlitefault.CorruptLeaf(t, path, "articles", 10)
	s, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatalf("a file with one damaged leaf should open: %v", err)
	}
	defer s.Close()
	err = s.Since(ctx, storetest.Art(0, 0).FirstSeen.AddDate(-1, 0, 0), func(*article.Article) error { return nil })
	if !errors.Is(err, store.ErrCorrupt) || !strings.Contains(err.Error(), path) {
		t.Errorf("reading every article of a damaged file = %v, want store.ErrCorrupt naming the file", err)
	}
}

func fmtErr(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// export beside a running daemon: a read-only store reads what the writer
// committed (still in the WAL) while the writer goes on writing.
func TestOpenReadOnlyBesideAWriter(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "warta.db")
	w := openAt(t, path)
	storetest.Save(t, w, storetest.Art(1, 1))
	r, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Article(ctx, "id00001"); err != nil {
		t.Errorf("reader beside the writer: %v", err)
	}
	storetest.Save(t, w, storetest.Art(2, 2))
	if _, err := r.Article(ctx, "id00002"); err != nil {
		t.Errorf("reader after another write: %v", err)
	}
}
