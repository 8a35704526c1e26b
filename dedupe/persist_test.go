package dedupe

import (
	"encoding/hex"
	"slices"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// checkRebuild assigns the first half of arts to an index, rebuilds one
// index from the stored articles' text (Add) and one from their sketches
// alone (AddSketched, no title or text), then assigns the second half to
// them: every article must get the same story and match from the sketches
// as from the text, and, when continuous is set, as from the index that
// never restarted. (On headline days Add does not restore every event
// join, so there only the two rebuilt indexes are compared.)
func checkRebuild(t *testing.T, arts []*article.Article, continuous bool) {
	t.Helper()
	half := len(arts) / 2
	clone := func(a *article.Article) *article.Article { c := *a; return &c }
	whole := NewIndex(Options{})
	var stored []*article.Article
	for _, a := range arts[:half] {
		c := clone(a)
		whole.Assign(c)
		if len(c.Sketch) < encodedLen {
			t.Fatalf("%s: Assign left sketch %x", c.ID, c.Sketch)
		}
		stored = append(stored, c)
	}
	fromText, fromSketch := NewIndex(Options{}), NewIndex(Options{})
	for _, a := range stored {
		fromText.Add(clone(a))
		lean := &article.Article{ID: a.ID, StoryID: a.StoryID, FirstSeen: a.FirstSeen, Published: a.Published, Sketch: a.Sketch}
		if !fromSketch.AddSketched(lean) {
			t.Fatalf("%s: sketch %x refused", a.ID, a.Sketch)
		}
	}
	if fromText.Len() != whole.Len() || fromSketch.Len() != whole.Len() {
		t.Fatalf("rebuilt Len %d from text, %d from sketches, want %d", fromText.Len(), fromSketch.Len(), whole.Len())
	}
	joined := 0
	for _, a := range arts[half:] {
		x, y, z := clone(a), clone(a), clone(a)
		whole.Assign(x)
		fromText.Assign(y)
		fromSketch.Assign(z)
		if y.StoryID != z.StoryID || y.StoryMatch != z.StoryMatch ||
			continuous && (x.StoryID != y.StoryID || x.StoryMatch != y.StoryMatch) {
			t.Errorf("%s: continuous %s %+v, from text %s %+v, from sketches %s %+v",
				a.URL, x.StoryID, x.StoryMatch, y.StoryID, y.StoryMatch, z.StoryID, z.StoryMatch)
		}
		if y.StoryID != y.ID {
			joined++
		}
	}
	if joined == 0 {
		t.Error("no second-half article joined a story: the test proves nothing")
	}
}

// Headlines in outlets' own words join by event signature: the sketches
// must carry the signatures too.
func TestHeadlineDayRebuildFromSketches(t *testing.T) {
	arts, _ := loadHeadlineDay(t, headlineDevDays[0])
	checkRebuild(t, arts, false)
}

func TestAddSketchedRefusesOtherBytes(t *testing.T) {
	a := art(hexID(1), enTitle, enText, t0)
	NewIndex(Options{}).Assign(a)
	good := a.Sketch
	other := append([]byte{sketchFormat + 1}, good[1:]...)
	for name, b := range map[string][]byte{"none": nil, "other format": other, "cut short": good[:len(good)-1], "too long": append(append([]byte{}, good...), 0)} {
		ix := NewIndex(Options{})
		if ix.AddSketched(&article.Article{ID: a.ID, StoryID: a.ID, FirstSeen: t0, Sketch: b}) || ix.Len() != 0 {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestSketchFormatPinned: the encoded sketch of a known article. When it
// changes, what the index keeps of an article changed: bump sketchFormat,
// so that sketches stored by the previous build are not used, then update
// the bytes here.
func TestSketchFormatPinned(t *testing.T) {
	a := art(hexID(1), enTitle, enText, t0)
	NewIndex(Options{}).Assign(a)
	const want = "09dc635d52bbeece2ab47a70b7e204e7d46fcef59430000000000000000007543ffcb917477d9f721a3a0da535b5440cffbf9ea4ca5700000000000000000001a6070001020008fb22da049fcf310719924d0739c65c001568ea04b930a500bbec8600cf99c600"
	if got := hex.EncodeToString(a.Sketch); got != want {
		t.Errorf("sketch of the known article is\n%s\nwas\n%s\n(bump sketchFormat if the index's sketch changed)", got, want)
	}
	// A headline with numbers, one of them a quantity of time.
	q := art(hexID(2), "Suap 3 Hakim, Pengacara Divonis 11 Tahun Penjara", "", t0)
	NewIndex(Options{}).Assign(q)
	const wantQ = "098a5fc2b8526a2869a2a772fdc218d2dd0fdef8aa070f859d8b0000000000000000000000000000000000000000000000000000000000000000000000000301a60700010200086387a3063b5efa0353350000711f03008db7cc074f020203d908230051268d00"
	if got := hex.EncodeToString(q.Sketch); got != wantQ {
		t.Errorf("sketch of the known headline is\n%s\nwas\n%s\n(bump sketchFormat if the index's sketch changed)", got, wantQ)
	}
}

// A sketch with every flag and both list counts set, as the builds that
// stored formats 5 to 9 (names as a set of fingerprints, and how the index
// weighed the signature, review 14) wrote it:
// the bytes must still decode to it, and encode
// from it, whatever names the packing has now.
func TestSketchFlagsAndListCountsKeepTheirBits(t *testing.T) {
	s := sketch{keys: 0x0123456789abcdef, n: 42, names: [leadNames]uint32{0xdeadbeef}, slotNums: 5}
	s.vs[0], s.vs[1] = 0xfedcba9876543210, 0x89abcdef
	for i := range s.nums {
		s.nums[i] = uint16(1000 + i)
	}
	sig := eventSig{own: true, again: true, members: 5, optional: 3, terms: []evTerm{
		{h: 0x010203, role: roleSpeaker}, {h: 0x0a0b0c, role: rolePlace}, {h: 0x111213, role: rolePlain},
		{h: 0x212223, role: rolePlain}, {h: 0x313233, role: rolePlain}, {h: 0x414243, role: roleNumber},
		{h: 0x515253, role: rolePlain}, {h: 0x616263, role: roleName}}}
	const golden = "09efcdab89674523011032547698badcfeefcdab892ae803e903ea03eb03efbeadde00000000000000000000000000000000000000000000000000000000050134120200ff7708030201010c0b0a02131211002322210033323100434241035352510063626104"
	ev := &evIndexed{total: [2]byte{0x34, 0x12}, keyIdx: [evKeys]byte{2, 0, noKey}}
	if got := hex.EncodeToString(encodeSketch(&s, &sig, ev)); got != golden {
		t.Errorf("encoded\n%s\nwant\n%s", got, golden)
	}
	b, err := hex.DecodeString(golden)
	if err != nil {
		t.Fatal(err)
	}
	gs, gsig, ok := decodeSketch(b)
	if !ok {
		t.Fatal("the stored sketch does not decode")
	}
	if gs.keys != s.keys || gs.vs != s.vs || gs.n != s.n || gs.nums != s.nums || gs.names != s.names || gs.slotNums != s.slotNums {
		t.Errorf("sketch %+v, want %+v", gs, s)
	}
	if gsig.own != sig.own || gsig.again != sig.again || gsig.members != sig.members || gsig.optional != sig.optional ||
		!slices.Equal(gsig.terms, sig.terms) || gsig.indexed == nil || *gsig.indexed != *ev {
		t.Errorf("signature %+v, want %+v", gsig, sig)
	}
}

// An index rebuilt from stored articles (at start), or that catches up
// with a copy another process stored of a lead it assigned itself, holds
// one slot per story, as the live index does: the copy joins its lead's
// entry, not a ghost of the same ID beside it. Event matching tallies by
// story slot, so two slots would judge the story as two halves (review
// 12: F9).
func TestRebuiltIndexKeepsOneSlotPerStory(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	text := "The embassy in Kabul reopened on Monday after three years closed, the ministry said."
	lead := art("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Embassy reopens in Kabul after three years", text, t0)
	copy := art("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "Embassy reopens in Kabul after three years", text, t0.Add(time.Hour))
	live := NewIndex(Options{})
	live.Assign(lead)
	live.Assign(copy)
	if copy.StoryID != lead.ID {
		t.Fatalf("copy's story %q, want the lead's %q", copy.StoryID, lead.ID)
	}
	rebuilt := NewIndex(Options{})
	caughtUp := NewIndex(Options{})
	caughtUp.Assign(&article.Article{ID: lead.ID, Title: lead.Title, Text: lead.Text, FirstSeen: lead.FirstSeen, Published: lead.Published})
	for _, ix := range []*Index{rebuilt, caughtUp} {
		for _, a := range []*article.Article{lead, copy} {
			if ix == caughtUp && a == lead {
				continue
			}
			if !ix.AddSketched(a) {
				t.Fatal("no sketch")
			}
		}
	}
	for name, ix := range map[string]*Index{"rebuilt": rebuilt, "caught up": caughtUp} {
		for _, expired := range []bool{false, true} {
			if expired {
				ix.Expire(t0.Add(2 * time.Hour)) // both within the window
			}
			if ix.n != live.n || ix.joined[0] != live.joined[0] {
				t.Errorf("%s (expired %v): %d slots, %d joined to the lead; live: %d, %d",
					name, expired, ix.n, ix.joined[0], live.n, live.joined[0])
			}
		}
	}
}

// Sketches of format 5 were stored before a correction stored its new
// text's sketch (a corrected article kept its first version's): they are
// not used, so the first start of this build rebuilds the index from the
// stored (corrected) texts once and stores their sketches back (review 22:
// 4).
func TestSketchesStoredBeforeCorrectionsAreNotUsed(t *testing.T) {
	a := art(hexID(1), enTitle, enText, t0)
	NewIndex(Options{}).Assign(a)
	old := append([]byte{5}, a.Sketch[1:]...)
	ix := NewIndex(Options{})
	if ix.AddSketched(&article.Article{ID: a.ID, StoryID: a.ID, FirstSeen: t0, Sketch: old}) || ix.Len() != 0 {
		t.Error("a sketch of format 5 was used")
	}
}

// Sketches of format 6 sketched a desk's name as title ("Ekonomi") as a
// headline: they are not used, and the index is rebuilt from the stored
// texts once.
func TestSketchesStoredBeforeLabelsAreNotUsed(t *testing.T) {
	a := art(hexID(1), "Ekonomi", "", t0)
	NewIndex(Options{}).Assign(a)
	old := append([]byte{6}, a.Sketch[1:]...)
	ix := NewIndex(Options{})
	if ix.AddSketched(&article.Article{ID: a.ID, StoryID: a.ID, FirstSeen: t0, Sketch: old}) || ix.Len() != 0 {
		t.Error("a sketch of format 6 was used")
	}
}

// A stored sketch whose bytes name what the index would read out of range
// (a key naming no term, a role no term has) or as the end of the terms
// (a zero hash) is damaged: AddSketched refuses it, so the article is
// rebuilt from its text, where it used to take it and stop the index.
func TestDamagedSketchRefused(t *testing.T) {
	a := art(hexID(1), "Suap 3 Hakim, Pengacara Divonis 11 Tahun Penjara", "", t0)
	NewIndex(Options{}).Assign(a)
	_, sig, ok := decodeSketch(a.Sketch)
	if !ok || sig.indexed == nil || len(sig.terms) < 2 {
		t.Fatalf("the known headline's sketch: ok %v, %d terms, indexed %v", ok, len(sig.terms), sig.indexed != nil)
	}
	n := len(sig.terms)
	terms := len(a.Sketch) - 4*n // the first term's offset
	keys := terms - 2 - evKeys   // the key terms' indices
	for name, damage := range map[string]func(b []byte){
		"a key naming no term": func(b []byte) { b[keys] = byte(n) },
		"a role no term has":   func(b []byte) { b[terms+3] = roles },
		"a zero hash":          func(b []byte) { b[terms], b[terms+1], b[terms+2] = 0, 0, 0 },
		"a size past the most": func(b []byte) { b[21] = maxVerifySize + 1 },
		"an unknown indexing":  func(b []byte) { b[keys-3] = 2 },
	} {
		b := slices.Clone(a.Sketch)
		damage(b)
		if SketchUsable(b) {
			t.Errorf("%s: usable", name)
		}
		stored := &article.Article{ID: hexID(2), StoryID: hexID(2), FirstSeen: t0, Published: t0, Sketch: b}
		if NewIndex(Options{}).AddSketched(stored) {
			t.Errorf("%s: added", name)
		}
	}
	if !SketchUsable(a.Sketch) {
		t.Error("the undamaged sketch is not usable")
	}
}
