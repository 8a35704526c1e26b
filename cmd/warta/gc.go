package main

import (
	"runtime/debug"
)

// defaultGCPercent is the collector's pace when the environment sets no
// GOGC: the heap may grow by half of what is live before a collection,
// not by all of it. A cycle's live heap is small (16–20 MB at 1,000
// feeds, the story index and the articles in its window) and most of what
// it allocates dies within a source, so the collections this adds cost
// about 5% more CPU and keep about 12 MB less heap at the peak
// (BENCHMARKS.md, "Memory of warta once"). Unlike a memory limit it
// scales with the live heap of a larger store.
const defaultGCPercent = 50

// setGCPercent applies defaultGCPercent unless GOGC is set: the operator's
// setting wins.
func setGCPercent(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
}
