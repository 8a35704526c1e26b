package dedupe

import (
	"cmp"
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
// roundup, a live update, an explainer or a question. The flags' next
// bits, from evListShift, hold the signature's listCounts.
const (
	evOwn       = 1
	evListShift = 1
)

func (e *eventFields) list() listCounts { return listCounts(e.evFlags >> evListShift) }

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
	e.evFlags |= byte(packList(sig)) << evListShift
	for k := range e.evKeyIdx {
		e.evKeyIdx[k] = noKey
	}
	if len(sig.terms) == 0 {
		return
	}
	b := minute / evBucket
	for i, t := range sig.terms {
		put24(&e.evTerms[i], t.h)
		e.setRole(i, t.role)
	}
	if sig.indexed != nil {
		e.evTotal, e.evKeyIdx = sig.indexed.total, sig.indexed.keyIdx
	} else {
		ix.evWeigh(e, sig, minute)
	}
	for _, t := range sig.terms {
		ix.df[dfKey(t.h, b)]++
	}
	ix.evDocs[b]++
	ix.evLink(slot, e)
}

// evWeigh sets e's summed term weight and key terms from the counts of
// the moment.
func (ix *Index) evWeigh(e *entry, sig *eventSig, minute uint32) {
	b := minute / evBucket
	var orderBuf [maxTerms]int
	order := orderBuf[:len(sig.terms)]
	// dfs[i] is term i's count in minute's bucket before this article,
	// read once: the sort below compares each term several times.
	var dfs [maxTerms]int32
	total := 0.0
	docs := ix.docsAround(minute)
	for i, t := range sig.terms {
		order[i] = i
		dfs[i] = ix.df[dfKey(t.h, b)]
		if i < len(sig.terms)-sig.optional {
			total += ix.weight(t.h, minute, docs)
		}
	}
	binary.LittleEndian.PutUint16(e.evTotal[:], uint16(min(total*totalScale, math.MaxUint16)))
	// Rarest first, by the counts before this article.
	slices.SortStableFunc(order, func(x, y int) int { return int(dfs[x]) - int(dfs[y]) })
	for k := range min(evKeys, len(order)) {
		e.evKeyIdx[k] = byte(order[k])
	}
	// A list's count is a key: a headline that counts the states, and
	// names none of them, finds the list through it.
	if count := len(sig.terms) - sig.optional; sig.optional > 0 && len(order) > evKeys && !slices.Contains(order[:evKeys], count) {
		e.evKeyIdx[evKeys-1] = byte(count)
	}
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
// rarity-weighted share of their terms, subject to the guards. The
// stories in refused (whose texts the copy check found alike but
// disagreeing on a number or a name) are not joined.
func (ix *Index) evLookup(sig *eventSig, minute, seen uint32, refused []uint32) (evMatch, bool) {
	if len(sig.terms) == 0 || sig.own {
		return evMatch{}, false
	}
	var wbuf [maxTerms]float64
	w := wbuf[:len(sig.terms)]
	total := ix.evWeights(sig, minute, w)
	// Every term's chain is walked (walking only the rarest terms' chains
	// cost recall on a held-out day); the candidates are then sorted, so
	// the order of the walk does not matter.
	//
	// Tally the candidates by story: a story is joined through its best
	// matching article, provided none of its articles met conflicts with
	// the newcomer and its articles match on average (those not among
	// the candidates count as not matching), so a story grows by what
	// fits it as a whole, not by a chain of near neighbours.
	byStory := ix.evCandidates(sig)
	tallies := ix.evTallies[:0]
	mask := termMask(sig)
	for _, c := range byStory {
		story, slot := uint32(c>>32), uint32(c)
		e := ix.at(slot)
		gap, ok := ix.evReach(e, sig, minute, seen)
		if !ok || e.evFlags&evOwn != 0 {
			continue
		}
		if len(tallies) == 0 || tallies[len(tallies)-1].story != story {
			tallies = append(tallies, storyTally{story: story})
		}
		t := &tallies[len(tallies)-1]
		c := ix.evScore(sig, mask, w, total, &e.eventFields, gap, false)
		if c.guard != guardNone {
			t.conflict = true
			continue
		}
		t.sum += c.score
		if score := c.score; score >= ix.evBar(gap) && (!t.found || score > t.best.score || score == t.best.score && slot < t.best.slot) {
			t.best = evMatch{slot: slot, score: score, gapHours: float64(gap) / 60}
			t.found = true
		}
	}
	ix.evTallies = tallies
	best, found := evMatch{}, false
	for _, t := range tallies {
		if !t.found || t.conflict || slices.Contains(refused, t.story) || t.sum < ix.evStoryNeed(t.story) {
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

// evWeights sets w[i] to the rarity weight of sig's term i around minute
// and returns the summed weight of the terms that are not optional (what
// a list implies counts only where the other signature has it too).
func (ix *Index) evWeights(sig *eventSig, minute uint32, w []float64) (total float64) {
	docs := ix.docsAround(minute)
	for i, t := range sig.terms {
		w[i] = ix.weight(t.h, minute, docs)
		if i < len(sig.terms)-sig.optional {
			total += w[i]
		}
	}
	return total
}

// evCandidates walks the chain of each of sig's terms, newest first and
// at most evWalk live entries each, and returns the entries met keyed
// story<<32 | slot: sorted, so stories come in slot order whatever the
// walk, and each slot once. The slice is the index's, reused by the next
// call.
func (ix *Index) evCandidates(sig *eventSig) []uint64 {
	byStory := ix.evByStory[:0]
	for _, t := range sig.terms {
		b := bucket(t.h)
		p := get24(ix.evHeads[b])
		for n := 0; p != 0 && n < evWalk; {
			e := ix.at(p - 1)
			if e.flags()&flagGhost == 0 { // a corrected article's earlier version is not walked
				byStory = append(byStory, uint64(e.storySlot())<<32|uint64(p-1))
				n++
			}
			p = e.evNextIn(b)
		}
	}
	slices.Sort(byStory)
	byStory = slices.Compact(byStory)
	ix.evByStory = byStory
	return byStory
}

// evReach reports whether the candidate e of a lookup of sig (published
// at minute, first seen at seen) is within its reach, and their gap in
// publication minutes: seen within the window, published within evMaxGap
// (evAgainGap for a headline that says the event happened again).
// evCandidates walks no earlier version of a corrected article.
func (ix *Index) evReach(e *entry, sig *eventSig, minute, seen uint32) (gap uint32, ok bool) {
	if absDiff(e.minute(), seen) > ix.window {
		return 0, false
	}
	gap = absDiff(get24(e.evMinute), minute)
	return gap, gap <= evMaxGap && !(sig.again && gap > evAgainGap)
}

// evStoryNeed is the summed share a story's articles among a lookup's
// candidates must reach for it to be joined: defaultAvgShare of the bar
// on average over its articles (those not among the candidates count as
// not matching).
func (ix *Index) evStoryNeed(story uint32) float64 {
	return ix.evAvgShare * ix.evThreshold * float64(1+ix.joined[story])
}

// evBar is the share two signatures published gap minutes apart must
// reach: the event threshold up to evFullGap, rising linearly beyond it
// to 1.5× at evMaxGap.
func (ix *Index) evBar(gap uint32) float64 {
	need := ix.evThreshold
	if gap > evFullGap {
		need *= 1 + 0.5*float64(gap-evFullGap)/float64(evMaxGap-evFullGap)
	}
	return need
}

// storyTally is what one lookup found of one story.
type storyTally struct {
	story    uint32  // the story's lead slot
	sum      float64 // scores of its articles among the candidates
	conflict bool    // one of them is kept apart by a guard
	best     evMatch
	found    bool
}

// evComparison is what evScore found of two signatures.
type evComparison struct {
	score  float64 // the weighted Dice share of their terms
	shared float64 // the summed weight of the terms they share
	guard  guard   // what keeps them apart, guardNone for nothing
}

// evScore compares an incoming signature (its term weights w, summing to
// total) with a stored one (its weights as they were when it was indexed):
// the weighted Dice share of their terms, zero when they share too little
// evidence to compare, or the guard that keeps them apart (then a zero
// share, unless full asks for it: explaining a story not joined).
//
// What a list of states implies (its count, its regions) counts only
// where the other has it too; and when the other counts the listed states
// ("Tiga Negara Eropa" against "Spanyol, Irlandia dan Norwegia"), the
// count stands for them: the listed states it lacks leave the list's
// total.
func (ix *Index) evScore(sig *eventSig, mask uint64, w []float64, total float64, e *eventFields, gap uint32, full bool) evComparison {
	st := e.stored()
	m := matchTerms(sig, mask, st.h[:st.n])
	shared, storedTotal := 0.0, e.total()
	inCounted, stCounted := false, false // a list's count met
	for i, t := range sig.terms {
		j := int(m.in[i])
		if j < 0 {
			continue
		}
		shared += w[i]
		if i >= len(sig.terms)-sig.optional {
			total += w[i]
			inCounted = inCounted || stateGroups().counts[t.h]
		}
		if j >= st.n-st.optional {
			storedTotal += w[i]
			stCounted = stCounted || stateGroups().counts[t.h]
		}
	}
	c := evComparison{shared: shared}
	if shared < ix.evMinShared && !full {
		return c
	}
	if c.guard = evConflictMatched(sig, &m, &st, gap, false); c.guard != guardNone && !full {
		return c
	}
	if inCounted && st.members == 0 {
		for i := range sig.terms[:sig.members] {
			if m.in[i] < 0 {
				total -= w[i]
			}
		}
		total = max(total, shared)
	}
	if stCounted && sig.members == 0 {
		minute := get24(e.evMinute)
		docs := ix.docsAround(minute)
		for j, h := range st.h[:st.members] {
			if !m.storedMet[j] {
				storedTotal -= ix.weight(h, minute, docs)
			}
		}
		// The stored total was weighed when it was indexed.
		storedTotal = max(storedTotal, shared)
	}
	if total+storedTotal > 0 {
		c.score = 2 * shared / (total + storedTotal)
	}
	return c
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
	st := e.stored()
	var words []string
	for _, t := range sig.terms {
		if slices.Contains(st.h[:st.n], t.h) {
			words = append(words, cmp.Or(t.shown, t.word))
		}
	}
	return words
}

// evConflict returns the guard that keeps two signatures apart (guardNone
// for none): each names a speaker and neither's appears anywhere in the
// other (so "Menlu Retno: Evakuasi WNI di Gaza" meets "Tim Evakuasi WNI
// dari Gaza"), or each has a place, a number or a name the other lacks.
//
// What a list of states implies guards only against a count or region
// of the other: two lists of other states, another count, or another
// region keep two apart.
//
// textsAlike says the two articles' long texts share enough word pairs
// to be one story's text (the copy path matched them, short of a copy):
// then another action does not keep the headlines apart, as a rewrite's
// headline may reword its verb ("halts" for "freezes"). Two headlines
// alone, or texts that are not alike, are kept apart by it.
func evConflict(sig *eventSig, st *storedSig, gap uint32, textsAlike bool) guard {
	m := matchTerms(sig, termMask(sig), st.h[:st.n])
	return evConflictMatched(sig, &m, st, gap, textsAlike)
}

// evConflictMatched is evConflict with the terms matched (matchTerms).
func evConflictMatched(sig *eventSig, m *termMatch, st *storedSig, gap uint32, textsAlike bool) guard {
	stored, storedRole := st.h[:st.n], st.role[:st.n]
	var inHas, inMet, stHas, stMet, inLone, stLone [roles]bool
	sameSpeaker := false
	inMembersLone, stMembersLone := false, false
	for i, t := range sig.terms {
		inHas[t.role] = true
		if j := m.in[i]; j >= 0 {
			inMet[t.role] = true
			stMet[storedRole[j]] = true
			sameSpeaker = sameSpeaker || t.role == roleSpeaker && storedRole[j] == roleSpeaker
		} else if i < len(sig.terms)-sig.optional {
			inLone[t.role] = true
			inMembersLone = inMembersLone || i < sig.members
		}
	}
	for i, r := range storedRole {
		stHas[r] = true
		if i < st.n-st.optional && !m.storedMet[i] {
			stLone[r] = true
			stMembersLone = stMembersLone || i < st.members
		}
	}
	if inMembersLone && stMembersLone || sig.groups && evGroupsDisagree(sig, stored) {
		return guardList
	}
	if inHas[roleSpeaker] && stHas[roleSpeaker] && !inMet[roleSpeaker] && !stMet[roleSpeaker] {
		return guardSpeaker
	}
	// Speakers, places, numbers, names and subjects: each has one the
	// other lacks ("Menlu Retno" against "Menlu Inggris"; Jabalia against
	// Nuseirat; a new toll, "2-1" against "3-1"; "Arema menang atas
	// Borneo FC" against "Persib menang atas PSIS"; "Demokrat Tolak …"
	// against "PKS Tolak …"; "membekukan izin" against "menyetujui izin").
	for _, g := range []guard{guardSpeaker, guardPlace, guardNumber, guardName, guardSubject, guardAction} {
		r := g.role()
		if inLone[r] && stLone[r] && (r != roleAction || !textsAlike) {
			return g
		}
	}
	// A statement set against a report without one (or with another):
	// a reaction is its own story. One speaker's words, quoted in one
	// headline ("Jokowi: …") and reported with a verb of saying in the
	// other ("Jokowi Bicara …"), are one statement.
	if inLone[roleSaying] && stLone[roleSaying] || (inLone[roleSaying] || stLone[roleSaying]) && !sameSpeaker {
		return guardSaying
	}
	// A number hours later that the earlier piece lacked is a new
	// development (a toll, a count found), not a retelling.
	if gap > evNumberGap && (inLone[roleNumber] || stLone[roleNumber]) {
		return guardLaterNumber
	}
	return guardNone
}

// guard names what keeps two signatures apart (evConflictMatched): the
// evidence `warta explain` gives of a story an article did not join.
type guard uint8

const (
	guardNone guard = iota
	// guardList: each lists states the other lacks, or their counts or
	// regions of states disagree.
	guardList
	// guardSpeaker … guardAction: each has a term of the role the other
	// lacks.
	guardSpeaker
	guardPlace
	guardNumber
	guardName
	guardSubject
	guardAction
	// guardSaying: a statement set against a report, or two speakers'.
	guardSaying
	// guardLaterNumber: a number one gives and the other lacks, over
	// evNumberGap apart.
	guardLaterNumber
)

// role is the term role guardSpeaker … guardAction compare, rolePlain
// for the others.
func (g guard) role() uint8 {
	switch g {
	case guardSpeaker:
		return roleSpeaker
	case guardPlace:
		return rolePlace
	case guardNumber:
		return roleNumber
	case guardName:
		return roleName
	case guardSubject:
		return roleSubject
	case guardAction:
		return roleAction
	}
	return rolePlain
}

// String says what the guard found, as `warta explain` prints it.
func (g guard) String() string {
	switch g {
	case guardNone:
		return ""
	case guardList:
		return "they list other states, or count or group them otherwise"
	case guardSpeaker:
		return "each names a speaker the other lacks"
	case guardPlace:
		return "each names a place the other lacks"
	case guardNumber:
		return "each gives a number the other lacks"
	case guardName:
		return "each names someone or something the other lacks"
	case guardSubject:
		return "each is about a subject the other lacks"
	case guardAction:
		return "each reports an action the other lacks"
	case guardSaying:
		return "a statement set against a report, or another speaker's statement"
	case guardLaterNumber:
		return fmt.Sprintf("a number one of them lacks, over %dh apart: a new development", evNumberGap/60)
	}
	return fmt.Sprintf("guard %d", uint8(g))
}

// evGroupsDisagree reports whether sig and a stored signature each count
// states, or each name a region of states, and share none: "Tiga Negara
// Eropa" against "Dua Negara Eropa", or a list of European states against
// "Tiga Negara Asia Tenggara".
func evGroupsDisagree(sig *eventSig, stored []uint32) bool {
	t := stateGroups()
	for _, kind := range []map[uint32]bool{t.counts, t.regionTerms} {
		inHas, stHas, met := false, false, false
		for _, x := range sig.terms {
			if kind[x.h] {
				inHas = true
				met = met || slices.Contains(stored, x.h)
			}
		}
		for _, h := range stored {
			stHas = stHas || kind[h]
		}
		if inHas && stHas && !met {
			return true
		}
	}
	return false
}

// evKeptApart reports whether the guards keep sig, published at minute,
// apart from the signature stored in e (textsAlike: as evConflict); never
// when either has none.
func evKeptApart(sig *eventSig, e *eventFields, minute uint32, textsAlike bool) bool {
	if len(sig.terms) == 0 || e.nTerms() == 0 {
		return false
	}
	st := e.stored()
	return evConflict(sig, &st, absDiff(get24(e.evMinute), minute), textsAlike) != guardNone
}

// storedSig is an entry's signature: its terms and roles, and how many of
// them are a list's states (first) and what the list implies (last).
type storedSig struct {
	h                    [maxTerms]uint32
	role                 [maxTerms]uint8
	n, members, optional int
}

// stored returns an entry's signature, in one pass with the roles read
// once: every candidate of a lookup is read so (nTerms and role would
// read the terms twice and the roles ten times).
func (e *eventFields) stored() storedSig {
	list := e.list()
	st := storedSig{members: list.members(), optional: list.optional()}
	roles := binary.LittleEndian.Uint32(e.evRoles[:])
	for st.n < maxTerms {
		if st.h[st.n] = e.term(st.n); st.h[st.n] == 0 {
			break
		}
		st.role[st.n] = uint8(roles >> (roleBits * st.n) & (1<<roleBits - 1))
		st.n++
	}
	return st
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
