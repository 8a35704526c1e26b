package normalize

import (
	"strings"
)

// Bidi formatting characters (Unicode UAX #9): embeddings and overrides
// end at PDF, isolates at PDI.
const (
	lre, rle, pdf, lro, rlo = '\u202A', '\u202B', '\u202C', '\u202D', '\u202E'
	lri, rli, fsi, pdi      = '\u2066', '\u2067', '\u2068', '\u2069'
)

// bidiControls are the characters balanceBidi pairs.
const bidiControls = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069"

// balanceBidi returns s without its unpaired bidi embeddings, overrides
// and isolates, paired as UAX #9 pairs them: a PDF closes the innermost
// embedding or override within the current isolate, a PDI the innermost
// isolate and whatever opened inside it. A title or name then cannot
// reorder the text that follows it (a feed's unclosed RIGHT-TO-LEFT
// OVERRIDE would reverse the source name shown after its headline), while
// paired controls, which right-to-left text uses, stay.
func balanceBidi(s string) string {
	if !strings.ContainsAny(s, bidiControls) {
		return s
	}
	type opener struct {
		at      int
		isolate bool
	}
	var open []opener
	drop := map[int]bool{}
	for i, r := range s {
		switch r {
		case lre, rle, lro, rlo:
			open = append(open, opener{i, false})
		case lri, rli, fsi:
			open = append(open, opener{i, true})
		case pdf:
			if n := len(open); n > 0 && !open[n-1].isolate {
				open = open[:n-1]
			} else {
				drop[i] = true
			}
		case pdi:
			j := len(open) - 1
			for j >= 0 && !open[j].isolate {
				j--
			}
			if j < 0 {
				drop[i] = true
				continue
			}
			for _, o := range open[j+1:] {
				drop[o.at] = true
			}
			open = open[:j]
		}
	}
	for _, o := range open {
		drop[o.at] = true
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		if !drop[i] {
			b.WriteRune(r)
		}
	}
	return b.String()
}
