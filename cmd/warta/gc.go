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
// was even opened; at 200, four, the heap peaking at ~21 MB, below the
// 25–28 MB goal a 1,000-feed refresh reaches in its cycle anyway.
const configGCPercent = 200

// pacedForConfig runs load at configGCPercent, then restores the pace it
// found, unless the environment sets GOGC: the operator's pace holds
// throughout.
func pacedForConfig[T any](getenv func(string) string, load func() (T, error)) (T, error) {
	if getenv("GOGC") != "" {
		return load()
	}
	defer debug.SetGCPercent(debug.SetGCPercent(configGCPercent))
	return load()
}
