package main

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

// `warta once` whose every due source failed exits exitSourcesFailed, after
// its summary, so that cron notices; one source answering is success, and
// sources only backing off were not due: not a failure of this run.
func TestOnceExitsNonZeroWhenEveryDueSourceFailed(t *testing.T) {
	site := newNewsSite(t)
	var good atomic.Bool
	site.handle("/a", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusInternalServerError) })
	site.handle("/b", func(w http.ResponseWriter, r *http.Request) {
		if !good.Load() {
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(rss("B", []rssItem{{Title: "Kabar dari B", Link: site.URL + "/news/b/1", Description: "Sebuah kabar dari sumber B."}}))
	})
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "A", URL: site.URL + "/a"}, {Name: "B", URL: site.URL + "/b"}}, nil)
	code, out, errOut := warta(t, context.Background(), "", "-config", cfg, "once")
	if code != exitSourcesFailed {
		t.Fatalf("every source failed: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitSourcesFailed, out, errOut)
	}
	if !strings.Contains(out, "failed 2") || !strings.Contains(errOut, "every due source failed") {
		t.Errorf("want the summary on stdout and the reason on stderr:\nstdout:\n%s\nstderr:\n%s", out, errOut)
	}
	// Both back off now: nothing was due, nothing failed in this run.
	if code, out, errOut := warta(t, context.Background(), "", "-config", cfg, "once"); code != exitOK {
		t.Errorf("every source backing off: exit %d, want 0\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	// One due source answering while another fails is success.
	good.Store(true)
	cfg = writeConfig(t, t.TempDir(), []testSource{{Name: "A", URL: site.URL + "/a"}, {Name: "B", URL: site.URL + "/b"}}, nil)
	if code, out, errOut := warta(t, context.Background(), "", "-config", cfg, "once"); code != exitOK {
		t.Errorf("one source of two answered: exit %d, want 0\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}
