package publish

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/shared"
)

// writeTemp writes data to a file named name in a fresh test directory.
func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// jingValidate checks an Atom file against the RFC 4287 RELAX NG schema.
// A missing jing fails the test: validation must not silently vanish.
func jingValidate(t *testing.T, path string) {
	t.Helper()
	jing, err := exec.LookPath("jing")
	if err != nil {
		t.Fatalf("jing not found (%v): install the Debian package jing (apt-get install jing) to validate Atom output", err)
	}
	schema := shared.Path(t, "tools", "atom.rnc")
	out, err := exec.Command(jing, "-c", schema, path).CombinedOutput()
	if err != nil {
		data, _ := os.ReadFile(path)
		t.Fatalf("jing rejects %s: %v\n%s\n--- document ---\n%s", filepath.Base(path), err, out, data)
	}
}

// feedparserPython returns a Python 3 that can import feedparser. Debian's
// /usr/bin/python3 comes first: a python3 earlier on PATH (pyenv) may lack
// the Debian package.
func feedparserPython(t *testing.T) string {
	t.Helper()
	candidates := []string{"/usr/bin/python3"}
	if p, err := exec.LookPath("python3"); err == nil {
		candidates = append(candidates, p)
	}
	for _, py := range candidates {
		if exec.Command(py, "-c", "import feedparser").Run() == nil {
			return py
		}
	}
	t.Fatalf("no python3 with feedparser among %v: install the Debian package python3-feedparser (apt-get install python3-feedparser)", candidates)
	return ""
}

// feedparserResult is what the feedparser script reports.
type feedparserResult struct {
	Bozo      bool     `json:"bozo"`
	Exception string   `json:"exception"`
	Version   string   `json:"version"`
	Title     string   `json:"title"`
	Entries   int      `json:"entries"`
	IDs       []string `json:"ids"`
	Titles    []string `json:"titles"`
}

const feedparserScript = `
import feedparser, json, sys
d = feedparser.parse(sys.argv[1])
print(json.dumps({
    "bozo": bool(d.bozo),
    "exception": str(d.get("bozo_exception", "")),
    "version": d.version,
    "title": d.feed.get("title", ""),
    "entries": len(d.entries),
    "ids": [e.get("id", "") for e in d.entries],
    "titles": [e.get("title", "") for e in d.entries],
}))
`

// feedparserCheck parses a feed file with Python's feedparser and fails the
// test when it is not well-formed or has a different number of entries.
func feedparserCheck(t *testing.T, path string, wantEntries int) feedparserResult {
	t.Helper()
	py := feedparserPython(t)
	out, err := exec.Command(py, "-c", feedparserScript, path).Output()
	if err != nil {
		t.Fatalf("feedparser on %s: %v", path, err)
	}
	var res feedparserResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("feedparser output %q: %v", out, err)
	}
	if res.Bozo {
		t.Errorf("feedparser finds %s malformed: %s", filepath.Base(path), res.Exception)
	}
	if res.Entries != wantEntries {
		t.Errorf("feedparser reads %d entries from %s, want %d", res.Entries, filepath.Base(path), wantEntries)
	}
	if res.Version == "" {
		t.Errorf("feedparser does not recognise the format of %s", filepath.Base(path))
	}
	return res
}

// checkXMLChars fails when data holds a character XML 1.0 forbids.
func checkXMLChars(t *testing.T, data []byte) {
	t.Helper()
	if !isCleanText(string(data)) {
		t.Errorf("output contains characters invalid in XML")
	}
	if strings.Contains(string(data), "\uFFFD") {
		t.Errorf("output contains U+FFFD: invalid characters were replaced, not stripped")
	}
}
