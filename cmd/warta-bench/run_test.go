package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/pgtest"
)

// TestRun drives a built warta through a first ingest and a refresh on a
// small site, on both drivers, and checks what the driver reports against
// what the site served and warta said.
func TestRun(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "warta")
	if out, err := exec.Command("go", "build", "-o", bin, "../warta").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	_, dsn := pgtest.Server(t)
	var out strings.Builder
	err := cmdRun(context.Background(), []string{"-warta", bin, "-n", "20", "-items", "3", "-rounds", "1",
		"-frac", "0.1", "-change-items", "2", "-pg", dsn,
		"-cpuprofile-dir", t.TempDir()}, &out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	t.Log("\n" + out.String())
	// driver, phase, wall, CPU, RSS, feeds, 304 share, load, summary
	row := regexp.MustCompile(`(?m)^\s*(sqlite|postgres)\s+(first ingest|refresh 1)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+|\?)\s+(sources .*)$`)
	rows := row.FindAllStringSubmatch(out.String(), -1)
	if len(rows) != 4 {
		t.Fatalf("%d result rows, want 4", len(rows))
	}
	want := map[string]struct{ share, summary string }{
		"first ingest": {"0.00", "fetched 20, not modified 0, backing off 0, failed 0; items 60, new articles 60"},
		"refresh 1":    {"0.90", "fetched 2, not modified 18, backing off 0, failed 0; items 6, new articles 4"},
	}
	for _, r := range rows {
		w := want[r[2]]
		cpu, _ := strconv.ParseFloat(r[4], 64)
		if r[6] != "20" || r[7] != w.share || !strings.Contains(r[9], w.summary) || cpu <= 0 || r[5] == "0" {
			t.Errorf("%s %s: feeds %s, 304 share %s, CPU %s, RSS %s, %q; want 20 feeds, share %s, %q",
				r[1], r[2], r[6], r[7], r[4], r[5], r[9], w.share, w.summary)
		}
	}
}
