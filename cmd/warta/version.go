package main

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
)

// cmdVersion prints the module version, the VCS revision and the Go
// version warta was built with.
func cmdVersion(_ context.Context, e *env) error {
	fs := e.flags("version")
	if err := e.parse(fs, false); err != nil {
		return err
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return fmt.Errorf("no build information in this binary")
	}
	_, err := fmt.Fprintln(e.stdout, versionLine(bi))
	return err
}

// versionLine says which warta this is: "warta VERSION revision REV
// [modified] GOVERSION". A binary built by `go install …@version` knows
// its module version but no revision; one built from a clone knows both
// (Go stamps the revision, and a pseudo-version derived from it).
func versionLine(bi *debug.BuildInfo) string {
	version := bi.Main.Version
	if version == "" {
		version = "(devel)"
	}
	revision, modified := "unknown", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	parts := []string{"warta", version, "revision", revision}
	if modified {
		parts = append(parts, "modified")
	}
	return strings.Join(append(parts, bi.GoVersion), " ")
}

// binaryBuild identifies this binary for publish.Options.Build: its
// version line and its executable's path, size and modification time, so
// that any rebuild or upgrade differs. "" when unknown.
func binaryBuild() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s %s %d %d", versionLine(bi), exe, fi.Size(), fi.ModTime().UnixNano())
}
