package main

import (
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/robfig/cron/v3"
)

// A daemon on an `@every` schedule (the shipped config's) tells its
// publishers the real next run of its cron entry, not a full interval after
// the snapshot: a snapshot built off the schedule, half an hour into the
// hour, may be cached until the entry's next tick only.
func TestMaxAgeEndsAtTheDaemonsNextTick(t *testing.T) {
	site := newNewsSite(t)
	site.serve("/a", "application/rss+xml", rss("A", nil))
	e, a := everyHourDaemon(t, t.TempDir(), []testSource{{Name: "A", URL: site.URL + "/a", Language: "id"}})
	ctx := t.Context()
	sched := cron.New()
	d := newDaemon(ctx, e, a, sched, "")
	sched.Start()
	defer sched.Stop()
	tick := sched.Entry(d.entry).Next
	if tick.IsZero() {
		t.Fatal("the started schedule has no next run")
	}
	built := tick.Add(-30 * time.Minute) // a snapshot half-way to the tick
	if got := a.runs.next(a.schedule)(built); !got.Equal(tick) {
		t.Errorf("next cycle after a snapshot of %v: %v, want the entry's tick %v", built, got, tick)
	}
	// Before the daemon schedules anything, the schedule itself answers.
	once := &nextRuns{}
	if got := once.next(a.schedule)(built); !got.Equal(built.Add(time.Hour)) {
		t.Errorf("without an entry: %v, want %v", got, built.Add(time.Hour))
	}
}

// everyHourDaemon writes, in dir, a config of sources on an `@every 1h`
// schedule and opens a daemon's app on it, closed at the test's end.
func everyHourDaemon(t *testing.T, dir string, sources []testSource) (*env, *app) {
	t.Helper()
	cfg := writeConfig(t, dir, sources, map[string]any{"schedule": "@every 1h"})
	e := &env{stdout: io.Discard, stderr: io.Discard, configPath: cfg, logger: slog.New(slog.DiscardHandler)}
	a, err := openApp(t.Context(), e, modeDaemon, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return e, a
}
