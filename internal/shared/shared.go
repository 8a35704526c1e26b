// Package shared locates the project's read-only shared folder (fixtures and
// evaluation data) for tests and evaluation tools. The folder sits next to the
// repository root as ../shared; WARTA_SHARED overrides it.
package shared

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Dir returns the shared folder, or an error naming where it looked.
func Dir() (string, error) {
	if d := os.Getenv("WARTA_SHARED"); d != "" {
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("shared: %w", err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			s := filepath.Join(filepath.Dir(d), "shared")
			if _, err := os.Stat(s); err != nil {
				return "", fmt.Errorf("shared: %s not found (set WARTA_SHARED): %w", s, err)
			}
			return s, nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("shared: no go.mod above " + wd)
		}
	}
}

// TB is the part of testing.TB that Path needs.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// Path returns a file under the shared folder, failing the test when the
// folder cannot be found: a missing fixture must not turn into a skipped test.
func Path(t TB, elem ...string) string {
	t.Helper()
	d, err := Dir()
	if err != nil {
		t.Fatalf("%v", err)
	}
	return filepath.Join(append([]string{d}, elem...)...)
}
