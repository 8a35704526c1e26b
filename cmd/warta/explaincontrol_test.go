package main

import (
	"strings"
	"testing"
	"unicode"
)

// escapes is a title that, printed raw, clears the terminal, colours it
// and sets its window title.
const escapes = "Normal \x1b[2J\x1b[31mRED\x1b]0;pwned\x07 \u009b1m title"

// hasControl reports whether s holds a control character but tab and
// newline.
func hasControl(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\n' }) >= 0
}

// `warta explain` of a JSON Feed whose item carries terminal escapes
// prints the title without them.
func TestExplainPrintsNoControlCharactersOfAFeed(t *testing.T) {
	site := newNewsSite(t)
	site.serve("/feed.json", "application/feed+json", []byte(`{"version": "https://jsonfeed.org/version/1.1", "title": "t",
		"items": [{"id": "1", "url": "`+site.URL+`/1", "title": "Normal \u001b[2J\u001b[31mRED\u001b]0;pwned\u0007 title"}]}`))
	cfg := writeConfig(t, t.TempDir(), []testSource{{Name: "J", URL: site.URL + "/feed.json"}}, nil)
	out := mustWarta(t, "-config", cfg, "explain", site.URL+"/feed.json")
	if hasControl(out) || !strings.Contains(out, "RED") {
		t.Errorf("explain printed %q; want the title without its control characters", out)
	}
}

// What the store held before control characters were removed (and any
// article read elsewhere) is printed without them too.
func TestWriteExplanationPrintsNoControlCharacters(t *testing.T) {
	lead := exportRecord{Title: escapes, Source: "s\x1b[0m"}
	ex := explanation{Article: exportRecord{Title: escapes, URL: "https://x.test/\x1b", Source: "s\x07"},
		Story: &storyExplanation{ID: "1", Lead: &lead, Matched: &lead}}
	var b strings.Builder
	if err := writeExplanation(&b, ex); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); hasControl(out) || !strings.Contains(out, "RED") {
		t.Errorf("printed %q; want no control characters", out)
	}
}
