package dedupe

import (
	"math"
	"math/bits"
	"slices"
	"unicode"
	"unicode/utf8"
)

const (
	// keyShingles is how many leading shingles (title first, then the start
	// of the body) feed the lookup keys. Copies share their beginning even
	// when one is cut short, so keys over the lead survive truncation,
	// appended lines and a full text set against a summary.
	keyShingles = 24
	// verifyShingles is how many leading shingles feed the verification
	// sketch and the facts (numbers, names).
	verifyShingles = 48
	// factTokensWide widens the region whose facts an incoming article
	// offers, so a sentence moved across the lead's edge still counts.
	factTokensWide = 2 * verifyShingles
	// wideShingles is the region of an incoming article searched for a
	// stored article's lead.
	wideShingles = 2 * verifyShingles
	regions      = 4 // regions of an incoming article tried against a lead
	keyLanes     = 3 // MinHash lanes in the fingerprint, keyBits each
	keyBits      = 21
	bitLanes     = 48 // 2-bit MinHash lanes in the verification sketch
	minShared    = 3  // word pairs two texts must share to be one story
	tinyText     = 8  // fewer word pairs than this only match a similar length
	// shortText: fewer word pairs than this (a headline alone) need
	// shortTextThreshold to be one story by the sketch.
	shortText          = 16
	shortTextThreshold = 0.85
	// leadNums is how many of the numbers in an article's lead the index
	// keeps; wideNums how many an incoming article offers from its wider
	// region.
	leadNums = 4
	wideNums = 32
	// leadNames is how many of the names in an article's lead the index
	// keeps; wideNames how many an incoming article offers from its wider
	// region.
	leadNames = 8
	wideNames = 32
)

// Numbers are kept as 16-bit fingerprints of their tokens ("15.500", "2-1",
// "Rp15.339"), in reading order, each once, zero marking an unused place.
// Comparing the numbers themselves keeps template reports with different
// figures apart, where a 32-bit Bloom mask let them collide (issue 10,
// defect 7); two different numbers agree by chance once in 32,768.

// numFP is a number token's fingerprint, never zero.
func numFP(h uint64) uint16 { return uint16(h>>48) | 1 }

// addNum adds fp to the set in s unless it is there or s is full, and
// returns where it added it (-1 when it did not).
func addNum(s []uint16, fp uint16) int {
	for i, v := range s {
		if v == fp {
			return -1
		}
		if v == 0 {
			s[i] = fp
			return i
		}
	}
	return -1
}

// numsWithin reports whether every number of small is in large.
func numsWithin(small, large []uint16) bool {
	for _, v := range small {
		if v == 0 {
			return true
		}
		if !slices.Contains(large, v) {
			return false
		}
	}
	return true
}

// sketch is what the index keeps of an article's text.
type sketch struct {
	keys uint64           // keyLanes × keyBits MinHash: title, then the lead
	vs   vsketch          // bitLanes × 2-bit MinHash over the verify shingles
	n    int              // distinct verify shingles (≤ verifyShingles)
	nums [leadNums]uint16 // the first numbers of the verify region
	// slotNums marks (bit i) the numbers of nums in the title or the
	// body's first sentence.
	slotNums uint8
	names    [leadNames]uint32 // the first names (capitalised words) of the verify region
	// The wider region, only needed for the incoming article: the stored
	// lead may reappear further down a copy (a sentence moved or added).
	// vsAt[k] covers the first nAt[k] shingles: regions of 48, 64, 80 and
	// 96 shingles (fewer when the text is shorter).
	vsAt      [regions]vsketch
	nAt       [regions]int
	numsWide  [wideNums]uint16
	namesWide [wideNames]uint32
}

// token is one word of the cleaned text.
type token struct {
	h    uint64
	name bool // capitalised, no digits, not in an all-caps segment
	slot bool // in the title or the body's first sentence
	num  bool // contains a digit
	seg  int  // 0 title, 1 body: shingles never straddle the two
}

// Fingerprint returns the 64-bit fingerprint of an article's cleaned title
// and text: three 21-bit MinHash values (one over the title, two over the
// opening shingles), which are also the index's lookup keys.
func Fingerprint(title, text string) uint64 {
	t, x := Clean(title, text)
	return makeSketch(t, x).keys
}

