package postgres

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/pgtest"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/storetest"
)

func TestCheck(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)

	// A database without warta's tables: nothing stored yet.
	h, err := Check(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if h.Healthy() || !strings.Contains(strings.Join(h.Problems, "\n"), "no warta tables") {
		t.Errorf("empty database: %+v", h)
	}
	if s, err := OpenReadOnly(ctx, dsn); !errors.Is(err, store.ErrNoDatabase) {
		if s != nil {
			s.Close()
		}
		t.Errorf("OpenReadOnly of an empty database = %v, want store.ErrNoDatabase", err)
	}

	s := openAt(t, dsn)
	storetest.Save(t, s, storetest.Art(1, 1, "x", "y"), storetest.Art(2, 1))
	h, err = Check(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	want := []store.TableRows{{Table: "articles", Rows: 2}, {Table: "article_topics", Rows: 2}, {Table: "article_sources", Rows: 2},
		{Table: "fetch_state", Rows: 1}, {Table: "meta", Rows: 1}, {Table: "websub_subscriptions", Rows: 0}, {Table: "host_holds", Rows: 0}, {Table: "story_labels", Rows: 0}, {Table: "story_joins", Rows: 0}, {Table: "story_join_labels", Rows: 0}} // meta: the feeds' version
	if !h.Healthy() || h.SchemaVersion != h.BuildVersion || !reflect.DeepEqual(h.Tables, want) {
		t.Errorf("healthy database: %+v, want counts %+v", h, want)
	}

	// A read-only store reads and refuses to write.
	r, err := OpenReadOnly(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Article(ctx, "id00001"); err != nil {
		t.Error(err)
	}
	if err := r.SetMeta(ctx, "k", "v"); err == nil {
		t.Error("a read-only store wrote")
	}

	if _, err := s.pool.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_future.sql')`); err != nil {
		t.Fatal(err)
	}
	h, err = Check(ctx, dsn)
	if err != nil || h.Healthy() || h.SchemaVersion != 9999 {
		t.Errorf("newer schema: %+v, %v", h, err)
	}

	if _, err := Check(ctx, "postgres://warta:s3cret@127.0.0.1:1/warta?sslmode=disable&connect_timeout=5"); err == nil ||
		strings.Contains(err.Error(), "s3cret") {
		t.Errorf("unreachable server: %v", err)
	}
}
