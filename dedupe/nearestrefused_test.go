package dedupe

import (
	"testing"
	"time"
)

// A template report whose text the copy check refused for its facts (the
// same headline, another time in the first sentence) is kept out of the
// other's story by that refusal, which Nearest names: it must not say the
// two would join now.
func TestNearestNamesTheCopyChecksRefusal(t *testing.T) {
	for _, p := range templateEventPairs {
		t0 := time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC)
		ix := NewIndex(Options{})
		a, b := art("a", p.aTitle, p.aTxt, t0), art("b", p.bTitle, p.bTxt, t0.Add(time.Hour))
		a.Published, b.Published = a.FirstSeen, b.FirstSeen
		ix.Assign(a)
		ix.Assign(b)
		if b.StoryID == "a" {
			t.Fatalf("%s: joined", p.name)
		}
		n, ok := ix.Nearest(b)
		if !ok || n.StoryID != "a" || n.Apart != CopyRefused {
			t.Errorf("%s: nearest %+v (ok %v), want story a kept apart by the copy check", p.name, n, ok)
		}
	}
}