// makeSketch computes the sketch of already cleaned title and text.
func makeSketch(title, text string) sketch {
	var buf [wideShingles + 2]token
	toks := tokenize(buf[:0], title, 0)
	toks = tokenize(toks, text, 1)

	// Word pairs in reading order, each once; a one-word segment is its own
	// shingle.
	var sh [wideShingles]uint64
	var shSeg [wideShingles]int
	n := 0
	push := func(h uint64, seg int) {
		for _, o := range sh[:n] {
			if o == h {
				return
			}
		}
		sh[n], shSeg[n] = h, seg
		n++
	}
	for i, tk := range toks {
		if n == wideShingles {
			break
		}
		if i+1 < len(toks) && toks[i+1].seg == tk.seg {
			push(mix(tk.h*0x9e3779b97f4a7c15+toks[i+1].h), tk.seg)
		} else if i == 0 || toks[i-1].seg != tk.seg {
			push(mix(tk.h), tk.seg)
		}
	}
	var s sketch
	if n == 0 {
		return s
	}
	s.n = min(n, verifyShingles)
	s.vsAt, s.nAt = bitSketches(sh[:n])
	s.vs = s.vsAt[0]

	// Lane 0 keys on the title alone, so a title-only or cut-short copy
	// still meets the full article; lanes 1-3 key on the opening.
	titleEnd := 0
	for titleEnd < n && shSeg[titleEnd] == 0 {
		titleEnd++
	}
	leadSh := sh[:min(n, keyShingles)]
	titleSh := sh[:titleEnd]
	if titleEnd == 0 {
		titleSh = leadSh
	}
	s.keys = uint64(minLane(titleSh, seed(0)))
	for i := 1; i < keyLanes; i++ {
		s.keys |= uint64(minLane(leadSh, seed(i))) << (keyBits * i)
	}

	for i, tk := range toks {
		wide := i < factTokensWide
		lead := i <= verifyShingles
		switch {
		case tk.num:
			if lead {
				if i := addNum(s.nums[:], numFP(tk.h)); i >= 0 && tk.slot {
					s.slotNums |= 1 << i
				}
			}
			if wide {
				addNum(s.numsWide[:], numFP(tk.h))
			}
		case tk.name:
			fp := nameFP(tk.h, tk.slot)
			if lead {
				addName(s.names[:], fp)
			}
			if wide {
				addName(s.namesWide[:], fp)
			}
		}
	}
	return s
}

// minLane is one MinHash value, cut to its low keyBits bits (the high bits
// of a minimum are mostly zero).
func minLane(sh []uint64, sd uint64) uint32 {
	m := ^uint64(0)
	for _, h := range sh {
		m = min(m, mix(h^sd))
	}
	return uint32(m) & (1<<keyBits - 1)
}

// vsketch is a b-bit MinHash sketch: bitLanes values of two bits each.
type vsketch [(bitLanes + 31) / 32]uint64

// bitSketches computes the verification sketch of each region: the first
// verifyShingles shingles, then growing by a third of that up to
// wideShingles. One pass keeps running minima and snapshots them.
func bitSketches(sh []uint64) (v [regions]vsketch, n [regions]int) {
	var ends [regions]int
	for k := range ends {
		ends[k] = regionEnd(k, len(sh))
	}
	for i := range bitLanes {
		m := ^uint64(0)
		sd := seed(keyLanes + i)
		k := 0
		for j, h := range sh {
			m = min(m, mix(h^sd))
			for k < regions && j+1 == ends[k] {
				v[k][i/32] |= (m & 3) << (2 * (i % 32))
				n[k] = j + 1
				k++
			}
		}
	}
	return v, n
}

// regionEnd is where region k ends for a text of n shingles.
func regionEnd(k, n int) int {
	return min(n, verifyShingles+k*(wideShingles-verifyShingles)/(regions-1))
}

