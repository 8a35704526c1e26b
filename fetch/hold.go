package fetch

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// HeldError is the answer, without a request, for a URL whose server
// asked (429 or 503 with Retry-After, or a bare 429) not to be asked
// before Until. It unwraps to a *StatusError 429 whose RetryAfter is the
// time left, so that the source waits as if the server had answered it.
type HeldError struct {
	// Host is the server held back, host:port.
	Host  string
	Until time.Time
	// status is what the error unwraps to.
	status *StatusError
}

func (e *HeldError) Error() string {
	return fmt.Sprintf("fetch: %s asked not to be asked again before %s (Retry-After): not requested",
		e.Host, e.Until.UTC().Format(time.RFC3339))
}

func (e *HeldError) Unwrap() error { return e.status }

// hostHolds keeps, per server, the time before which it is not asked
// again: a Retry-After on 429 or 503 is about the client, not the URL
// (RFC 9110 §10.2.3, RFC 6585 §4), so it holds for the server's every feed.
// A server is its host and port: two servers on one machine are two.
type hostHolds struct {
	clock clock
	mu    sync.Mutex
	until map[string]time.Time
}

func newHostHolds(c clock) *hostHolds {
	return &hostHolds{clock: c, until: map[string]time.Time{}}
}

// serverOf is the key of u's server in hostHolds: its lower-cased host
// name and port (the scheme's default when none is written).
func serverOf(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return strings.ToLower(u.Hostname()) + ":" + port
}

// heldAfter is how long a bare 429 (no usable Retry-After) holds its
// server back: the first step of the backoff, as for the source that got it.
const heldAfter = BackoffBase

// refused records a refusal of u's server: a 429 holds it back for its
// Retry-After (heldAfter when it gives none), a 503 for its Retry-After
// when it gives one (without, it may be one feed's trouble). Other
// statuses hold nothing back.
func (h *hostHolds) refused(u *url.URL, se *StatusError) {
	wait := se.RetryAfter
	switch {
	case se.StatusCode == http.StatusTooManyRequests && wait <= 0:
		wait = heldAfter
	case !carriesRetryAfter(se.StatusCode) || wait <= 0:
		return
	}
	h.hold(serverOf(u), h.clock.Now().Add(wait))
}

// hold holds server back until until, bounded as a Retry-After is
// (maxRetryAfter from now); a longer hold already kept stays.
func (h *hostHolds) hold(server string, until time.Time) {
	now := h.clock.Now()
	until = minTime(until, now.Add(maxRetryAfter))
	if !until.After(now) {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if until.After(h.until[server]) {
		h.until[server] = until
	}
}

// check returns a *HeldError when u's server is held back now.
func (h *hostHolds) check(u *url.URL) error {
	server := serverOf(u)
	now := h.clock.Now()
	h.mu.Lock()
	until, ok := h.until[server]
	if ok && !until.After(now) {
		delete(h.until, server)
		ok = false
	}
	h.mu.Unlock()
	if !ok {
		return nil
	}
	// Rounded up to the second, as a Retry-After is written: a wait of
	// 0.4 s is not "no wait".
	left := (until.Sub(now) + time.Second - 1).Truncate(time.Second)
	return &HeldError{Host: server, Until: until,
		status: &StatusError{StatusCode: http.StatusTooManyRequests, RetryAfter: left}}
}

// held returns the servers held back now, and until when.
func (h *hostHolds) held() map[string]time.Time {
	now := h.clock.Now()
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make(map[string]time.Time, len(h.until))
	for s, t := range h.until {
		if t.After(now) {
			out[s] = t
		}
	}
	return out
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
