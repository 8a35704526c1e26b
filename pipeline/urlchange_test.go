package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	neturl "net/url"
	"sync"
	"testing"
	"time"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store"
)

// itemFeed is a feed of one item titled title.
func itemFeed(title string) string {
	return fmt.Sprintf(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>%s</title><link>https://news.example/%s</link><description>The embassy said so on Monday.</description></item>
</channel></rss>`, title, neturl.PathEscape(title))
}

// urlSite counts requests by path and records the validators each path
// was asked with.
type urlSite struct {
	*httptest.Server
	mu         sync.Mutex
	hits       map[string]int
	validators map[string][]string
}

func newURLSite(t *testing.T, handler func(w http.ResponseWriter, r *http.Request)) *urlSite {
	s := &urlSite{hits: map[string]int{}, validators: map[string][]string{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		if v := r.Header.Get("If-None-Match") + r.Header.Get("If-Modified-Since"); v != "" {
			s.validators[r.URL.Path] = append(s.validators[r.URL.Path], v)
		}
		s.mu.Unlock()
		handler(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *urlSite) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// runOnce runs one cycle of a pipeline for sources on st, at now.
func runOnce(t *testing.T, st store.Store, now time.Time, maxBackoff time.Duration, sources ...config.Source) Report {
	t.Helper()
	p := newTestPipelineSources(t, st, nil, sources)
	p.now = func() time.Time { return now }
	if maxBackoff > 0 {
		p.cfg.Fetch.MaxBackoff = maxBackoff
	}
	rep, err := p.RunCycle(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// A source whose URL changes in the config starts afresh: the old URL's
// validators are not sent to the new one, whose feed (which would answer
// 304 to them, as a static file server does to any later date) is read and
// stored; on both drivers.
func TestChangedURLSendsNoOldValidators(t *testing.T) {
	for _, driver := range storeDrivers() {
		t.Run(driver.name, func(t *testing.T) {
			site := newURLSite(t, func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/old":
					w.Header().Set("Last-Modified", "Tue, 01 Dec 2026 07:00:00 GMT")
					w.Header().Set("ETag", `W/"1"`)
					w.Write([]byte(itemFeed("Old feed embassy")))
				case "/new":
					w.Header().Set("Last-Modified", "Mon, 30 Nov 2026 00:00:00 GMT")
					w.Header().Set("ETag", `W/"1"`)
					if r.Header.Get("If-Modified-Since") != "" || r.Header.Get("If-None-Match") != "" {
						w.WriteHeader(http.StatusNotModified)
						return
					}
					w.Write([]byte(itemFeed("New feed embassy")))
				}
			})
			open := driver.open(t)
			st := open()
			now := time.Now()
			runOnce(t, st, now, 0, config.Source{Name: "Moving", URL: site.URL + "/old"})
			st.Close()

			st = open() // a restart, or a reload: the state is in the store
			rep := runOnce(t, st, now.Add(time.Hour), 0, config.Source{Name: "Moving", URL: site.URL + "/new"})
			if o := rep.PerSource[0].Outcome; o != OutcomeFetched {
				t.Errorf("new url: outcome %v, want fetched", o)
			}
			if v := site.validators["/new"]; len(v) != 0 {
				t.Errorf("the new url was asked with the old url's validators %q", v)
			}
			if n, err := st.ArticlesBySource(context.Background()); err != nil || n["Moving"] != 2 {
				t.Errorf("articles %v (%v), want the old feed's and the new feed's", n, err)
			}
		})
	}
}

// A corrected URL is fetched at once: neither the old URL's backoff, its
// Retry-After nor the refresh interval its feed asked for holds it back,
// and the report no longer gives the old URL's error; on both drivers.
func TestChangedURLDoesNotWaitForTheOldOne(t *testing.T) {
	for _, driver := range storeDrivers() {
		t.Run(driver.name, func(t *testing.T) {
			old := newURLSite(t, func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/missing":
					http.NotFound(w, r)
				case "/cached":
					w.Header().Set("Cache-Control", "max-age=7200")
					w.Write([]byte(itemFeed("Cached embassy")))
				}
			})
			// A Retry-After holds back its whole server: Busy's has no
			// other feed.
			busy := newURLSite(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", "3600")
				http.Error(w, "busy", http.StatusServiceUnavailable)
			})
			fixed := newURLSite(t, func(w http.ResponseWriter, r *http.Request) {
				w.Write([]byte(itemFeed("Fixed embassy " + r.URL.Path)))
			})
			open := driver.open(t)
			st := open()
			now := time.Now()
			names := []string{"Missing", "Busy", "Cached"}
			var before, after []config.Source
			for _, n := range names {
				base := old.URL
				if n == "Busy" {
					base = busy.URL
				}
				before = append(before, config.Source{Name: n, URL: base + "/" + lower(n)})
				after = append(after, config.Source{Name: n, URL: fixed.URL + "/" + lower(n)})
			}
			rep := runOnce(t, st, now, 0, before...)
			for i, want := range []Outcome{OutcomeFailed, OutcomeFailed, OutcomeFetched} {
				if o := rep.PerSource[i].Outcome; o != want {
					t.Fatalf("%s on the old url: %v, want %v", names[i], o, want)
				}
			}
			st.Close()

			st = open()
			rep = runOnce(t, st, now.Add(5*time.Minute), 0, after...)
			for i, s := range rep.PerSource {
				if s.Outcome != OutcomeFetched || s.Err != "" || s.Failures != 0 {
					t.Errorf("%s on the fixed url: %+v, want fetched afresh", names[i], s)
				}
			}
			states, err := st.FetchStates(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range names {
				if s := states[n]; s.LastError != "" || s.Failures != 0 {
					t.Errorf("%s: stored state %+v still shows the old url's failure", n, s)
				}
			}
		})
	}
}

// lower is s with its first letter lower-cased (the test sources' paths).
func lower(s string) string { return string(s[0]+'a'-'A') + s[1:] }

// A lowered fetch.max_backoff bounds the waits stored under the old cap:
// they are clamped when read, not left to run out.
func TestLoweredMaxBackoffBoundsStoredWaits(t *testing.T) {
	failing := true
	var mu sync.Mutex
	site := newURLSite(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if failing {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(itemFeed("Back embassy")))
	})
	st := newSQLiteStore(t)
	src := config.Source{Name: "Flaky", URL: site.URL + "/feed"}
	now := time.Now()
	// Three permanent failures under a 6-hour cap: 16, 32 then 64 minutes.
	for _, at := range []time.Duration{0, 17 * time.Minute, 50 * time.Minute} {
		if rep := runOnce(t, st, now.Add(at), 6*time.Hour, src); rep.PerSource[0].Outcome != OutcomeFailed {
			t.Fatalf("at +%v: %+v, want failed", at, rep.PerSource[0])
		}
	}
	states, err := st.FetchStates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if wait := states["Flaky"].NextAttempt.Sub(states["Flaky"].LastAttempt); wait < time.Hour {
		t.Fatalf("stored wait %v, want 64 minutes", wait)
	}
	mu.Lock()
	failing = false
	mu.Unlock()
	// The cap lowered to 20 minutes: 25 minutes after the last failure
	// the source is fetched, not at +64 minutes.
	rep := runOnce(t, st, now.Add(75*time.Minute), 20*time.Minute, src)
	if o := rep.PerSource[0].Outcome; o != OutcomeFetched {
		t.Errorf("after lowering max_backoff: %+v, want fetched", rep.PerSource[0])
	}
}
