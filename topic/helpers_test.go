package topic

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/warta-news/warta/config"
)

// defaultConfig decodes the repository's config.yaml: the default topics
// and sources are what these tests check.
func defaultConfig(t testing.TB) *config.Config {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var c config.Config
	if err := yaml.Unmarshal(b, &c); err != nil {
		t.Fatalf("config.yaml: %v", err)
	}
	return &c
}

// defaultTagger compiles the default topics.
func defaultTagger(t testing.TB) *Tagger {
	t.Helper()
	tg, err := New(defaultConfig(t).Topics)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}
