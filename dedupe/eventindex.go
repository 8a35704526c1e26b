package dedupe

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// EventMethod names the event-signature judgement in article.StoryMatch;
// the Method of such a join reads "event: shared …; …", the evidence.
const EventMethod = "event"

const (
	// DefaultEventThreshold is the weighted share of two signatures'
	// terms at which two articles report one event, chosen with
	// minSharedWeight and defaultAvgShare by the rule that
	// TestHeadlineLeaveOneDayOut checks on the headline dev days.
	DefaultEventThreshold = 0.6
	// minSharedWeight is the rarity-weighted evidence two headlines must
	// share however alike they are in proportion: one rare term of a
	// day's news (ln(200)² ≈ 28) or two uncommon ones.
	minSharedWeight = 15.0
	// evMaxGap is how far apart in publication time two pieces of one event
	// may be; evFullGap is the gap below which time costs nothing, beyond
	// it the threshold rises towards evMaxGap.
	evMaxGap  = 36 * 60
	evFullGap = 12 * 60
	// evAgainGap: a headline saying "again" ("Israel Kembali Serang …")
	// reports a new occurrence, not one more than this older.
	evAgainGap = 6 * 60
	// evNumberGap: beyond it, a number only one of two pieces gives
	// marks a new development.
	evNumberGap = 6 * 60
	// priorDocs damps the rarity weights of a young window: a term seen
	// once among ten articles is not yet known to be rare.
	priorDocs = 50
	// defaultAvgShare: a story's articles must match a newcomer on average
	// at this share of the event threshold.
	defaultAvgShare = 0.7
	// evWalk bounds the entries read per term chain.
	evWalk = 32
)

// eventFields are the entry's event signature: 24-bit term hashes, their
// roles, which terms index it and the chain links, the publication minute.
type eventFields struct {
	evTerms  [maxTerms][3]byte
	evRoles  [4]byte // roleBits per term
	evKeyIdx [evKeys]byte
	evNext   [evKeys][3]byte
	evMinute [3]byte
	evFlags  byte
	evTotal  [2]byte // the terms' summed weight when indexed, ×totalScale
}

// totalScale is the fixed point of evTotal: ten terms' squared rarities
// sum to under 4096 even over millions of articles (ln(3e6)² ≈ 222 each).
const totalScale = 16

func (e *eventFields) total() float64 {
	return float64(binary.LittleEndian.Uint16(e.evTotal[:])) / totalScale
}

// evOwn marks an article that is its own story whatever it shares: a
// roundup, a live update, an explainer or a question.
const evOwn = 1

const noKey = 0xff

func (e *eventFields) term(i int) uint32 { return get24(e.evTerms[i]) }
func (e *eventFields) role(i int) uint8 {
	return uint8(binary.LittleEndian.Uint32(e.evRoles[:]) >> (roleBits * i) & (1<<roleBits - 1))
}

func (e *eventFields) setRole(i int, role uint8) {
	r := binary.LittleEndian.Uint32(e.evRoles[:]) | uint32(role)<<(roleBits*i)
	binary.LittleEndian.PutUint32(e.evRoles[:], r)
}

func (e *eventFields) nTerms() int {
	n := 0
	for n < maxTerms && e.term(n) != 0 {
		n++
	}
	return n
}

// eventMinute is the minute an article's event happened as far as warta
// can tell: its publication time, unless that is missing or later than
// when it was first seen.
func eventMinute(published, firstSeen time.Time) uint32 {
	if published.IsZero() || published.After(firstSeen) {
		return minuteOf(firstSeen)
	}
	return minuteOf(published)
}

// The rarity of a term is counted over the articles published within
// evMaxGap of the article at hand, in buckets of evBucket minutes: what
// was news on those days, whatever else the index holds (a backlog of
// older days, or a restart that reloads the window).
const (
	evBucket  = 12 * 60
	evBuckets = evMaxGap / evBucket // on each side
)

func dfKey(h, bucket uint32) uint64 { return uint64(h)<<32 | uint64(bucket) }

// weight is a term's rarity over the articles published around minute:
// the square of its inverse document frequency, so that one shared rare
// term ("Jabalia", "Selena Gomez") outweighs several terms every
// headline of the topic carries, and two headlines that differ in their
// rare terms fall apart.
// docs is docsAround(minute), the same for every term of one signature.
func (ix *Index) weight(h, minute uint32, docs int) float64 {
	df := int32(0)
	b := minute / evBucket
	for k := b - min(b, evBuckets); k <= b+evBuckets; k++ {
		df += ix.df[dfKey(h, k)]
	}
	idf := math.Log(float64(docs+priorDocs) / float64(df+1))
	return idf * idf
}

