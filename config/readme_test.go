package config

import (
	"os"
	"strings"
	"testing"

	"github.com/warta-news/warta/genre"
)

// The README's configuration table names every genre a source's `genre`
// takes (review 33, F7): genre.Names() owns the list, the table repeats
// it for readers and must not fall behind.
func TestReadmeNamesEveryGenre(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var row string
	for _, line := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(line, "| `sources[]` |") {
			row = line
			break
		}
	}
	if row == "" {
		t.Fatal("README has no `sources[]` row in its configuration table")
	}
	for _, name := range genre.Names() {
		if !strings.Contains(row, "`"+name+"`") {
			t.Errorf("README's `sources[]` row does not name the genre %q", name)
		}
	}
}

// docs/READING.md's example of feeds one defines loads as it is, pasted
// at the end of the shipped config.yaml: a new user's first try must not
// be refused for a source the shipped config does not have.
func TestDocsFeedsExampleLoadsWithTheShippedConfig(t *testing.T) {
	reading, err := os.ReadFile("../docs/READING.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(reading), "```yaml\nfeeds:\n")
	if !ok {
		t.Fatal("docs/READING.md has no ```yaml block starting with feeds:")
	}
	example, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("docs/READING.md's feeds example does not end")
	}
	shipped, err := os.ReadFile("../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("config.yaml", []byte(string(shipped)+"\nfeeds:\n"+example)); err != nil {
		t.Errorf("docs/READING.md's feeds example on the shipped config: %v", err)
	}
}
