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
	start  int // byte offset of the word in the text
}

// tokenize splits s at Unicode word boundaries into folded words: lower
// case, diacritics removed (é → e), apostrophes dropped inside words
// (Jum'at → jumat) and the English possessive 's removed. Hyphens split a
// word but mark the next part as joined. Digits are kept as words.
func tokenize(s string, dst []word) []word {
	tokenizeFunc(s, func(w word) { dst = append(dst, w) })
	return dst
}

// tokenizeFunc calls yield with each word of s, as tokenize returns them,
// without collecting them.
func tokenizeFunc(s string, yield func(word)) {
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
				yield(word{text: t, joined: joined, start: start})
			}
		}
		start, simple, joined = -1, true, nextJoined
	}
	for i := 0; i < len(s); {
		// Most text is ASCII: classify its bytes without decoding.
		if c := s[i]; c < utf8.RuneSelf && c != '\'' && c != '-' {
			if !isASCIIWordByte(c) {
				if start >= 0 {
					emit(i, false)
				} else {
					joined = false
				}
				i++
				continue
			}
			if start < 0 {
				start = i
			}
			// Consume the rest of the ASCII run at once, lower-case
			// letters and digits first: most bytes are.
			for ; i < len(s); i++ {
				if c := s[i]; 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
					continue
				} else if 'A' <= c && c <= 'Z' {
					simple = false
					continue
				}
				break
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
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
}

// isASCIIWordByte reports whether c is an ASCII letter or digit.
func isASCIIWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z'
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

// startsWithCapital reports whether s begins with an upper-case letter.
func startsWithCapital(s string) bool {
	// Most words start with an ASCII byte: no rune to decode, and a test
	// small enough to inline.
	if s == "" || s[0] >= utf8.RuneSelf {
		return startsWithUpperRune(s)
	}
	return s[0]-'A' <= 'Z'-'A'
}

// startsWithUpperRune reports whether s begins with an upper-case rune.
func startsWithUpperRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isNameAt reports whether the word at byte offset i of text is written as
// a name: capitalised where case carries meaning, that is not at the start
// of the text or of a sentence (after . ! ? : ; a line break or a dash
// between spaces). A word joined by a hyphen to the previous one (Kuba-Rusia)
// counts as inside the sentence.
func isNameAt(text string, i int) bool {
	if !startsWithCapital(text[i:]) {
		return false
	}
	spaced := false
	for j := i; j > 0; {
		p, size := rune(text[j-1]), 1
		if p >= utf8.RuneSelf {
			p, size = utf8.DecodeLastRuneInString(text[:j])
		}
		j -= size
		switch {
		case p == ' ' || p == '\t' || p == '"' || p == '“' || p == '”' || p == '\'' || p == '‘' || p == '’' || p == '(' || p == '[':
			spaced = spaced || p == ' ' || p == '\t'
		case p == '.' || p == '!' || p == '?' || p == ':' || p == ';' || p == '\n' || p == '|' || p == '•':
			return false
		case p == '-' || p == '–' || p == '—':
			return !spaced
		default:
			return true
		}
	}
	return false
}
