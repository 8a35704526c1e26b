package fetch

import (
	"context"
	"sync"
	"sync/atomic"
)

// hostLimiter caps requests in flight per host name. Semaphores are created
// on first use and kept: a deployment has a bounded set of feed hosts.
type hostLimiter struct {
	n    int
	mu   sync.Mutex
	sems map[string]chan struct{}
	// waiting counts callers blocked for a slot, on any host; tests use it
	// to know the cap is holding requests back.
	waiting atomic.Int64
}

func newHostLimiter(n int) *hostLimiter {
	return &hostLimiter{n: n, sems: make(map[string]chan struct{})}
}

func (l *hostLimiter) sem(host string) chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	s, ok := l.sems[host]
	if !ok {
		s = make(chan struct{}, l.n)
		l.sems[host] = s
	}
	return s
}

// acquire takes a slot for host, waiting until one frees or ctx ends. The
// returned release must be called exactly once.
func (l *hostLimiter) acquire(ctx context.Context, host string) (release func(), err error) {
	// Checked first so a cancelled ctx never wins a free slot by chance.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := l.sem(host)
	select {
	case s <- struct{}{}:
		return func() { <-s }, nil
	default:
	}
	l.waiting.Add(1)
	defer l.waiting.Add(-1)
	select {
	case s <- struct{}{}:
		return func() { <-s }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
