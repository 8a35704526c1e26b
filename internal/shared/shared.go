// Package shared locates the project's read-only shared folder, which holds
// the labelled evaluation data (under research licences, so never copied
// into the repository). The folder sits next to the repository root as
// ../shared; WARTA_SHARED overrides it. A clone without it runs every other
// test: the evaluations skip, saying why, unless WARTA_REQUIRE_SHARED=1
// (as in CI) makes its absence a failure.
package shared

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/warta-news/warta/internal/testenv"
)

// Env names the shared folder when it is not ../shared.
const Env = "WARTA_SHARED"

// RequireEnv, set to 1, makes a missing shared folder fail the tests that
// need it instead of skipping them.
const RequireEnv = "WARTA_REQUIRE_SHARED"

// errAbsent marks the default folder's absence: the one case that skips.
var errAbsent = errors.New("not found")

// Dir returns the shared folder, or an error naming where it looked.
func Dir() (string, error) {
	if d := os.Getenv(Env); d != "" {
		if _, err := os.Stat(d); err != nil {
			return "", fmt.Errorf("shared: %s=%s: %w", Env, d, err)
		}
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
				if errors.Is(err, fs.ErrNotExist) {
					err = errAbsent
				}
				return "", fmt.Errorf("shared: %s: %w", s, err)
			}
			return s, nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("shared: no go.mod above " + wd)
		}
	}
}

// Path returns a file under the shared folder. When the folder is not
// beside the repository the test is skipped with the reason (or fails,
// with RequireEnv=1); any other problem, such as a wrong WARTA_SHARED,
// fails it.
func Path(t testenv.TB, elem ...string) string {
	t.Helper()
	d, err := Dir()
	switch {
	case errors.Is(err, errAbsent):
		testenv.Missing(t, RequireEnv, "%v: this test reads the labelled dev data of the project's shared folder, "+
			"which is not part of the repository (put it beside the clone as ../shared, or set %s)", err, Env)
		return ""
	case err != nil:
		t.Fatalf("%v", err)
		return ""
	}
	return filepath.Join(append([]string{d}, elem...)...)
}
