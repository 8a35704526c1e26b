package config

import (
	"fmt"
	"os"
	"strings"
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

// BenchmarkLoad1000Sources measures loading a config of 1,000 sources
// written as warta-bench writes them (flow mappings, one a line), with the
// built-in topics: the start of every `warta once` of the benchmark.
func BenchmarkLoad1000Sources(b *testing.B) {
	var buf strings.Builder
	buf.WriteString("storage: {driver: sqlite, dsn: \"/tmp/warta.db\"}\n")
	buf.WriteString("fetch: {concurrency: 8, per_host: 8}\n")
	buf.WriteString("publish: {dir: \"/tmp/warta-feeds\"}\n")
	buf.WriteString("sources:\n")
	for i := range 1000 {
		fmt.Fprintf(&buf, "  - {name: \"feed %d\", url: \"http://127.0.0.1:18080/feed/%d.xml\"}\n", i, i)
	}
	data := []byte(buf.String())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("bench.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
