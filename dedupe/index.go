// Package dedupe finds copies of one news story published by different
// outlets or under different URLs, and groups them into stories.
//
// Each article is reduced to a small sketch of its opening (title and the
// start of the body, boilerplate stripped by Clean): MinHash values over
// word pairs. Three 21-bit values make the Fingerprint and are the lookup
// keys (one over the title, two over the opening), so finding candidates
// costs three short bucket walks, not a scan. Candidates are verified with
// 48 more 2-bit MinHash values, which estimate how much of the shorter
// opening the other contains (so a copy cut short with "…" or a summary set
// against the full text still matches), and with the numbers they mention
// and a mask of their names, which keep template reports (exchange rates,
// match results) with different facts apart. Only articles first seen within the
// window of each other are compared, and the first-seen copy names the
// story.
//
// An article that is no copy may still report an event other outlets
// wrote up in their own words: its headline's event signature (event.go)
// is looked up in a second index of rarity-weighted terms, and joins the
// story whose articles fit it as a whole (eventindex.go). Either way the
// lookup reads a bounded number of entries, and the join's evidence is its
// article.StoryMatch.
package dedupe

import (
	"encoding/binary"
	"encoding/hex"
	"slices"
	"time"

	"github.com/warta-news/warta/article"
)

// Method names how similarity is judged, as recorded in article.StoryMatch.
const Method = "minhash-lead"

// DefaultWindow is how far apart in first-seen time two copies of a story
// may be.
const DefaultWindow = 72 * time.Hour

// DefaultThreshold is the estimated containment at which two articles are
// one story, chosen on the dev set (see eval_test.go).
const DefaultThreshold = 0.6

// Options configures an Index.
type Options struct {
	// Window: only articles first seen within Window of each other, in
	// whole minutes (see WindowStart), can be one story. Zero means
	// DefaultWindow.
	Window time.Duration
	// Threshold: similarity in [0,1] at which two articles are one story.
	// Zero means DefaultThreshold.
	Threshold float64
	// EventThreshold: the rarity-weighted share of terms at which two
	// headlines report one event. Zero means DefaultEventThreshold; a
	// negative value turns event signatures off (copies only).
	EventThreshold float64
	// Actors, when set, recognises actors in headlines for the event
	// signatures.
	Actors ActorSource
}

const (
	bands = keyLanes
	// headBits sizes each band's bucket table: a quarter of a million
	// buckets keep chains short at a million articles for 2.25 MiB. A
	// chain is the entries whose key falls in one of these buckets, however
	// large the table holding it (see growHeads).
	headBits = 18
	// minHeadBits sizes the band tables of a new index; they double while
	// the index holds more articles than buckets, up to headBits, so that
	// a small index does not keep 2.25 MiB of mostly empty buckets.
	minHeadBits = 12
	chunkBits   = 13
	chunkSize   = 1 << chunkBits
	// maxSlots bounds the slots of one index: slots are stored in 24 bits.
	// Expire compacts, so this is 16.7 million articles per window.
	maxSlots = 1<<24 - 1
	// epoch anchors the 24-bit minute clock in entries (good to 2051).
	epochUnix = 1577836800 // 2020-01-01T00:00:00Z
	maxMinute = 1<<24 - 1

	// maxWalk bounds the entries read per bucket chain and maxVerify the
	// candidates verified per lookup (see candidates).
	maxWalk   = 64
	maxVerify = 48

	flagGhost    = 1 << 6 // kept only to name a story; not matchable
	flagInterned = 1 << 7 // id holds an index into Index.interned
)

// entry is one indexed article, packed into 146 bytes of byte arrays (no
// padding, no pointers: a million cost the garbage collector nothing to
// scan). Integers are little-endian; slots are 24-bit.
type entry struct {
	id    [16]byte
	vs    [bitLanes / 4]byte // verification sketch
	keys  [bands][3]byte     // the fingerprint's lanes, one per band
	nums  [2 * leadNums]byte
	names [4 * leadNames]byte
	slot  byte    // sketch.slotNums
	meta  [4]byte // minute<<8 | flags | verify-set size (6 bits)
	story [3]byte // slot of the story's first article (itself for a lead)
	next  [bands][3]byte
	eventFields
}

