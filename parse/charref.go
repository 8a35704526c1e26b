package parse

import (
	"bytes"
	"strconv"

	"github.com/warta-news/warta/internal/xmlchar"
)

// repairCharRefs removes numeric character references to characters XML
// 1.0 forbids (&#1;, &#xFFFE;, surrogates, numbers past U+10FFFF). One of
// them anywhere makes the XML parser refuse the whole document; the
// character itself means nothing, as with the raw control bytes
// stripControl drops. b is returned as is when it holds none.
func repairCharRefs(b []byte) []byte {
	var out []byte
	done := 0 // b[:done] is in out (or unchanged so far)
	for at := 0; ; {
		i := bytes.Index(b[at:], []byte("&#"))
		if i < 0 {
			break
		}
		at += i
		ref, ok := charRef(b[at:])
		if !ok || isXMLCharRef(ref.code) {
			at += 2
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(b))
		}
		out = append(out, b[done:at]...)
		at += ref.length
		done = at
	}
	if out == nil {
		return b
	}
	return append(out, b[done:]...)
}

// numericRef is one numeric character reference: its code point (-1 when
// too large for any) and its length in bytes.
type numericRef struct {
	code   int64
	length int
}

// charRef reads a numeric character reference at the start of b
// ("&#123;" or "&#x7B;").
func charRef(b []byte) (numericRef, bool) {
	digits, base := b[2:], 10
	if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
		digits, base = digits[1:], 16
	}
	end := bytes.IndexByte(digits[:min(len(digits), 32)], ';')
	if end <= 0 {
		return numericRef{}, false
	}
	for _, c := range digits[:end] {
		if !isDigit(c, base) {
			return numericRef{}, false
		}
	}
	length := len(b) - len(digits) + end + 1
	n, err := strconv.ParseInt(string(digits[:end]), base, 64)
	if err != nil {
		return numericRef{code: -1, length: length}, true
	}
	return numericRef{code: n, length: length}, true
}

func isDigit(c byte, base int) bool {
	switch {
	case c >= '0' && c <= '9':
		return true
	case base == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'):
		return true
	}
	return false
}

// isXMLCharRef reports whether code is a character XML 1.0 can carry.
func isXMLCharRef(code int64) bool {
	return code >= 0 && code <= 0x10FFFF && xmlchar.Valid(rune(code))
}
