package main

import (
	"bufio"
	"encoding/json"
	"strings"
	"testing"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/internal/fixtures"
)

// Right after a first cycle over the labelled stream's snapshots, nothing
// has changed: `warta explain` of the stored articles reports no
// difference between the stored topics and what the daemon would store
// now (leftovers5, item 2).
func TestExplainAfterAFirstCycleReportsNoDifference(t *testing.T) {
	for _, driver := range []string{"sqlite", "postgres"} {
		t.Run(driver, func(t *testing.T) { explainAfterAFirstCycle(t, driver) })
	}
}

func explainAfterAFirstCycle(t *testing.T, driver string) {
	names, err := fixtures.Snapshots(fixtures.StreamDir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := snapshotCycleOn(t, names, "", driver, nil)
	stored := len(exported(t, cfg))
	loaded, err := config.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	// Each feed explained: its items are found stored, as a cycle finds
	// them, and explained as stored.
	args := []string{"-config", cfg, "explain", "-json"}
	for _, s := range loaded.Sources {
		args = append(args, s.URL)
	}
	out := mustWarta(t, args...)
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 16<<20)
	n, changed, notStored := 0, 0, 0
	for sc.Scan() {
		var ex explanation
		if err := json.Unmarshal(sc.Bytes(), &ex); err != nil {
			t.Fatal(err)
		}
		n++
		if !ex.Stored {
			notStored++
		}
		if ex.Changed != nil {
			changed++
			if changed <= 5 {
				t.Errorf("%s: topics differ right after the first cycle: %+v", ex.Article.Title, ex.Changed)
			}
		}
	}
	if n < stored || notStored > 0 {
		t.Fatalf("explained %d items, %d of them not stored; the cycle stored %d", n, notStored, stored)
	}
	if changed > 0 {
		t.Errorf("%d of %d stored articles reported as differing", changed, n)
	}
}
