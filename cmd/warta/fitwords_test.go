package main

import (
	"os"
	"path/filepath"
	"testing"
)

// `warta eval-topics -fit-words` (what `go generate ./topic` runs) gives
// the shipped word model byte for byte from the repository's labelled
// streams alone: the generated weights are reproducible and up to date.
func TestFitWordsReproducesTheShippedWordModel(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the word model on every labelled stream")
	}
	out := filepath.Join(t.TempDir(), "wordmodel_weights.go")
	mustWarta(t, "-config", "../../config.yaml", "eval-topics", "-streams", "../../internal/fixtures/testdata", "-stream-labels", "testdata", "-fit-words", out)
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../topic/wordmodel_weights.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("-fit-words gives another word model than topic/wordmodel_weights.go: run go generate ./topic")
	}
}
