package fetch

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"
)

// fakeClock stands still; Sleep records how long it was asked to wait and
// returns at once (or with ctx's error).
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.sleeps = append(c.sleeps, d)
	c.mu.Unlock()
	return ctx.Err()
}

func (c *fakeClock) waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := slices.Clone(c.sleeps)
	slices.Sort(out)
	return out
}

// Requests to one host start an interval apart, in the order they came,
// whether they are sent one after another or all at once; another host
// does not wait for them.
func TestPerHostInterval(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(feedXML)) })
	const interval = 2 * time.Second
	for _, concurrent := range []bool{false, true} {
		f := newFetcher(t, Options{PerHost: 4, PerHostInterval: interval})
		clock := &fakeClock{now: time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)}
		f.hosts.clock = clock
		ctx := testCtx(t)
		var wg sync.WaitGroup
		for range 4 {
			fetch := func() {
				if _, err := f.Fetch(ctx, Request{URL: srv.URL}); err != nil {
					t.Error(err)
				}
			}
			if concurrent {
				wg.Go(fetch)
			} else {
				fetch()
			}
		}
		wg.Wait()
		// The first starts at once; the others 2s, 4s and 6s later.
		want := []time.Duration{interval, 2 * interval, 3 * interval}
		if got := clock.waits(); !slices.Equal(got, want) {
			t.Errorf("concurrent %v: waits %v, want %v", concurrent, got, want)
		}
	}
}

// By default loopback and private addresses are not spaced, public hosts
// are; an explicit interval spaces every host, a negative one none.
func TestHostInterval(t *testing.T) {
	for _, c := range []struct {
		opt  time.Duration
		host string
		want time.Duration
	}{
		{0, "127.0.0.1", 0},
		{0, "localhost", 0},
		{0, "feeds.localhost", 0},
		{0, "::1", 0},
		{0, "10.1.2.3", 0},
		{0, "192.168.0.9", 0},
		{0, "172.16.5.5", 0},
		{0, "fd00::1", 0},
		{0, "169.254.1.1", 0},
		{0, "www.antaranews.com", DefaultPerHostInterval},
		{0, "8.8.8.8", DefaultPerHostInterval},
		{0, "172.32.0.1", DefaultPerHostInterval},
		{5 * time.Second, "127.0.0.1", 5 * time.Second},
		{5 * time.Second, "www.antaranews.com", 5 * time.Second},
		{-1, "www.antaranews.com", 0},
	} {
		if got := (Options{PerHostInterval: c.opt}).HostInterval(c.host); got != c.want {
			t.Errorf("interval %v, host %s: %v, want %v", c.opt, c.host, got, c.want)
		}
	}
}

// Waiting for a host's turn ends with the context.
func TestIntervalWaitEndsWithContext(t *testing.T) {
	l := newHostLimiter(4, func(string) time.Duration { return time.Hour })
	release, err := l.acquire(testCtx(t), "h")
	if err != nil {
		t.Fatal(err)
	}
	release()
	ctx, cancel := context.WithCancel(testCtx(t))
	go cancel()
	// The real clock: the next start is an hour away, the cancel ends it.
	if _, err := l.acquire(ctx, "h"); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	// Its slot was given back: four can still start (each an hour apart).
	for range 4 {
		select {
		case l.host("h").sem <- struct{}{}:
		default:
			t.Fatal("a cancelled wait kept its slot")
		}
	}
}

// deadlineClock records whether the context of each wait had a deadline.
type deadlineClock struct {
	fakeClock
	underDeadline []bool
}

func (c *deadlineClock) Sleep(ctx context.Context, d time.Duration) error {
	_, has := ctx.Deadline()
	c.mu.Lock()
	c.underDeadline = append(c.underDeadline, has)
	c.mu.Unlock()
	return c.fakeClock.Sleep(ctx, d)
}

// Waiting for a host's turn is not part of the fetch's timeout: behind many
// feeds of one host the wait may be longer than a fetch may take.
func TestIntervalWaitOutsideTimeout(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(feedXML)) })
	f := newFetcher(t, Options{PerHostInterval: time.Minute, Timeout: time.Second})
	clock := &deadlineClock{}
	f.hosts.clock = clock
	ctx := context.Background() // no deadline of its own
	for range 2 {
		if _, err := f.Fetch(ctx, Request{URL: srv.URL}); err != nil {
			t.Fatal(err)
		}
	}
	if len(clock.underDeadline) != 1 || clock.underDeadline[0] {
		t.Fatalf("waits under a deadline: %v, want one wait without", clock.underDeadline)
	}
}
