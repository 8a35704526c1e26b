package pipeline

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/topic"
)

// heldSketches is a store whose walk of the stored sketches (the story
// index's load) closes walking as it begins, then waits until requested
// is closed and then until a batch is written (which, when it holds an
// article, comes after its story was decided) or a second has passed (no
// event marks the cycle waiting for the index); it fails with err when
// set.
type heldSketches struct {
	store.Store
	requested <-chan struct{}
	err       error
	walking   chan struct{} // closed as the first walk begins
	saving    chan struct{} // closed at the first write of a batch

	mu sync.Mutex
	// walks counts the walks; fetchedFirst is set when requested was
	// closed before the walk went on, savedFirst when a batch was
	// written before the walk ended.
	walks                    int
	fetchedFirst, savedFirst bool
	walked                   bool
}

func newHeldSketches(st store.Store, requested <-chan struct{}, err error) *heldSketches {
	return &heldSketches{Store: st, requested: requested, err: err, walking: make(chan struct{}), saving: make(chan struct{})}
}

func (s *heldSketches) Sketches(ctx context.Context, t time.Time, fn func(*article.Article) error) error {
	s.mu.Lock()
	s.walks++
	if s.walks == 1 {
		close(s.walking)
	}
	s.mu.Unlock()
	select {
	case <-s.requested:
		s.mu.Lock()
		s.fetchedFirst = true
		s.mu.Unlock()
	case <-time.After(30 * time.Second): // a guard against a cycle that waits for the load to fetch
	}
	select {
	case <-s.saving:
	case <-time.After(time.Second): // the cycle waits, as it should
	}
	defer func() {
		s.mu.Lock()
		s.walked = true
		s.mu.Unlock()
	}()
	if s.err != nil {
		return s.err
	}
	return s.Store.Sketches(ctx, t, fn)
}

func (s *heldSketches) SaveSources(ctx context.Context, batch []store.SourceWrite) ([]store.SourceSaved, error) {
	s.mu.Lock()
	if s.walks > 0 && !s.walked && !s.savedFirst {
		s.savedFirst = true
		close(s.saving)
	}
	s.mu.Unlock()
	return s.Store.SaveSources(ctx, batch)
}

// feedAfter serves body once begin is closed (or the request ends), and
// closes the returned channel as it answers the first request.
func feedAfter(t *testing.T, body string, begin <-chan struct{}) (url string, answered <-chan struct{}) {
	t.Helper()
	ch := make(chan struct{})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-begin:
		case <-r.Context().Done():
			return
		}
		once.Do(func() { close(ch) })
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv.URL, ch
}

// closed is a closed channel: nothing to wait for.
func closed() chan struct{} {
	ch := make(chan struct{})
	close(ch)
	return ch
}

// After Start, a cycle fetches while the story index loads, and decides
// stories only once it has loaded: a copy of a stored article joins its
// story, as after Init.
func TestStartFetchesWhileTheIndexLoads(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "w.db")
	first, st := newTestPipelineOn(t, dsn, serve(t, oneItem))
	if _, err := first.RunCycle(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The copy begins the index's load; the stored item's feed answers
	// only once the load has begun, and the load waits for that answer:
	// a cycle that fetched nothing while the index loads never gives it.
	held := newHeldSketches(st, nil, nil)
	lateURL, answered := feedAfter(t, oneItem, held.walking)
	held.requested = answered
	p := newUnloadedPipeline(t, held, []topic.Spec{testWorld},
		[]config.Source{{Name: "copies", URL: serve(t, copyOfOneItem)}, {Name: "stored", URL: lateURL}})
	if err := p.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	rep, err := p.RunCycle(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !held.fetchedFirst {
		t.Error("the cycle did not fetch while the story index loaded")
	}
	if held.savedFirst {
		t.Error("the cycle decided and wrote the copy before the story index was loaded")
	}
	if rep.New != 1 || rep.NewStories != 0 {
		t.Errorf("new articles %d, new stories %d: want the copy stored in the stored story", rep.New, rep.NewStories)
	}
	stories, err := st.Stories(context.Background(), "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) != 1 || len(stories[0].Copies) != 1 {
		t.Fatalf("%d stories, want 1 with the copy: the copy was decided before the index had loaded", len(stories))
	}
}

// A cycle that finds nothing new after Start never loads the story index;
// the next one that does loads it then, and its copy joins the stored
// story.
func TestStartLoadsTheIndexOnlyForNewArticles(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "w.db")
	first, st := newTestPipelineOn(t, dsn, serve(t, oneItem))
	if _, err := first.RunCycle(context.Background()); err != nil {
		t.Fatal(err)
	}
	body := oneItem
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.Write([]byte(body))
	}))
	defer srv.Close()
	held := newHeldSketches(st, closed(), nil)
	p := newUnloadedPipeline(t, held, []topic.Spec{testWorld}, []config.Source{{Name: "same", URL: srv.URL}})
	if err := p.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	rep, err := p.RunCycle(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.New != 0 || held.walks != 0 {
		t.Fatalf("a cycle finding only stored articles stored %d and walked the sketches %d times, want 0 and 0", rep.New, held.walks)
	}
	mu.Lock()
	body = copyOfOneItem
	mu.Unlock()
	if rep, err = p.RunCycle(context.Background()); err != nil {
		t.Fatal(err)
	}
	if held.walks != 1 || rep.New != 1 || rep.NewStories != 0 {
		t.Fatalf("walks %d, new articles %d, new stories %d: want one walk and the copy in the stored story",
			held.walks, rep.New, rep.NewStories)
	}
}

// The index load's error is the cycle's, and nothing fetched is stored
// without the story index.
func TestStartLoadErrorFailsTheCycle(t *testing.T) {
	_, st := newTestPipeline(t)
	broken := errors.New("sketches unreadable")
	p := newUnloadedPipeline(t, newHeldSketches(st, closed(), broken),
		[]topic.Spec{testWorld}, []config.Source{{Name: "a", URL: serve(t, oneItem)}})
	if err := p.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunCycle(context.Background()); !errors.Is(err, broken) {
		t.Fatalf("RunCycle: %v, want the load's error", err)
	}
	counts, err := st.ArticlesBySource(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) != 0 {
		t.Errorf("articles stored by a cycle whose story index did not load: %v", counts)
	}
}

// A load Start left for later that fails when no batch waits for it (the
// cycle had nothing to decide) is logged by the cycle, not lost.
func TestStartLoadErrorNobodyWaitedForIsLogged(t *testing.T) {
	_, st := newTestPipeline(t)
	var logged bytes.Buffer
	p := newUnloadedPipeline(t, st, []topic.Spec{testWorld}, nil)
	p.logger = slog.New(slog.NewTextHandler(&logged, nil))
	if err := p.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	p.indexLoad.Load().begin(func() error { return errors.New("sketches unreadable") })
	if _, err := p.RunCycle(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logged.String(), "sketches unreadable") {
		t.Errorf("the load's error is not in the log:\n%s", logged.String())
	}
}
