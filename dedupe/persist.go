package dedupe

import (
	"encoding/binary"

	"github.com/warta-news/warta/article"
)

// sketchFormat is the first byte of an encoded sketch (article.Sketch).
// Bump it whenever what the index keeps of an article changes (Clean,
// makeSketch, makeEventSig, their constants, or the actors an
// ActorSource such as package actor recognises): stored sketches of
// another format are not used, and the index is rebuilt from text instead.
// TestSketchFormatPinned fails when the sketch of a known article changes.
// Format 6: the same bytes as 5, but a correction stores its new text's
// sketch; stores of format 5 may hold a corrected article's first version.
// Format 7: a title of fewer than two content words is a label (no event
// terms, and no copy sketch without a text); format 6 sketched it as a
// headline. Format 8: a number that counts a unit of time is one term
// with its unit ("#3 year"); format 7 held the bare number. Format 9: a
// teaser question after a statement ("…, Bahas Apa?") is the statement's
// signature (teaserHead); format 8 held the whole headline as a question,
// its own story.
const sketchFormat = 9

// The flags byte of an encoded sketch: eventSig.own, eventSig.again, then
// from sketchListShift the signature's listCounts.
const (
	sketchOwn       = 1
	sketchAgain     = 2
	sketchListShift = 2
)

// encodedLen is the size of an encoded sketch with no event terms; each
// term adds 4 bytes.
const encodedLen = 1 + 8 + 12 + 1 + 2*leadNums + 4*leadNames + 1 + 1 + 1 + 1 + 2 + evKeys

// encodeIndexed is encodeSketch with how the index indexed the signature
// at slot (nothing when it could not index it: maxSlots).
func (ix *Index) encodeIndexed(slot uint32, s *sketch, sig *eventSig) []byte {
	if slot == maxSlots {
		return encodeSketch(s, sig, nil)
	}
	e := ix.at(slot)
	return encodeSketch(s, sig, &evIndexed{total: e.evTotal, keyIdx: e.evKeyIdx})
}

// encodeSketch packs what Add needs of an article: the stored part of its
// sketch, its event signature and, when known, how the index that decided
// it indexed the signature (at most encodedLen + 4×maxTerms bytes).
func encodeSketch(s *sketch, sig *eventSig, ev *evIndexed) []byte {
	b := make([]byte, 0, encodedLen+4*len(sig.terms))
	b = append(b, sketchFormat)
	b = binary.LittleEndian.AppendUint64(b, s.keys)
	b = binary.LittleEndian.AppendUint64(b, s.vs[0])
	b = binary.LittleEndian.AppendUint32(b, uint32(s.vs[1]))
	b = append(b, byte(min(s.n, maxVerifySize)))
	for _, v := range s.nums {
		b = binary.LittleEndian.AppendUint16(b, v)
	}
	for _, v := range s.names {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	b = append(b, s.slotNums)
	if ev == nil {
		b = append(b, 0, 0, 0)
		b = append(b, make([]byte, evKeys)...)
	} else {
		b = append(b, 1, ev.total[0], ev.total[1])
		b = append(b, ev.keyIdx[:]...)
	}
	flags := byte(packList(sig)) << sketchListShift
	if sig.own {
		flags |= sketchOwn
	}
	if sig.again {
		flags |= sketchAgain
	}
	b = append(b, flags, byte(len(sig.terms)))
	for _, t := range sig.terms {
		var h [3]byte
		put24(&h, t.h)
		b = append(b, h[0], h[1], h[2], t.role)
	}
	return b
}

// decodeSketch unpacks encodeSketch's bytes; ok is false for another
// format or damaged bytes.
func decodeSketch(b []byte) (s sketch, sig eventSig, ok bool) {
	if len(b) < encodedLen || b[0] != sketchFormat {
		return sketch{}, eventSig{}, false
	}
	p := 1
	s.keys = binary.LittleEndian.Uint64(b[p:])
	s.vs[0] = binary.LittleEndian.Uint64(b[p+8:])
	s.vs[1] = uint64(binary.LittleEndian.Uint32(b[p+16:]))
	s.n = int(b[p+20])
	p += 21
	for i := range s.nums {
		s.nums[i] = binary.LittleEndian.Uint16(b[p:])
		p += 2
	}
	for i := range s.names {
		s.names[i] = binary.LittleEndian.Uint32(b[p:])
		p += 4
	}
	s.slotNums = b[p]
	indexed := b[p+1]
	if indexed == 1 {
		sig.indexed = &evIndexed{total: [2]byte{b[p+2], b[p+3]}, keyIdx: [evKeys]byte(b[p+4:])}
	}
	p += 4 + evKeys
	flags, n := b[p], int(b[p+1])
	p += 2
	list := listCounts(flags >> sketchListShift)
	// What the index would read out of range, or as the end of the terms,
	// is damage: a size past what encodeSketch writes, a key naming no
	// term, a term with a zero hash or a role no term has.
	if s.n > maxVerifySize || indexed > 1 || n > maxTerms || len(b) != p+4*n || list.members()+list.optional() > n {
		return sketch{}, eventSig{}, false
	}
	if sig.indexed != nil {
		for _, k := range sig.indexed.keyIdx {
			if k != noKey && int(k) >= n {
				return sketch{}, eventSig{}, false
			}
		}
	}
	sig.own, sig.again = flags&sketchOwn != 0, flags&sketchAgain != 0
	sig.members, sig.optional = list.members(), list.optional()
	if n > 0 {
		sig.terms = make([]evTerm, n)
		for i := range sig.terms {
			sig.terms[i] = evTerm{h: get24([3]byte(b[p:])), role: b[p+3]}
			if sig.terms[i].h == 0 || sig.terms[i].role >= roles {
				return sketch{}, eventSig{}, false
			}
			p += 4
		}
	}
	return s, sig, true
}

// SketchUsable reports whether AddSketched can use the stored sketch b: of
// this build's format and undamaged.
func SketchUsable(b []byte) bool {
	_, _, ok := decodeSketch(b)
	return ok
}

// AddSketched is Add from a stored sketch (a.Sketch, as Assign set it)
// instead of the text: a.ID, a.StoryID, a.FirstSeen, a.Published and
// a.Sketch must be set. It adds nothing and returns false when a.Sketch
// is missing or of another format; rebuild from text then.
func (ix *Index) AddSketched(a *article.Article) bool {
	s, sig, ok := decodeSketch(a.Sketch)
	if !ok {
		return false
	}
	ix.add(a, s, sig)
	return true
}
