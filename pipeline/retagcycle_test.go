package pipeline

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store/sqlite"
	"github.com/warta-news/warta/store/storetest"
	"github.com/warta-news/warta/topic"
)

// Another process with other topic rules (`warta once` with another
// config) re-tags the store under them: the running pipeline's next cycle
// sees the stored rules are not its own and re-tags back, so its feeds do
// not stay without its topics until a restart.
func TestCycleRetagsWhenAnotherProcessChangedTheRules(t *testing.T) {
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(oneItem))
	}))
	defer srv.Close()
	st := storetest.Open(t, sqlite.Open, filepath.Join(t.TempDir(), "w.db"))
	tagged := func(when string) bool {
		t.Helper()
		var world, n int
		err := st.Since(ctx, time.Time{}, func(a *article.Article) error {
			n++
			if a.HasTopic("world") {
				world++
			}
			return nil
		})
		if err != nil || n != 1 {
			t.Fatalf("%s: %d articles stored, %v", when, n, err)
		}
		return world == 1
	}
	daemon := newTestPipelineTopics(t, st, []topic.Spec{testWorld}, srv.URL)
	if _, err := daemon.RunCycle(ctx); err != nil {
		t.Fatal(err)
	}
	if !tagged("after the daemon's cycle") {
		t.Fatal("the article is not tagged world")
	}
	sport := topic.Spec{Slug: "sport", Title: "Sport", Terms: map[string][]string{"en": {"football^5"}}}
	newTestPipelineTopics(t, st, []topic.Spec{sport}, srv.URL) // another process's Init re-tags
	if tagged("after the other process started") {
		t.Fatal("the other process's rules did not re-tag the store: the test shows nothing")
	}
	if _, err := daemon.RunCycle(ctx); err != nil {
		t.Fatal(err)
	}
	if !tagged("after the daemon's next cycle") {
		t.Error("the daemon's cycle left the store tagged under the other process's rules")
	}
}
