package pipeline

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/internal/pgtest"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/postgres"
	"github.com/warta-news/warta/store/sqlite"
	"github.com/warta-news/warta/store/storetest"
)

// movingSite answers /old with a 301 and /temp with a 302, both to /new,
// and counts requests by path.
type movingSite struct {
	*urlSite
	newOK bool // under urlSite.mu
}

func newMovingSite(t *testing.T) *movingSite {
	s := &movingSite{newOK: true}
	s.urlSite = newURLSite(t, func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		newOK := s.newOK
		s.mu.Unlock()
		switch r.URL.Path {
		case "/old":
			http.Redirect(w, r, "/new", http.StatusMovedPermanently)
		case "/temp":
			http.Redirect(w, r, "/new", http.StatusFound)
		case "/to-page":
			http.Redirect(w, r, "/page", http.StatusMovedPermanently)
		case "/page":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<!doctype html><html><head><title>Home</title></head><body>Welcome</body></html>"))
		case "/new", "/other":
			if !newOK && r.URL.Path == "/new" {
				http.NotFound(w, r)
				return
			}
			w.Write([]byte(oneItem))
		default:
			http.NotFound(w, r)
		}
	})
	return s
}

// A feed redirected permanently (301) on two fetches in a row is fetched at
// its new URL from then on, also after a restart, on both drivers; a
// temporary redirect (302) never moves a source; a new URL in the config
// starts afresh; a moved URL that fails for good is given up.
func TestPermanentRedirectMovesTheSource(t *testing.T) {
	for _, driver := range storeDrivers() {
		t.Run(driver.name, func(t *testing.T) {
			open := driver.open(t)
			site := newMovingSite(t)
			cycle := func(p *Pipeline) Report {
				t.Helper()
				rep, err := p.RunCycle(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				return rep
			}
			st := open()
			p := newTestPipelineWith(t, st, site.URL+"/old", site.URL+"/temp")
			cycle(p)
			cycle(p)
			if site.count("/old") != 2 || site.count("/temp") != 2 {
				t.Fatalf("two cycles: hits %v", site.hits)
			}
			cycle(p)
			if site.count("/old") != 2 {
				t.Errorf("after two 301s in a row /old was fetched again: hits %v", site.hits)
			}
			if site.count("/temp") != 3 {
				t.Errorf("a 302 moved the source: hits %v", site.hits)
			}
			st.Close()

			// A restart remembers the move. The restarted daemon is a new
			// owner of claims on PostgreSQL: its first cycle runs at the
			// next due time, not in the one the old daemon fetched.
			st = open()
			p = newTestPipelineWith(t, st, site.URL+"/old", site.URL+"/temp")
			p.now = func() time.Time { return time.Now().Add(time.Minute) }
			before := site.count("/new")
			cycle(p)
			if site.count("/old") != 2 || site.count("/new") != before+2 {
				t.Errorf("after a restart: hits %v", site.hits)
			}

			// The moved URL fails for good: the source goes back to its
			// configured URL at its next attempt.
			site.mu.Lock()
			site.newOK = false
			site.mu.Unlock()
			p.now = func() time.Time { return time.Now().Add(24 * time.Hour) } // past the backoff
			if rep := cycle(p); rep.PerSource[0].Outcome != OutcomeFailed {
				t.Fatalf("moved url 404: %+v", rep.PerSource[0])
			}
			site.mu.Lock()
			site.newOK = true
			site.mu.Unlock()
			p.now = func() time.Time { return time.Now().Add(48 * time.Hour) }
			cycle(p)
			if site.count("/old") != 3 {
				t.Errorf("after the moved url failed, /old was not tried again: hits %v", site.hits)
			}
			st.Close()

			// The config names another URL: the move is void.
			st = open()
			p = newTestPipelineWith(t, st, site.URL+"/other", site.URL+"/temp")
			p.now = func() time.Time { return time.Now().Add(49 * time.Hour) }
			cycle(p)
			if site.count("/other") != 1 {
				t.Errorf("a new config url was not fetched: hits %v", site.hits)
			}
		})
	}
}

// storeDriver is a store driver for tests that reopen one database: open
// makes a fresh one and returns what opens it again, a store per process.
type storeDriver struct {
	name string
	open func(t *testing.T) func() store.Store
}

// storeDrivers are SQLite and PostgreSQL.
func storeDrivers() []storeDriver {
	return []storeDriver{
		{"sqlite", func(t *testing.T) func() store.Store {
			dsn := filepath.Join(t.TempDir(), "w.db")
			return func() store.Store { return storetest.Open(t, sqlite.Open, dsn) }
		}},
		{"postgres", func(t *testing.T) func() store.Store {
			dsn := pgtest.DSN(t)
			return func() store.Store { return storetest.Open(t, postgres.Open, dsn) }
		}},
	}
}

func TestByHostInTurn(t *testing.T) {
	urls := []string{"https://a.example/1", "https://a.example/2", "https://a.example/3",
		"https://B.example/1", "https://b.example/2", "https://c.example/1", "not a url"}
	got := byHostInTurn(urls)
	want := []int{0, 3, 5, 6, 1, 4, 2}
	if len(got) != len(want) {
		t.Fatalf("%v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%v, want %v", got, want)
		}
	}
}

