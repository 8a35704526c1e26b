// Package xmlchar holds the one rule for which characters XML 1.0 can
// carry, for the packages that read and write feeds.
package xmlchar

// Valid reports whether r is in the XML 1.0 Char production: tab, newline,
// carriage return and everything from U+0020 except surrogates, U+FFFE and
// U+FFFF.
func Valid(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		(r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0x10FFFF)
}
