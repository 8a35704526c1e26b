package main

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// docs/ARCHITECTURE.md names every package of the module, so that a new
// one (internal/asciicase and internal/wordbits were not, review15) says
// what it is for and who shares it.
func TestArchitectureNamesEveryPackage(t *testing.T) {
	doc, err := os.ReadFile("../../docs/ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	packages := map[string]bool{}
	err = filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "../.." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			rel, err := filepath.Rel("../..", filepath.Dir(path))
			if err != nil {
				return err
			}
			packages[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !packages["cmd/warta"] || !packages["topic"] {
		t.Fatalf("the walk found %d packages, not the module's", len(packages))
	}
	for _, p := range slices.Sorted(maps.Keys(packages)) {
		if !strings.Contains(string(doc), "`"+p+"`") {
			t.Errorf("docs/ARCHITECTURE.md does not name the package `%s`", p)
		}
	}
}
