// Package filter is the grammar of feeds people define, shared by the
// `feeds:` section of config.yaml and the ?q= view of every feed:
//
//	topic:international-relations lang:id "laut china selatan"
//	topic:economy -source:kompas
//	topic:international-relations outlets:3
//	topic:international-relations -story:5658a466c0ffee…
//
// A filter is a list of terms separated by spaces. A term is a field
// (topic:, lang:, source:, outlets: or story:) with a value, or a word or
// a "quoted phrase" to find in a story's title or text; a value may be
// quoted too (source:"BBC World"). outlets:N holds for a story reported by
// at least N outlets (Outlets); story:ID for the story of that ID
// (article.Story.Identifier), so that a feed can drop a story it should
// not carry, or be a list of picked stories. A leading - negates a term.
// A story matches when every word and phrase is found, no negated term
// holds, and for each field used positively at least one of its values
// holds (topic:a topic:b means either topic). Words are compared case-
// and accent-insensitively, as whole words.
package filter

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/warta-news/warta/article"
)

// Fields a term may name; "" is a word or phrase.
const (
	FieldTopic   = "topic"
	FieldLang    = "lang"
	FieldSource  = "source"
	FieldOutlets = "outlets"
	FieldStory   = "story"
)

// Bounds of a reader's filter (ParseQuery): matching costs each story's
// folded text times the terms, and a ?q= is any reader's to write. The
// operator's own filters (a defined feed's) are not bounded: "any of
// these forty outlets" is a real feed.
const (
	MaxTerms = 32
	MaxBytes = 1 << 10
)

// Term is one condition of a filter.
type Term struct {
	// Neg negates the term.
	Neg bool
	// Field is FieldTopic, FieldLang, FieldSource, FieldOutlets,
	// FieldStory, or ""
	// for a word or phrase.
	Field string
	// Value is the topic slug, language, source name, number of outlets,
	// story ID or text as written.
	Value string
	// Offset is where the term starts in the filter, in bytes.
	Offset int
	// folded is a word or phrase as Match looks for it, folded once by
	// Parse rather than for every story.
	folded string
	// outlets is an outlets: term's number, read once by Parse.
	outlets int
}

// Filter is a parsed filter.
type Filter struct {
	Terms []Term
}

// SyntaxError is a malformed filter, with where the problem is.
type SyntaxError struct {
	// Offset is the byte offset of the problem in the filter.
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("filter: at byte %d: %s", e.Offset+1, e.Msg)
}

// ParseQuery reads a reader's filter (?q=) as Parse does; one over
// MaxBytes or MaxTerms is refused.
func ParseQuery(s string) (Filter, error) {
	if len(s) > MaxBytes {
		return Filter{}, &SyntaxError{Offset: MaxBytes, Msg: fmt.Sprintf("a filter may be at most %d bytes long", MaxBytes)}
	}
	return parse(s, MaxTerms)
}

// Parse reads a filter. An empty filter matches every story.
func Parse(s string) (Filter, error) { return parse(s, -1) }

// parse reads a filter of at most maxTerms terms (-1: any number).
func parse(s string, maxTerms int) (Filter, error) {
	var f Filter
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i >= len(s) {
			return f, nil
		}
		t := Term{Offset: i}
		if s[i] == '-' {
			t.Neg = true
			i++
		}
		if i < len(s) && s[i] != '"' {
			end := strings.IndexAny(s[i:], " \t")
			if end < 0 {
				end = len(s) - i
			}
			if name, _, ok := strings.Cut(s[i:i+end], ":"); ok && !strings.Contains(name, `"`) {
				if !isFieldName(name) {
					return f, &SyntaxError{Offset: i, Msg: fmt.Sprintf("unknown field %q (want topic:, lang:, source:, outlets: or story:; quote a phrase with a colon)", name)}
				}
				t.Field = name
				i += len(name) + 1
			}
		}
		v, next, err := value(s, i)
		if err != nil {
			return f, err
		}
		if v == "" {
			return f, &SyntaxError{Offset: t.Offset, Msg: "empty term"}
		}
		if len(f.Terms) == maxTerms {
			return f, &SyntaxError{Offset: t.Offset, Msg: fmt.Sprintf("a filter may have at most %d terms", maxTerms)}
		}
		t.Value = v
		switch t.Field {
		case FieldLang:
			t.Value = strings.ToLower(v)
		case FieldOutlets:
			n, err := outletsValue(v)
			if err != nil {
				return f, &SyntaxError{Offset: t.Offset, Msg: err.Error()}
			}
			t.outlets, t.Value = n, strconv.Itoa(n)
		case "":
			t.folded = " " + strings.Join(words(v), " ") + " "
		}
		i = next
		f.Terms = append(f.Terms, t)
	}
}

func isFieldName(s string) bool {
	return s == FieldTopic || s == FieldLang || s == FieldSource || s == FieldOutlets || s == FieldStory
}

