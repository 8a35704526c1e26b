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
	// Each feed explained: its items are found stored, as a cycle finds
	// them, and explained as stored.
	n, changed, notStored := 0, 0, 0
	for _, ex := range explainedSources(t, cfg) {
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

// explainedSources is `warta explain -json` of every source of the config
// at cfgPath (each feed's items, stored or not), one explanation per item.
func explainedSources(t *testing.T, cfgPath string) []explanation {
	t.Helper()
	loaded, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"-config", cfgPath, "explain", "-json"}
	for _, s := range loaded.Sources {
		args = append(args, s.URL)
	}
	sc := bufio.NewScanner(strings.NewReader(mustWarta(t, args...)))
	sc.Buffer(nil, 16<<20)
	var out []explanation
	for sc.Scan() {
		var ex explanation
		if err := json.Unmarshal(sc.Bytes(), &ex); err != nil {
			t.Fatal(err)
		}
		out = append(out, ex)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
