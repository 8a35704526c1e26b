package sqlite

import (
	"context"
	"strings"
	"testing"
)

// The story page's plans that walk the leads index list the leads in
// arrivalOrder as the index holds them, without sorting: the index
// articles_arrived (migration 0009) and arrivalOrder are the same
// expression. A sparse topic's few leads are sorted by design.
func TestStoryPageWalksTheArrivalIndex(t *testing.T) {
	s := openTemp(t)
	for name, q := range map[string]string{"all": allLeads, "dense topic": denseTopicLeads} {
		args := []any{10}
		if q == denseTopicLeads {
			args = []any{"politics", 10}
		}
		rows, err := s.r.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+q, args...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			plan = append(plan, detail)
		}
		if err := rows.Close(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		text := strings.Join(plan, "; ")
		if !strings.Contains(text, "USING INDEX articles_arrived") || strings.Contains(text, "TEMP B-TREE") {
			t.Errorf("%s: plan %q, want a walk of articles_arrived without a sort", name, text)
		}
	}
}