// maxVerifySize is the largest verify-set size an entry records (the low
// 6 bits of its meta); a larger set is recorded as this.
const maxVerifySize = 63

func get24(b [3]byte) uint32     { return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 }
func put24(b *[3]byte, v uint32) { b[0], b[1], b[2] = byte(v), byte(v>>8), byte(v>>16) }

func (e *entry) metaV() uint32     { return binary.LittleEndian.Uint32(e.meta[:]) }
func (e *entry) setMeta(v uint32)  { binary.LittleEndian.PutUint32(e.meta[:], v) }
func (e *entry) minute() uint32    { return e.metaV() >> 8 }
func (e *entry) size() int         { return int(e.metaV() & maxVerifySize) }
func (e *entry) flags() uint32     { return e.metaV() & (flagGhost | flagInterned) }
func (e *entry) storySlot() uint32 { return get24(e.story) }
func (e *entry) key(b int) uint32  { return get24(e.keys[b]) }

func (e *entry) sketch() sketch {
	s := sketch{n: e.size(), slotNums: e.slot}
	for i := range s.names {
		s.names[i] = binary.LittleEndian.Uint32(e.names[4*i:])
	}
	for i := range s.nums {
		s.nums[i] = binary.LittleEndian.Uint16(e.nums[2*i:])
	}
	s.vs[0] = binary.LittleEndian.Uint64(e.vs[:8])
	s.vs[1] = uint64(binary.LittleEndian.Uint32(e.vs[8:]))
	for b := range bands {
		s.keys |= uint64(e.key(b)) << (keyBits * b)
	}
	return s
}

// Index holds the recent articles' sketches and finds the story a new
// article belongs to. It is not safe for concurrent use.
type Index struct {
	window    uint32 // minutes
	threshold float64
	chunks    [][]entry
	n         uint32 // slots used
	live      int
	heads     [bands][][3]byte // bucket (a power of two of them) → slot+1 of the newest entry
	interned  []string         // article IDs that are not 32 hex digits
	leads     leadTable        // every story's lead entry, live or ghost
	scratch   []candidate      // reused by candidates
	refused   []uint32         // reused by assign: stories the copy check kept apart for their facts

	evThreshold float64 // ≤ 0: off
	evMinShared float64
	evAvgShare  float64
	joined      map[uint32]int32 // story lead slot → articles joined to it, copies or not
	sketcher    Sketcher
	evHeads     [][3]byte        // term bucket → slot+1 of the newest entry
	df          map[uint64]int32 // live articles per term and publication bucket
	evDocs      map[uint32]int   // live articles with a signature per publication bucket
	evTallies   []storyTally     // reused by evLookup
	evByStory   []uint64         // reused by evLookup: story<<32 | slot
}

// NewIndex returns an empty index.
func NewIndex(opts Options) *Index {
	if opts.Window <= 0 {
		opts.Window = DefaultWindow
	}
	if opts.Threshold <= 0 {
		opts.Threshold = DefaultThreshold
	}
	if opts.EventThreshold == 0 {
		opts.EventThreshold = DefaultEventThreshold
	}
	ix := &Index{
		window:      windowMinutes(opts.Window),
		threshold:   opts.Threshold,
		leads:       newLeadTable(),
		evThreshold: opts.EventThreshold,
		evMinShared: minSharedWeight,
		evAvgShare:  defaultAvgShare,
		joined:      map[uint32]int32{},
		sketcher:    NewSketcher(opts),
		evHeads:     make([][3]byte, 1<<headBits),
		df:          map[uint64]int32{},
		evDocs:      map[uint32]int{},
	}
	for b := range ix.heads {
		ix.heads[b] = make([][3]byte, 1<<minHeadBits)
	}
	return ix
}

// Len returns the number of articles indexed.
func (ix *Index) Len() int { return ix.live }

