// Package wordbits is a bit filter of words: a word whose bit is clear is
// not in the set, one whose bit is set may be. The tagger's term index and
// the actor recogniser test it before their maps: most words of a text are
// in neither, and one bit test rules out most of them for less than a map
// look-up costs.
package wordbits

// Set has the bit of every word added; its zero value is empty.
type Set [1 << bitsLog / 64]uint64

// bitsLog sizes Set: 64K bits (8 KiB, in the L1 cache) for vocabularies
// of some thousand words.
const bitsLog = 16

// bit hashes w by its length and its first, middle and last bytes.
func bit(w string) uint32 {
	n := len(w)
	if n == 0 {
		return 0
	}
	x := uint32(n) | uint32(w[0])<<8 | uint32(w[n/2])<<16 | uint32(w[n-1])<<24
	return (x * 0x9E3779B1) >> (32 - bitsLog)
}

// Add puts w in s.
func (s *Set) Add(w string) {
	h := bit(w)
	s[h/64] |= 1 << (h % 64)
}

// MayHave reports whether w may be in s: false when it surely is not.
func (s *Set) MayHave(w string) bool {
	h := bit(w)
	return s[h/64]&(1<<(h%64)) != 0
}
