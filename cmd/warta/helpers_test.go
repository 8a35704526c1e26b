package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goccy/go-yaml"

	"github.com/warta-news/warta/internal/fixtures"
)

// newsSite is an httptest news site whose feeds tests can change between
// cycles.
type newsSite struct {
	*httptest.Server
	mu    sync.Mutex
	feeds map[string]func(w http.ResponseWriter, r *http.Request)
	hits  map[string]int
}

func newNewsSite(t *testing.T) *newsSite {
	t.Helper()
	s := &newsSite{feeds: map[string]func(http.ResponseWriter, *http.Request){}, hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		h := s.feeds[r.URL.Path]
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		if h == nil {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// serve makes path answer with body and content type.
func (s *newsSite) serve(path, contentType string, body []byte) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(body)
	})
}

func (s *newsSite) handle(path string, h func(http.ResponseWriter, *http.Request)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feeds[path] = h
}

// testSource is one source line of a test config.
type testSource struct {
	Name     string   `yaml:"name"`
	URL      string   `yaml:"url"`
	Language string   `yaml:"language,omitempty"`
	Topics   []string `yaml:"topics,omitempty"`
	Genre    string   `yaml:"genre,omitempty"`
}

// writeConfig writes a config for tests: the repository's default topics
// (the defaults must work), the given sources, and a store and publish dir
// under dir. It returns the config path.
func writeConfig(t *testing.T, dir string, sources []testSource, extra map[string]any) string {
	t.Helper()
	base, err := os.ReadFile(filepath.Join("..", "..", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := yaml.Unmarshal(base, &cfg); err != nil {
		t.Fatal(err)
	}
	cfg["sources"] = sources
	cfg["storage"] = map[string]any{"driver": "sqlite", "dsn": filepath.Join(dir, "warta.db")}
	cfg["publish"] = map[string]any{"max_items": 100, "dir": filepath.Join(dir, "feeds")}
	cfg["fetch"] = map[string]any{"timeout": "5s", "connect_timeout": "2s", "concurrency": 4, "per_host": 2}
	for k, v := range extra {
		cfg[k] = v
	}
	out, err := yaml.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// warta runs the command line in-process and returns exit code, stdout and
// stderr.
func warta(t *testing.T, ctx context.Context, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := runMain(ctx, args, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// mustWarta runs the command line and fails the test on a non-zero exit.
func mustWarta(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := warta(t, context.Background(), "", args...)
	if code != 0 {
		t.Fatalf("warta %v: exit %d\nstderr:\n%s", args, code, errOut)
	}
	return out
}

// exported runs `warta export` and decodes its lines.
func exported(t *testing.T, cfgPath string) []exportRecord {
	t.Helper()
	return jsonLines[exportRecord](t, mustWarta(t, "-config", cfgPath, "export"))
}

// jsonLines decodes a command's JSON Lines output, a T per line.
func jsonLines[T any](t *testing.T, out string) []T {
	t.Helper()
	var recs []T
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var r T
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		recs = append(recs, r)
	}
	return recs
}

// seedArticleFile writes the seed article to a file of its own, for the
// commands that read an article from a file.
func seedArticleFile(t *testing.T) string {
	t.Helper()
	seed, err := fixtures.Read(fixtures.SeedArticle)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), fixtures.SeedArticle)
	if err := os.WriteFile(path, seed, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// daemonProc is `warta run` running in-process until stop.
type daemonProc struct {
	cancel context.CancelFunc
	done   chan int
	log    *syncBuffer
}

// runDaemon runs `warta -config cfg run` with ctx (which may carry reload
// signals) until stop.
func runDaemon(ctx context.Context, cfg string) *daemonProc {
	ctx, cancel := context.WithCancel(ctx)
	d := &daemonProc{cancel: cancel, done: make(chan int, 1), log: &syncBuffer{}}
	go func() {
		d.done <- runMain(ctx, []string{"-config", cfg, "run"}, strings.NewReader(""), io.Discard, d.log)
	}()
	return d
}

// stop ends the daemon as SIGTERM would and fails the test unless it
// exits 0; the bound only keeps a hung daemon from hanging the test.
func (d *daemonProc) stop(t *testing.T) {
	t.Helper()
	d.cancel()
	select {
	case code := <-d.done:
		if code != 0 {
			t.Errorf("run exited %d; log:\n%s", code, d.log.String())
		}
	case <-time.After(30 * time.Second):
		t.Error("daemon did not stop after its context ended")
	}
}

// runWarta runs the built binary and returns its exit code, stdout, stderr
// and peak resident set size in bytes.
func runWarta(t *testing.T, bin string, args ...string) (code int, stdout, stderr string, maxRSS int64) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatalf("warta %v: %v", args, err)
	}
	// The child's rusage cannot tell its peak: Go starts children with
	// vfork, and Linux keeps the parent's high-water mark (this test
	// process, large under -race) in the child's ru_maxrss across exec. The
	// child's own mm reports its peak as VmHWM, which only grows, so the
	// last reading before exit is the peak.
	waited, peakc := make(chan struct{}), make(chan int64)
	go func() {
		status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
		var peak int64
		for {
			if kb, ok := vmHWM(status); ok {
				peak = kb << 10
			}
			select {
			case <-waited:
				peakc <- peak
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	err := cmd.Wait()
	close(waited)
	peak := <-peakc
	if cmd.ProcessState == nil {
		t.Fatalf("warta %v: %v", args, err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errOut.String(), peak
}

// vmHWM reads a process's peak resident set in KiB from its status file;
// false once the process has exited.
func vmHWM(status string) (int64, bool) {
	b, err := os.ReadFile(status)
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb, err == nil
		}
	}
	return 0, false
}

// buildWarta builds the command into a temporary directory, with its VCS
// information when built from a git checkout.
func buildWarta(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "warta")
	if out, err := exec.Command("go", "build", "-buildvcs=auto", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
