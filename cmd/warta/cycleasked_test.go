package main

import (
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/robfig/cron/v3"
)

// A cycle asked for while cycleMu is held — by follow's re-render, or by
// a cycle that is ending — is not dropped: the holder runs it once it lets
// cycleMu go. A scheduled tick that meets a running cycle is skipped, and
// logged.
func TestCycleAskedWhileHeldRunsAfter(t *testing.T) {
	site := newNewsSite(t)
	site.serve("/a", "application/rss+xml", rss("A", []rssItem{{
		Title: "Kedutaan besar Jepang dibuka kembali di Kabul", Link: site.URL + "/dunia/kedutaan",
		Description: "<p>Kedutaan besar Jepang dibuka kembali setelah dua tahun, kata menteri luar negeri.</p>"}}))
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "A", URL: site.URL + "/a", Language: "id"}},
		map[string]any{"schedule": "@every 1h"})
	log := &syncBuffer{}
	e := &env{stdout: io.Discard, stderr: io.Discard, configPath: cfg, logger: slog.New(slog.NewTextHandler(log, nil))}
	ctx := t.Context()
	a, err := openApp(ctx, e, modeDaemon, "")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	d := newDaemon(ctx, e, a, cron.New(), "") // the schedule never started: the test asks for cycles
	cycles := func() int { return strings.Count(log.String(), "cycle done") }

	// A reload's cycle asked for while follow holds cycleMu.
	d.cycleMu.Lock()
	d.cycle(ctx, false)
	if cycles() != 0 {
		t.Fatal("a cycle ran while cycleMu was held")
	}
	d.cycleMu.Unlock()
	d.followOnce(ctx) // follow's next look: it runs the cycle asked for
	if cycles() != 1 {
		t.Fatalf("%d cycles after follow let cycleMu go, want the 1 asked for; log:\n%s", cycles(), log.String())
	}

	// A scheduled tick meeting a running cycle is skipped, not silently.
	d.cycling.Store(true)
	d.cycle(ctx, true)
	d.cycling.Store(false)
	if cycles() != 1 || !strings.Contains(log.String(), "cycle skipped") {
		t.Errorf("a tick meeting a running cycle: %d cycles, want it skipped and logged; log:\n%s", cycles(), log.String())
	}
}
