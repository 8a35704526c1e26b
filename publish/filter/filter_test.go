package filter

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/warta-news/warta/article"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct{ in, canonical string }{
		{`topic:international-relations lang:ID "laut china selatan"`, `topic:international-relations lang:id "laut china selatan"`},
		{`  topic:economy   -source:kompas `, `topic:economy -source:kompas`},
		{`source:"BBC World" -"sepak bola" rupiah`, `source:"BBC World" -"sepak bola" rupiah`},
		{``, ``},
	} {
		f, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got := f.String(); got != tc.canonical {
			t.Errorf("Parse(%q) = %q, want %q", tc.in, got, tc.canonical)
		}
		again, err := Parse(f.String())
		if err != nil || again.String() != f.String() {
			t.Errorf("canonical form %q does not parse back: %v", f.String(), err)
		}
	}
	for in, offset := range map[string]int{
		`topic:x "laut china`: 8,
		`tpoic:economy`:       0,
		`rupiah sorce:kompas`: 7,
		`topic:`:              0,
		`-`:                   0,
		`"a"b`:                3,
		`ab"c`:                2,
		`topic:"" x`:          0,
	} {
		_, err := Parse(in)
		var se *SyntaxError
		if !errors.As(err, &se) || se.Offset != offset {
			t.Errorf("Parse(%q) = %v, want a syntax error at %d", in, err, offset)
		}
	}
}

func story(lang, title, text string, arts ...*article.Article) *article.Story {
	lead := &article.Article{ID: "a", Source: "tempo", Language: lang, Title: title, Text: text,
		Topics: []article.TopicMatch{{Slug: "international-relations"}}}
	return &article.Story{ID: "a", Lead: lead, Copies: arts}
}

func TestMatch(t *testing.T) {
	laut := story("id", "Ketegangan di Laut China Selatan", "Kapal penjaga pantai…")
	kompas := story("id", "Rupiah melemah", "Bank Indonesia …", &article.Article{ID: "b", Source: "Kompas", Topics: []article.TopicMatch{{Slug: "economy"}}})
	en := story("en", "Café owners protest", "Prices rise in Jakarta")
	// Stored by tempo, listed by kompas too: a source term matches every
	// source that carried the story, as ?source= does.
	carried := story("id", "Harga beras naik", "…")
	carried.Lead.CarriedBy = []string{"kompas", "tempo"}
	for _, tc := range []struct {
		filter string
		story  *article.Story
		want   bool
	}{
		{`topic:international-relations lang:id "laut china selatan"`, laut, true},
		{`topic:international-relations lang:en "laut china selatan"`, laut, false},
		{`"china selatan laut"`, laut, false}, // words in order
		{`laut`, laut, true},
		{`lau`, laut, false}, // whole words
		{`topic:economy -source:kompas`, kompas, false},
		{`topic:economy`, kompas, true}, // a copy's topic counts
		{`topic:economy topic:sport`, kompas, true},
		{`topic:sport`, kompas, false},
		{`-topic:economy`, laut, true},
		{`cafe`, en, true}, // accents and case folded
		{`"CAFÉ OWNERS"`, en, true},
		{`source:tempo lang:en`, en, true},
		{`source:kompas`, carried, true},
		{`-source:kompas`, carried, false},
		{`-source:antara`, carried, true},
		{``, en, true},
	} {
		f, err := Parse(tc.filter)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.filter, err)
		}
		if got := f.Match(tc.story); got != tc.want {
			t.Errorf("%q on %q = %v, want %v", tc.filter, tc.story.Lead.Title, got, tc.want)
		}
	}
}

// A reader's filter is bounded: matching costs each story's text times
// the terms, and ?q= is any reader's to write (review 12: F4).
func TestParseQueryRefusesUnboundedFilters(t *testing.T) {
	many := strings.Repeat("-w ", MaxTerms+1)
	long := `"` + strings.Repeat("kata ", MaxBytes/5+1) + `"`
	for name, in := range map[string]string{"too many terms": many, "too long": long} {
		_, err := ParseQuery(in)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%s: ParseQuery(%d bytes) = %v, want a syntax error", name, len(in), err)
		}
	}
	if _, err := ParseQuery(strings.TrimSpace(strings.Repeat("-w ", MaxTerms))); err != nil {
		t.Errorf("%d terms: %v", MaxTerms, err)
	}
}

