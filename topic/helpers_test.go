package topic

import (
	"testing"

	"github.com/goccy/go-yaml"
)

// builtinSpecs decodes the built-in topics (package config does the same,
// with positions, for warta itself).
func builtinSpecs(t testing.TB) []Spec {
	t.Helper()
	var f struct {
		Topics []Spec `yaml:"topics"`
	}
	if err := yaml.UnmarshalWithOptions([]byte(BuiltinYAML()), &f, yaml.Strict()); err != nil {
		t.Fatalf("%s: %v", BuiltinFile, err)
	}
	return f.Topics
}

// defaultTagger compiles the built-in topics.
func defaultTagger(t testing.TB) *Tagger {
	t.Helper()
	tg, err := New(builtinSpecs(t))
	if err != nil {
		t.Fatal(err)
	}
	return tg
}
