// Package deploy holds what runs warta as a service: the systemd unit
// (warta.service) and, at the repository root, the Dockerfile. Its tests
// check both against a built warta. (That the binary builds static, with
// CGO_ENABLED=0 as both expect, .ci/run checks: a second build of every
// package is too slow for every test run.)
package deploy

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/testenv"
)

// installedPath is where the unit expects the binary.
const installedPath = "/usr/local/bin/warta"

func TestDeploy(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "warta")
	build := exec.Command("go", "build", "-o", bin, "./cmd/warta")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	t.Run("systemd unit", func(t *testing.T) {
		unit, err := os.ReadFile("warta.service")
		if err != nil {
			t.Fatal(err)
		}
		settings := unitSettings(t, string(unit))
		for key, want := range map[string]string{
			"DynamicUser": "yes", "StateDirectory": "warta", "WorkingDirectory": "/var/lib/warta",
			"Restart": "on-failure", "NoNewPrivileges": "yes", "ProtectSystem": "strict",
			"ProtectHome": "yes", "PrivateTmp": "yes", "SystemCallFilter": "@system-service",
			// publish.dir: a directory a web server can read. The state
			// directory of a dynamic user is not (/var/lib/private is
			// root's, 0700); the runtime directory is, at this mode.
			"RuntimeDirectory": "warta", "RuntimeDirectoryMode": "0755", "RuntimeDirectoryPreserve": "yes",
		} {
			if !strings.Contains(" "+strings.Join(settings[key], " ")+" ", " "+want+" ") {
				t.Errorf("%s=%v, want %s", key, settings[key], want)
			}
		}
		// The command line is one warta understands.
		exec1 := strings.Fields(strings.Join(settings["ExecStart"], " "))
		if len(exec1) < 2 || exec1[0] != installedPath || exec1[1] != "run" {
			t.Fatalf("ExecStart=%v, want %s run …", exec1, installedPath)
		}
		helpOK(t, bin, exec1[1:])

		analyze := testenv.Tool(t, "systemd-analyze", "systemd")
		dir := t.TempDir()
		path := filepath.Join(dir, "warta.service")
		if err := os.WriteFile(path, []byte(strings.Replace(string(unit), "ExecStart="+installedPath, "ExecStart="+bin, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		// systemd-analyze exits 0 on unknown keys and bad values, only
		// warning: any word about our unit is a failure.
		out, err := exec.Command(analyze, "verify", path).CombinedOutput()
		if err != nil || strings.Contains(string(out), "warta.service") {
			t.Errorf("systemd-analyze verify: %v\n%s", err, out)
		}
	})

	t.Run("container command", func(t *testing.T) {
		df, err := os.ReadFile(filepath.Join("..", "Dockerfile"))
		if err != nil {
			t.Fatal(err)
		}
		var entrypoint, cmd []string
		for _, line := range strings.Split(string(df), "\n") {
			if rest, ok := strings.CutPrefix(line, "ENTRYPOINT "); ok {
				entrypoint = jsonArgs(t, rest)
			}
			if rest, ok := strings.CutPrefix(line, "CMD "); ok {
				cmd = jsonArgs(t, rest)
			}
		}
		if len(entrypoint) != 1 || entrypoint[0] != installedPath || len(cmd) == 0 || cmd[0] != "run" {
			t.Fatalf("ENTRYPOINT %v CMD %v, want [%s] and [run …]", entrypoint, cmd, installedPath)
		}
		if !strings.Contains(strings.Join(cmd, " "), "-listen 0.0.0.0:") {
			t.Errorf("CMD %v does not listen on every interface of the container", cmd)
		}
		helpOK(t, bin, cmd)
	})
}

// helpOK runs the binary with args and -h: the command and its flags
// must be ones warta knows.
func helpOK(t *testing.T, bin string, args []string) {
	t.Helper()
	if out, err := exec.Command(bin, append(args, "-h")...).CombinedOutput(); err != nil {
		t.Errorf("warta %v: %v\n%s", args, err, out)
	}
}

// unitSettings reads a unit file's key=value lines; a key may repeat.
func unitSettings(t *testing.T, unit string) map[string][]string {
	t.Helper()
	settings := map[string][]string{}
	sc := bufio.NewScanner(strings.NewReader(unit))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == '[' {
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("unit line %q is not key=value", line)
		}
		settings[key] = append(settings[key], value)
	}
	return settings
}

// jsonArgs reads a Dockerfile instruction in exec (JSON array) form.
func jsonArgs(t *testing.T, s string) []string {
	t.Helper()
	var args []string
	if err := json.Unmarshal([]byte(s), &args); err != nil {
		t.Fatalf("Dockerfile: %q is not in exec form: %v", s, err)
	}
	return args
}
