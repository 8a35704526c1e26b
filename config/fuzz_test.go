package config

import (
	"errors"
	"io"
	"os"
	"testing"
	"time"
)

// FuzzParse checks that no file makes Parse panic, that a refused file
// gets at least one error naming the file with a sane position, and that
// an accepted one can be described.
func FuzzParse(f *testing.F) {
	f.Add([]byte(validYAML))
	f.Add([]byte(validYAML + "normalize:\n  max_html_bytes: 100\nfetch:\n  timout: 5s\n"))
	f.Add([]byte("schedule: [\n"))
	f.Add([]byte("---\na: 1\n---\nb: 2\n"))
	f.Add([]byte("topics:\n  - slug: x\n    terms: {en: [\"a^\", b^-1e309]}\n    expr: '(a AND'\n"))
	f.Add([]byte("topics:\n  - {slug: international-relations, confidence: {en: 0.9, id: .7, fr: x}}\n  - {slug: sport, confidence: [1]}\n"))
	f.Add([]byte(validYAML + "feeds:\n  - {slug: desk, title: Desk, filter: 'topic:world -story:ab12 story:\"c d\" outlets:2'}\n"))
	if def, err := os.ReadFile("../config.yaml"); err == nil {
		f.Add(def)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("f.yaml", data)
		if err != nil {
			var errs Errors
			if cfg != nil || !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("Parse: config %v, error %T %v", cfg != nil, err, err)
			}
			for _, e := range errs {
				if e.File != "f.yaml" || e.Line < 0 || e.Column < 0 || e.Msg == "" {
					t.Fatalf("error %+v", *e)
				}
			}
			return
		}
		if err := cfg.Describe(io.Discard, time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)); err != nil {
			t.Fatalf("Describe: %v", err)
		}
	})
}