// docsAround counts the articles published in the buckets around minute
// that weight reads.
func (ix *Index) docsAround(minute uint32) int {
	docs := 0
	b := minute / evBucket
	for k := b - min(b, evBuckets); k <= b+evBuckets; k++ {
		docs += ix.evDocs[k]
	}
	return docs
}

// evInsert stores sig in e and indexes it under its rarest terms.
func (ix *Index) evInsert(slot uint32, e *entry, sig *eventSig, minute uint32) {
	put24(&e.evMinute, minute)
	if sig.own {
		e.evFlags |= evOwn
	}
	for k := range e.evKeyIdx {
		e.evKeyIdx[k] = noKey
	}
	if len(sig.terms) == 0 {
		return
	}
	var orderBuf [maxTerms]int
	order := orderBuf[:len(sig.terms)]
	total := 0.0
	docs := ix.docsAround(minute)
	for i, t := range sig.terms {
		put24(&e.evTerms[i], t.h)
		e.setRole(i, t.role)
		order[i] = i
		total += ix.weight(t.h, minute, docs)
	}
	binary.LittleEndian.PutUint16(e.evTotal[:], uint16(min(total*totalScale, math.MaxUint16)))
	// Rarest first, by the counts before this article.
	b := minute / evBucket
	slices.SortStableFunc(order, func(x, y int) int {
		return int(ix.df[dfKey(sig.terms[x].h, b)]) - int(ix.df[dfKey(sig.terms[y].h, b)])
	})
	for k := range min(evKeys, len(order)) {
		e.evKeyIdx[k] = byte(order[k])
	}
	for _, t := range sig.terms {
		ix.df[dfKey(t.h, b)]++
	}
	ix.evDocs[b]++
	ix.evLink(slot, e)
}

// evLink links e into the chains of its key terms. Two keys in one bucket
// would make a chain loop: only the first is linked.
func (ix *Index) evLink(slot uint32, e *entry) {
	var used [evKeys]uint32
	for k, i := range e.evKeyIdx {
		if i == noKey {
			continue
		}
		b := bucket(e.term(int(i)))
		if slices.Contains(used[:k], b+1) {
			e.evKeyIdx[k] = noKey
			continue
		}
		used[k] = b + 1
		h := &ix.evHeads[b]
		e.evNext[k] = *h
		put24(h, slot+1)
	}
}

// evNextIn is the next entry in the chain of bucket b after e.
func (e *entry) evNextIn(b uint32) uint32 {
	for k, i := range e.evKeyIdx {
		if i != noKey && bucket(e.term(int(i))) == b {
			return get24(e.evNext[k])
		}
	}
	return 0
}

// evMatch is the best event candidate of a lookup.
type evMatch struct {
	slot     uint32
	score    float64
	shared   []string
	gapHours float64
}

