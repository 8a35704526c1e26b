package config

import (
	"strings"
	"testing"
)

// A merge key with an override is YAML's idiom for "like that one, but":
// the mapping's own keys win over the merged ones (review 11, F3). A key
// written twice in one mapping is still refused.
func TestMergeKeyWithOverride(t *testing.T) {
	src := "sources:\n" +
		"  - &base {name: A, url: \"http://127.0.0.1:1/a\", language: id}\n" +
		"  - <<: *base\n" +
		"    name: B\n" +
		"    url: http://127.0.0.1:1/b\n" +
		"  - name: C\n" +
		"    url: http://127.0.0.1:1/c\n" +
		"    language: en\n" +
		"    <<: *base\n"
	cfg, err := Parse("mg.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	type got struct{ name, url, lang string }
	want := []got{{"A", "http://127.0.0.1:1/a", "id"}, {"B", "http://127.0.0.1:1/b", "id"}, {"C", "http://127.0.0.1:1/c", "en"}}
	if len(cfg.Sources) != len(want) {
		t.Fatalf("sources %+v", cfg.Sources)
	}
	for i, s := range cfg.Sources {
		if g := (got{s.Name, s.URL, s.Language}); g != want[i] {
			t.Errorf("source %d = %+v, want %+v", i, g, want[i])
		}
	}
	if cfg.Sources[1].Line != 3 {
		t.Errorf("B's line %d, want 3", cfg.Sources[1].Line)
	}

	_, err = Parse("dup.yaml", []byte("sources:\n  - name: A\n    name: B\n    url: http://127.0.0.1:1/a\n"))
	if err == nil || !strings.Contains(err.Error(), "dup.yaml:3:") {
		t.Errorf("a key written twice: %v, want an error at dup.yaml:3", err)
	}
}

// A file saved with a UTF-8 byte order mark (YAML allows one) reads as
// without it, positions unchanged (review 11, F7).
func TestByteOrderMark(t *testing.T) {
	src := "\xef\xbb\xbfschedule: \"@hourly\"\nsources:\n  - {name: A, url: \"http://127.0.0.1:1/a\"}\n"
	cfg, err := Parse("bom.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if cfg.Schedule != "@hourly" || len(cfg.Sources) != 1 || cfg.Sources[0].Line != 3 {
		t.Errorf("schedule %q, sources %+v", cfg.Schedule, cfg.Sources)
	}
	_, err = Parse("bom.yaml", []byte("\xef\xbb\xbfschedul: \"@hourly\"\nsources:\n  - {name: A, url: \"http://127.0.0.1:1/a\"}\n"))
	if err == nil || !strings.Contains(err.Error(), "bom.yaml:1:1: schedul: unknown field") {
		t.Errorf("a typo after a BOM: %v, want bom.yaml:1:1 naming the field without the mark", err)
	}
}
