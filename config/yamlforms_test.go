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

// A value of the wrong type is reported with every other problem of the
// file, not alone (review 11, F6); the checks of the field it spoils are
// not reported on top of it.
func TestTypeErrorsReportedWithTheRest(t *testing.T) {
	src := "schedule: \"61 * * * *\"\n" +
		"fetch: {concurrency: lots, timeout: soon}\n" +
		"sources:\n" +
		"  - {name: A, url: \"ftp://x/a\"}\n" +
		"  - {name: A, url: \"http://127.0.0.1:1/b\"}\n" +
		"  - {name: C, url: [http://127.0.0.1:1/c]}\n"
	_, err := Parse("m.yaml", []byte(src))
	errs, ok := err.(Errors)
	if !ok {
		t.Fatalf("Parse: %v, want Errors", err)
	}
	want := []string{
		"m.yaml:1:", "schedule",
		"m.yaml:2:", "fetch.concurrency: want an integer",
		"fetch.timeout: invalid duration",
		"m.yaml:4:", "sources[0].url",
		"m.yaml:5:", "duplicate source name",
		"m.yaml:6:", "sources[2].url: want a string",
	}
	got := err.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("errors lack %q:\n%s", w, got)
		}
	}
	for _, e := range errs {
		if e.Field == "sources[2].url" && !strings.Contains(e.Msg, "want a string") {
			t.Errorf("the mistyped url is also reported as %q", e.Msg)
		}
	}
}
