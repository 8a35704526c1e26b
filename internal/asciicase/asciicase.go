// Package asciicase lower-cases the ASCII capitals of a text and nothing
// else, keeping every byte offset: the one place the tagger's and the actor
// recogniser's tokenizers fold case before they split words, so that both
// read the same bytes.
package asciicase

import (
	"math/bits"
	"strings"
)

// Lower returns s with its ASCII capitals lower-cased, s itself when it
// has none. Other bytes, including every byte of a multi-byte UTF-8
// sequence, are kept.
func Lower(s string) string {
	i := IndexUpper(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		// Capitals are few: copy the runs between them whole.
		b.WriteString(s[:i])
		b.WriteByte(s[i] + 'a' - 'A')
		s = s[i+1:]
		i = IndexUpper(s)
	}
	b.WriteString(s)
	return b.String()
}

// IndexUpper is the index of the first ASCII capital in s, or -1. It
// tests eight bytes at a time: most of a text has no capital.
func IndexUpper(s string) int {
	const (
		low7  = 0x7f7f7f7f7f7f7f7f
		high  = 0x8080808080808080
		fromA = 0x3f3f3f3f3f3f3f3f // 0x80 - 'A' per byte: the high bit is set from 'A'
		pastZ = 0x2525252525252525 // 0x80 - 'Z' - 1 per byte: the high bit is set past 'Z'
	)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8] // constant indexes: one load, no bounds checks
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		// Each byte's low seven bits plus a constant below 0x80 cannot
		// carry into the next byte; bytes from 0x80 up are no capitals.
		y := x & low7
		if upper := (y + fromA) &^ (y + pastZ) &^ x & high; upper != 0 {
			return i + bits.TrailingZeros64(upper)/8
		}
	}
	for ; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return i
		}
	}
	return -1
}
