package publish

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/warta-news/warta/internal/xmlchar"
)

// cleanText removes what XML 1.0 cannot carry: control characters other than
// tab, newline and carriage return, surrogates, U+FFFE/U+FFFF and invalid
// UTF-8. Real feeds contain all of these, and encoding/xml would otherwise
// turn them into U+FFFD or produce a document readers reject.
func cleanText(s string) string {
	if isCleanText(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !(r == utf8.RuneError && size == 1) && xmlchar.Valid(r) {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isCleanText reports whether s needs no cleaning; most text does, and the
// check avoids an allocation per field.
func isCleanText(s string) bool {
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
		if (r == utf8.RuneError && size == 1) || !xmlchar.Valid(r) {
			return false
		}
		i += size
	}
	return true
}

// langTag matches the RFC 3066 language tags Atom's schema accepts.
var langTag = regexp.MustCompile(`^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$`)

// validLang returns lang when it is a well-formed language tag, else "".
func validLang(lang string) string {
	lang = strings.TrimSpace(lang)
	if langTag.MatchString(lang) {
		return lang
	}
	return ""
}
