package pipeline

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/topic"
)

// settersCounted is a store that counts the SetTopics calls (re-tag
// batches) made through it.
type settersCounted struct {
	store.Store
	calls *atomic.Int64
}

func (s settersCounted) SetTopics(ctx context.Context, topics map[string][]article.TopicMatch) error {
	s.calls.Add(1)
	return s.Store.SetTopics(ctx, topics)
}

// Two processes with different topic rules share a store (a daemon and a
// `warta once` with another config, two daemons mid rolling change): the
// rules loaded last win. The later process re-tags the store once; after
// that neither's cycles re-tag, where each used to re-tag the whole store
// back to its own rules every cycle. A process that loads its rules again
// (a reload) is the newest and re-tags once, and the other then leaves
// the store alone in turn.
func TestNewestRulesWinWithoutRetaggingInTurn(t *testing.T) {
	for _, d := range storeDrivers() {
		t.Run(d.name, func(t *testing.T) {
			ctx := context.Background()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Write([]byte(oneItem))
			}))
			defer srv.Close()
			open := d.open(t)
			var calls atomic.Int64
			st := settersCounted{Store: open(), calls: &calls}
			tagged := func(when string) bool {
				t.Helper()
				var world, n int
				err := st.Since(ctx, time.Time{}, func(a *article.Article) error {
					n++
					if a.HasTopic("world") {
						world++
					}
					return nil
				})
				if err != nil || n != 1 {
					t.Fatalf("%s: %d articles stored, %v", when, n, err)
				}
				return world == 1
			}
			cycle := func(p *Pipeline) {
				t.Helper()
				if _, err := p.RunCycle(ctx); err != nil {
					t.Fatal(err)
				}
			}
			sport := topic.Spec{Slug: "sport", Title: "Sport", Terms: map[string][]string{"en": {"football^5"}}}

			daemon := newTestPipelineTopics(t, st, []topic.Spec{testWorld}, srv.URL)
			cycle(daemon)
			if !tagged("after the daemon's cycle") {
				t.Fatal("the article is not tagged world")
			}
			other := newTestPipelineTopics(t, settersCounted{Store: open(), calls: &calls}, []topic.Spec{sport}, srv.URL)
			if tagged("after the other process started") {
				t.Fatal("the other process, loaded last, did not re-tag the store")
			}
			var warned bytes.Buffer
			daemon.logger = slog.New(slog.NewTextHandler(&warned, nil))
			before := calls.Load()
			for round := range 3 {
				cycle(daemon)
				cycle(other)
				if n := calls.Load() - before; n != 0 {
					t.Fatalf("round %d: the store was re-tagged (%d SetTopics calls) though no rules were loaded", round, n)
				}
			}
			if tagged("after both cycled") {
				t.Error("the daemon's older rules re-tagged the store")
			}
			if n := strings.Count(warned.String(), "runs other topic rules"); n != 3 {
				t.Errorf("the daemon warned of the newer rules %d times in 3 cycles, want once a cycle; log:\n%s", n, warned.String())
			}

			reloaded := newTestPipelineTopics(t, st, []topic.Spec{testWorld}, srv.URL) // the daemon's reload
			if !tagged("after the daemon reloaded") {
				t.Fatal("the daemon's reloaded rules, the newest, did not re-tag the store")
			}
			before = calls.Load()
			for round := range 3 {
				cycle(other)
				cycle(reloaded)
				if n := calls.Load() - before; n != 0 {
					t.Fatalf("round %d after the reload: the store was re-tagged (%d SetTopics calls)", round, n)
				}
			}
			if !tagged("after both cycled again") {
				t.Error("the other process's older rules re-tagged the store")
			}
		})
	}
}

// The stored rules' generations order processes alike whichever asks,
// also at equal load times; a record from before generations is older
// than any.
func TestRulesRecordOrder(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 5, time.UTC)
	a := rulesRecord{fingerprint: "aa", loaded: t0}
	b := rulesRecord{fingerprint: "bb", loaded: t0.Add(time.Nanosecond)}
	tie := rulesRecord{fingerprint: "cc", loaded: t0}
	for _, c := range []struct {
		x, y rulesRecord
	}{{b, a}, {tie, a}, {a, parseRulesRecord("ff")}} {
		if !c.x.newer(c.y) || c.y.newer(c.x) {
			t.Errorf("%v vs %v: not ordered one way", c.x, c.y)
		}
	}
	if got := parseRulesRecord(b.String()); got != b {
		t.Errorf("read back %v, want %v", got, b)
	}
}
