package fetch

import "time"

// Backoff bases, exported as constants so callers can reason about the
// schedule without calling Backoff.
const (
	// BackoffBase is the delay after the first failure.
	BackoffBase = time.Minute
	// DefaultMaxBackoff is the cap used when Backoff gets max <= 0.
	DefaultMaxBackoff = 6 * time.Hour
)

// Backoff returns how long to wait before trying a failing source again:
// 1 minute after the first failure, doubling per further failure, capped at
// max (DefaultMaxBackoff when max <= 0). A server's Retry-After wins when it
// asks for longer, even beyond max: it said when to come back. The result is
// deterministic (no jitter): sources fail at different times, so their
// retries already spread out. failures <= 0 gives 0.
func Backoff(failures int, retryAfter, max time.Duration) time.Duration {
	if failures <= 0 {
		return 0
	}
	if max <= 0 {
		max = DefaultMaxBackoff
	}
	d := BackoffBase
	for i := 1; i < failures && d < max; i++ {
		if d > max/2 { // doubling would pass max, or overflow
			d = max
			break
		}
		d *= 2
	}
	d = min(d, max)
	if retryAfter > d {
		d = retryAfter
	}
	return d
}