func (ix *Index) at(slot uint32) *entry {
	return &ix.chunks[slot>>chunkBits][slot&(chunkSize-1)]
}

func minuteOf(t time.Time) uint32 {
	m := (t.Unix() - epochUnix) / 60
	return uint32(max(0, min(m, maxMinute)))
}

// Assign computes a's fingerprint, finds the story it belongs to and adds
// it to the index. It sets a.Fingerprint, a.Sketch (what AddSketched needs
// to index it again), a.StoryID (the matched article's story, or a.ID for a
// new story) and a.StoryMatch (zero for a new story).
func (ix *Index) Assign(a *article.Article) {
	ix.AssignSketched(a, ix.sketcher.Sketch(a.Title, a.Text))
}

// AssignSketched is Assign with a's text already sketched by a Sketcher of
// the index's Options.
func (ix *Index) AssignSketched(a *article.Article, k Sketched) {
	ix.assign(a, k.s, k.sig)
}

// Sketcher computes what the index needs of an article's text, its sketch
// and its headline's event signature, apart from any index. It holds no
// mutable state and is safe for concurrent use: a cycle sketches its
// articles on every core as they arrive, and decides their stories in
// order with AssignSketched.
type Sketcher struct {
	events bool
	actors ActorSource
}

// NewSketcher returns the sketcher of an index with opts.
func NewSketcher(opts Options) Sketcher {
	return Sketcher{events: opts.EventThreshold >= 0, actors: opts.Actors}
}

// Sketched is what a Sketcher computed of one article.
type Sketched struct {
	s   sketch
	sig eventSig
}

// Sketch cleans and sketches an article's title and text.
func (k Sketcher) Sketch(title, text string) Sketched {
	t, x := Clean(title, text)
	words := headlineWords(t)
	label := isLabel(words)
	if label {
		// A desk's or section's name is no headline: it says nothing of
		// the event, and two articles under it are no copies by it.
		t, words = "", nil
	}
	out := Sketched{}
	if !label || x != "" {
		out.s = makeSketch(t, x)
	}
	if k.events {
		out.sig = makeEventSigOf(t, words, k.actors)
	}
	return out
}

// copyVerdict is what the copy check says of two texts.
type copyVerdict uint8

const (
	// copyApart: not alike enough to be copies (or not within reach).
	copyApart copyVerdict = iota
	// copyAlike: alike enough, their facts agreeing.
	copyAlike
	// copyRefused: alike, but their titles or first sentences each have
	// a number or a name the other lacks: two reports from one template,
	// which their headlines' event signature must not join either.
	copyRefused
)

// copyCheck is the copy check of a text sketched as s, first seen at
// minute now, against e, one of its candidates (candidates walks no
// earlier version of a corrected article): their similarity, whether
// either is short (a headline's few word pairs), and the verdict.
func (ix *Index) copyCheck(e *entry, s *sketch, now uint32) (sim float64, short bool, v copyVerdict) {
	if absDiff(e.minute(), now) > ix.window {
		return 0, false, copyApart
	}
	es := e.sketch()
	sim = similarity(&es, s)
	need := ix.threshold
	short = min(es.n, s.n) < shortText
	if short {
		// A headline's few word pairs: copies repeat it nearly whole;
		// two outlets' own headlines on one event share a few pairs,
		// and are for the event signature to judge.
		need = max(need, shortTextThreshold)
	}
	switch {
	case sim < need:
		return sim, short, copyApart
	case factsAgree(&es, s):
		return sim, short, copyAlike
	case slotsDiffer(&es, s):
		return sim, short, copyRefused
	}
	return sim, short, copyApart
}

