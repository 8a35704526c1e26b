package config

import (
	"os"
	"testing"
)

// BenchmarkLoadDefaultConfig measures loading the repository's config.yaml,
// which decodes and checks the built-in topics too: the cost every command
// pays before it starts.
func BenchmarkLoadDefaultConfig(b *testing.B) {
	data, err := os.ReadFile("../config.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Parse("config.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
