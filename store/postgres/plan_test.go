package postgres

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/warta-news/warta/internal/pgtest"
)

// The page of all leads can walk the index articles_arrived (migration
// 0008) in arrivalOrder without sorting: the index and arrivalOrder are the
// same expression. Sorting is priced out so that the plan shows whether the
// index can give the order at all, whatever the statistics of a small table.
func TestLeadPageCanWalkTheArrivalIndex(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, pgtest.DSN(t))
	query, args := leadPage("", 10)
	var plan []string
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL enable_sort = off`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SET LOCAL enable_seqscan = off`); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `EXPLAIN `+query, args...)
		if err != nil {
			return err
		}
		plan, err = pgx.CollectRows(rows, pgx.RowTo[string])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(plan, "\n")
	if !strings.Contains(text, "Index Scan using articles_arrived") || strings.Contains(text, "Sort") {
		t.Errorf("plan:\n%s\nwant a walk of articles_arrived without a sort", text)
	}
}
