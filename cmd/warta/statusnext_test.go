package main

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/warta-news/warta/publish"
)

// statusSources reads /status.json from h, by source name.
func statusSources(t *testing.T, h http.Handler) map[string]map[string]any {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/status.json", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("/status.json: %d %s", rec.Code, rec.Body)
	}
	var st struct {
		Sources []map[string]any `json:"sources"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &st); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]any{}
	for _, s := range st.Sources {
		out[s["name"].(string)] = s
	}
	return out
}

// A failing source of a daemon on an `@every` schedule is tried again at
// the daemon's first tick after its backoff: the cron entry's, which counts
// from the entry's last run, not a full interval after a cycle run off the
// schedule (at start, after a reload). The cycle's report and the status
// page say so (leftovers4, 3). After a reload that changes the source's URL,
// the status page shows the source afresh, not the old URL's error, before
// the next cycle fetches the new URL (leftovers4, 2).
func TestStatusAgreesWithTheDaemonsSchedule(t *testing.T) {
	site := newNewsSite(t)
	site.handle("/bad", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusInternalServerError) })
	site.serve("/good", "application/rss+xml", rss("A", nil))
	dir := t.TempDir()
	sources := []testSource{{Name: "A", URL: site.URL + "/bad", Language: "id"}}
	e, a := everyHourDaemon(t, dir, sources)
	ctx := t.Context()
	d := newDaemon(ctx, e, a, cron.New(), "")
	// The entry's next tick is 40 minutes away: this cycle runs off the
	// schedule, as the first one and a reload's do.
	tick := time.Now().Add(40 * time.Minute).Truncate(time.Second)
	a.runs.useEntry(func() time.Time { return tick })

	rep, err := a.pipeline.RunCycle(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.PerSource) != 1 || rep.PerSource[0].Err == "" {
		t.Fatalf("report %+v, want A failing", rep.PerSource)
	}
	states, err := a.store.FetchStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if due := states["A"].NextAttempt; due.IsZero() || !due.Before(tick) {
		t.Fatalf("A due at %v, want a backoff ending before the tick %v", due, tick)
	}
	if got := rep.PerSource[0].NextAttempt; !got.Equal(tick) {
		t.Errorf("report: A's next attempt %v, want the entry's tick %v", got, tick)
	}
	st := statusSources(t, d)["A"]
	if st == nil {
		t.Fatal("A not on the status page")
	}
	if got, _ := st["next_attempt"].(string); got != tick.UTC().Format(time.RFC3339) {
		t.Errorf("status: A's next attempt %q, want the entry's tick %v", got, tick.UTC())
	}
	if st["last_error"] == nil {
		t.Errorf("status: A %v, want its error", st)
	}

	// The config now names the source's new URL: reloaded and applied (as
	// the next cycle does first), the pages show A afresh.
	sources[0].URL = site.URL + "/good"
	writeConfig(t, dir, sources, map[string]any{"schedule": "@every 1h"})
	if !d.reload() {
		t.Fatal("reload failed")
	}
	if err := d.apply(ctx, d.pending.Swap(nil)); err != nil {
		t.Fatal(err)
	}
	st = statusSources(t, d)["A"]
	if st != nil && (st["last_error"] != nil || st["failures"] != float64(0) || st["next_attempt"] != nil) {
		t.Errorf("status after the URL changed: A %v, want no state of the old URL", st)
	}
}

// Read after a failing source's backoff has ended, the status page shows
// the cycle that will fetch it, the daemon's next tick, not the past end
// of the backoff, and calls it failing, no longer backing off (review 24,
// 1). The page is read with the publisher's clock (review 24, 8).
func TestStatusAfterTheBackoffShowsTheNextTick(t *testing.T) {
	site := newNewsSite(t)
	site.handle("/bad", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusInternalServerError) })
	dir := t.TempDir()
	e, a := everyHourDaemon(t, dir, []testSource{{Name: "A", URL: site.URL + "/bad", Language: "id"}})
	ctx := t.Context()
	tick := time.Now().Add(40 * time.Minute).Truncate(time.Second)
	a.runs.useEntry(func() time.Time { return tick })
	if _, err := a.pipeline.RunCycle(ctx); err != nil {
		t.Fatal(err)
	}
	states, err := a.store.FetchStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	due := states["A"].NextAttempt
	if due.IsZero() || !due.Before(tick) {
		t.Fatalf("A due at %v, want a backoff ending before the tick %v", due, tick)
	}
	later := due.Add(10 * time.Minute) // the backoff is over, the tick to come
	opts := publishOptions(a.cfg, a.store, a.runs.schedule(a.schedule), a.runs.next(a.schedule), e.logger)
	opts.Now = func() time.Time { return later }
	pub := publish.New(opts, feedInfos(a.cfg), a.store, e.logger)
	if err := pub.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	st := statusSources(t, pub.Handler())["A"]
	if st == nil {
		t.Fatal("A not on the status page")
	}
	if got, _ := st["next_attempt"].(string); got != tick.UTC().Format(time.RFC3339) {
		t.Errorf("status at %v: A's next attempt %q, want the entry's tick %v", later, got, tick.UTC())
	}
	if st["outcome"] != "failing" {
		t.Errorf("status at %v: A %v, want failing (its backoff ended at %v)", later, st["outcome"], due)
	}
}

// One evaluation of the status page asks the daemon's cron entry for its
// next run once, however many sources wait and however many cycles their
// waits span (review 24, 2).
func TestStatusAsksTheEntryOnce(t *testing.T) {
	site := newNewsSite(t)
	site.handle("/bad", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusInternalServerError) })
	dir := t.TempDir()
	var sources []testSource
	for _, n := range []string{"A", "B", "C"} {
		sources = append(sources, testSource{Name: n, URL: site.URL + "/bad?" + n, Language: "id"})
	}
	_, a := everyHourDaemon(t, dir, sources)
	ctx := t.Context()
	tick := time.Now().Add(time.Minute).Truncate(time.Second)
	// The cycles' fetch workers ask the entry too, concurrently.
	var asked atomic.Int64
	a.runs.useEntry(func() time.Time { asked.Add(1); return tick })
	for range 3 { // failures grow the backoff past several ticks
		if _, err := a.pipeline.RunCycle(ctx); err != nil {
			t.Fatal(err)
		}
	}
	status := storeStatus{st: a.store, cfg: a.cfg, cycles: a.runs.schedule(a.schedule), logger: slog.New(slog.DiscardHandler)}
	asked.Store(0)
	got, err := status.SourceStatuses(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("statuses %+v, want A, B and C", got)
	}
	if n := asked.Load(); n != 1 {
		t.Errorf("the entry was asked %d times for one evaluation, want 1", n)
	}
}
