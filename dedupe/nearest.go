package dedupe

import (
	"fmt"
	"slices"

	"github.com/warta-news/warta/article"
)

// Nearest is the story an article came nearest to joining by its
// headline's event signature, and what kept it out: what `warta explain`
// shows of an article that leads its story, so that a reader can see what
// the event threshold or a guard decided.
type Nearest struct {
	// ArticleID is the other story's article whose headline shares the
	// most with this one's (by the weighted share of their terms);
	// StoryID is its story.
	ArticleID, StoryID string
	// Share is their terms' weighted share; Bar the share a join needs
	// at their distance in time (the event threshold, higher beyond 12
	// hours apart).
	Share, Bar float64
	// Hours between their publication times.
	Hours float64
	// Shared are the terms they share.
	Shared []string
	// Apart says why they are two stories; empty when the article would
	// join that story now (it arrived before the story's articles that
	// bring it over the bar, or the settings changed since).
	Apart string
}

// Own is Nearest's Apart for an article whose headline is a roundup, a
// live update, an explainer or a question: its own story whatever it
// shares.
const Own = "its headline is a roundup, a live update, an explainer or a question: such a piece is its own story"

// CopyRefused is Nearest's Apart for a story the copy check keeps an
// article out of, whatever its headline shares.
const CopyRefused = "their texts are alike but each has a number or a name the other lacks (two reports from one template): the copy check keeps them apart"

// relatedShareOfBar is the part of the bar a nearest story's share must
// reach to be listed beside the article's own (Related). On six labelled
// story days, title only, 130 of the 186 nearest stories at three quarters
// of the bar or more were the same labelled story told in other words,
// against 185 of 393 at half of it (BENCHMARKS.md, related; measured
// before it was set, and on every story day since:
// TestRelatedStoriesOnStoryDays).
const relatedShareOfBar = 0.75

// Related says n's story is near enough to list beside the article's own
// as, likely, the same event told in other words (or another development
// of one case): the index keeps them apart, precision first, but their
// headlines share three quarters of what a join needs. Two reports from
// one template (CopyRefused) are two events, whatever they share.
func (n Nearest) Related() bool {
	return n.StoryID != "" && n.Apart != CopyRefused && n.Share >= relatedShareOfBar*n.Bar
}

// Nearest finds, among the stories of the index other than a's own, the
// one a came nearest to joining by its headline's event signature, as the
// index stands now, and why a is not in it, the copy check's refusals
// included (texts alike whose facts disagree: a story a template keeps
// a's text out of, CopyRefused). It changes nothing in the index. ok is
// false when a's headline has no terms to compare or no other story
// within reach shares any; an a whose headline is its own story gives a
// Nearest with only Apart (Own).
func (ix *Index) Nearest(a *article.Article) (near Nearest, ok bool) {
	if ix.evThreshold <= 0 {
		return Nearest{}, false
	}
	sk := ix.sketcher.Sketch(a.Title, a.Text)
	sig := sk.sig
	if len(sig.terms) == 0 {
		return Nearest{}, false
	}
	if sig.own {
		return Nearest{Apart: Own}, true
	}
	minute, seen := eventMinute(a.Published, a.FirstSeen), minuteOf(a.FirstSeen)
	storyID := a.StoryID
	if storyID == "" {
		storyID = a.ID
	}
	own, indexed := ix.leads.get(storyID, ix.slotID)
	var wbuf [maxTerms]float64
	w := wbuf[:len(sig.terms)]
	total := ix.evWeights(&sig, minute, w)
	mask := termMask(&sig)
	// The candidates are those evLookup weighs. A story's tally (its
	// articles' summed share, a guard met by any of them) decides as it
	// does there; the nearest article is the one sharing the most,
	// guarded or not.
	type tally struct {
		sum      float64
		conflict guard
	}
	tallies := map[uint32]*tally{}
	var best evComparison
	bestSlot, bestGap, bestOwn, found := uint32(0), uint32(0), false, false
	for _, c := range ix.evCandidates(&sig) {
		story, slot := uint32(c>>32), uint32(c)
		if indexed && story == own {
			continue
		}
		e := ix.at(slot)
		gap, ok := ix.evReach(e, &sig, minute, seen)
		if !ok {
			continue
		}
		cmp := ix.evScore(&sig, mask, w, total, &e.eventFields, gap, true)
		t := tallies[story]
		if t == nil {
			t = &tally{}
			tallies[story] = t
		}
		if e.evFlags&evOwn == 0 {
			if cmp.shared >= ix.evMinShared && cmp.guard != guardNone && t.conflict == guardNone {
				t.conflict = cmp.guard
			}
			if cmp.shared >= ix.evMinShared && cmp.guard == guardNone {
				t.sum += cmp.score
			}
		}
		// A roundup or question (its own story) is the nearest only
		// when nothing else shares any term.
		candOwn := e.evFlags&evOwn != 0
		if cmp.score > 0 && (!found || bestOwn && !candOwn || bestOwn == candOwn && cmp.score > best.score) {
			best, bestSlot, bestGap, bestOwn, found = cmp, slot, gap, candOwn, true
		}
	}
	if !found {
		return Nearest{}, false
	}
	e := ix.at(bestSlot)
	story := e.storySlot()
	near = Nearest{
		ArticleID: ix.idOf(e),
		StoryID:   ix.idOf(ix.at(story)),
		Share:     best.score,
		Bar:       ix.evBar(bestGap),
		Hours:     float64(bestGap) / 60,
		Shared:    sharedWords(&sig, &e.eventFields),
	}
	t := tallies[story]
	needSum := ix.evStoryNeed(story)
	switch {
	case bestOwn:
		near.Apart = "that headline is a roundup, a live update, an explainer or a question: such a piece joins no story"
	case slices.Contains(ix.refusedStories(&sk.s, seen), story):
		near.Apart = CopyRefused
	case best.shared < ix.evMinShared:
		near.Apart = fmt.Sprintf("they share too little evidence: weight %.1f of the %.0f a join needs", best.shared, ix.evMinShared)
	case best.guard != guardNone:
		near.Apart = best.guard.String()
	case best.score < near.Bar:
		near.Apart = fmt.Sprintf("their share %.3f is under the bar %.3f", best.score, near.Bar)
	case t.conflict != guardNone:
		near.Apart = "another article of that story is kept apart: " + t.conflict.String()
	case t.sum < needSum:
		near.Apart = fmt.Sprintf("that story's %d articles match it too little on average (summed share %.3f of the %.3f needed)",
			1+ix.joined[story], t.sum, needSum)
	}
	return near, true
}

// refusedStories are the stories whose texts the copy check finds alike a
// text sketched as s, first seen at minute now, but whose facts disagree
// (copyRefused): as assign reads them, the event join passes them by.
func (ix *Index) refusedStories(s *sketch, now uint32) []uint32 {
	if s.n == 0 {
		return nil
	}
	var out []uint32
	for _, c := range ix.candidates(s) {
		e := ix.at(c.slot)
		if _, _, v := ix.copyCheck(e, s, now); v == copyRefused {
			out = append(out, e.storySlot())
		}
	}
	return out
}
