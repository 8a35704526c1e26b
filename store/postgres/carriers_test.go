package postgres

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/warta-news/warta/internal/pgtest"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/storetest"
)

// A carrier insert (SaveSources' Carried, CarryAs) racing another daemon's
// delete of the article skips the article: it neither fails the batch nor
// records a carrier of an article that is gone.
func TestCarrierInsertSkipsArticleDeletedMeanwhile(t *testing.T) {
	cases := []struct {
		name  string
		carry func(ctx context.Context, s *Store, id string) error
	}{
		{"SaveSources", func(ctx context.Context, s *Store, id string) error {
			out, err := s.SaveSources(ctx, []store.SourceWrite{{Source: "aggregator", Carried: []string{id}}})
			if err == nil && out[0].Err != nil {
				err = out[0].Err
			}
			return err
		}},
		{"CarryAs", func(ctx context.Context, s *Store, id string) error {
			_, err := s.CarryAs(ctx, "src", "renamed")
			return err
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			dsn := pgtest.DSN(t)
			s := openAt(t, dsn)
			a := storetest.Art(1, 1)
			storetest.Save(t, s, a)

			other, err := pgx.Connect(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close(ctx)
			var deleter int
			if err := other.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&deleter); err != nil {
				t.Fatal(err)
			}
			tx, err := other.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback(ctx)
			if _, err := tx.Exec(ctx, `DELETE FROM articles WHERE id = $1`, a.ID); err != nil {
				t.Fatal(err)
			}

			done := make(chan error, 1)
			go func() { done <- c.carry(ctx, s, a.ID) }()
			// Wait until the insert waits on the delete's lock.
			for count(t, s, `SELECT count(*) FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`, deleter) == 0 {
				select {
				case err := <-done:
					t.Fatalf("the insert did not wait for the delete: %v", err)
				default:
				}
			}
			if err := tx.Commit(ctx); err != nil {
				t.Fatal(err)
			}
			if err := <-done; err != nil {
				t.Fatalf("carrier insert after a concurrent delete: %v", err)
			}
			if n := count(t, s, `SELECT count(*) FROM article_sources WHERE article_id = $1`, a.ID); n != 0 {
				t.Errorf("%d carriers of a deleted article", n)
			}
		})
	}
}
