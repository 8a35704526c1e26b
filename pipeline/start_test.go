package pipeline

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/topic"
)

// heldSketches is a store whose walk of the stored sketches (the story
// index's load) waits until the feed was requested, and then for the
// stories lock to be asked for (which only deciding stories does) or a
// second, and fails with err when set.
type heldSketches struct {
	store.Store
	requested <-chan struct{}
	err       error

	mu sync.Mutex
	// fetchedFirst is set when the feed was requested before the walk
	// went on, lockedFirst when the stories lock was asked for before the
	// walk ended.
	fetchedFirst, lockedFirst bool
	walked                    bool
	locking                   chan struct{} // closed when the stories lock is asked for
}

func (s *heldSketches) Sketches(ctx context.Context, t time.Time, fn func(*article.Article) error) error {
	select {
	case <-s.requested:
		s.mu.Lock()
		s.fetchedFirst = true
		s.mu.Unlock()
	case <-time.After(30 * time.Second): // a guard against a cycle that waits for the load to fetch
	}
	select {
	case <-s.locking:
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

func (s *heldSketches) TryLock(ctx context.Context, name string) (func(), bool, error) {
	if name == storiesLock {
		s.mu.Lock()
		if !s.walked && !s.lockedFirst {
			s.lockedFirst = true
			close(s.locking)
		}
		s.mu.Unlock()
	}
	return s.Store.TryLock(ctx, name)
}

// feedSignalling serves body and closes the returned channel at the first
// request.
func feedSignalling(t *testing.T, body string) (url string, requested <-chan struct{}) {
	t.Helper()
	ch := make(chan struct{})
	first := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if first {
			first = false
			close(ch)
		}
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv.URL, ch
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
	url, requested := feedSignalling(t, copyOfOneItem)
	held := &heldSketches{Store: st, requested: requested, locking: make(chan struct{})}
	p := newUnloadedPipeline(t, held, []topic.Spec{testWorld}, []config.Source{{Name: "copies", URL: url}})
	p.Start(context.Background())
	rep, err := p.RunCycle(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !held.fetchedFirst {
		t.Error("the cycle did not fetch before the story index was loaded")
	}
	if held.lockedFirst {
		t.Error("the cycle took the stories lock to decide before the story index was loaded")
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

// The load's error is the cycle's, and nothing fetched is stored without
// the story index.
func TestStartLoadErrorFailsTheCycle(t *testing.T) {
	_, st := newTestPipeline(t)
	url, requested := feedSignalling(t, oneItem)
	broken := errors.New("sketches unreadable")
	p := newUnloadedPipeline(t, &heldSketches{Store: st, requested: requested, err: broken, locking: make(chan struct{})},
		[]topic.Spec{testWorld}, []config.Source{{Name: "a", URL: url}})
	p.Start(context.Background())
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
