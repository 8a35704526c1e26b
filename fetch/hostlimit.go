package fetch

import (
	"context"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/warta-news/warta/internal/ctxtime"
)

// clock is the time the host limiter spaces requests by; tests replace it.
type clock interface {
	Now() time.Time
	// Sleep waits d, or until ctx ends (returning its error).
	Sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error { return ctxtime.Sleep(ctx, d) }

// host is one host name's slots and the earliest start of its next request.
type host struct {
	sem  chan struct{}
	next time.Time
}

// hostLimiter caps requests in flight per host name and spaces their
// starts by the host's interval. Hosts are created on first use and kept: a
// deployment has a bounded set of feed hosts.
type hostLimiter struct {
	n        int
	interval func(host string) time.Duration
	clock    clock
	mu       sync.Mutex
	hosts    map[string]*host
	// waiting counts callers blocked for a slot, on any host; tests use it
	// to know the cap is holding requests back.
	waiting atomic.Int64
}

// newHostLimiter allows n requests at once per host, their starts at least
// interval(host) apart (nil: no spacing).
func newHostLimiter(n int, interval func(string) time.Duration) *hostLimiter {
	if interval == nil {
		interval = func(string) time.Duration { return 0 }
	}
	return &hostLimiter{n: n, interval: interval, clock: realClock{}, hosts: make(map[string]*host)}
}

func (l *hostLimiter) host(name string) *host {
	l.mu.Lock()
	defer l.mu.Unlock()
	h, ok := l.hosts[name]
	if !ok {
		h = &host{sem: make(chan struct{}, l.n)}
		l.hosts[name] = h
	}
	return h
}

// acquire takes a slot for the host name, waiting until one frees and the
// host's interval since the previous start has passed, or until ctx ends.
// The returned release must be called exactly once.
func (l *hostLimiter) acquire(ctx context.Context, name string) (release func(), err error) {
	// Checked first so a cancelled ctx never wins a free slot by chance.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	h := l.host(name)
	select {
	case h.sem <- struct{}{}:
	default:
		if err := l.wait(ctx, h); err != nil {
			return nil, err
		}
	}
	release = func() { <-h.sem }
	if err := l.space(ctx, name, h); err != nil {
		release()
		return nil, err
	}
	return release, nil
}

// wait blocks for a slot of h.
func (l *hostLimiter) wait(ctx context.Context, h *host) error {
	l.waiting.Add(1)
	defer l.waiting.Add(-1)
	select {
	case h.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// space reserves the host's next start time and waits for it. Starts are
// handed out in the order callers arrive, each interval after the last.
func (l *hostLimiter) space(ctx context.Context, name string, h *host) error {
	d := l.interval(name)
	if d <= 0 {
		return nil
	}
	l.mu.Lock()
	now := l.clock.Now()
	start := now
	if h.next.After(now) {
		start = h.next
	}
	h.next = start.Add(d)
	l.mu.Unlock()
	if wait := start.Sub(now); wait > 0 {
		return l.clock.Sleep(ctx, wait)
	}
	return nil
}

// localHost reports whether a host name is this machine or a private
// network address (loopback, RFC 1918 and RFC 4193 ranges, link-local,
// "localhost"): the operator's own servers, which need no politeness. A
// name is judged as written; one that resolves to a private address counts
// as public.
func localHost(name string) bool {
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	if name == "localhost" || strings.HasSuffix(name, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(name, "[]"))
	return ip != nil && (ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified())
}
