package fetch

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// inFlight counts requests a server is handling and remembers the maximum.
type inFlight struct {
	now, max atomic.Int32
}

func (c *inFlight) enter() {
	n := c.now.Add(1)
	for {
		m := c.max.Load()
		if n <= m || c.max.CompareAndSwap(m, n) {
			return
		}
	}
}

func (c *inFlight) leave() { c.now.Add(-1) }

func TestPerHostCap(t *testing.T) {
	const perHost, n = 2, 8
	var flight inFlight
	arrived := make(chan struct{}, n)
	release := make(chan struct{}, n)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		flight.enter()
		defer flight.leave()
		arrived <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	f := newFetcher(t, Options{PerHost: perHost})
	ctx := testCtx(t)

	errs := make(chan error, n)
	for range n {
		go func() {
			_, err := f.Fetch(ctx, Request{URL: srv.URL})
			errs <- err
		}()
	}
	// Wait until perHost requests are held by the server and the rest are
	// queued in the Fetcher. Without the cap every request reaches the
	// server instead, which the maximum records at once.
	for flight.now.Load() != perHost || f.hosts.waiting.Load() != n-perHost {
		if m := flight.max.Load(); m > perHost {
			t.Fatalf("server saw %d requests in flight, cap is %d", m, perHost)
		}
		if ctx.Err() != nil {
			t.Fatalf("gave up: %d in flight, %d waiting", flight.now.Load(), f.hosts.waiting.Load())
		}
		time.Sleep(time.Millisecond) // polling a condition, not timing anything
	}
	// Admit the rest one release at a time.
	for range perHost {
		waitOrFail(t, ctx, arrived, "first requests")
	}
	for range n - perHost {
		release <- struct{}{}
		waitOrFail(t, ctx, arrived, "next request")
	}
	for range perHost {
		release <- struct{}{}
	}
	for range n {
		if err := waitOrFail(t, ctx, errs, "fetch result"); err != nil {
			t.Error(err)
		}
	}
	if got := flight.max.Load(); got != perHost {
		t.Errorf("server saw at most %d requests in flight, want %d", got, perHost)
	}
}

func TestHostsIndependent(t *testing.T) {
	held := make(chan struct{})
	unblock := make(chan struct{})
	slow := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		close(held)
		select {
		case <-unblock:
		case <-r.Context().Done():
		}
	})
	fast := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(feedXML))
	})
	fastURL := strings.Replace(fast.URL, "127.0.0.1", "localhost", 1)
	f := newFetcher(t, Options{PerHost: 1})
	ctx := testCtx(t)

	slowDone := make(chan error, 1)
	go func() {
		_, err := f.Fetch(ctx, Request{URL: slow.URL})
		slowDone <- err
	}()
	waitOrFail(t, ctx, held, "slow request to arrive")
	// The 127.0.0.1 slot is taken; localhost must not wait for it.
	res, err := f.Fetch(ctx, Request{URL: fastURL})
	if err != nil {
		t.Fatalf("fetch of the other host while the first is busy: %v", err)
	}
	if string(res.Body) != feedXML {
		t.Errorf("body = %q", res.Body)
	}
	close(unblock)
	if err := waitOrFail(t, ctx, slowDone, "slow fetch"); err != nil {
		t.Error(err)
	}
}

func TestTimeout(t *testing.T) {
	cases := []struct {
		name string
		slow func(w http.ResponseWriter)
	}{
		{"no headers", func(w http.ResponseWriter) {}},
		{"stalled body", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/xml")
			w.Write([]byte("<rss>"))
			w.(http.Flusher).Flush()
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/fast" {
					w.Write([]byte(feedXML))
					return
				}
				c.slow(w)
				<-r.Context().Done() // until the client gives up
			})
			f := newFetcher(t, Options{Timeout: 100 * time.Millisecond, PerHost: 1})
			_, err := f.Fetch(testCtx(t), Request{URL: srv.URL + "/slow"})
			if err == nil {
				t.Fatal("slow fetch succeeded")
			}
			if !errors.Is(err, context.DeadlineExceeded) || !Temporary(err) {
				t.Errorf("err = %v; want a temporary deadline error", err)
			}
			// The operator reads the error in the cycle's summary: it
			// names the timeout that passed.
			if !strings.HasSuffix(err.Error(), "(timeout 100ms)") {
				t.Errorf("err = %q; want it to end with the timeout", err)
			}
			// The slot (PerHost 1) and the client must be free again.
			res, err := f.Fetch(testCtx(t), Request{URL: srv.URL + "/fast"})
			if err != nil || string(res.Body) != feedXML {
				t.Fatalf("next fetch: %v", err)
			}
		})
	}
}

func TestCancel(t *testing.T) {
	var requests atomic.Int32
	held := make(chan struct{}, 1)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		held <- struct{}{}
		<-r.Context().Done()
	})
	f := newFetcher(t, Options{PerHost: 1})

	// In flight: cancelling aborts the request.
	ctx1, cancel1 := context.WithCancel(testCtx(t))
	first := make(chan error, 1)
	go func() {
		_, err := f.Fetch(ctx1, Request{URL: srv.URL})
		first <- err
	}()
	waitOrFail(t, testCtx(t), held, "first request")

	// Waiting for the host slot held by the first: cancelling returns
	// ctx.Err() and the request is never sent.
	ctx2, cancel2 := context.WithCancel(testCtx(t))
	second := make(chan error, 1)
	var wg sync.WaitGroup
	wg.Go(func() {
		_, err := f.Fetch(ctx2, Request{URL: srv.URL})
		second <- err
	})
	for f.hosts.waiting.Load() != 1 { // polling a condition, not timing anything
		if ctx1.Err() != nil {
			t.Fatal("second fetch never queued for the host slot")
		}
		time.Sleep(time.Millisecond)
	}
	cancel2()
	wg.Wait()
	if err := <-second; !errors.Is(err, context.Canceled) {
		t.Errorf("waiting fetch: err = %v, want context.Canceled", err)
	}

	cancel1()
	if err := waitOrFail(t, testCtx(t), first, "first fetch"); !errors.Is(err, context.Canceled) {
		t.Errorf("in-flight fetch: err = %v, want context.Canceled", err)
	}
	if n := requests.Load(); n != 1 {
		t.Errorf("server got %d requests, want 1", n)
	}
}

func TestAcquireCancelledNeverWins(t *testing.T) {
	l := newHostLimiter(1, nil)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for range 100 { // a free slot and a done ctx: select would pick either
		if _, err := l.acquire(ctx, "h"); !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v", err)
		}
	}
}

func TestErrorMessages(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			w.Write(make([]byte, 100))
			return
		case "/hang":
			<-r.Context().Done()
			return
		}
		w.Header().Set("Content-Type", "application/xml")
		w.Write([]byte("<rss>"))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	f := newFetcher(t, Options{Timeout: 50 * time.Millisecond, MaxBodyBytes: 10})
	for _, path := range []string{"/slow", "/hang", "/big"} {
		_, err := f.Fetch(testCtx(t), Request{URL: srv.URL + path})
		if err == nil || !strings.HasPrefix(err.Error(), "fetch: ") || !strings.Contains(err.Error(), srv.URL+path) {
			t.Errorf("error %q lacks the package prefix or the URL", err)
		}
		t.Log(err)
		if strings.Count(err.Error(), "fetch:") > 1 {
			t.Errorf("error %q repeats the prefix", err)
		}
	}
}