// The operator's own filters (a defined feed's) are not a reader's:
// "any of these forty outlets" is a real feed, and a config that loaded
// before the ?q= bound must load still (review 15: 2).
func TestParseKeepsLongConfiguredFilters(t *testing.T) {
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, "source:\"Outlet %d\" ", i)
	}
	f, err := Parse(b.String())
	if err != nil {
		t.Fatalf("Parse(40 source terms): %v", err)
	}
	if len(f.Terms) != 40 {
		t.Errorf("%d terms, want 40", len(f.Terms))
	}
}

// outlets:N holds for a story reported by at least N outlets: an
// aggregator's item counts as the outlet it names, a source's articles as
// one outlet however many they are, a source that carried an article
// again as none; the number is read once and written canonically.
func TestOutlets(t *testing.T) {
	one := story("id", "Menlu bertemu", "…")
	three := story("id", "Menlu bertemu", "…",
		&article.Article{ID: "b", Source: "Kompas"},
		&article.Article{ID: "c", Source: "kompas"}, // the same outlet, written otherwise
		&article.Article{ID: "d", Source: "Google News", Outlet: "Republika"},
		&article.Article{ID: "e", Source: "Tempo", CarriedBy: []string{"Detik"}})
	if n := Outlets(three); n != 3 {
		t.Errorf("Outlets = %d, want 3 (tempo, Kompas, Republika)", n)
	}
	for _, tc := range []struct {
		filter string
		story  *article.Story
		want   bool
	}{
		{`outlets:1`, one, true},
		{`outlets:2`, one, false},
		{`outlets:3`, three, true},
		{`outlets:4`, three, false},
		{`-outlets:2`, one, true}, // fewer than two: a single outlet's story
		{`-outlets:2`, three, false},
		{`topic:international-relations outlets:03`, three, true},
		{`topic:economy outlets:2`, three, false},
	} {
		f, err := Parse(tc.filter)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.filter, err)
		}
		if got := f.Match(tc.story); got != tc.want {
			t.Errorf("%q on a story of %d outlets = %v, want %v", tc.filter, Outlets(tc.story), got, tc.want)
		}
	}
	if f, _ := Parse(`-outlets:02 lang:id`); f.String() != `-outlets:2 lang:id` {
		t.Errorf("canonical form %q", f.String())
	}
	if !(Filter{Terms: []Term{{Field: FieldOutlets, Value: "2"}}}).Match(three) {
		t.Error("a Term not made by Parse is not read")
	}
	for in, offset := range map[string]int{`outlets:0`: 0, `outlets:two`: 0, `rupiah outlets:-1`: 7, `outlets:1001`: 0, `outlets:2.5`: 0} {
		_, err := Parse(in)
		var se *SyntaxError
		if !errors.As(err, &se) || se.Offset != offset || !strings.Contains(se.Msg, "outlets: wants a whole number of outlets from 1 to 1000") {
			t.Errorf("Parse(%q) = %v, want the outlets: error at %d", in, err, offset)
		}
	}
}

// story:ID names one story by its ID (article.Story.Identifier, a story
// built without one by its lead's): several are alternatives, a list of
// picked stories; a negated one drops that story from a feed.
func TestStoryTerm(t *testing.T) {
	a := story("id", "Menlu bertemu", "…")
	b := &article.Story{Lead: &article.Article{ID: "b2", StoryID: "b", Source: "kompas", Title: "Rupiah melemah"}}
	for _, tc := range []struct {
		filter string
		story  *article.Story
		want   bool
	}{
		{`story:a`, a, true},
		{`story:a`, b, false},
		{`story:b`, b, true}, // the lead's story ID
		{`story:b2`, b, false},
		{`story:a story:b`, b, true},
		{`-story:a`, a, false},
		{`-story:a`, b, true},
		{`topic:international-relations -story:a`, a, false},
		{`story:A`, a, false}, // IDs are compared as written
		{`story:"a"`, a, true},
	} {
		f, err := Parse(tc.filter)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.filter, err)
		}
		if got := f.Match(tc.story); got != tc.want {
			t.Errorf("%q on story %s = %v, want %v", tc.filter, tc.story.Identifier(), got, tc.want)
		}
	}
	if f, _ := Parse(`topic:economy -story:a`); f.String() != `topic:economy -story:a` {
		t.Errorf("canonical form %q", f.String())
	}
	if _, err := Parse(`stories:a`); err == nil || !strings.Contains(err.Error(), "want topic:, lang:, source:, outlets: or story:") {
		t.Errorf("an unknown field: %v", err)
	}
}
