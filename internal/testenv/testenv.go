// Package testenv decides what a test does when something it needs from
// outside the repository (the shared evaluation data, an outside tool, a
// PostgreSQL server) is missing: on a newcomer's machine the test is skipped
// with the reason and the way to get it; where the variable named by the
// caller is set to 1, as CI sets it, the test fails, so that nothing CI
// should run is skipped unnoticed.
package testenv

import (
	"fmt"
	"os"
	"os/exec"
)

// RequireToolsEnv, set to 1, makes a missing outside tool (jing,
// python3-feedparser, newsboat, the W3C validator's Python modules,
// chromium, systemd-analyze) fail the tests that need it instead of
// skipping them.
const RequireToolsEnv = "WARTA_REQUIRE_TOOLS"

// TB is the part of testing.TB that Missing needs.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	Skipf(format string, args ...any)
}

// Required reports whether the variable requireEnv asks for what it names
// to be present.
func Required(requireEnv string) bool { return os.Getenv(requireEnv) == "1" }

// Missing ends the test because what the message describes is missing: it
// fails when requireEnv is set to 1 and skips otherwise.
func Missing(t TB, requireEnv, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if Required(requireEnv) {
		t.Fatalf("%s (%s=1 requires it)", msg, requireEnv)
		return
	}
	t.Skipf("skipped: %s (set %s=1 to make this a failure)", msg, requireEnv)
}

// Tool returns the path of the named program; when it is absent the test
// ends as Missing says, naming the Debian package that installs it.
func Tool(t TB, name, debianPackage string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, RequireToolsEnv, "%s not found (apt-get install %s): %v", name, debianPackage, err)
		return ""
	}
	return p
}
