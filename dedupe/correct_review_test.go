package dedupe

import (
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// rebuild indexes arts as the store keeps them (stored sketches).
func rebuild(t *testing.T, arts ...*article.Article) *Index {
	t.Helper()
	ix := NewIndex(Options{Window: 24 * time.Hour})
	for _, a := range arts {
		if !ix.AddSketched(&article.Article{ID: a.ID, StoryID: a.StoryID, FirstSeen: a.FirstSeen, Published: a.Published, Sketch: a.Sketch}) {
			t.Fatalf("sketch of %s not usable", a.ID)
		}
	}
	return ix
}

// A sole report updated again and again (a lead corrected twice and more)
// has no article joined to its story, live as in a rebuilt index: the
// event-join bar of its story stays the same.
func TestCorrectLeadTwiceJoinsNothing(t *testing.T) {
	ix := NewIndex(Options{Window: 24 * time.Hour})
	lead := art(hexID(1), idTitle, idText, t0)
	ix.Assign(lead)
	texts := [][2]string{{enTitle, enText}, {enTitle + " overnight", "Update: " + enText}, {idTitle, idText}}
	for i, tt := range texts {
		lead.Title, lead.Text = tt[0], tt[1]
		if n := ix.Correct(lead); n != 1 {
			t.Fatalf("correction %d replaced %d entries, want 1", i+1, n)
		}
		rebuilt := rebuild(t, lead)
		if len(ix.joined) != len(rebuilt.joined) {
			t.Errorf("after correction %d: joined %v live, %v rebuilt", i+1, ix.joined, rebuilt.joined)
		}
	}
}

// The versions an article's corrections left behind do not take the
// place of real entries in the walk of a key's chain: a copy of an older
// story is found live as in an index rebuilt from the store.
func TestCorrectedVersionsDoNotHideOlderEntries(t *testing.T) {
	ix := NewIndex(Options{Window: 24 * time.Hour})
	first := art(hexID(1), idTitle, idText, t0)
	ix.Assign(first)
	other := art(hexID(2), idTitle+" | Antara", idText, t0.Add(time.Minute))
	ix.Assign(other)
	if other.StoryID != first.ID {
		t.Fatalf("copy in story %s, want %s", other.StoryID, first.ID)
	}
	// The copy is updated back and forth, more often than a chain is walked.
	for i := range 2*maxWalk + 3 { // ending on the other text
		if i%2 == 0 {
			other.Title, other.Text = enTitle, enText
		} else {
			other.Title, other.Text = idTitle+" | Antara", idText
		}
		ix.Correct(other)
	}
	rebuilt := rebuild(t, first, other)
	for _, c := range []struct {
		name string
		ix   *Index
	}{{"rebuilt", rebuilt}, {"live", ix}} {
		cp := art(hexID(3), idTitle+" - Kompas", idText, t0.Add(time.Hour))
		c.ix.Assign(cp)
		if cp.StoryID != first.ID {
			t.Errorf("%s: a copy of the first story in story %s, want %s", c.name, cp.StoryID, first.ID)
		}
	}
}

// An article given twice to one Correct keeps its first occurrence's text,
// whether it leads its story or copies it (review 22: 5).
func TestCorrectGivenTwiceKeepsTheFirst(t *testing.T) {
	for _, lead := range []bool{true, false} {
		ix := NewIndex(Options{Window: 24 * time.Hour})
		first := art(hexID(1), idTitle, idText, t0)
		ix.Assign(first)
		fixed := first
		if !lead {
			fixed = art(hexID(2), idTitle+" | Antara", idText, t0.Add(time.Minute))
			ix.Assign(fixed)
		}
		again := *fixed
		fixed.Title, fixed.Text = enTitle, enText
		again.Title, again.Text = enTitle, ""
		if n := ix.Correct(fixed, &again); n != 1 {
			t.Errorf("lead %v: %d replaced, want 1", lead, n)
		}
		cp := art(hexID(3), enTitle+" - Reuters", enText, t0.Add(time.Hour))
		ix.Assign(cp)
		if cp.StoryID != first.ID || cp.StoryMatch.MatchedID != fixed.ID {
			t.Errorf("lead %v: a copy of the first occurrence's text in story %s via %s, want %s via %s",
				lead, cp.StoryID, cp.StoryMatch.MatchedID, first.ID, fixed.ID)
		}
	}
}
