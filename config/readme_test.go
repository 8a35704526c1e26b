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
