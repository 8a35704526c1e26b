package pipeline

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/topic"
)

// lostLockStore is a store whose stories lock is lost as soon as it is
// taken (a PostgreSQL connection ended under it).
type lostLockStore struct{ store.Store }

func (lostLockStore) LockHeld(_ context.Context, name string) error {
	return fmt.Errorf("%w: %s", store.ErrLockLost, name)
}

// A cycle that lost the stories lock stops writing stories: another
// process may hold the lock and decide the same stories at once. The
// cycle fails saying so, and nothing of its batch is stored.
func TestCycleStopsWritingWhenTheStoriesLockIsLost(t *testing.T) {
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(oneItem))
	}))
	defer srv.Close()
	st := newSQLiteStore(t)
	p := newTestPipelineTopics(t, lostLockStore{st}, []topic.Spec{testWorld}, srv.URL)
	_, err := p.RunCycle(ctx)
	if !errors.Is(err, store.ErrLockLost) {
		t.Fatalf("cycle with its stories lock lost: %v, want ErrLockLost", err)
	}
	n := 0
	if err := st.Since(ctx, time.Time{}, func(*article.Article) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d articles stored without the stories lock", n)
	}
	if p.epoch != staleEpoch {
		t.Errorf("epoch %q after a lost lock, want the index marked stale", p.epoch)
	}
}
