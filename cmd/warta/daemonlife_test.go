package main

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/warta-news/warta/internal/pgtest"
)

// A daemon runs for months: a goroutine or an open file kept by each cycle
// or each reload would wear it down slowly, and nothing else would show it.
// The daemon here runs cycles that store new articles and serves pages and
// views between them; after each reload's cycle its goroutines and its
// files under the data directory are the same as after the second, and once
// it stops nothing of it is left running or open. On both drivers: the
// PostgreSQL pool's goroutines are the daemon's too.
func TestDaemonLeavesNothingBehind(t *testing.T) {
	for _, driver := range []string{"sqlite", "postgres"} {
		t.Run(driver, func(t *testing.T) { testDaemonLeavesNothingBehind(t, driver) })
	}
}

func testDaemonLeavesNothingBehind(t *testing.T, driver string) {
	site := newNewsSite(t)
	const feeds = 4
	serveRound := func(round int) {
		for f := range feeds {
			var items []rssItem
			for i := range round + 1 {
				items = append(items, rssItem{
					Title:       fmt.Sprintf("Menteri luar negeri bertemu duta besar Jepang, putaran %d kabar %d", i, f),
					Link:        fmt.Sprintf("%s/dunia/%d/%d", site.URL, f, i),
					Description: fmt.Sprintf("<p>Menteri luar negeri bertemu duta besar Jepang membahas kerja sama, kabar %d-%d.</p>", f, i),
				})
			}
			site.serve(fmt.Sprintf("/feed%d", f), "application/rss+xml", rss(fmt.Sprintf("Kabar %d", f), items))
		}
	}
	serveRound(0)
	dir := t.TempDir()
	addr := freeAddr(t)
	var sources []testSource
	for f := range feeds {
		sources = append(sources, testSource{Name: fmt.Sprintf("Kabar %d", f), URL: fmt.Sprintf("%s/feed%d", site.URL, f), Language: "id"})
	}
	extra := map[string]any{
		"server":   map[string]any{"listen": addr, "base_url": "http://" + addr},
		"schedule": "@every 1h", // cycles at the start and after each reload only
	}
	if driver == "postgres" {
		extra["storage"] = map[string]any{"driver": "postgres", "dsn": pgtest.DSN(t)}
	}
	cfg := writeConfig(t, dir, sources, extra)

	// What other tests of the package left running, once no daemon of
	// theirs is still stopping (a test may end by cancelling its daemon
	// without waiting) and the rest holds still.
	http.DefaultClient.CloseIdleConnections()
	waitFor(t, "other tests' daemons to stop", func() bool {
		_, running := goroutinesByCreator()[daemonCreator]
		return !running
	}, func() string { return fmt.Sprint(goroutinesByCreator()) })
	before, _ := steadyGoroutines(t, map[string]int{}, dir)
	sigs := make(chan os.Signal)
	d := runDaemon(withReloads(context.Background(), sigs), cfg)
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			d.stop(t)
		}
	})
	cycles := func() int { return strings.Count(d.log.String(), "cycle done") }
	eventually(t, "the first cycle", d.log, func() bool { return cycles() >= 1 })

	base := "http://" + addr
	browse := func() {
		for _, path := range []string{"/", "/topics/international-relations", "/feeds/all.atom", "/feeds/all.rss",
			"/feeds/all.json", "/feeds/all.atom?lang=id", "/feeds/all.atom?q=jepang", "/opml", "/status",
			"/status.json", "/healthz", "/metrics", "/stories/unknown"} {
			if code, _ := get(base + path); code == 0 {
				t.Fatalf("GET %s: no answer", path)
			}
		}
		http.DefaultClient.CloseIdleConnections()
	}
	const rounds = 8
	var settled map[string]int // the goroutines after the second round
	var files []string         // the files open under dir then
	for round := 1; round <= rounds; round++ {
		serveRound(round)
		browse()
		n := cycles()
		sigs <- syscall.SIGHUP
		eventually(t, fmt.Sprintf("round %d's cycle", round), d.log, func() bool { return cycles() > n })
		browse()
		if round == 2 {
			// The idle daemon after a cycle, keep-alive connections aside:
			// what every later round must come back to.
			settled, files = steadyGoroutines(t, before, dir)
			if settled[daemonCreator] != 1 {
				t.Fatalf("the daemon's own goroutine is not among %v: the goroutines are not read as this test expects", settled)
			}
			continue
		}
		if round > 2 {
			waitFor(t, fmt.Sprintf("round %d", round), func() bool {
				return maps.Equal(daemonGoroutines(before), settled) && slices.Equal(openFilesUnder(t, dir), files)
			}, func() string {
				return fmt.Sprintf("goroutines %v, want %v; files %v, want %v", daemonGoroutines(before), settled, openFilesUnder(t, dir), files)
			})
		}
	}
	if driver == "sqlite" && len(files) == 0 {
		t.Fatal("the running daemon holds no file under its data directory: the check of its files sees nothing")
	}
	// On SQLite every round's cycle fetched its new articles. On PostgreSQL
	// a source fetched less than the claim window ago counts as fetched
	// (several daemons share the store), so the reloads' cycles within it
	// store nothing new: the first cycle's articles at least.
	switch stored := len(exported(t, cfg)); {
	case driver == "sqlite" && stored != feeds*(rounds+1):
		t.Fatalf("%d articles stored, want %d", stored, feeds*(rounds+1))
	case stored < feeds:
		t.Fatalf("%d articles stored, want at least %d", stored, feeds)
	}

	d.stop(t)
	stopped = true
	http.DefaultClient.CloseIdleConnections()
	waitFor(t, "the stopped daemon", func() bool {
		return len(daemonGoroutines(before)) == 0 && len(openFilesUnder(t, dir)) == 0
	}, func() string {
		return fmt.Sprintf("left running %v, left open %v", daemonGoroutines(before), openFilesUnder(t, dir))
	})
}

