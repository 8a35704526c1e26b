// Package xmlchar holds the one rule for which characters XML 1.0 can
// carry, for the packages that read and write feeds.
package xmlchar

import (
	"strings"
	"unicode/utf8"
)

// Valid reports whether r is in the XML 1.0 Char production: tab, newline,
// carriage return and everything from U+0020 except surrogates, U+FFFE and
// U+FFFF.
func Valid(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		(r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0x10FFFF)
}

// Clean removes what XML 1.0 cannot carry: control characters other than
// tab, newline and carriage return, surrogates, U+FFFE/U+FFFF and invalid
// UTF-8. Real feeds contain all of these, and encoding/xml would otherwise
// turn them into U+FFFD or produce a document readers reject.
func Clean(s string) string {
	if IsClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !(r == utf8.RuneError && size == 1) && Valid(r) {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// IsClean reports whether Clean would leave s as it is; most text does, and the
// check avoids an allocation per field.
func IsClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || !Valid(r) {
			return false
		}
		i += size
	}
	return true
}
