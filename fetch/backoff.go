package fetch

import (
	"errors"
	"net/http"
	"time"
)

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

// LongestWait is the longest wait RetryAfterFailure gives after a failed
// fetch that ended with status (0 when no HTTP status): max (as in
// Backoff), or Retry-After's cap when the status is one that carries it
// (429, 503) and the cap is longer.
func LongestWait(status int, limit time.Duration) time.Duration {
	if limit <= 0 {
		limit = DefaultMaxBackoff
	}
	if carriesRetryAfter(status) {
		return max(limit, maxRetryAfter)
	}
	return limit
}

// permanentHeadStart is how many doublings ahead of a temporary failure the
// backoff of a permanent one starts (1m × 2⁴ = 16m): a 404 or 403 is not
// going to pass by itself, so it is retried less often than a 5xx.
const permanentHeadStart = 4

// Retry is when to try a source again after a failed fetch.
type Retry struct {
	// Retire is set when the source is gone (410 Gone): it is not to be
	// fetched again until its configuration changes.
	Retire bool
	// After is the wait before the next attempt, measured from the failure.
	After time.Duration
}

// RetryAfterFailure says when to try again after the failures-th
// consecutive failed attempt with err (max caps the wait as in Backoff).
// A 410 Gone retires the source. A temporary failure (Temporary: network,
// timeout, 408, 429, 5xx) backs off from BackoffBase; a permanent one (404,
// 401, 403, a body over the cap, a failed parse, …) backs off 16 times
// longer. Retry-After (429 and 503) is honoured either way.
func RetryAfterFailure(err error, failures int, max time.Duration) Retry {
	var retryAfter time.Duration
	var se *StatusError
	if errors.As(err, &se) {
		if se.StatusCode == http.StatusGone {
			return Retry{Retire: true}
		}
		retryAfter = se.RetryAfter
	}
	if !Temporary(err) && failures > 0 {
		failures += permanentHeadStart
	}
	return Retry{After: Backoff(failures, retryAfter, max)}
}