// assign is Assign once the text is sketched: the index lookup and insert.
func (ix *Index) assign(a *article.Article, s sketch, sig eventSig) {
	a.Fingerprint = s.keys
	now := minuteOf(a.FirstSeen)
	best, bestSim := uint32(0), -1.0
	evMin := eventMinute(a.Published, a.FirstSeen)
	refused := ix.refused[:0]
	consider := func(slot uint32, e *entry) {
		sim, short, v := ix.copyCheck(e, &s, now)
		switch v {
		case copyApart:
			return
		case copyRefused:
			refused = append(refused, e.storySlot())
			return
		}
		if sim < bestSim {
			return
		}
		// Two headlines alone that differ in what the event guards
		// read (the subject, the speaker, the place, a number) are two
		// stories however many word pairs they share.
		if short && evKeptApart(&sig, &e.eventFields, evMin, false) {
			return
		}
		// Long texts alike short of a copy (template sentences a site
		// fills in for every story) whose headlines name another
		// subject, place or number are two stories too; a reworded
		// verb over texts this alike does not keep them apart.
		if !short && sim < copyGuardedThreshold && evKeptApart(&sig, &e.eventFields, evMin, true) {
			return
		}
		// Ties go to the earlier article, then the earlier slot:
		// deterministic whatever the bucket order.
		if sim > bestSim || e.minute() < ix.at(best).minute() ||
			e.minute() == ix.at(best).minute() && slot < best {
			best, bestSim = slot, sim
		}
	}
	if s.n > 0 {
		for _, c := range ix.candidates(&s) {
			consider(c.slot, ix.at(c.slot))
		}
	}
	ix.refused = refused
	if bestSim < 0 {
		if m, ok := ix.evLookup(&sig, evMin, now, refused); ok {
			e := ix.at(m.slot)
			story := e.storySlot()
			a.StoryID = ix.idOf(ix.at(story))
			a.StoryMatch = article.StoryMatch{MatchedID: ix.idOf(e), Similarity: m.score, Method: m.evidence()}
			a.Sketch = ix.encodeIndexed(ix.insert(a.ID, s, &sig, now, evMin, &story), &s, &sig)
			return
		}
		a.StoryID = a.ID
		a.StoryMatch = article.StoryMatch{}
		a.Sketch = ix.encodeIndexed(ix.insert(a.ID, s, &sig, now, evMin, nil), &s, &sig)
		return
	}
	e := ix.at(best)
	story := e.storySlot()
	a.StoryID = ix.idOf(ix.at(story))
	a.StoryMatch = article.StoryMatch{MatchedID: ix.idOf(e), Similarity: bestSim, Method: Method}
	a.Sketch = ix.encodeIndexed(ix.insert(a.ID, s, &sig, now, evMin, &story), &s, &sig)
}

// copyGuardedThreshold is the similarity of two long texts from which
// they are copies whatever their headlines say.
const copyGuardedThreshold = 0.8

// candidate is an indexed article that shares hits of the incoming
// article's lookup keys.
type candidate struct {
	slot uint32
	hits int
}

// candidates walks the bucket chain of each lookup key, newest first and at
// most maxWalk entries each, and returns the indexed articles sharing a key,
// those sharing more keys first (newer first among equals), at most
// maxVerify of them. So the cost per article is bounded however repetitive
// the stream: a bucket flooded by one template keeps only its newest
// entries within reach, and copies arrive within hours of their original.
func (ix *Index) candidates(s *sketch) []candidate {
	c := ix.scratch[:0]
	var truncated [bands]bool
	for b := range bands {
		key := uint32(s.keys>>(keyBits*b)) & (1<<keyBits - 1)
		chain := bucket(key)
		p := ix.chainNext(b, chain, get24(ix.heads[b][ix.headOf(b, key)]))
		walked := 0
		for p != 0 && walked < maxWalk {
			slot := p - 1
			e := ix.at(slot)
			p = ix.chainNext(b, chain, get24(e.next[b]))
			if e.flags()&flagGhost != 0 {
				// A corrected article's earlier version, linked until an
				// Expire compacts: neither walked nor a candidate, so the
				// walk reaches what an index rebuilt from the store does.
				continue
			}
			walked++
			if e.key(b) != key {
				continue // another key in the same bucket
			}
			hits, seen := 0, false
			for o := range bands {
				if e.key(o) == uint32(s.keys>>(keyBits*o))&(1<<keyBits-1) {
					hits++
					// Found already in an earlier chain walked in full.
					seen = seen || o < b && !truncated[o]
				}
			}
			if !seen {
				c = append(c, candidate{slot, hits})
			}
		}
		truncated[b] = p != 0
	}
	slices.SortStableFunc(c, func(x, y candidate) int { return y.hits - x.hits })
	ix.scratch = c
	return c[:min(len(c), maxVerify)]
}

