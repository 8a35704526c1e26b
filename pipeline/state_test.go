package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/robfig/cron/v3"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
)

// A 410 Gone retires a source: later cycles do not fetch it until its URL
// changes in the config.
func TestGoneSourceIsRetiredUntilItsURLChanges(t *testing.T) {
	var mu sync.Mutex
	calls := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls[r.URL.Path]++
		mu.Unlock()
		if r.URL.Path == "/gone" {
			http.Error(w, "gone", http.StatusGone)
			return
		}
		w.Write([]byte(oneItem))
	}))
	defer srv.Close()
	dsn := filepath.Join(t.TempDir(), "w.db")
	p, st := newTestPipelineOn(t, dsn, srv.URL+"/gone")
	for cycle := 1; cycle <= 2; cycle++ {
		rep, err := p.RunCycle(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if rep.Retired != 1 || rep.PerSource[0].Outcome != OutcomeRetired {
			t.Fatalf("cycle %d: %+v, want the source retired", cycle, rep)
		}
	}
	if calls["/gone"] != 1 {
		t.Fatalf("a retired source was fetched %d times, want once", calls["/gone"])
	}
	st.Close()

	// The config now names another URL for the source: it is fetched.
	moved, _ := newTestPipelineOn(t, dsn, srv.URL+"/moved")
	rep, err := moved.RunCycle(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Fetched != 1 || rep.New != 1 || calls["/moved"] != 1 {
		t.Fatalf("after the url changed: %+v, calls %v", rep, calls)
	}
}

// After as many failures, a 404, 401 or 403 waits longer than a 500; the
// wait is measured from the failure, and the report gives the real next
// attempt: the first scheduled cycle after the backoff.
func TestFailureBackoffByKindFromTheFailure(t *testing.T) {
	start := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := start
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The fetch takes five minutes of the fake clock.
		mu.Lock()
		clock = start.Add(5 * time.Minute)
		mu.Unlock()
		code, _ := map[string]int{"/404": 404, "/403": 403, "/401": 401, "/500": 500}[r.URL.Path]
		http.Error(w, "no", code)
	}))
	defer srv.Close()
	p, st := newTestPipeline(t, srv.URL+"/404", srv.URL+"/403", srv.URL+"/401", srv.URL+"/500")
	p.cfg.Fetch.Concurrency = 1
	p.now = now
	p.schedule = cron.Every(15 * time.Minute)
	rep, err := p.RunCycle(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	states, err := st.FetchStates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	failedAt := start.Add(5 * time.Minute)
	temp := states["D"] // the 500
	if got := temp.NextAttempt.Sub(failedAt); got != time.Minute {
		t.Errorf("500: next attempt %v after the failure, want 1m", got)
	}
	for _, name := range []string{"A", "B", "C"} {
		if got := states[name].NextAttempt.Sub(failedAt); got <= time.Minute {
			t.Errorf("source %s (4xx): next attempt %v after the failure, want longer than a 500's 1m", name, got)
		}
	}
	// Due at 10:06, the 500 is really tried at the next cycle, 10:15.
	if got, want := rep.PerSource[3].NextAttempt, start.Add(15*time.Minute); !got.Equal(want) {
		t.Errorf("report: next attempt %v, want the next cycle %v", got, want)
	}
	// Due at 10:21, a 404 is tried at the cycle of 10:30.
	if got, want := rep.PerSource[0].NextAttempt, start.Add(30*time.Minute); !got.Equal(want) {
		t.Errorf("report: 404's next attempt %v, want %v", got, want)
	}
}

