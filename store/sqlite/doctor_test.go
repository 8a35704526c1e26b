package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/sqlitefault"
	"github.com/warta-news/warta/store"
)

func TestCheckHealthyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "warta.db")
	fillAndClose(t, path, 30)
	h, err := Check(context.Background(), path, false)
	if err != nil {
		t.Fatal(err)
	}
	if !h.Healthy() || h.SchemaVersion != h.BuildVersion || h.SchemaVersion < 1 {
		t.Errorf("healthy file: %+v", h)
	}
	want := []store.TableRows{{Table: "articles", Rows: 30}, {Table: "article_topics", Rows: 60}, {Table: "article_sources", Rows: 30}, {Table: "fetch_state", Rows: 1}, {Table: "meta", Rows: 3}, {Table: "websub_subscriptions", Rows: 0}, {Table: "host_holds", Rows: 1}, {Table: "story_labels", Rows: 2}, {Table: "story_joins", Rows: 1}, {Table: "story_join_labels", Rows: 1}} // meta: topic_rules, the feeds' and the stories' versions
	if !reflect.DeepEqual(h.Tables, want) {
		t.Errorf("counts %+v, want %+v", h.Tables, want)
	}
	if _, err := Check(context.Background(), filepath.Join(t.TempDir(), "none.db"), false); !errors.Is(err, store.ErrNoDatabase) {
		t.Errorf("Check of a missing file = %v, want store.ErrNoDatabase", err)
	}
}

// A damaged leaf in the middle of the articles table: Check says so, and
// Salvage copies every other row into a new database that is healthy and
// holds exactly the readable articles, with their topics.
func TestCheckAndSalvageDamagedFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "warta.db")
	const total = 300
	fillAndClose(t, path, total)
	orig := allArticles(t, path)
	lost := sqlitefault.CorruptLeaf(t, path, "articles", 10)
	if lost == 0 || lost >= total {
		t.Fatalf("the damaged leaf held %d rows", lost)
	}

	for _, quick := range []bool{false, true} {
		h, err := Check(ctx, path, quick)
		if err != nil {
			t.Fatal(err)
		}
		if h.Healthy() {
			t.Errorf("Check(quick=%v) found a damaged file healthy: %+v", quick, h)
		}
	}

	out := filepath.Join(dir, "salvaged.db")
	got, err := Salvage(ctx, path, out)
	if err != nil {
		t.Fatal(err)
	}
	readable := int64(total - lost)
	want := []store.TableRows{{Table: "articles", Rows: readable}, {Table: "article_topics", Rows: 2 * readable}, {Table: "article_sources", Rows: readable}, {Table: "fetch_state", Rows: 1}, {Table: "meta", Rows: 3}, {Table: "websub_subscriptions", Rows: 0}, {Table: "host_holds", Rows: 1}, {Table: "story_labels", Rows: 2}, {Table: "story_joins", Rows: 1}, {Table: "story_join_labels", Rows: 1}} // meta: topic_rules, the feeds' and the stories' versions
	if !reflect.DeepEqual(got.Tables, want) {
		t.Errorf("salvaged %+v, want %+v", got.Tables, want)
	}
	if len(got.Lost) == 0 || !strings.Contains(strings.Join(got.Lost, "\n"), "articles: rowids") {
		t.Errorf("the lost rows are not described: %q", got.Lost)
	}
	h, err := Check(ctx, out, false)
	if err != nil || !h.Healthy() {
		t.Fatalf("the salvaged file: %+v, %v", h, err)
	}
	salvaged := allArticles(t, out)
	if len(salvaged) != int(readable) {
		t.Fatalf("%d articles read back from the salvaged file, want %d", len(salvaged), readable)
	}
	for id, a := range salvaged {
		if !reflect.DeepEqual(a, orig[id]) {
			t.Errorf("article %s changed in salvage:\n got %+v\nwant %+v", id, a, orig[id])
			break
		}
	}

	if _, err := Salvage(ctx, path, out); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("Salvage over an existing file = %v", err)
	}
}

// Check of a file that is not a database reports it as a problem.
func TestCheckJunkFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "warta.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("junk", 2048)), 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := Check(context.Background(), path, false)
	if err != nil || h.Healthy() {
		t.Errorf("Check of junk: %+v, %v", h, err)
	}
}

// allArticles reads every article of the database at path, by ID.
func allArticles(t *testing.T, path string) map[string]*article.Article {
	t.Helper()
	s, err := OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out := map[string]*article.Article{}
	err = s.Since(context.Background(), time.Time{}, func(a *article.Article) error {
		out[a.ID] = a
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
