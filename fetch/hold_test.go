package fetch

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// countingServer answers by path from answers (a feed for any other path)
// and counts the requests per path.
type countingServer struct {
	mu   sync.Mutex
	hits map[string]int
	url  string
}

func newCountingServer(t *testing.T, answers map[string]func(http.ResponseWriter)) *countingServer {
	s := &countingServer{hits: map[string]int{}}
	s.url = newServer(t, func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		if a, ok := answers[r.URL.Path]; ok {
			a(w)
			return
		}
		w.Write([]byte(feedXML))
	}).URL
	return s
}

func (s *countingServer) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// refusal answers with status and, when not "", Retry-After.
func refusal(status int, retryAfter string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		w.WriteHeader(status)
	}
}

// heldFor fails the test unless err is a refusal without a request that
// carries a Retry-After in (low, high].
func heldFor(t *testing.T, err error, status int, low, high time.Duration) {
	t.Helper()
	var held *HeldError
	var se *StatusError
	if !errors.As(err, &held) || !errors.As(err, &se) {
		t.Fatalf("error %v, want the host held", err)
	}
	if se.StatusCode != status || se.RetryAfter <= low || se.RetryAfter > high {
		t.Errorf("held: status %d, Retry-After %v; want %d in (%v, %v]", se.StatusCode, se.RetryAfter, status, low, high)
	}
	if !Temporary(err) || !strings.Contains(err.Error(), "not requested") {
		t.Errorf("held error %q: temporary %v", err, Temporary(err))
	}
}

// A 429 or 503 with Retry-After holds back every request to that server
// (host and port) until it has passed: they are answered without a
// request, carrying the time left as their Retry-After. Other servers, and
// a 503 without Retry-After (one URL's trouble), hold nothing back.
func TestRetryAfterHoldsTheHost(t *testing.T) {
	busy := newCountingServer(t, map[string]func(http.ResponseWriter){
		"/a": refusal(http.StatusTooManyRequests, "120"),
	})
	unavailable := newCountingServer(t, map[string]func(http.ResponseWriter){
		"/a": refusal(http.StatusServiceUnavailable, "60"),
	})
	broken := newCountingServer(t, map[string]func(http.ResponseWriter){
		"/a": refusal(http.StatusServiceUnavailable, ""),
	})
	other := newCountingServer(t, map[string]func(http.ResponseWriter){
		"/to-busy": func(w http.ResponseWriter) {
			w.Header().Set("Location", busy.url+"/c")
			w.WriteHeader(http.StatusFound)
		},
	})
	f := newFetcher(t, Options{})
	ctx := testCtx(t)

	if _, err := f.Fetch(ctx, Request{URL: busy.url + "/a"}); err == nil {
		t.Fatal("429 fetched")
	}
	_, err := f.Fetch(ctx, Request{URL: busy.url + "/b"})
	heldFor(t, err, http.StatusTooManyRequests, 100*time.Second, 120*time.Second)
	if n := busy.count("/b"); n != 0 {
		t.Errorf("/b requested %d times within the Retry-After of /a", n)
	}
	// A redirect to the held server is not followed there.
	_, err = f.Fetch(ctx, Request{URL: other.url + "/to-busy"})
	heldFor(t, err, http.StatusTooManyRequests, 100*time.Second, 120*time.Second)
	if busy.count("/c") != 0 {
		t.Error("a redirect reached the held server")
	}
	if _, err := f.Fetch(ctx, Request{URL: other.url + "/feed"}); err != nil {
		t.Errorf("another server held back: %v", err)
	}

	if _, err := f.Fetch(ctx, Request{URL: unavailable.url + "/a"}); err == nil {
		t.Fatal("503 fetched")
	}
	_, err = f.Fetch(ctx, Request{URL: unavailable.url + "/b"})
	heldFor(t, err, http.StatusTooManyRequests, 40*time.Second, 60*time.Second)

	if _, err := f.Fetch(ctx, Request{URL: broken.url + "/a"}); err == nil {
		t.Fatal("503 fetched")
	}
	if _, err := f.Fetch(ctx, Request{URL: broken.url + "/b"}); err != nil {
		t.Errorf("a 503 without Retry-After held the server back: %v", err)
	}

	// The holds are handed over: another fetcher (a restart, another
	// daemon) given them holds the same servers back.
	held := f.Held()
	if len(held) != 2 {
		t.Fatalf("held %v, want the 429's and the 503's servers", held)
	}
	g := newFetcher(t, Options{})
	for host, until := range held {
		g.Hold(host, until)
	}
	_, err = g.Fetch(ctx, Request{URL: busy.url + "/b"})
	heldFor(t, err, http.StatusTooManyRequests, 100*time.Second, 120*time.Second)
	if busy.count("/b") != 0 {
		t.Error("the handed-over hold did not hold")
	}
}

// A hold handed over is bounded as a Retry-After is: a stored time years
// ahead holds for a day at most, and a past one not at all.
func TestHandedOverHoldIsBounded(t *testing.T) {
	srv := newCountingServer(t, nil)
	f := newFetcher(t, Options{})
	ctx := testCtx(t)
	if _, err := f.Fetch(ctx, Request{URL: srv.url + "/a"}); err != nil {
		t.Fatal(err)
	}
	host := strings.TrimPrefix(srv.url, "http://")
	f.Hold(host, time.Now().Add(-time.Minute))
	if _, err := f.Fetch(ctx, Request{URL: srv.url + "/a"}); err != nil {
		t.Errorf("a past hold held: %v", err)
	}
	f.Hold(host, time.Now().AddDate(10, 0, 0))
	_, err := f.Fetch(ctx, Request{URL: srv.url + "/a"})
	heldFor(t, err, http.StatusTooManyRequests, maxRetryAfter-time.Minute, maxRetryAfter)
}
