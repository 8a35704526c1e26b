// Package textcut cuts plain text to a length in bytes without splitting
// a word or a character: the one place the tagger and its evaluation cut
// leads, so that both read the same words.
package textcut

import (
	"strings"
	"unicode/utf8"
)

// AtWord returns s when it is at most n bytes long, else its first n bytes
// cut at the last space in them, or, when there is none, where the last
// character starting within them starts.
func AtWord(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexByte(s[:n], ' '); i > 0 {
		return s[:i]
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
