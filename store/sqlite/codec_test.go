package sqlite

import (
	"math/rand/v2"
	"testing"
	"time"
)

// decodeTime reads back what encodeTime wrote, at every size of year and
// nanosecond, and refuses what is not a stored time as time.Parse does.
func TestDecodeTimeRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	times := []time.Time{{}, time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), time.Date(2024, 2, 29, 0, 0, 0, 1, time.UTC)}
	for range 1000 {
		times = append(times, time.Unix(rng.Int64N(1<<36)-1<<35, rng.Int64N(1e9)))
	}
	for _, want := range times {
		s, err := encodeTime(want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeTime(s)
		if err != nil || !got.Equal(want) || got.Location() != time.UTC {
			t.Fatalf("%s: decoded %v, %v; want %v", s, got, err, want.UTC())
		}
	}
	for _, bad := range []string{"", "2026-02-30T00:00:00.000000000Z", "2026-13-01T00:00:00.000000000Z",
		"2026-01-01 00:00:00.000000000Z", "2026-01-01T24:00:00.000000000Z", "2026-01-01T00:00:00.00000000xZ",
		"2026-01-01T00:00:00.000000000Z0"} {
		if got, err := decodeTime(bad); err == nil {
			t.Errorf("%q decoded as %v", bad, got)
		}
	}
}
