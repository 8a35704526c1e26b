package main

import (
	"context"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"testing"
)

// warta's own collector pace applies only when the environment sets no
// GOGC.
func TestGCPercentDefaultsUnlessGOGCIsSet(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)

	setGCPercent(func(string) string { return "" })
	if got := debug.SetGCPercent(100); got != defaultGCPercent {
		t.Errorf("without GOGC: GC percent %d, want %d", got, defaultGCPercent)
	}
	setGCPercent(func(k string) string {
		if k == "GOGC" {
			return "100"
		}
		return ""
	})
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC=100: GC percent %d, want it left at 100", got)
	}
}

// The start (configuration, story index) runs at startGCPercent and the pace found before
// is restored after, unless the environment sets GOGC.
func TestStartRunsAtItsOwnPaceThenRestores(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)

	for _, tc := range []struct {
		gogc          string
		found, during int
	}{
		{"", defaultGCPercent, startGCPercent},
		{"100", 100, 100},
		{"off", -1, -1},
	} {
		debug.SetGCPercent(tc.found)
		getenv := func(k string) string {
			if k == "GOGC" {
				return tc.gogc
			}
			return ""
		}
		during, err := pacedForStart(getenv, func() (int, error) {
			pace := debug.SetGCPercent(0)
			debug.SetGCPercent(pace)
			return pace, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if during != tc.during {
			t.Errorf("GOGC=%q: loaded at %d, want %d", tc.gogc, during, tc.during)
		}
		if after := debug.SetGCPercent(100); after != tc.found {
			t.Errorf("GOGC=%q: left at %d, want %d", tc.gogc, after, tc.found)
		}
	}
}

// What the start freed is returned to the OS at once, not left resident
// beside the cycle's heap.
func TestReleaseStartReturnsFreedHeap(t *testing.T) {
	const garbage = 32 << 20
	b := make([]byte, garbage)
	for i := range b {
		b[i] = 1 // resident, as decoded data is
	}
	runtime.KeepAlive(b)
	b = nil
	runtime.GC()
	if got := heapFree(); got < garbage/2 {
		t.Skipf("the runtime returned the garbage by itself (%d bytes free): nothing to tell", got)
	}
	releaseStart()
	if got := heapFree(); got >= garbage/2 {
		t.Errorf("after releaseStart %d bytes of free heap are still resident, want them returned", got)
	}
}

// Heap the cycle freed is returned to the OS before `warta once`
// publishes, not left resident beside what publishing reads.
func TestReleasingPublisherReturnsFreedHeapFirst(t *testing.T) {
	const garbage = 32 << 20
	b := make([]byte, garbage)
	for i := range b {
		b[i] = 1 // resident, as a cycle's articles are
	}
	runtime.KeepAlive(b)
	b = nil
	runtime.GC()
	if got := heapFree(); got < garbage/2 {
		t.Skipf("the runtime returned the garbage by itself (%d bytes free): nothing to tell", got)
	}
	pub := &freeAtRefresh{}
	if err := (releasingPublisher{Publisher: pub}).RefreshVersion(context.Background(), "v7"); err != nil {
		t.Fatal(err)
	}
	if pub.version != "v7" {
		t.Errorf("publisher refreshed version %q, want v7", pub.version)
	}
	if pub.free >= garbage/2 {
		t.Errorf("publishing began with %d bytes of free heap resident, want them returned first", pub.free)
	}
}

// freeAtRefresh records the free heap resident when it is asked to publish.
type freeAtRefresh struct {
	version string
	free    uint64
}

func (f *freeAtRefresh) RefreshVersion(_ context.Context, v string) error {
	f.version, f.free = v, heapFree()
	return nil
}

func heapFree() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/free:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// With sampling off, allocations leave no record in the heap profile
// (but the first on each P after the change: the runtime's sampler
// notices the new rate there); with it on (the control), each does.
func TestNoHeapSamplingRecordsNothing(t *testing.T) {
	defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
	const allocs = 100
	noHeapSampling()
	before := sampledIn("allocateOffProfile") // the profile is the process's, cumulative
	allocateOffProfile(allocs)
	if n := sampledIn("allocateOffProfile") - before; n > int64(runtime.GOMAXPROCS(0)) {
		t.Errorf("%d of %d allocations made with sampling off are in the heap profile", n, allocs)
	}
	runtime.MemProfileRate = 1
	before = sampledIn("allocateOnProfile")
	allocateOnProfile(allocs)
	if n := sampledIn("allocateOnProfile") - before; n < allocs {
		t.Fatalf("control: %d of %d allocations made with sampling on are in the heap profile", n, allocs)
	}
}

var sink []byte

//go:noinline
func allocateOffProfile(n int) {
	for range n {
		sink = make([]byte, 64<<10)
	}
}

//go:noinline
func allocateOnProfile(n int) {
	for range n {
		sink = make([]byte, 64<<10)
	}
}

// sampledIn counts the allocations the heap profile holds made in the
// named function of this package.
func sampledIn(fn string) int64 {
	for range 3 { // the profile shows allocations up to two collections old
		runtime.GC()
	}
	n, _ := runtime.MemProfile(nil, true)
	recs := make([]runtime.MemProfileRecord, n+50)
	n, _ = runtime.MemProfile(recs, true)
	var objects int64
	for _, r := range recs[:n] {
		frames := runtime.CallersFrames(r.Stack())
		for {
			f, more := frames.Next()
			if strings.HasSuffix(f.Function, "."+fn) {
				objects += r.AllocObjects
				break
			}
			if !more {
				break
			}
		}
	}
	return objects
}