// steadyGoroutines returns the goroutines beyond before (daemonGoroutines)
// and the open files under dir once five readings in a row agree: what is
// left when the work of the last cycle and request has ended.
func steadyGoroutines(t *testing.T, before map[string]int, dir string) (map[string]int, []string) {
	t.Helper()
	g, f := daemonGoroutines(before), openFilesUnder(t, dir)
	same := 0
	waitFor(t, "the idle daemon", func() bool {
		ng, nf := daemonGoroutines(before), openFilesUnder(t, dir)
		if maps.Equal(ng, g) && slices.Equal(nf, f) {
			same++
		} else {
			g, f, same = ng, nf, 0
		}
		return same >= 5
	}, func() string { return fmt.Sprintf("goroutines %v, files %v", g, f) })
	return g, f
}

// daemonCreator starts the goroutine that runs an in-process daemon
// (runDaemon) until it has stopped and closed its store.
const daemonCreator = "github.com/warta-news/warta/cmd/warta.runDaemon"

// keepAlive are the creators of HTTP keep-alive connections' goroutines,
// client and server side: an idle connection may outlive a request by the
// transport's idle timeout, on either side of the loopback.
var keepAlive = []string{
	"net/http.(*Transport).dialConn",
	"net/http.(*Server).Serve",
	"net/http/httptest.(*Server).goServe",
}

// daemonGoroutines counts the goroutines running now, by the function that
// created them, beyond those in before and those of keep-alive connections.
func daemonGoroutines(before map[string]int) map[string]int {
	now := goroutinesByCreator()
	for k, n := range before {
		now[k] -= n
		if now[k] <= 0 {
			delete(now, k)
		}
	}
	for _, k := range keepAlive {
		delete(now, k)
	}
	return now
}

// goroutineHeader ends one goroutine's trace and starts the next.
var goroutineHeader = regexp.MustCompile(`(?m)^goroutine \d+ `)

// goroutinesByCreator counts the running goroutines by the function that
// created them ("created by"; the main goroutine's is "main"), except the
// one calling it.
func goroutinesByCreator() map[string]int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	out := map[string]int{}
	traces := goroutineHeader.Split(string(buf), -1)
	for _, g := range traces[2:] { // [0] is empty, [1] is this goroutine
		creator := "main"
		if _, after, ok := strings.Cut(g, "\ncreated by "); ok {
			creator, _, _ = strings.Cut(after, " in goroutine")
			creator, _, _ = strings.Cut(creator, "\n")
		}
		out[creator]++
	}
	return out
}

// openFilesUnder lists the files under dir this process holds open, sorted.
func openFilesUnder(t *testing.T, dir string) []string {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("open files cannot be listed here: %v", err)
	}
	var out []string
	for _, fd := range fds {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name()))
		if err == nil && strings.HasPrefix(target, dir+string(filepath.Separator)) {
			out = append(out, target)
		}
	}
	slices.Sort(out)
	return out
}
