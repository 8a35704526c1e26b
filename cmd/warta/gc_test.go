package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
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
	free := func() uint64 {
		s := []metrics.Sample{{Name: "/memory/classes/heap/free:bytes"}}
		metrics.Read(s)
		return s[0].Value.Uint64()
	}
	b := make([]byte, garbage)
	for i := range b {
		b[i] = 1 // resident, as decoded data is
	}
	runtime.KeepAlive(b)
	b = nil
	runtime.GC()
	if got := free(); got < garbage/2 {
		t.Skipf("the runtime returned the garbage by itself (%d bytes free): nothing to tell", got)
	}
	releaseStart()
	if got := free(); got >= garbage/2 {
		t.Errorf("after releaseStart %d bytes of free heap are still resident, want them returned", got)
	}
}
