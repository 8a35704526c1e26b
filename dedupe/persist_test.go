package dedupe

import (
	"encoding/hex"
	"testing"

	"github.com/warta-news/warta/article"
)

// checkSketchRebuild assigns the first half of arts to an index, rebuilds
// one index from the stored articles' text (Add) and one from their
// sketches alone (AddSketched, no title or text), then assigns the second
// half to both: every article must get the same story and match from the
// sketches as from the text. (Both may differ from the index that never
// restarted: on headline days, Add does not restore every event join.)
func checkSketchRebuild(t *testing.T, arts []*article.Article) {
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
	if fromSketch.Len() != whole.Len() {
		t.Fatalf("rebuilt from sketches: Len %d, want %d", fromSketch.Len(), whole.Len())
	}
	joined := 0
	for _, a := range arts[half:] {
		y, z := clone(a), clone(a)
		fromText.Assign(y)
		fromSketch.Assign(z)
		if y.StoryID != z.StoryID || y.StoryMatch != z.StoryMatch {
			t.Errorf("%s: from text %s %+v, from sketches %s %+v", a.URL, y.StoryID, y.StoryMatch, z.StoryID, z.StoryMatch)
		}
		if y.StoryID != y.ID {
			joined++
		}
	}
	if joined == 0 {
		t.Error("no second-half article joined a story: the test proves nothing")
	}
}

func TestDevSetRebuildFromSketches(t *testing.T) {
	items, _ := loadDevSet(t)
	var uniq []*article.Article
	seen := map[string]bool{}
	for _, it := range items {
		if !seen[it.a.ID] {
			seen[it.a.ID] = true
			uniq = append(uniq, it.a)
		}
	}
	checkSketchRebuild(t, uniq)
}

// Headlines in outlets' own words join by event signature: the sketches
// must carry the signatures too.
func TestHeadlineDayRebuildFromSketches(t *testing.T) {
	arts, _ := loadHeadlineDay(t, tuneDays[0])
	checkSketchRebuild(t, arts)
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
	const want = "01dc635d52bbeece2ab47a70b7e204e7d46fcef5943000000000000000008084c0800008fb22da049fcf310019924d0039c65c001568ea04b930a500bbec8600cf99c600"
	if got := hex.EncodeToString(a.Sketch); got != want {
		t.Errorf("sketch of the known article is\n%s\nwas\n%s\n(bump sketchFormat if the index's sketch changed)", got, want)
	}
}
