package dedupe

import (
	"slices"
	"strings"
	"sync"
)

//go:generate go test -run ^TestStoryAssociationsGenerated$ -args -update-assoc

// assocWeight is the share of a shared term's weight that two associated
// terms, one in each headline, count for: outlets word one event in
// their own words, but two associated words are weaker evidence than one
// word in common.
const assocWeight = 1.0

// storyAssociations maps a term's hash to the hashes of the terms learned
// to stand for it in another outlet's headline of the same event
// (generatedAssociations, from our own unlabelled multi-outlet days).
var storyAssociations = sync.OnceValue(func() map[uint32][]uint32 {
	m := map[uint32][]uint32{}
	for _, line := range strings.Split(generatedAssociations, "\n") {
		a, b, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		ha, hb := termHash(a), termHash(b)
		m[ha] = append(m[ha], hb)
		m[hb] = append(m[hb], ha)
	}
	return m
})

// assocTerm is a term of a signature with associations: its index and
// the hashes of its associated terms.
type assocTerm struct {
	i        int
	partners []uint32
}

// associate sets the signature's associated terms, and the filter of
// their partners' hashes (a bit each, as termMask).
func (sig *eventSig) associate() {
	table := storyAssociations()
	for i, t := range sig.terms {
		if p, ok := table[t.h]; ok {
			sig.assoc = append(sig.assoc, assocTerm{i: i, partners: p})
			for _, h := range p {
				sig.assocMask |= 1 << (h & 63)
			}
		}
	}
}

// assocShared is the evidence of associated terms two signatures do not
// share (m): each incoming term met by an associated stored term counts
// assocWeight of the lesser of the two weights, each stored term once.
func (ix *Index) assocShared(sig *eventSig, m *termMatch, st *storedSig, w []float64, e *eventFields) float64 {
	var used [maxTerms]bool
	added := 0.0
	minute, docs := uint32(0), -1
	for _, a := range sig.assoc {
		if m.in[a.i] >= 0 {
			continue
		}
		for j, h := range st.h[:st.n] {
			if m.storedMet[j] || used[j] || sig.assocMask&(1<<(h&63)) == 0 || !slices.Contains(a.partners, h) {
				continue
			}
			if docs < 0 {
				minute = get24(e.evMinute)
				docs = ix.docsAround(minute)
			}
			added += assocWeight * min(w[a.i], ix.weight(h, minute, docs))
			used[j] = true
			break
		}
	}
	return added
}