// Add re-inserts an article that already has its story, as when the index
// is rebuilt from the store at start-up: a.StoryID and a.FirstSeen must be
// set. The sketch is recomputed from a.Title and a.Text (a.Fingerprint alone
// is too little to verify a match), so an article stored without either is
// kept, naming its story, but is never matched. a.Sketch is set to what
// the index keeps, as Assign sets it, so that it can be stored in place of
// a sketch of another format (AddSketched reads it back).
func (ix *Index) Add(a *article.Article) {
	var k Sketched
	if a.Title != "" || a.Text != "" {
		k = ix.sketcher.Sketch(a.Title, a.Text)
	}
	a.Sketch = ix.encodeIndexed(ix.add(a, k.s, k.sig), &k.s, &k.sig)
}

// add is Add once the article is sketched; it returns the article's slot
// (maxSlots when the index is full).
func (ix *Index) add(a *article.Article, s sketch, sig eventSig) uint32 {
	now := minuteOf(a.FirstSeen)
	evMin := eventMinute(a.Published, a.FirstSeen)
	if a.StoryID == "" || a.StoryID == a.ID {
		return ix.insert(a.ID, s, &sig, now, evMin, nil)
	}
	lead, ok := ix.leads.get(a.StoryID, ix.slotID)
	if !ok {
		lead = ix.insert(a.StoryID, sketch{}, &eventSig{}, now, now, nil)
		if lead == maxSlots {
			return maxSlots
		}
		e := ix.at(lead)
		e.setMeta(e.metaV() | flagGhost)
		ix.live--
	}
	return ix.insert(a.ID, s, &sig, now, evMin, &lead)
}

// insert appends an entry and links it into the band buckets. Past
// maxSlots the article still gets its story but is not indexed.
func (ix *Index) insert(id string, s sketch, sig *eventSig, minute, evMinute uint32, story *uint32) uint32 {
	if ix.n >= maxSlots {
		return maxSlots
	}
	slot := ix.n
	if int(slot>>chunkBits) == len(ix.chunks) {
		ix.chunks = append(ix.chunks, make([]entry, chunkSize))
	}
	ix.n++
	ix.live++
	e := ix.at(slot)
	*e = entry{}
	binary.LittleEndian.PutUint64(e.vs[:8], s.vs[0])
	binary.LittleEndian.PutUint32(e.vs[8:], uint32(s.vs[1]))
	for b := range bands {
		put24(&e.keys[b], uint32(s.keys>>(keyBits*b))&(1<<keyBits-1))
	}
	for i, v := range s.nums {
		binary.LittleEndian.PutUint16(e.nums[2*i:], v)
	}
	for i, v := range s.names {
		binary.LittleEndian.PutUint32(e.names[4*i:], v)
	}
	e.slot = s.slotNums
	e.setMeta(minute<<8 | uint32(min(s.n, maxVerifySize)))
	put24(&e.story, slot)
	if story != nil {
		put24(&e.story, *story)
		ix.joined[*story]++
	}
	ix.setID(e, id)
	if story == nil {
		ix.leads.put(id, slot, ix.slotID)
	}
	if s.n > 0 {
		ix.growHeads(slot)
		ix.link(slot, e)
	}
	ix.evInsert(slot, e, sig, evMinute)
	return slot
}

func (ix *Index) link(slot uint32, e *entry) {
	for b := range bands {
		h := &ix.heads[b][ix.headOf(b, e.key(b))]
		e.next[b] = *h
		put24(h, slot+1)
	}
}

