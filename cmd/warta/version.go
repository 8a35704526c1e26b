package main

import (
	"context"
	"fmt"
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
