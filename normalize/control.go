package normalize

import (
	"strings"
	"unicode/utf8"
)

// IsControl reports whether r is a control character an article keeps
// none of: C0 but tab and newline, DEL, and C1. They mean nothing in news
// text, and a terminal obeys them (ESC and CSI sequences clear the screen
// or set its title), so no format's text or HTML may carry them. (Feeds'
// XML loses C0 before it is read, parse's rule for XML; JSON Feed's \u
// escapes, C1 and DEL, and HTML's &#27; do not.) Carriage returns become
// newlines or spaces before this rule applies.
func IsControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' || r >= 0x7F && r <= 0x9F
}

// StorableText is s as every store can keep it as text: valid UTF-8
// (U+FFFD for the rest) without control characters (IsControl);
// PostgreSQL refuses NUL and invalid UTF-8, and both drivers must store
// the same bytes.
func StorableText(s string) string {
	return StripControl(strings.ToValidUTF8(s, "\uFFFD"))
}

// StripControl returns s without its control characters (IsControl),
// and s itself when it has none; other bytes, invalid UTF-8 too, are kept.
func StripControl(s string) string {
	i := indexControl(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if size > 1 || r != utf8.RuneError {
			if !IsControl(r) {
				b.WriteString(s[i : i+size])
			}
		} else {
			b.WriteByte(s[i])
		}
		i += size
	}
	return b.String()
}

// indexControl is the byte index of s's first control character, or -1:
// a scan of bytes (C1 is encoded 0xC2 0x80–0x9F), since most text has none.
func indexControl(s string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 && c != '\t' && c != '\n', c == 0x7F:
			return i
		case c == 0xC2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9F:
			return i
		}
	}
	return -1
}
