package dateline

import (
	"strings"
	"testing"
	"unicode"
)

func TestEnd(t *testing.T) {
	for _, c := range []struct{ text, rest string }{
		{"JAKARTA (ANTARA) - Menteri luar negeri bertemu.", "Menteri luar negeri bertemu."},
		{"LONDON, Nov 2 (Reuters) - The minister met.", "The minister met."},
		{"WASHINGTON (AP) — The minister met.", "The minister met."},
		{"  AMMAN/RIYADH/BEIRUT, Dec 18 (Reuters) - Officials met.", "Officials met."},
		{"SURABAYA, Indonesia, Nov 20 (Reuters) - Text.", "Text."},
		// No dateline: a sentence, a name in capitals with no agency, an
		// empty text.
		{"The minister met his counterpart.", "The minister met his counterpart."},
		{"NATO will meet - ministers said.", "NATO will meet - ministers said."},
		{"  Lowercase (AP) - text", "  Lowercase (AP) - text"},
		{"", ""},
	} {
		if got := c.text[End(c.text):]; got != c.rest {
			t.Errorf("%q: rest %q, want %q", c.text, got, c.rest)
		}
	}
}

// FuzzEndAsThePattern holds End's opening test (mayOpen) to the regexp
// alone: the shortcut must never change what is cut.
func FuzzEndAsThePattern(f *testing.F) {
	for _, s := range []string{"JAKARTA (ANTARA) - x", "L. A. (AP) — x", "A-B (X) - y", "É, (AB) - z", "ab (AP) - x", "K'S (AP) - x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := 0
		if m := pattern.FindStringIndex(s); m != nil {
			want = m[1]
		}
		if strings.TrimLeftFunc(s, unicode.IsSpace) != s {
			return // End also skips leading white space; the pattern does not
		}
		if got := End(s); got != want {
			t.Errorf("%q: End %d, the pattern %d", s, got, want)
		}
	})
}
