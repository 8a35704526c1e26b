package main

import (
	"os"
	"path/filepath"
	"testing"
)

// `warta eval-topics -fit-leaders` (what `go generate ./topic` runs) gives
// the shipped leaders prior byte for byte from the repository's feed
// snapshots alone (no ../shared/data): the prior is reproducible and up to
// date, with the shipped minimum of articles per name as its default.
func TestFitLeadersReproducesTheShippedPrior(t *testing.T) {
	if testing.Short() {
		t.Skip("tags every labelled stream's snapshots")
	}
	out := filepath.Join(t.TempDir(), "leaders_prior.go")
	mustWarta(t, "-config", "../../config.yaml", "eval-topics", "-streams", "../../internal/fixtures/testdata", "-stream-labels", "testdata", "-fit-leaders", out)
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../topic/leaders_prior.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("-fit-leaders gives another prior than topic/leaders_prior.go: run go generate ./topic")
	}
}
