package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/feedcheck"
	"github.com/warta-news/warta/internal/xmlchar"
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
func jingValidate(t *testing.T, path string) { t.Helper(); feedcheck.Jing(t, path) }

// feedparserCheck parses a feed file with Python's feedparser and fails the
// test when it is not well-formed or has a different number of entries.
func feedparserCheck(t *testing.T, path string, wantEntries int) feedcheck.Parsed {
	t.Helper()
	res := feedcheck.Feedparser(t, path)
	if len(res.EntryIDs) != wantEntries {
		t.Errorf("feedparser reads %d entries from %s, want %d", len(res.EntryIDs), filepath.Base(path), wantEntries)
	}
	return res
}

// checkXMLChars fails when data holds a character XML 1.0 forbids.
func checkXMLChars(t *testing.T, data []byte) {
	t.Helper()
	if !xmlchar.IsClean(string(data)) {
		t.Errorf("output contains characters invalid in XML")
	}
	if strings.Contains(string(data), "\uFFFD") {
		t.Errorf("output contains U+FFFD: invalid characters were replaced, not stripped")
	}
}
