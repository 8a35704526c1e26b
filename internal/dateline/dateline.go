// Package dateline reads the wire dateline that opens a report ("JAKARTA
// (ANTARA) - ", "LONDON, Nov 2 (Reuters) - ", "WASHINGTON (AP) — "): where
// and by whom it was filed, which outlets reprinting a wire story keep or
// drop at will. The one place that says what a dateline is, for the
// duplicate detector (which cuts it off before comparing bodies) and the
// tagger (for which its city is no actor of the report).
package dateline

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pattern matches a wire dateline at the start of a text.
var pattern = regexp.MustCompile(`^\p{Lu}[\p{Lu}\p{Lu} .'/-]{1,40}(?:,[^()\n]{1,30})?\s*\([^()\n]{2,30}\)\s*[-–—]+\s*`)

// End returns where the report proper starts in text: after the white
// space and the wire dateline that open it, or 0 when no dateline opens
// it (leading white space alone is not cut).
func End(text string) int {
	start := len(text) - len(strings.TrimLeftFunc(text, unicode.IsSpace))
	rest := text[start:]
	if !mayOpen(rest) {
		return 0
	}
	m := pattern.FindStringIndex(rest)
	if m == nil {
		return 0
	}
	return start + m[1]
}

// mayOpen reports whether text starts as a dateline must: an upper-case
// letter, then an upper-case letter or one of " .'/-". Most bodies do
// not, and this test is cheaper than starting the regexp.
func mayOpen(text string) bool {
	r, n := utf8.DecodeRuneInString(text)
	if !unicode.IsUpper(r) {
		return false
	}
	r, _ = utf8.DecodeRuneInString(text[n:])
	return unicode.IsUpper(r) || strings.ContainsRune(" .'/-", r)
}