// headOf is the table bucket of key in band b: its chain's bucket, or one
// shared by several chains while the table is smaller than 1<<headBits.
func (ix *Index) headOf(b int, key uint32) uint32 {
	return key & uint32(len(ix.heads[b])-1)
}

// chainNext returns p, or the first entry after it (slot+1, 0 for none)
// that belongs to chain in band b: in a table smaller than 1<<headBits the
// entries of other chains sharing its bucket are passed over, so a walk
// reads the same entries, in the same order, as in the full table.
func (ix *Index) chainNext(b int, chain, p uint32) uint32 {
	if len(ix.heads[b]) == 1<<headBits {
		return p
	}
	for p != 0 {
		e := ix.at(p - 1)
		if bucket(e.key(b)) == chain {
			return p
		}
		p = get24(e.next[b])
	}
	return 0
}

// growHeads doubles the band tables, before slot is linked, while the
// index holds more slots than a table has buckets (short of 1<<headBits),
// and links slots [0, slot) into them again in slot order, as they were:
// every chain keeps its entries newest first.
func (ix *Index) growHeads(slot uint32) {
	size := len(ix.heads[0])
	if int(slot) < size || size == 1<<headBits {
		return
	}
	for int(slot) >= size && size < 1<<headBits {
		size *= 2
	}
	for b := range ix.heads {
		ix.heads[b] = make([][3]byte, size)
	}
	for s := range slot {
		if e := ix.at(s); e.flags()&flagGhost == 0 && e.size() > 0 {
			ix.link(s, e)
		}
	}
}

// setID stores an article ID: 32 hex digits (article.IDFromURL) pack into
// 16 bytes; anything else is interned.
func (ix *Index) setID(e *entry, id string) {
	if len(id) == 32 && isLowerHex(id) {
		_, _ = hex.Decode(e.id[:], []byte(id))
		return
	}
	e.setMeta(e.metaV() | flagInterned)
	n := uint32(len(ix.interned))
	ix.interned = append(ix.interned, id)
	e.id[0], e.id[1], e.id[2], e.id[3] = byte(n), byte(n>>8), byte(n>>16), byte(n>>24)
}

// slotID is the ID of the entry at slot.
func (ix *Index) slotID(slot uint32) string { return ix.idOf(ix.at(slot)) }

