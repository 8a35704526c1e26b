package main

import (
	"runtime/debug"
)

// defaultGCPercent is the collector's pace when the environment sets no
// GOGC: the heap may grow by 30% of what is live before a
// collection, not by all of it. A cycle's live heap is small (16–20 MB at
// 1,000 feeds, the story index and the articles in its window) and most
// of what it allocates dies within a source, so collecting often costs
// little: at 30 a 1,000-feed first ingest peaks about 3.5 MB lower than
// at 50, under issue 11's 60 MB, for about 4% more CPU (6% at 10,000
// feeds, 12 MB lower there); at 25 it cost 10% more CPU (BENCHMARKS.md,
// "gcpace"). Unlike a memory limit it scales with the live heap of a
// larger store.
const defaultGCPercent = 30

// setGCPercent applies defaultGCPercent unless GOGC is set: the operator's
// setting wins.
func setGCPercent(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
}

// startGCPercent is the collector's pace while warta starts: the
// configuration decoded and its tagger compiled, then (warta run) the
// story index rebuilt from the stored sketches; warta once loads the
// index beside its cycle (pipeline.Start), at the cycle's pace. Decoding
// allocates several times the small result (a 1,000-source file: ~11 MB for a live heap under 6 MB),
// and at defaultGCPercent the runtime's smallest heap goal (2 MB) made
// that about fifteen collections before the store was even opened; the
// index's walk of 20,000 sketches, seven more. At 200, two and three, the
// heap peaking at ~28 MB, about the goal a 1,000-feed refresh reaches in
// its cycle anyway.
const startGCPercent = 200

// pacedForStart runs load at startGCPercent, then restores the pace it
// found, unless the environment sets GOGC: the operator's pace holds
// throughout.
func pacedForStart[T any](getenv func(string) string, load func() (T, error)) (T, error) {
	if getenv("GOGC") != "" {
		return load()
	}
	defer debug.SetGCPercent(debug.SetGCPercent(startGCPercent))
	return load()
}

// releaseStart returns the heap the start freed to the OS before the first
// cycle: decoding the configuration (and, for warta run, rebuilding the
// story index) at startGCPercent leave pages the runtime would hand back only slowly, and
// the cycle's heap then grew beside them. Returned at once (one forced
// collection, a few milliseconds), a 1,000-feed first ingest peaked about
// 1 MB lower (BENCHMARKS.md, "What the fixed part of warta once is made
// of").
func releaseStart() {
	debug.FreeOSMemory()
}