// evLookup finds the indexed article whose signature best matches sig:
// the candidates are the articles indexed under any of its terms (each
// chain walked newest first, at most evWalk entries), scored by the
// rarity-weighted share of their terms, subject to the guards.
func (ix *Index) evLookup(sig *eventSig, minute, seen uint32) (evMatch, bool) {
	if len(sig.terms) == 0 || sig.own {
		return evMatch{}, false
	}
	var wbuf [maxTerms]float64
	w := wbuf[:len(sig.terms)]
	total := 0.0
	docs := ix.docsAround(minute)
	for i, t := range sig.terms {
		w[i] = ix.weight(t.h, minute, docs)
		total += w[i]
	}
	// Every term's chain is walked (walking only the rarest terms' chains
	// cost recall on a held-out day); the candidates are then sorted, so
	// the order of the walk does not matter.
	//
	// Tally the candidates by story: a story is joined through its best
	// matching article, provided none of its articles met conflicts with
	// the newcomer and its articles match on average (those not among
	// the candidates count as not matching), so a story grows by what
	// fits it as a whole, not by a chain of near neighbours.
	// Group the candidates by story (stories in slot order, so the
	// result does not depend on the walk): each is keyed story<<32 | slot,
	// one sort of plain integers, a slot met twice one key.
	byStory := ix.evByStory[:0]
	for _, t := range sig.terms {
		b := bucket(t.h)
		p := get24(ix.evHeads[b])
		for n := 0; p != 0 && n < evWalk; n++ {
			e := ix.at(p - 1)
			byStory = append(byStory, uint64(e.storySlot())<<32|uint64(p-1))
			p = e.evNextIn(b)
		}
	}
	slices.Sort(byStory)
	byStory = slices.Compact(byStory)
	ix.evByStory = byStory
	tallies := ix.evTallies[:0]
	mask := termMask(sig)
	for _, c := range byStory {
		story, slot := uint32(c>>32), uint32(c)
		e := ix.at(slot)
		if e.flags()&flagGhost != 0 || e.evFlags&evOwn != 0 || absDiff(e.minute(), seen) > ix.window {
			continue
		}
		gap := absDiff(get24(e.evMinute), minute)
		if gap > evMaxGap || sig.again && gap > evAgainGap {
			continue
		}
		if len(tallies) == 0 || tallies[len(tallies)-1].story != story {
			tallies = append(tallies, storyTally{story: story})
		}
		t := &tallies[len(tallies)-1]
		score, conflict := ix.evScore(sig, mask, w, total, &e.eventFields, gap)
		if conflict {
			t.conflict = true
			continue
		}
		t.sum += score
		// Beyond evFullGap the bar rises linearly to 1.5× at evMaxGap.
		need := ix.evThreshold
		if gap > evFullGap {
			need *= 1 + 0.5*float64(gap-evFullGap)/float64(evMaxGap-evFullGap)
		}
		if score >= need && (!t.found || score > t.best.score || score == t.best.score && slot < t.best.slot) {
			t.best = evMatch{slot: slot, score: score, gapHours: float64(gap) / 60}
			t.found = true
		}
	}
	ix.evTallies = tallies
	best, found := evMatch{}, false
	for _, t := range tallies {
		if !t.found || t.conflict || t.sum < ix.evAvgShare*ix.evThreshold*float64(1+ix.copies[t.story]) {
			continue
		}
		if !found || t.best.score > best.score || t.best.score == best.score && t.best.slot < best.slot {
			best, found = t.best, true
		}
	}
	if found {
		best.shared = sharedWords(sig, &ix.at(best.slot).eventFields)
	}
	return best, found
}

// storyTally is what one lookup found of one story.
type storyTally struct {
	story    uint32  // the story's lead slot
	sum      float64 // scores of its articles among the candidates
	conflict bool    // one of them is kept apart by a guard
	best     evMatch
	found    bool
}

// evScore compares an incoming signature (its term weights w, summing to
// total) with a stored one (its weights as they were when it was indexed):
// the weighted Dice share of their terms, zero when they share too little
// evidence to compare, or a conflict when the guards keep them apart.
func (ix *Index) evScore(sig *eventSig, mask uint64, w []float64, total float64, e *eventFields, gap uint32) (score float64, conflict bool) {
	stored, storedRole, n := e.storedSig()
	m := matchTerms(sig, mask, stored[:n])
	shared := 0.0
	for i := range sig.terms {
		if m.in[i] >= 0 {
			shared += w[i]
		}
	}
	if shared < ix.evMinShared {
		return 0, false
	}
	if evConflictMatched(sig, &m, storedRole[:n], gap) {
		return 0, true
	}
	return 2 * shared / (total + e.total()), false
}

// termMatch is which terms two signatures share: for each incoming term
// the first stored term with its hash (-1 for none), and for each stored
// term whether an incoming one has its hash.
type termMatch struct {
	in        [maxTerms]int8
	storedMet [maxTerms]bool
}

// termMask is a filter of a signature's term hashes, a bit each: a stored
// term whose bit is clear is none of them.
func termMask(sig *eventSig) uint64 {
	var m uint64
	for _, t := range sig.terms {
		m |= 1 << (t.h & 63)
	}
	return m
}

// matchTerms compares every incoming term (their termMask, mask) with
// every stored one once, for both the score and the guards; most stored
// terms are no incoming one, and the mask tells them at one test.
func matchTerms(sig *eventSig, mask uint64, stored []uint32) termMatch {
	var m termMatch
	for i := range sig.terms {
		m.in[i] = -1
	}
	for j, h := range stored {
		if mask&(1<<(h&63)) == 0 {
			continue
		}
		for i, t := range sig.terms {
			if t.h == h {
				m.storedMet[j] = true
				if m.in[i] < 0 {
					m.in[i] = int8(j)
				}
			}
		}
	}
	return m
}

// sharedWords lists the terms of sig that e has, for the evidence.
func sharedWords(sig *eventSig, e *eventFields) []string {
	stored, _, n := e.storedSig()
	var words []string
	for _, t := range sig.terms {
		if slices.Contains(stored[:n], t.h) {
			words = append(words, t.word)
		}
	}
	return words
}