// maxOutlets bounds an outlets: term's number: more outlets than any
// story has is a typo, not a feed.
const maxOutlets = 1000

// outletsValue reads an outlets: term's number of outlets.
func outletsValue(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxOutlets {
		return 0, fmt.Errorf("outlets: wants a whole number of outlets from 1 to %d, not %q", maxOutlets, v)
	}
	return n, nil
}

// value reads a bare or quoted value starting at i and returns it and the
// offset after it.
func value(s string, i int) (string, int, error) {
	if i < len(s) && s[i] == '"' {
		end := strings.IndexByte(s[i+1:], '"')
		if end < 0 {
			return "", 0, &SyntaxError{Offset: i, Msg: "unterminated quote"}
		}
		v := strings.TrimSpace(s[i+1 : i+1+end])
		next := i + 1 + end + 1
		if next < len(s) && s[next] != ' ' && s[next] != '\t' {
			return "", 0, &SyntaxError{Offset: next, Msg: "a quoted value must be followed by a space"}
		}
		return v, next, nil
	}
	end := strings.IndexAny(s[i:], " \t")
	if end < 0 {
		end = len(s) - i
	}
	v := s[i : i+end]
	if strings.Contains(v, `"`) {
		return "", 0, &SyntaxError{Offset: i + strings.Index(v, `"`), Msg: "a quote inside a word"}
	}
	return v, i + end, nil
}

// String returns the filter in canonical form: terms in their order,
// values quoted when they hold a space.
func (f Filter) String() string {
	parts := make([]string, 0, len(f.Terms))
	for _, t := range f.Terms {
		var b strings.Builder
		if t.Neg {
			b.WriteByte('-')
		}
		if t.Field != "" {
			b.WriteString(t.Field + ":")
		}
		if strings.ContainsAny(t.Value, " \t") || (t.Field == "" && strings.HasPrefix(t.Value, "-")) {
			b.WriteString(`"` + t.Value + `"`)
		} else {
			b.WriteString(t.Value)
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, " ")
}

// Match reports whether story s matches the filter.
func (f Filter) Match(s *article.Story) bool {
	if s == nil || s.Lead == nil {
		return false
	}
	var text string // folded title and text, built on first need
	positive := map[string]bool{}
	found := map[string]bool{}
	for _, t := range f.Terms {
		var ok bool
		switch t.Field {
		case FieldTopic:
			ok = hasTopic(s, t.Value)
		case FieldLang:
			ok = strings.EqualFold(s.Lead.Language, t.Value)
		case FieldSource:
			ok = HasSource(s, t.Value)
		case FieldOutlets:
			n := t.outlets
			if n == 0 { // a Term not made by Parse
				n, _ = outletsValue(t.Value)
			}
			ok = n > 0 && Outlets(s) >= n
		case FieldStory:
			ok = s.Identifier() == t.Value
		default:
			if text == "" {
				text = " " + strings.Join(words(s.Lead.Title+" "+s.Lead.Text), " ") + " "
			}
			phrase := t.folded
			if phrase == "" { // a Term not made by Parse
				phrase = " " + strings.Join(words(t.Value), " ") + " "
			}
			ok = strings.Contains(text, phrase)
		}
		switch {
		case t.Neg && ok:
			return false
		case t.Neg:
		case t.Field == "" && !ok:
			return false
		case t.Field != "":
			positive[t.Field] = true
			found[t.Field] = found[t.Field] || ok
		}
	}
	for field := range positive {
		if !found[field] {
			return false
		}
	}
	return true
}

func hasTopic(s *article.Story, slug string) bool {
	for _, a := range s.Articles() {
		if a.HasTopic(slug) {
			return true
		}
	}
	return false
}

// HasSource reports whether an article of story s comes from the source
// named name, or was carried by it (article.Article.CarriedBy: a second
// source listing the same link, a source renamed); source names match
// without regard to case, as in "source:".
func HasSource(s *article.Story, name string) bool {
	for _, a := range s.Articles() {
		if strings.EqualFold(a.Source, name) {
			return true
		}
		for _, c := range a.CarriedBy {
			if strings.EqualFold(c, name) {
				return true
			}
		}
	}
	return false
}

// Outlets counts the outlets that reported story s: the distinct outlets
// its articles name (article.Article.Outlet: an aggregator's item names
// its publisher), else their sources, without regard to case. The
// source that carried an article again (CarriedBy) is not another
// outlet's report.
func Outlets(s *article.Story) int {
	seen := map[string]bool{}
	for _, a := range s.Articles() {
		name := strings.TrimSpace(a.Outlet)
		if name == "" {
			name = strings.TrimSpace(a.Source)
		}
		seen[strings.ToLower(name)] = true
	}
	return len(seen)
}

// words splits s into lower-case words without diacritics.
func words(s string) []string {
	d := norm.NFD.String(s)
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range d {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
		default:
			flush()
		}
	}
	flush()
	return out
}
