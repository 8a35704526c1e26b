// Package feedcheck validates feeds the way the outside world reads them:
// jing against the RFC 4287 schema, and Debian's python3-feedparser as a
// real feed-reader library. Tests use it; a missing tool fails the test
// with the command that installs it, never skips.
package feedcheck

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/warta-news/warta/internal/shared"
)

// TB is the part of testing.TB feedcheck needs.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// Python returns the interpreter that has feedparser: $WARTA_PYTHON, else
// Debian's /usr/bin/python3, else python3 on PATH.
func Python() string {
	if p := os.Getenv("WARTA_PYTHON"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		return "/usr/bin/python3"
	}
	return "python3"
}

// Jing validates the Atom file at path against ../shared/tools/atom.rnc.
func Jing(t TB, path string) {
	t.Helper()
	jing, err := exec.LookPath("jing")
	if err != nil {
		t.Fatalf("feedcheck: jing not found (apt-get install jing): %v", err)
	}
	schema := shared.Path(t, "tools", "atom.rnc")
	out, err := exec.Command(jing, "-c", schema, path).CombinedOutput()
	if err != nil {
		t.Fatalf("feedcheck: %s is not valid Atom (RFC 4287):\n%s", path, out)
	}
}

// Parsed is what feedparser read from a feed.
type Parsed struct {
	Bozo      bool       `json:"bozo"`
	BozoError string     `json:"bozo_exception"`
	Version   string     `json:"version"`
	Title     string     `json:"title"`
	EntryIDs  []string   `json:"ids"`
	Titles    []string   `json:"titles"`
	Links     []string   `json:"links"`
	Tags      [][]string `json:"tags"`
}

const feedparserScript = `
import feedparser, json, sys
d = feedparser.parse(sys.argv[1])
print(json.dumps({
  "bozo": bool(d.bozo),
  "bozo_exception": str(d.get("bozo_exception", "")),
  "version": d.version,
  "title": d.feed.get("title", ""),
  "ids": [e.get("id", "") for e in d.entries],
  "titles": [e.get("title", "") for e in d.entries],
  "links": [e.get("link", "") for e in d.entries],
  "tags": [[t.get("term", "") for t in e.get("tags", [])] for e in d.entries],
}))
`

// Feedparser parses the feed at path with python3-feedparser and fails the
// test when feedparser flags it as malformed (bozo).
func Feedparser(t TB, path string) Parsed {
	t.Helper()
	py := Python()
	out, err := exec.Command(py, "-c", feedparserScript, path).Output()
	if err != nil {
		msg := err.Error()
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		if strings.Contains(msg, "No module named") {
			t.Fatalf("feedcheck: %s has no feedparser (apt-get install python3-feedparser, or set WARTA_PYTHON): %s", py, msg)
		}
		t.Fatalf("feedcheck: feedparser on %s: %s", path, msg)
	}
	var p Parsed
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("feedcheck: feedparser output: %v", fmt.Errorf("%w: %s", err, out))
	}
	if p.Bozo {
		t.Fatalf("feedcheck: feedparser flags %s as malformed: %s", path, p.BozoError)
	}
	return p
}
