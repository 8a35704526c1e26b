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

// configGCPercent is the collector's pace while the configuration is
// decoded and its tagger compiled. Decoding allocates several times the
// small result (a 1,000-source file and the built-in topics: ~30 MB for a
// live heap under 6 MB), and at defaultGCPercent the runtime's smallest
// heap goal (2 MB) made that about fifteen collections before the store
// was even opened. The heap stays below the goal a cycle reaches anyway.
const configGCPercent = 200

// pacedForConfig runs load at configGCPercent, then restores the pace it
// found. A pace the operator turned off (GOGC=off) or set higher is left
// alone.
func pacedForConfig[T any](load func() (T, error)) (T, error) {
	prev := debug.SetGCPercent(configGCPercent)
	if prev < 0 || prev > configGCPercent {
		debug.SetGCPercent(prev)
	}
	defer debug.SetGCPercent(prev)
	return load()
}
