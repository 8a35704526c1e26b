package pipeline

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/sqlite"
	"github.com/warta-news/warta/store/storetest"
	"github.com/warta-news/warta/topic"
)

func newTestPipeline(t *testing.T, urls ...string) (*Pipeline, store.Store) {
	t.Helper()
	return newTestPipelineOn(t, filepath.Join(t.TempDir(), "w.db"), urls...)
}

// newTestPipelineOn builds a pipeline on the SQLite file dsn: two of them on
// one file stand for two processes sharing a store.
func newTestPipelineOn(t *testing.T, dsn string, urls ...string) (*Pipeline, store.Store) {
	t.Helper()
	st := storetest.Open(t, sqlite.Open, dsn)
	return newTestPipelineWith(t, st, urls...), st
}

// testWorld is the test pipelines' one topic.
var testWorld = topic.Spec{Slug: "world", Title: "World",
	Terms: map[string][]string{"en": {"embassy^5"}, "id": {"kedutaan^5"}}}

// newTestPipelineWith builds a pipeline for urls on the store st.
func newTestPipelineWith(t *testing.T, st store.Store, urls ...string) *Pipeline {
	t.Helper()
	return newTestPipelineTopics(t, st, []topic.Spec{testWorld}, urls...)
}

// newTestPipelineTopics builds a pipeline for urls on the store st that
// tags with topics.
func newTestPipelineTopics(t *testing.T, st store.Store, topics []topic.Spec, urls ...string) *Pipeline {
	t.Helper()
	var sources []config.Source
	for i, u := range urls {
		sources = append(sources, config.Source{Name: string(rune('A' + i)), URL: u})
	}
	return newTestPipelineSources(t, st, topics, sources)
}

// newTestPipelineSources builds a pipeline for sources on the store st
// that tags with topics.
func newTestPipelineSources(t *testing.T, st store.Store, topics []topic.Spec, sources []config.Source) *Pipeline {
	t.Helper()
	p := newUnloadedPipeline(t, st, topics, sources)
	if err := p.Init(context.Background()); err != nil {
		t.Fatal(err)
	}
	return p
}

// newUnloadedPipeline is newTestPipelineSources' pipeline before Init.
func newUnloadedPipeline(t *testing.T, st store.Store, topics []topic.Spec, sources []config.Source) *Pipeline {
	t.Helper()
	cfg := &config.Config{
		Fetch:   config.Fetch{Concurrency: 2, MaxBackoff: time.Hour},
		Dedupe:  config.Dedupe{Window: 72 * time.Hour},
		Topics:  topics,
		Sources: sources,
	}
	tagger, err := topic.New(cfg.Topics)
	if err != nil {
		t.Fatal(err)
	}
	p := New(cfg, Deps{Fetcher: fetch.New(fetch.Options{Timeout: 10 * time.Second}, nil), Tagger: tagger, Store: st,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return p
}

const oneItem = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Embassy reopens in Kabul</title><link>https://news.example/embassy</link><description>The embassy reopened on Monday.</description></item>
</channel></rss>`

// A cycle started while another runs is refused, not queued.
func TestCyclesNeverOverlap(t *testing.T) {
	entered := make(chan struct{})
	release := make(chan struct{})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(entered) })
		<-release
		w.Write([]byte(oneItem))
	}))
	defer srv.Close()
	p, _ := newTestPipeline(t, srv.URL)

	first := make(chan error, 1)
	go func() {
		_, err := p.RunCycle(context.Background())
		first <- err
	}()
	<-entered
	if _, err := p.RunCycle(context.Background()); !errors.Is(err, ErrCycleRunning) {
		t.Fatalf("second cycle: %v, want ErrCycleRunning", err)
	}
	close(release)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	rep, err := p.RunCycle(context.Background())
	if err != nil {
		t.Fatalf("a cycle after the first ended: %v", err)
	}
	if rep.Fetched != 1 {
		t.Fatalf("report %+v", rep)
	}
}

// A failing source backs off: the next cycle skips it and records why.
func TestFailingSourceBacksOff(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("Retry-After", "600")
		http.Error(w, "busy", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	p, st := newTestPipeline(t, srv.URL)
	rep, err := p.RunCycle(context.Background())
	if err != nil || rep.Failed != 1 {
		t.Fatalf("first cycle: %+v, %v", rep, err)
	}
	states, err := st.FetchStates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	state := states["A"]
	if state.Failures != 1 || state.LastStatus != 503 || state.LastError == "" {
		t.Fatalf("state %+v", state)
	}
	if got := state.NextAttempt.Sub(state.LastAttempt); got < 10*time.Minute {
		t.Fatalf("next attempt %v after the failure, want at least Retry-After's 10m", got)
	}
	rep, err = p.RunCycle(context.Background())
	if err != nil || rep.Skipped != 1 || calls != 1 {
		t.Fatalf("second cycle: %+v, %v, %d calls", rep, err, calls)
	}
}

// A cancelled cycle records nothing against its sources.
func TestCancelledCycleRecordsNoFailure(t *testing.T) {
	entered := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-r.Context().Done()
	}))
	defer srv.Close()
	p, st := newTestPipeline(t, srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-entered; cancel() }()
	if _, err := p.RunCycle(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled cycle: %v", err)
	}
	states, err := st.FetchStates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	state := states["A"]
	if state.Failures != 0 || !state.NextAttempt.IsZero() {
		t.Fatalf("a shutdown was recorded as a failure: %+v", state)
	}
}

// Two processes on one store: while one runs a cycle the other's is
// refused, and a story started by one is joined by the other's copy.
func TestTwoProcessesShareTheStore(t *testing.T) {
	entered := make(chan struct{})
	release := make(chan struct{})
	var once sync.Once
	lead := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(entered); <-release })
		w.Write([]byte(oneItem))
	}))
	defer lead.Close()
	copyFeed := strings.Replace(strings.Replace(oneItem, "https://news.example/embassy", "https://other.example/world/embassy-kabul", 1),
		"Embassy reopens in Kabul", "Embassy reopens in Kabul - Other News", 1)
	copies := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(copyFeed))
	}))
	defer copies.Close()

	dsn := filepath.Join(t.TempDir(), "shared.db")
	a, st := newTestPipelineOn(t, dsn, lead.URL)
	b, _ := newTestPipelineOn(t, dsn, copies.URL)

	done := make(chan error, 1)
	go func() {
		_, err := a.RunCycle(context.Background())
		done <- err
	}()
	<-entered
	if _, err := b.RunCycle(context.Background()); !errors.Is(err, ErrCycleRunning) {
		t.Fatalf("cycle while another process runs one: %v, want ErrCycleRunning", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := b.RunCycle(context.Background()); err != nil {
		t.Fatal(err)
	}
	stories, err := st.Stories(context.Background(), "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) != 1 || len(stories[0].Copies) != 1 {
		t.Fatalf("%d stories (want 1 with 1 copy): the second process did not see the first one's article", len(stories))
	}
}
