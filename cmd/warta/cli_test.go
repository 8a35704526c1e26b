package main

import (
	"context"
	"debug/buildinfo"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/internal/topiceval"
)

// helpFlagLine is a flag line of the help: the flag and its placeholder.
var helpFlagLine = regexp.MustCompile(`(?m)^  -(\S+)(?: (.*))?$`)

func TestHelpListsEveryCommand(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}} {
		code, out, errOut := warta(t, context.Background(), "", args...)
		if code != 0 || errOut != "" {
			t.Errorf("warta %v: exit %d, stderr %q", args, code, errOut)
		}
		for _, c := range commands() {
			if !strings.Contains(out, "  "+c.name+" ") {
				t.Errorf("warta %v does not list %s:\n%s", args, c.name, out)
			}
		}
		for _, f := range []string{"-config", "-log-level", "-log-json"} {
			if !strings.Contains(out, "  "+f) {
				t.Errorf("warta %v does not show the shared flag %s", args, f)
			}
		}
	}
	// The help names every exit code, `warta once`'s own included.
	if out := mustWarta(t, "help"); !strings.Contains(out, "3 (warta once only) every source the cycle tried failed") {
		t.Errorf("warta help does not name exit code 3:\n%s", out)
	}
	// Without a command the same text goes to stderr, and it is a usage error.
	code, out, errOut := warta(t, context.Background(), "")
	if code != exitConfig || out != "" || !strings.Contains(errOut, "usage: warta <command>") {
		t.Errorf("warta alone: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// `warta help C` and `warta C -h` print C's usage, its own flags and the
// shared ones on stdout, and exit 0, whatever config there is.
func TestCommandHelp(t *testing.T) {
	t.Chdir(t.TempDir()) // no config.yaml: help must not need one
	for _, c := range commands() {
		for _, args := range [][]string{{"help", c.name}, {c.name, "-h"}, {c.name, "-config", "nowhere.yaml", "-help"}} {
			code, out, errOut := warta(t, context.Background(), "", args...)
			if code != 0 || errOut != "" {
				t.Errorf("warta %v: exit %d, stderr %q", args, code, errOut)
				continue
			}
			if !strings.HasPrefix(out, "usage: warta "+c.name+" [flags]") || !strings.Contains(out, c.summary) {
				t.Errorf("warta %v: no usage line and summary:\n%s", args, out)
			}
			_, shared, ok := strings.Cut(out, "\nshared flags:\n")
			if !ok || !strings.Contains(shared, "-config file") || !strings.Contains(shared, "-log-level level") || !strings.Contains(shared, "-log-json") {
				t.Errorf("warta %v: shared flags missing:\n%s", args, out)
			}
			// A backquoted phrase in a flag's usage becomes its placeholder:
			// placeholders are single words.
			for _, m := range helpFlagLine.FindAllStringSubmatch(out, -1) {
				if strings.Contains(m[2], " ") {
					t.Errorf("warta %v: flag -%s has the placeholder %q", args, m[1], m[2])
				}
			}
		}
	}
	out := mustWarta(t, "help", "eval-topics")
	for _, want := range []string{"-articles file", "-predictions file", "-ir file"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval-topics help lacks %q:\n%s", want, out)
		}
	}
	// -words names every variant it accepts, not a range written once.
	wordsHelp := out[strings.Index(out, "  -words "):]
	for _, v := range topiceval.WordVariants() {
		if id := strings.Fields(v.Name)[0]; !strings.Contains(wordsHelp, id+",") && !strings.Contains(wordsHelp, id+":") {
			t.Errorf("eval-topics help's -words does not name the variant %s:\n%s", id, wordsHelp)
		}
	}
	if out := mustWarta(t, "help", "explain"); !strings.Contains(out, "usage: warta explain [flags] <URL | FILE | - | STORY-ID>...") || !strings.Contains(out, "-json") || !strings.Contains(out, "-story") {
		t.Errorf("explain help:\n%s", out)
	}
}

// Mistakes on the command line are one line on stderr, naming the
// command and where to read its usage, with exit code 2.
func TestUsageErrorsAreOneLine(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"explain"}, "warta explain: no article given (see 'warta help explain')"},
		{[]string{"eval-topics"}, "warta eval-topics: -articles is required (see 'warta help eval-topics')"},
		{[]string{"eval-topics", "-articles", "a.jsonl", "-view", "title"}, "warta eval-topics: -view needs -cv (see 'warta help eval-topics')"},
		{[]string{"eval-topics", "-articles", "a.jsonl", "-cv", "5", "-view", "headline"}, `warta eval-topics: topiceval: unknown view "headline"`},
		{[]string{"export", "-since"}, "warta export: flag needs an argument: -since (see 'warta help export')"},
		{[]string{"run", "-listen-on", "x"}, "warta run: flag provided but not defined: -listen-on (see 'warta help run')"},
		{[]string{"once", "extra"}, `warta once: unexpected argument "extra" (see 'warta help once')`},
		{[]string{"check", "-log-level", "loud"}, "warta check: -log-level: "},
		{[]string{"bogus"}, `warta: unknown command "bogus" (see 'warta help')`},
		{[]string{"help", "bogus"}, `warta help: unknown command "bogus"`},
		{[]string{"-nope", "run"}, "warta: flag provided but not defined: -nope (see 'warta help')"},
	} {
		code, out, errOut := warta(t, context.Background(), "", tc.args...)
		if code != exitConfig || out != "" || strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, tc.want) {
			t.Errorf("warta %v: exit %d, stdout %q, stderr %q; want exit 2 and one line starting %q", tc.args, code, out, errOut, tc.want)
		}
	}
}

