package actor

import (
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/asciicase"
)

// AppendNamedLower reads its words from lower at text's offsets, so a
// lower-casing that is not asciicase.Lower's (strings.ToLower changes the
// length of "K", the Kelvin sign, and of "İ") must not shift them: the
// mentions are AppendNamed's, never a panic or another text's words.
func TestAppendNamedLowerOfAnotherLowering(t *testing.T) {
	r := newRecognizer(t)
	for _, text := range []string{
		"\u212A Japan and China sign a treaty",
		"\u0130stanbul talks: Russia and Ukraine trade prisoners",
		"Indonesia dan Malaysia sepakati batas laut",
	} {
		want := describe(text, r.AppendNamed(nil, text, "en"))
		for _, lower := range []string{strings.ToLower(text), asciicase.Lower(text)} {
			if got := describe(text, r.AppendNamedLower(nil, text, lower, "en")); got != want {
				t.Errorf("%q lowered as %q: %s, want %s", text, lower, got, want)
			}
		}
	}
}
