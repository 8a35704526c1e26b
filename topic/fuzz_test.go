package topic

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// FuzzParseTerm checks the term grammar on its own: parseTerm never
// panics, what it accepts has words and a finite non-zero weight, and
// writing the term back as text^weight reads the same (so Describe's and
// explain's rendering of a term means what the file said).
func FuzzParseTerm(f *testing.F) {
	for _, s := range []string{
		"sanksi", "menteri luar negeri^3", "=perusahaan", "bank^-1", "kerja sama^1.5",
		"a^b^2", "^2", "x^", "x^0", "x^NaN", "x^1e309", " spasi ^ 2 ", "négociation^1e3", "=^1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		text, weight, err := parseTerm(raw)
		if err != nil {
			return
		}
		if text != strings.TrimSpace(text) || !hasWords(text) {
			t.Fatalf("parseTerm(%q) = text %q", raw, text)
		}
		if weight == 0 || math.IsNaN(weight) || math.IsInf(weight, 0) {
			t.Fatalf("parseTerm(%q) = weight %v", raw, weight)
		}
		back := text + "^" + strconv.FormatFloat(weight, 'g', -1, 64)
		text2, weight2, err := parseTerm(back)
		if err != nil || text2 != text || weight2 != weight {
			t.Fatalf("parseTerm(%q) = %q, %v; written back as %q it reads %q, %v, %v", raw, text, weight, back, text2, weight2, err)
		}
	})
}