// A permanent redirect to something that is not a feed (a home page) does
// not move the source: only a redirect to a feed that parses counts.
func TestRedirectToAPageDoesNotMove(t *testing.T) {
	site := newMovingSite(t)
	p, _ := newTestPipeline(t, site.URL+"/to-page")
	var logs bytes.Buffer
	p.logger = slog.New(slog.NewTextHandler(&logs, nil))
	day := 0
	p.now = func() time.Time { return time.Now().Add(time.Duration(day) * 24 * time.Hour) } // past any backoff
	for day = range 3 {
		rep, err := p.RunCycle(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if o := rep.PerSource[0].Outcome; o != OutcomeFailed {
			t.Fatalf("day %d: %v, want failed (not a feed)", day, o)
		}
	}
	if site.count("/to-page") != 3 || strings.Contains(logs.String(), "moved permanently") {
		t.Errorf("the source moved to a page: hits %v; log:\n%s", site.hits, logs.String())
	}
}

// A moved URL whose host stops resolving ("no such host") is given up: the
// source goes back to its configured URL, while the same error on the
// configured URL stays temporary (the source backs off, is not retired);
// another temporary failure of the moved URL keeps the move.
func TestMovedHostNotFoundGivesUpTheMove(t *testing.T) {
	p := newTestPipelineWith(t, storetest.Open(t, sqlite.Open, filepath.Join(t.TempDir(), "w.db")), "https://old.example/feed")
	log := slog.New(slog.DiscardHandler)
	const configURL, movedURL = "https://old.example/feed", "https://new.example/feed"
	moved := func() *sourceResult {
		res := &sourceResult{source: p.cfg.Sources[0]}
		res.state.note = sourceNote{ConfigURL: configURL, MovedTo: movedURL}
		return res
	}
	notFound := &net.DNSError{Err: "no such host", Name: "new.example", IsNotFound: true}

	res := moved()
	p.fail(res, notFound, log, "fetch failed")
	if got := res.state.fetchURL(configURL); got != configURL {
		t.Errorf("moved host not found: still fetching %s", got)
	}
	if res.outcome != OutcomeFailed {
		t.Errorf("moved host not found: outcome %v", res.outcome)
	}

	res = moved()
	p.fail(res, &net.DNSError{Err: "server misbehaving", Name: "new.example", IsTemporary: true}, log, "fetch failed")
	if got := res.state.fetchURL(configURL); got != movedURL {
		t.Errorf("a temporary DNS failure gave up the move: fetching %s", got)
	}

	res = &sourceResult{source: p.cfg.Sources[0]}
	res.state.note = sourceNote{ConfigURL: configURL}
	p.fail(res, notFound, log, "fetch failed")
	if res.outcome != OutcomeFailed || res.state.retired(configURL) || res.state.Failures != 1 {
		t.Errorf("configured host not found: outcome %v, failures %d, retired %v",
			res.outcome, res.state.Failures, res.state.retired(configURL))
	}
}
