package testenv

import (
	"strings"
	"testing"
)

func TestMissingSkipsUnlessRequired(t *testing.T) {
	const env = "WARTA_TESTENV_SELFTEST"
	t.Setenv(env, "")
	var r Recorder
	Missing(&r, env, "jing not found (apt-get install %s)", "jing")
	if r.Fatal != "" || !strings.Contains(r.Skip, "jing not found (apt-get install jing)") || !strings.Contains(r.Skip, env+"=1") {
		t.Errorf("unset: fatal %q, skip %q; want a skip with the reason and the variable", r.Fatal, r.Skip)
	}

	t.Setenv(env, "1")
	r = Recorder{}
	Missing(&r, env, "jing not found")
	if r.Skip != "" || !strings.Contains(r.Fatal, "jing not found") || !strings.Contains(r.Fatal, env+"=1") {
		t.Errorf("required: fatal %q, skip %q; want a failure naming the variable", r.Fatal, r.Skip)
	}
}

// A missing tool names the package to install; CI's variable turns the
// skip into a failure.
func TestMissingToolSkipsOrFails(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv(RequireToolsEnv, "")
	var r Recorder
	if Tool(&r, "jing", "jing") != "" || !strings.Contains(r.Skip, "apt-get install jing") {
		t.Errorf("fatal %q, skip %q; want a skip naming the package", r.Fatal, r.Skip)
	}
	t.Setenv(RequireToolsEnv, "1")
	r = Recorder{}
	Tool(&r, "jing", "jing")
	if r.Skip != "" || !strings.Contains(r.Fatal, "apt-get install jing") {
		t.Errorf("required: fatal %q, skip %q; want a failure", r.Fatal, r.Skip)
	}
}
