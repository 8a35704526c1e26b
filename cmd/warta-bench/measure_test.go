package main

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestPeakIsTheChildsOwn measures a tiny program from a process holding
// 300 MB, as run and peer do while their own site holds every feed: the
// peak RSS reported must be the program's, not the measuring process's.
func TestPeakIsTheChildsOwn(t *testing.T) {
	held := make([]byte, 300<<20)
	for i := range held {
		held[i] = 1
	}
	const limit = 100 << 20
	fake := filepath.Join(t.TempDir(), "warta")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\necho sources 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	m, err := runOnce(ctx, fake, "unused.yaml", "")
	if err != nil {
		t.Fatal(err)
	}
	if m.maxRSS <= 0 || m.maxRSS > limit || m.summary != "sources 0" {
		t.Errorf("run: peak RSS %d MB, summary %q; want 1–%d MB, %q", m.maxRSS>>20, m.summary, limit>>20, "sources 0")
	}
	m, err = measurePhase(ctx, "true", "", os.Environ(), nil, 10*time.Millisecond, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if m.maxRSS <= 0 || m.maxRSS > limit {
		t.Errorf("peer: peak RSS %d MB; want 1–%d MB", m.maxRSS>>20, limit>>20)
	}
	runtime.KeepAlive(held)
}
