package shared

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/testenv"
)

// inRepo makes the working directory a repository root whose parent
// holds a shared folder or not.
func inRepo(t *testing.T, withShared bool) string {
	parent := t.TempDir()
	repo := filepath.Join(parent, "warta")
	if err := os.Mkdir(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if withShared {
		if err := os.Mkdir(filepath.Join(parent, "shared"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(repo)
	t.Setenv(Env, "")
	return parent
}

func TestPathBesideTheRepository(t *testing.T) {
	parent := inRepo(t, true)
	var r testenv.Recorder
	got := Path(&r, "data", "x.jsonl")
	if want := filepath.Join(parent, "shared", "data", "x.jsonl"); got != want || r.Fatal != "" || r.Skip != "" {
		t.Errorf("Path = %q (fatal %q, skip %q), want %q", got, r.Fatal, r.Skip, want)
	}
}

func TestPathSkipsWithoutTheSharedFolder(t *testing.T) {
	parent := inRepo(t, false)
	t.Setenv(RequireEnv, "")
	var r testenv.Recorder
	Path(&r, "data", "x.jsonl")
	if r.Fatal != "" || !strings.Contains(r.Skip, filepath.Join(parent, "shared")) || !strings.Contains(r.Skip, "labelled dev data") {
		t.Errorf("fatal %q, skip %q; want a skip naming the folder and why", r.Fatal, r.Skip)
	}

	t.Setenv(RequireEnv, "1")
	r = testenv.Recorder{}
	Path(&r, "data", "x.jsonl")
	if r.Skip != "" || !strings.Contains(r.Fatal, filepath.Join(parent, "shared")) {
		t.Errorf("with %s=1: fatal %q, skip %q; want a failure", RequireEnv, r.Fatal, r.Skip)
	}
}

// A WARTA_SHARED that names nothing is a mistake, not an absence.
func TestPathFailsOnAWrongOverride(t *testing.T) {
	inRepo(t, true)
	t.Setenv(Env, filepath.Join(t.TempDir(), "nowhere"))
	var r testenv.Recorder
	Path(&r, "data")
	if r.Skip != "" || !strings.Contains(r.Fatal, "nowhere") {
		t.Errorf("fatal %q, skip %q; want a failure naming the override", r.Fatal, r.Skip)
	}
}