// The shared flags work before the command and anywhere after it, in any
// order and form; a command's own flags may follow its arguments.
func TestSharedFlagsAnywhere(t *testing.T) {
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "Placement Test Source", URL: "https://x.example/rss"}}, nil)
	site := newNewsSite(t)
	failing := writeConfig(t, t.TempDir(), []testSource{{Name: "Down", URL: site.URL + "/gone"}}, nil)
	t.Chdir(t.TempDir()) // the default config.yaml does not exist here
	for _, args := range [][]string{
		{"-config", cfg, "check"},
		{"check", "-config", cfg},
		{"check", "-log-level", "debug", "-config", cfg},
		{"check", "-log-json", "-config=" + cfg, "-log-level=warn"},
		{"-log-json", "check", "--config", cfg},
		{"-config", "elsewhere.yaml", "check", "-config", cfg}, // the later one wins
	} {
		code, out, errOut := warta(t, context.Background(), "", args...)
		if code != 0 || !strings.Contains(out, "Placement Test Source") {
			t.Errorf("warta %v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}

	// Flags after the article, and the logging flags taking effect.
	seed := filepath.Join(dir, "article.txt")
	if err := os.WriteFile(seed, []byte("Menlu RI bertemu Menlu Jepang\n\nMenteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Jepang di Tokyo membahas kerja sama ekonomi.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := warta(t, context.Background(), "", "explain", seed, "-config", cfg, "-json")
	var ex explanation
	if code != 0 || json.Unmarshal([]byte(out), &ex) != nil || ex.Article.Title != "Menlu RI bertemu Menlu Jepang" {
		t.Fatalf("explain FILE -config … -json: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// A failing source is logged as a warning: JSON with -log-json, nothing
	// with -log-level error. Its only source failed: exit code 3.
	code, _, errOut = warta(t, context.Background(), "", "once", "-log-json", "-config", failing)
	if code != exitSourcesFailed || !strings.Contains(errOut, `"level":"WARN"`) {
		t.Errorf("once -log-json: exit %d, stderr %q; want a JSON warning", code, errOut)
	}
	for _, line := range strings.Split(strings.TrimSpace(errOut), "\n") {
		if !json.Valid([]byte(line)) {
			t.Errorf("once -log-json: log line %q is not JSON", line)
		}
	}
	// Backing off now, it is not tried: exit code 0.
	code, _, errOut = warta(t, context.Background(), "", "once", "-config", failing, "-log-level", "error")
	if code != 0 || errOut != "" {
		t.Errorf("once -log-level error: exit %d, stderr %q; want no warnings", code, errOut)
	}
	// "--" ends the flags: what follows is an article, not a flag.
	code, _, errOut = warta(t, context.Background(), "", "explain", "-config", cfg, "--", "-json")
	if code == 0 || !strings.Contains(errOut, "-json") {
		t.Errorf("explain -- -json: exit %d, stderr %q; want -json read as a file name", code, errOut)
	}
}

func TestVersionLine(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/warta-news/warta", Version: "v0.0.0-20261130071804-4bdec4cf2da3+dirty"},
		Settings: []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "4bdec4cf2da3ccd61fbc47a2334a26d50b3b2094"}, {Key: "vcs.modified", Value: "true"}}}
	if got, want := versionLine(bi), "warta v0.0.0-20261130071804-4bdec4cf2da3+dirty revision 4bdec4cf2da3ccd61fbc47a2334a26d50b3b2094 modified go1.26.8"; got != want {
		t.Errorf("from a clone: %q, want %q", got, want)
	}
	installed := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/warta-news/warta", Version: "v1.2.3"}}
	if got, want := versionLine(installed), "warta v1.2.3 revision unknown go1.26.8"; got != want {
		t.Errorf("go install …@v1.2.3: %q, want %q", got, want)
	}
}

// A built warta prints the version and revision its build info holds; from
// a git checkout that is the checked-out commit.
func TestVersionCommand(t *testing.T) {
	bin := buildWarta(t)
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatalf("warta version: %v", err)
	}
	bi, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.TrimSpace(string(out)), versionLine(bi); got != want {
		t.Errorf("warta version = %q, want %q", got, want)
	}
	for _, s := range bi.Settings {
		if s.Key != "vcs.revision" {
			continue
		}
		head, err := exec.Command("git", "rev-parse", "HEAD").Output()
		if err != nil {
			t.Fatalf("the build has a revision but git rev-parse fails: %v", err)
		}
		if !strings.Contains(string(out), strings.TrimSpace(string(head))) {
			t.Errorf("warta version = %q, want the revision %s", out, head)
		}
	}
}

// run -listen serves on the address given instead of the config's, as the
// container image does with 0.0.0.0:8080.
func TestRunListenFlag(t *testing.T) {
	configured, given := freeAddr(t), freeAddr(t)
	cfg := writeConfig(t, t.TempDir(), []testSource{{Name: "X", URL: "http://" + configured + "/none"}},
		map[string]any{"server": map[string]any{"listen": configured}, "schedule": "@every 1h"})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	var stderr strings.Builder
	go func() {
		done <- runMain(ctx, []string{"run", "-config", cfg, "-listen", given}, strings.NewReader(""), io.Discard, &stderr)
	}()
	// The bound only keeps a broken daemon from hanging the test.
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get("http://" + given + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("nothing served on %s; log:\n%s", given, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if resp, err := http.Get("http://" + configured + "/healthz"); err == nil {
		resp.Body.Close()
		t.Errorf("the config's address %s is served too", configured)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d; log:\n%s", code, stderr.String())
	}
}

// A bad -listen is refused as a bad server.listen is, by the same check:
// exit 2, one line, before anything is created (no database, no feeds).
func TestRunListenFlagRefusedLikeTheConfigs(t *testing.T) {
	for addr, want := range map[string]string{
		"bad":             `warta run: -listen: invalid listen address "bad": want host:port`,
		"localhost":       `warta run: -listen: invalid listen address "localhost": want host:port`,
		"127.0.0.1:99999": `warta run: -listen: invalid port "99999" in listen address "127.0.0.1:99999"`,
	} {
		dir := t.TempDir()
		cfg := writeConfig(t, dir, []testSource{{Name: "X", URL: "http://127.0.0.1:1/none"}},
			map[string]any{"schedule": "@every 1h"})
		code, out, errOut := warta(t, context.Background(), "", "run", "-config", cfg, "-listen", addr)
		if code != exitConfig || out != "" || strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, want) {
			t.Errorf("run -listen %s: exit %d, stdout %q, stderr %q; want exit 2 and one line starting %q", addr, code, out, errOut, want)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Name() != "config.yaml" {
				t.Errorf("run -listen %s created %s", addr, e.Name())
			}
		}
	}
}

// A daemon whose address is taken (another daemon serves it) fails
// before it publishes: the other one's publish.dir is not rewritten.
func TestRunOnATakenAddressPublishesNothing(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "feeds")
	cfg := writeConfig(t, dir, []testSource{{Name: "X", URL: "http://127.0.0.1:1/none"}},
		map[string]any{"schedule": "@every 1h", "publish": map[string]any{"dir": out}})
	code, _, errOut := warta(t, context.Background(), "", "run", "-config", cfg, "-listen", taken.Addr().String())
	if code == 0 || !strings.Contains(errOut, "listen") {
		t.Fatalf("run on a taken address: exit %d, stderr %q; want a failure naming the listen", code, errOut)
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("run on a taken address published %s (stat: %v)", out, err)
	}
}
