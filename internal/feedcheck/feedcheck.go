// Package feedcheck validates feeds the way the outside world reads them:
// jing against the RFC 4287 schema, Debian's python3-feedparser as a real
// feed-reader library, newsboat as a real reader, and the W3C Feed
// Validation Service. Tests use it. A missing tool skips the test,
// naming the package that installs it, unless WARTA_REQUIRE_TOOLS=1 (as in
// CI) makes that a failure (see testenv).
package feedcheck

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"

	"github.com/warta-news/warta/internal/testenv"
)

// atomSchema is the RELAX NG schema of RFC 4287 (Appendix B), as the
// project's shared tools hold it.
//
//go:embed atom.rnc
var atomSchema []byte

// Python returns the first interpreter that can import feedparser:
// $WARTA_PYTHON, Debian's /usr/bin/python3 (a python3 earlier on PATH, such
// as pyenv's, may lack the Debian package), then python3 on PATH.
func Python() (string, error) {
	var candidates []string
	if p := os.Getenv("WARTA_PYTHON"); p != "" {
		candidates = append(candidates, p)
	}
	candidates = append(candidates, "/usr/bin/python3")
	if p, err := exec.LookPath("python3"); err == nil {
		candidates = append(candidates, p)
	}
	for _, py := range candidates {
		if exec.Command(py, "-c", "import feedparser").Run() == nil {
			return py, nil
		}
	}
	return "", fmt.Errorf("feedcheck: no python3 with feedparser among %v (apt-get install python3-feedparser, or set WARTA_PYTHON)", candidates)
}

// Jing validates the Atom file at path against the RFC 4287 schema.
func Jing(t testenv.TB, path string) {
	t.Helper()
	jing := testenv.Tool(t, "jing", "jing")
	if jing == "" {
		return
	}
	schema, err := os.CreateTemp("", "atom-*.rnc")
	if err != nil {
		t.Fatalf("feedcheck: %v", err)
		return
	}
	defer os.Remove(schema.Name())
	if _, err := schema.Write(atomSchema); err != nil {
		schema.Close()
		t.Fatalf("feedcheck: %v", err)
		return
	}
	if err := schema.Close(); err != nil {
		t.Fatalf("feedcheck: %v", err)
		return
	}
	out, err := exec.Command(jing, "-c", schema.Name(), path).CombinedOutput()
	if err != nil {
		doc, _ := os.ReadFile(path)
		t.Fatalf("feedcheck: %s is not valid Atom (RFC 4287): %v\n%s\n--- document ---\n%s", path, err, out, doc)
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
func Feedparser(t testenv.TB, path string) Parsed {
	t.Helper()
	py, err := Python()
	if err != nil {
		testenv.Missing(t, testenv.RequireToolsEnv, "%v", err)
		return Parsed{}
	}
	out, err := exec.Command(py, "-c", feedparserScript, path).Output()
	if err != nil {
		msg := err.Error()
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
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
	if p.Version == "" {
		t.Fatalf("feedcheck: feedparser does not recognise the format of %s", path)
	}
	return p
}