// tokenize appends the words of s, lower-cased and hashed, up to the buffer's
// capacity. Digit groups joined by . , - : / stay one token ("15.500", "2-1").
func tokenize(dst []token, s string, seg int) []token {
	// In a shouted or Title Case segment capitals say nothing about which
	// words are names: "Indonesia dan Jepang Teken Perjanjian" is the same
	// headline as "Indonesia dan Jepang teken perjanjian".
	noNames := isAllCaps(s) || isTitleCase(s)
	// The title and the body's first sentence are where a template's slot
	// (the city, the opponent, the regency) sits.
	first := true
	i := 0
	for i < len(s) && len(dst) < cap(dst) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			if seg > 0 && (r == '.' || r == '!' || r == '?') {
				first = false
			}
			i += w
			continue
		}
		h := uint64(fnvOffset)
		digit, upper := false, unicode.IsUpper(r)
		for i < len(s) {
			r, w = utf8.DecodeRuneInString(s[i:])
			if isWordRune(r) {
				if unicode.IsDigit(r) {
					digit = true
				}
				h = fnv(h, unicode.ToLower(r))
				i += w
				continue
			}
			// Keep "15.500", "2-1", "0,48" and "Rp15.339" whole.
			if (r == '.' || r == ',' || r == '-' || r == ':' || r == '/') && digit && i+w < len(s) {
				n, _ := utf8.DecodeRuneInString(s[i+w:])
				if unicode.IsDigit(n) {
					h = fnv(h, r)
					i += w
					continue
				}
			}
			break
		}
		dst = append(dst, token{
			h:    mix(h),
			num:  digit,
			name: !digit && upper && !noNames,
			slot: first,
			seg:  seg,
		})
	}
	return dst
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isAllCaps reports whether s has letters and none lower-case: shouted
// headlines say nothing about which words are names.
func isAllCaps(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

// isTitleCase reports whether most words of s (at least three of four,
// over four words or more) start with a capital, as headlines in Title
// Case do; running text and sentence-case headlines capitalise only names
// and the first word.
func isTitleCase(s string) bool {
	words, capital := 0, 0
	inWord := false
	for _, r := range s {
		if !unicode.IsLetter(r) {
			inWord = false
			continue
		}
		if !inWord {
			words++
			if unicode.IsUpper(r) {
				capital++
			}
			inWord = true
		}
	}
	return words >= 4 && 4*capital >= 3*words
}

// FNV-1a's offset basis and prime.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnv adds rune r's bytes (low first) to the FNV-1a hash h.
func fnv(h uint64, r rune) uint64 {
	for r != 0 {
		h ^= uint64(r & 0xff)
		h *= fnvPrime
		r >>= 8
	}
	return h
}

// fnvString is the FNV-1a hash of s's bytes.
func fnvString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// mix is the SplitMix64 finaliser: a fast 64-bit bijection with good
// avalanche, used as a family of hash functions via seeds.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// seed picks MinHash function i; fixed so fingerprints are stable across
// runs and releases.
func seed(i int) uint64 {
	return mix(0x5741525441 + uint64(i+1)*0x9e3779b97f4a7c15) // "WARTA"
}

// laneMask marks the low bit of every 2-bit lane in use in word w of a
// vsketch.
func laneMask(w int) uint64 {
	lanes := min(32, bitLanes-32*w)
	if lanes == 32 {
		return 0x5555555555555555
	}
	return 0x5555555555555555 & (1<<(2*lanes) - 1)
}

// similarity estimates how much of the smaller opening the other contains:
// the stored article's lead against the incoming one's lead, and against
// its longer regions, where the lead turns up when a copy moved a sentence
// or added one.
func similarity(stored, in *sketch) float64 {
	c := containment(stored.vs, in.vs, stored.n, in.n)
	for k := 1; k < regions && in.nAt[k] > in.nAt[k-1]; k++ {
		c = max(c, containment(stored.vs, in.vsAt[k], stored.n, in.nAt[k]))
	}
	return c
}

// containment estimates |A∩B|/min(|A|,|B|) from 2-bit MinHash sketches and
// the set sizes. It is deliberately cautious: it starts from a lower
// confidence bound on the Jaccard estimate, because with 64 lanes chance
// alone makes unrelated openings look 15-20% alike now and then, and it
// demands at least minShared shared word pairs (or all of a shorter text),
// so two headlines sharing "Tepi Barat" are not one story.
func containment(a, b vsketch, na, nb int) float64 {
	if na == 0 || nb == 0 {
		return 0
	}
	if a == b && na == nb {
		return 1
	}
	m := 0
	for i := range a {
		// A 2-bit lane matches when both of its bits agree.
		x := ^(a[i] ^ b[i])
		m += bits.OnesCount64(x & (x >> 1) & laneMask(i))
	}
	p := float64(m) / bitLanes
	p -= math.Sqrt(p * (1 - p) / bitLanes)
	// Random 2-bit lanes agree one time in four.
	j := max(0, min(1, (p-0.25)/0.75))
	fa, fb := float64(na), float64(nb)
	small := min(fa, fb)
	if small < tinyText && max(fa, fb) > 2*small {
		// A few words against a long text: a sketch cannot tell two
		// shared word pairs from chance.
		return 0
	}
	c := min(1, j*(fa+fb)/((1+j)*small))
	if c*small < min(minShared, small)-0.5 {
		return 0
	}
	return c
}

// factsAgree reports whether the numbers and names of the two articles are
// compatible: those of one (the stored, over its lead) all appear in the
// other's wider region, or the other way round, allowing a stray name deep
// in a long lead for light edits. Names include sentence-initial words: the
// subject of a match report is its first word, and true copies share their
// sentences, so this costs copies nothing. Different numbers or names make
// a different story even when the template text is the same.
func factsAgree(stored *sketch, in *sketch) bool {
	if numsWithin(stored.nums[:], in.numsWide[:]) && namesWithin(stored.names[:], in.namesWide[:]) {
		return true
	}
	return numsWithin(in.nums[:], stored.nums[:]) && namesWithin(in.names[:], stored.names[:])
}

// slotsDiffer reports whether each of the two articles has a number or a
// name in its title or first sentence that the other lacks: one template
// filled in twice (another city, another opponent, another time), where a
// copy that dropped or added a sentence, or put "Update:" before its
// headline, lacks facts on one side only.
func slotsDiffer(a, b *sketch) bool {
	return slotFactMissing(a, b) && slotFactMissing(b, a)
}

// slotFactMissing reports whether a number or name of a's title or first
// sentence is in neither of b's regions.
func slotFactMissing(a, b *sketch) bool {
	for i, v := range a.nums {
		if v != 0 && a.slotNums&(1<<i) != 0 && !slices.Contains(b.nums[:], v) && !slices.Contains(b.numsWide[:], v) {
			return true
		}
	}
	for _, v := range a.names {
		if v&slotName != 0 && !hasName(b.names[:], v) && !hasName(b.namesWide[:], v) {
			return true
		}
	}
	return false
}

// hasName reports whether the name of fingerprint v is in the set s.
func hasName(s []uint32, v uint32) bool {
	return slices.ContainsFunc(s, func(o uint32) bool { return o != 0 && o&^slotName == v&^slotName })
}

// Names are kept as 32-bit fingerprints in reading order, each once, zero
// marking an unused place: the low bit says the name sits in the title or
// the first sentence, the other 31 bits identify it. Where a 32-bit Bloom
// mask let one name in 32 pass for another (review 14), two different
// names agree by chance once in two billion.
const slotName = 1

// nameFP is a name token's fingerprint, never zero.
func nameFP(h uint64, slot bool) uint32 {
	fp := uint32(h>>32) &^ slotName
	if fp == 0 {
		fp = 2
	}
	if slot {
		fp |= slotName
	}
	return fp
}

// addName adds fp to the set in s unless its name is there or s is full.
func addName(s []uint32, fp uint32) {
	for i, v := range s {
		if v&^slotName == fp&^slotName {
			return
		}
		if v == 0 {
			s[i] = fp
			return
		}
	}
}

// namesWithin reports whether the names of small are in large. A name of
// the title or the first sentence must be: there a template report puts
// what tells it from the next one (the city of a weather report, a match's
// opponent, a quake's regency). Further down, one stray name per eight
// tolerates a light edit in a long lead; a short lead must agree exactly.
func namesWithin(small, large []uint32) bool {
	count, stray := 0, 0
	for _, v := range small {
		if v == 0 {
			break
		}
		count++
		if hasName(large, v) {
			continue
		}
		if v&slotName != 0 {
			return false
		}
		stray++
	}
	return stray <= count/8
}
