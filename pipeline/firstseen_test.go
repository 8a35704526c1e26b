package pipeline

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// firstSeenAfter runs one cycle at now over oneItem on a store holding
// stored as the last FirstSeen, and returns the article's FirstSeen and
// the log.
func firstSeenAfter(t *testing.T, now, stored time.Time) (time.Time, string) {
	t.Helper()
	ctx := context.Background()
	st := newSQLiteStore(t)
	if err := st.SetMeta(ctx, metaLastFirstSeen, stored.Format(time.RFC3339Nano)); err != nil {
		t.Fatal(err)
	}
	p := newTestPipelineWith(t, st, serve(t, oneItem))
	var log bytes.Buffer
	p.logger = slog.New(slog.NewTextHandler(&log, nil))
	p.now = func() time.Time { return now }
	if _, err := p.RunCycle(ctx); err != nil {
		t.Fatal(err)
	}
	var seen []time.Time
	if err := st.Since(ctx, time.Time{}, func(a *article.Article) error {
		seen = append(seen, a.FirstSeen)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 1 {
		t.Fatalf("%d articles stored, want 1", len(seen))
	}
	if raw, _, err := st.Meta(ctx, metaLastFirstSeen); err != nil || raw != seen[0].UTC().Format(time.RFC3339Nano) {
		t.Errorf("last FirstSeen stored %q (%v), want the batch's %v", raw, err, seen[0])
	}
	return seen[0], log.String()
}

// A cycle stamps after the last FirstSeen another daemon stored when that
// is a usual clock difference ahead, but not after one a clock far ahead
// stored: it warns and stamps from its own clock, and its batch replaces
// the stored value.
func TestFarFutureLastFirstSeenIsNotFollowed(t *testing.T) {
	now := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
	near := now.Add(maxFirstSeenLead / 2)
	if got, _ := firstSeenAfter(t, now, near); !got.After(near) {
		t.Errorf("stored last FirstSeen %v ahead: stamped %v, want after it", near.Sub(now), got)
	}
	far := now.AddDate(1, 0, 0)
	got, log := firstSeenAfter(t, now, far)
	if got.Before(now) || !got.Before(now.Add(time.Second)) {
		t.Errorf("stored last FirstSeen a year ahead: stamped %v, want the cycle's clock %v", got, now)
	}
	if !strings.Contains(log, "level=WARN") || !strings.Contains(log, "far ahead") {
		t.Errorf("no warning of the far-future last FirstSeen:\n%s", log)
	}
}