// The cycle summary, printed and logged, names every failing and
// backing-off source with its last error and the time of its next attempt.
func TestCycleSummaryNamesFailingSources(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/broken" {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		w.Write([]byte(oneItem))
	}))
	defer srv.Close()
	p, _ := newTestPipeline(t, srv.URL+"/ok", srv.URL+"/broken")
	var logs bytes.Buffer
	p.logger = slog.New(slog.NewTextHandler(&logs, nil))

	rep, err := p.RunCycle(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := rep.WriteSummary(&out); err != nil {
		t.Fatal(err)
	}
	next := rep.PerSource[1].NextAttempt.Format(time.RFC3339)
	want := "  B failed (fetch: http 500 Internal Server Error); 1 failure, next attempt " + next + "\n"
	if !strings.Contains(out.String(), want) || strings.Contains(out.String(), "  A ") {
		t.Errorf("summary:\n%s\nwant the line %q and no line for the healthy source", out.String(), want)
	}
	if !strings.Contains(logs.String(), `failing="B failed (fetch: http 500 Internal Server Error); 1 failure, next attempt `+next) {
		t.Errorf("the cycle's log line does not name the failing source:\n%s", logs.String())
	}

	rep, err = p.RunCycle(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out.Reset()
	rep.WriteSummary(&out)
	if want := "  B backing off (fetch: http 500 Internal Server Error); 1 failure, next attempt " + next; !strings.Contains(out.String(), want) {
		t.Errorf("second summary:\n%s\nwant %q", out.String(), want)
	}
}

// cancellingStore cancels the cycle's context when the pipeline asks which
// articles are stored: between fetching and processing.
type cancellingStore struct {
	store.Store
	cancel context.CancelFunc
}

func (s cancellingStore) Existing(ctx context.Context, ids []string) (map[string]bool, error) {
	s.cancel()
	return s.Store.Existing(context.WithoutCancel(ctx), ids)
}

// A cycle cancelled while it processes a large feed stops with
// context.Canceled, stores nothing, and the next cycle stores everything
// with its stories as if nothing had happened.
func TestCancelDuringProcessingStopsTheCycle(t *testing.T) {
	const items = 3000
	var feed strings.Builder
	feed.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>`)
	for i := range items {
		fmt.Fprintf(&feed, `<item><title>Embassy report number %d on talks %d</title><link>https://big.example/%d</link><description>The embassy said on day %d that talks went on.</description></item>`, i, i*7, i, i)
	}
	feed.WriteString(`</channel></rss>`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, feed.String())
	}))
	defer srv.Close()
	p, st := newTestPipeline(t, srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p.store = cancellingStore{Store: st, cancel: cancel}

	began := time.Now()
	_, err := p.RunCycle(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled cycle: %v, want context.Canceled", err)
	}
	if took := time.Since(began); took > 10*time.Second {
		t.Errorf("the cancelled cycle took %v", took)
	}
	stored := 0
	st.Since(context.Background(), time.Time{}, func(*article.Article) error { stored++; return nil })
	if stored != 0 {
		t.Fatalf("a cancelled cycle stored %d articles", stored)
	}
	if n := p.index.Len(); n != 0 {
		t.Fatalf("story assignment went on after the cancel: %d articles in the index", n)
	}

	p.store = st
	rep, err := p.RunCycle(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.New != items {
		t.Fatalf("the next cycle stored %d articles, want %d", rep.New, items)
	}
}

// A failure's text reaches the public status pages: no URL in it keeps its
// password or query, the source's own or another the error quotes (a
// redirect's target).
func TestFailureTextNamesNoURLSecrets(t *testing.T) {
	var s sourceState
	src := "https://reader:s3cret@feeds.example/rss?token=ABC"
	err := fmt.Errorf("fetch: too many redirects: %s -> %q", src, "https://cdn.example/feed.xml?sig=XYZ")
	s.failed(time.Now(), err, src, time.Hour)
	for _, secret := range []string{"s3cret", "ABC", "XYZ", "reader"} {
		if strings.Contains(s.LastError, secret) {
			t.Errorf("LastError %q names %q", s.LastError, secret)
		}
	}
	if !strings.Contains(s.LastError, "feeds.example/rss") || !strings.Contains(s.LastError, "cdn.example/feed.xml") {
		t.Errorf("LastError %q lost the hosts and paths a reader needs", s.LastError)
	}
}

// A failure's text may quote a server's bytes; it is kept as text by the
// store, so it is valid UTF-8 without control characters (PostgreSQL's
// text refuses NUL and invalid UTF-8; review 12: F6).
func TestFailureTextIsStorable(t *testing.T) {
	var s sourceState
	s.failed(time.Now(), errors.New("parse: unexpected \"caf\xe9\x00\" in\x01 feed"), "https://feeds.example/rss", time.Hour)
	if !utf8.ValidString(s.LastError) || strings.ContainsFunc(s.LastError, unicode.IsControl) {
		t.Errorf("LastError %q: want valid UTF-8 without control characters", s.LastError)
	}
	if !strings.Contains(s.LastError, "feed") || !strings.Contains(s.LastError, "caf") {
		t.Errorf("LastError %q lost its text", s.LastError)
	}
}
