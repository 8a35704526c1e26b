package topic

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// word is one folded word of a text. joined is set when the word followed
// the previous one across a hyphen ("negara-negara", "Kuba-Rusia"), so that
// reduplication can be collapsed after stemming.
type word struct {
	text   string
	joined bool
}

// tokenize splits s at Unicode word boundaries into folded words: lower
// case, diacritics removed (é → e), apostrophes dropped inside words
// (Jum'at → jumat) and the English possessive 's removed. Hyphens split a
// word but mark the next part as joined. Digits are kept as words.
func tokenize(s string, dst []word) []word {
	start := -1    // start of the current word in s
	simple := true // the word is lower-case ASCII as written: no copy needed
	joined := false
	emit := func(end int, nextJoined bool) {
		if start >= 0 {
			t := s[start:end]
			if !simple {
				t = foldWord(t)
			}
			if t != "" {
				dst = append(dst, word{text: t, joined: joined})
			}
		}
		start, simple, joined = -1, true, nextJoined
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			if start < 0 {
				start = i
			}
		case 'A' <= r && r <= 'Z':
			if start < 0 {
				start = i
			}
			simple = false
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
			if start < 0 {
				start = i
			}
			simple = false
		case isApostrophe(r) && start >= 0:
			next, nsize := utf8.DecodeRuneInString(s[i+size:])
			if (next == 's' || next == 'S') && !isWordRune(s[i+size+nsize:]) {
				// English possessive: "Indonesia's" → "indonesia".
				emit(i, false)
				i += size + nsize
				continue
			}
			// Elsewhere an apostrophe is part of the spelling: keep the
			// word whole without it.
			simple = false
		case isHyphen(r) && start >= 0:
			next, _ := utf8.DecodeRuneInString(s[i+size:])
			emit(i, unicode.IsLetter(next) || unicode.IsDigit(next))
		default:
			emit(i, false)
		}
		i += size
	}
	emit(len(s), false)
	return dst
}

// foldWord lower-cases a word, drops apostrophes and removes diacritics.
func foldWord(w string) string {
	var b strings.Builder
	b.Grow(len(w))
	ascii := true
	for _, r := range w {
		switch {
		case isApostrophe(r):
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		default:
			ascii = false
			b.WriteRune(unicode.ToLower(r))
		}
	}
	if ascii {
		return b.String()
	}
	return fold(b.String())
}

// isWordRune reports whether s starts with a letter or digit.
func isWordRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '‘'
}

func isHyphen(r rune) bool {
	return r == '-' || r == '‐' || r == '‑'
}

// fold removes diacritics from a lower-case word by decomposing it (NFD) and
// dropping the combining marks.
func fold(s string) string {
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldPhrase folds every word of a configured term and returns them.
func foldPhrase(s string) []string {
	ws := tokenize(s, nil)
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.text
	}
	return out
}
