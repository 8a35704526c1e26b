package main

import (
	"context"
	"runtime"
	"runtime/debug"

	"github.com/warta-news/warta/pipeline"
)

// defaultGCPercent is the collector's pace when the environment sets no
// GOGC: the heap may grow by half of what is live before a collection,
// not by all of it. A cycle's live heap is small (16–20 MB at 1,000
// feeds, the story index and the articles in its window) and most of what
// it allocates dies within a source, so the collections this adds cost
// about 5% more CPU and keep about 12 MB less heap at the peak
// (BENCHMARKS.md, "Memory of warta once"). Unlike a memory limit it
// scales with the live heap of a larger store.
const defaultGCPercent = 40

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

// noHeapSampling turns the runtime's allocation sampling off: warta never
// writes a heap profile (only -cpuprofile), and the sampler's records of
// every sampled stack and their hash table were 1.4–1.6 MB of a 1,000-feed
// first ingest's peak RSS (BENCHMARKS.md, "Where the peak RSS goes").
// Called first in main, as the runtime asks of a change of the rate.
func noHeapSampling() {
	runtime.MemProfileRate = 0
}

// releasingPublisher returns the heap the cycle freed to the OS before
// `warta once` publishes: the cycle's articles are dead by then, but the
// runtime hands their pages back only slowly, and publishing's reads of
// the store grew the RSS beside 8–14 MB of them, the peak of a first
// ingest (BENCHMARKS.md, "Where the peak RSS goes"). One forced
// collection of the heap left live, a few milliseconds.
type releasingPublisher struct {
	pipeline.Publisher
}

func (r releasingPublisher) RefreshVersion(ctx context.Context, feedsVersion string) error {
	debug.FreeOSMemory()
	return r.Publisher.RefreshVersion(ctx, feedsVersion)
}