func (ix *Index) idOf(e *entry) string {
	if e.flags()&flagInterned != 0 {
		n := uint32(e.id[0]) | uint32(e.id[1])<<8 | uint32(e.id[2])<<16 | uint32(e.id[3])<<24
		return ix.interned[n]
	}
	return hex.EncodeToString(e.id[:])
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// bucket maps a band key to its bucket.
func bucket(key uint32) uint32 { return key & (1<<headBits - 1) }

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// Correct gives the index the corrected texts of articles their sources
// changed (each indexed with its story already; Title and Text the new
// ones): the index matches later articles against the new text from then
// on, and each article keeps its story, whose ID never changes. The entry
// of the first version stays behind as a ghost (never matched again,
// naming the story when it led it) and the new version is indexed beside
// it, with the first one's first-seen and publication minutes. Each
// a.Sketch is set to what AddSketched needs to index the new version
// again, to be stored in place of the first one's, so that an index
// rebuilt from the store matches alike. An article the index does not
// hold (left the window, or never indexed), and an ID given again after its
// first occurrence, only get a.Sketch. One walk of
// the index finds them all. Correct returns how many entries it replaced:
// a text that sketches as the indexed one did replaces none.
func (ix *Index) Correct(arts ...*article.Article) int {
	slots := ix.slotsOf(arts)
	changed := 0
	for i, a := range arts {
		var k Sketched
		if a.Title != "" || a.Text != "" {
			k = ix.sketcher.Sketch(a.Title, a.Text)
		}
		a.Fingerprint = k.s.keys
		slot := slots[i]
		if slot == maxSlots || ix.at(slot).flags()&flagGhost != 0 { // not held, or an ID given twice
			a.Sketch = encodeSketch(&k.s, &k.sig, nil)
			continue
		}
		e := ix.at(slot)
		if e.holds(&k.s, &k.sig) {
			a.Sketch = ix.encodeIndexed(slot, &k.s, &k.sig)
			continue
		}
		story := e.storySlot()
		// Led by the article itself, decided by its ID: after a first
		// correction the story's slot is the first version's ghost.
		led := story == slot || ix.sameID(ix.at(story), e)
		minute, evMinute := e.minute(), get24(e.evMinute)
		ix.evForget(e)
		e.setMeta(e.metaV() | flagGhost)
		ix.live--
		fresh := ix.insert(a.ID, k.s, &k.sig, minute, evMinute, &story)
		if !led || fresh != maxSlots {
			// A copy's first version no longer counts as joined (its new
			// one does, when insert indexed it); a lead's new version
			// names its own story, so what insert joined is taken off.
			ix.unjoin(story)
		}
		a.Sketch = ix.encodeIndexed(fresh, &k.s, &k.sig)
		changed++
	}
	return changed
}

// unjoin takes one article off the count of those joined to story.
func (ix *Index) unjoin(story uint32) {
	if ix.joined[story] <= 1 {
		delete(ix.joined, story)
	} else {
		ix.joined[story]--
	}
}

// slotsOf finds the live entries of arts by their IDs (maxSlots for one
// not indexed): stories' leads through the leads table, the others in one
// walk of the slots, newest first, that compares 16 bytes a slot.
func (ix *Index) slotsOf(arts []*article.Article) []uint32 {
	out := make([]uint32, len(arts))
	packed := map[[16]byte]int{} // hex IDs still looked for → index in arts
	interned := map[string]int{} // the other IDs
	for i, a := range arts {
		out[i] = maxSlots
		if slot, ok := ix.leads.get(a.ID, ix.slotID); ok && ix.at(slot).flags()&flagGhost == 0 {
			out[i] = slot
			continue
		}
		// An ID given twice is looked for once, for its first occurrence
		// (as for a lead, whose entry the first one's correction ghosts).
		if len(a.ID) == 32 && isLowerHex(a.ID) {
			var b [16]byte
			_, _ = hex.Decode(b[:], []byte(a.ID))
			if _, dup := packed[b]; !dup {
				packed[b] = i
			}
		} else if _, dup := interned[a.ID]; !dup {
			interned[a.ID] = i
		}
	}
	for slot := ix.n; slot > 0 && len(packed)+len(interned) > 0; slot-- {
		e := ix.at(slot - 1)
		if e.flags()&flagGhost != 0 {
			continue
		}
		if e.flags()&flagInterned == 0 {
			if i, ok := packed[e.id]; ok {
				out[i] = slot - 1
				delete(packed, e.id)
			}
		} else if len(interned) > 0 {
			if i, ok := interned[ix.idOf(e)]; ok {
				out[i] = slot - 1
				delete(interned, ix.idOf(e))
			}
		}
	}
	return out
}

// sameID reports whether two entries are of one article ID.
func (ix *Index) sameID(x, y *entry) bool {
	if x.flags()&flagInterned != y.flags()&flagInterned {
		return false
	}
	if x.flags()&flagInterned == 0 {
		return x.id == y.id
	}
	return ix.idOf(x) == ix.idOf(y)
}

// holds reports whether e indexes what s and sig are: the stored part of
// the sketch and the signature's terms, roles and flags.
func (e *entry) holds(s *sketch, sig *eventSig) bool {
	es := e.sketch()
	if es.keys != s.keys || es.vs != s.vs || es.n != min(s.n, maxVerifySize) || es.nums != s.nums ||
		es.names != s.names || es.slotNums != s.slotNums {
		return false
	}
	if e.nTerms() != len(sig.terms) || e.evFlags&evOwn != 0 != sig.own || e.list() != packList(sig) {
		return false
	}
	for i, t := range sig.terms {
		if e.term(i) != t.h || e.role(i) != t.role {
			return false
		}
	}
	return true
}