// evConflict reports whether the guards keep two signatures apart: each
// names a speaker and neither's appears anywhere in the other (so "Menlu
// Retno: Evakuasi WNI di Gaza" meets "Tim Evakuasi WNI dari Gaza"), or
// each has a place, a number or a name the other lacks.
func evConflict(sig *eventSig, stored []uint32, storedRole []uint8, gap uint32) bool {
	m := matchTerms(sig, termMask(sig), stored)
	return evConflictMatched(sig, &m, storedRole, gap)
}

// evConflictMatched is evConflict with the terms matched (matchTerms).
func evConflictMatched(sig *eventSig, m *termMatch, storedRole []uint8, gap uint32) bool {
	var inHas, inMet, stHas, stMet, inLone, stLone [roles]bool
	sameSpeaker := false
	for i, t := range sig.terms {
		inHas[t.role] = true
		if j := m.in[i]; j >= 0 {
			inMet[t.role] = true
			stMet[storedRole[j]] = true
			sameSpeaker = sameSpeaker || t.role == roleSpeaker && storedRole[j] == roleSpeaker
		} else {
			inLone[t.role] = true
		}
	}
	for i, r := range storedRole {
		stHas[r] = true
		if !m.storedMet[i] {
			stLone[r] = true
		}
	}
	if inHas[roleSpeaker] && stHas[roleSpeaker] && !inMet[roleSpeaker] && !stMet[roleSpeaker] {
		return true
	}
	// Speakers, places, numbers, names and subjects: each has one the
	// other lacks ("Menlu Retno" against "Menlu Inggris"; Jabalia against
	// Nuseirat; a new toll, "2-1" against "3-1"; "Arema menang atas
	// Borneo FC" against "Persib menang atas PSIS"; "Demokrat Tolak …"
	// against "PKS Tolak …").
	for _, r := range []uint8{roleSpeaker, rolePlace, roleNumber, roleName, roleSubject} {
		if inLone[r] && stLone[r] {
			return true
		}
	}
	// A statement set against a report without one (or with another):
	// a reaction is its own story. One speaker's words, quoted in one
	// headline ("Jokowi: …") and reported with a verb of saying in the
	// other ("Jokowi Bicara …"), are one statement.
	if inLone[roleSaying] && stLone[roleSaying] || (inLone[roleSaying] || stLone[roleSaying]) && !sameSpeaker {
		return true
	}
	// A number hours later that the earlier piece lacked is a new
	// development (a toll, a count found), not a retelling.
	return gap > evNumberGap && (inLone[roleNumber] || stLone[roleNumber])
}

// evKeptApart reports whether the guards keep sig, published at minute,
// apart from the signature stored in e; never when either has none.
func evKeptApart(sig *eventSig, e *eventFields, minute uint32) bool {
	if len(sig.terms) == 0 || e.nTerms() == 0 {
		return false
	}
	stored, storedRole, n := e.storedSig()
	return evConflict(sig, stored[:n], storedRole[:n], absDiff(get24(e.evMinute), minute))
}

// storedSig returns an entry's terms and roles.
func (e *eventFields) storedSig() ([maxTerms]uint32, [maxTerms]uint8, int) {
	var h [maxTerms]uint32
	var r [maxTerms]uint8
	// One pass, the roles read once: every candidate of a lookup is read
	// so (nTerms and role would read the terms twice and the roles ten
	// times).
	roles := binary.LittleEndian.Uint32(e.evRoles[:])
	n := 0
	for n < maxTerms {
		if h[n] = e.term(n); h[n] == 0 {
			break
		}
		r[n] = uint8(roles >> (roleBits * n) & (1<<roleBits - 1))
		n++
	}
	return h, r, n
}

// evidence formats an event join for article.StoryMatch.Method.
func (m evMatch) evidence() string {
	return fmt.Sprintf("%s: shared %s; %.0fh apart", EventMethod, strings.Join(m.shared, ", "), m.gapHours)
}

// evForget removes an entry's terms from the counts (it leaves the window).
func (ix *Index) evForget(e *entry) {
	n := e.nTerms()
	if n == 0 {
		return
	}
	b := get24(e.evMinute) / evBucket
	for i := range n {
		k := dfKey(e.term(i), b)
		if ix.df[k] <= 1 {
			delete(ix.df, k)
		} else {
			ix.df[k]--
		}
	}
	if ix.evDocs[b] <= 1 {
		delete(ix.evDocs, b)
	} else {
		ix.evDocs[b]--
	}
}
