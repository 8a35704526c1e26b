package main

import (
	"os"
	"path/filepath"
	"testing"
)

// `warta eval-topics -fit-words` (what `go generate -run fit-words ./topic`
// runs) gives the shipped word model byte for byte from the repository's
// labelled streams alone: the generated weights are reproducible and up to
// date.
func TestFitWordsReproducesTheShippedWordModel(t *testing.T) {
	generatorReproduces(t, "-fit-words", "wordmodel_weights.go")
}

// `warta eval-topics -fit-leaders` (what `go generate -run fit-leaders
// ./topic` runs) gives the shipped leaders prior byte for byte from the
// repository's feed snapshots alone (no ../shared/data), with the shipped
// minimum of articles per name as its default.
func TestFitLeadersReproducesTheShippedPrior(t *testing.T) {
	generatorReproduces(t, "-fit-leaders", "leaders_prior.go")
}

// generatorReproduces runs eval-topics' generator flag over the labelled
// streams and checks it writes topic/file as shipped.
func generatorReproduces(t *testing.T, flag, file string) {
	t.Helper()
	if testing.Short() {
		t.Skip("reads every labelled stream")
	}
	out := filepath.Join(t.TempDir(), file)
	mustWarta(t, "-config", "../../config.yaml", "eval-topics", "-streams", "../../internal/fixtures/testdata", "-stream-labels", "testdata", flag, out)
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("../../topic", file))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("%s gives another file than topic/%s: run go generate -run %s ./topic", flag, file, flag[1:])
	}
}

// The generated header says which languages the word model keeps open: a
// variant with no Only keeps every one (V14), not "other than " nothing.
func TestOpenLanguagesSaysEveryLanguageWithoutOnly(t *testing.T) {
	for only, want := range map[string]string{"": "Every language is open", "en": "Languages other than en are closed"} {
		if got := openLanguages(only); got != want {
			t.Errorf("openLanguages(%q) = %q, want %q", only, got, want)
		}
	}
}
