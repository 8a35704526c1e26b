package dedupe_test

import (
	"testing"

	"github.com/warta-news/warta/actor"
	"github.com/warta-news/warta/dedupe"
	"github.com/warta-news/warta/pipeline"
	"github.com/warta-news/warta/publish"
)

// The headline evaluations with the actors warta recognises
// (pipeline.HeadlineActors over package actor): the event constants are
// chosen without them, and this is how they fare with them.
func TestHeadlineEvaluationsWithActors(t *testing.T) {
	rec, err := actor.New()
	if err != nil {
		t.Fatal(err)
	}
	actors := pipeline.HeadlineActors(rec)
	t.Run("LeaveOneDayOut", func(t *testing.T) { dedupe.HeadlineLeaveOneDayOut(t, actors) })
	t.Run("FixtureDays", func(t *testing.T) { dedupe.HeadlineFixtureDays(t, actors) })
	t.Run("DistinctStories", func(t *testing.T) { dedupe.DistinctStories(t, actors) })
}

// TestStoryDaysWithActors scores every story day as the daemon's index
// reads it, with actors (the day tests read them without), pooled into
// design and judge days, counts only.
func TestStoryDaysWithActors(t *testing.T) {
	rec, err := actor.New()
	if err != nil {
		t.Fatal(err)
	}
	got := dedupe.StoryDaysWithActors(t, pipeline.HeadlineActors(rec))
	// The first measure (2026-12-05): design 64 / 3 / 438, judges 46 / 6 /
	// 392, and 58 / 7 / 455 with the April and May full days; the floors
	// two true pairs under it and no more false joins.
	floors := map[string]dedupe.PairCounts{"design": {TP: 64 - 2, FP: 3}, "judges": {TP: 58 - 2, FP: 7}}
	for _, part := range []string{"design", "judges"} {
		c, floor := got[part], floors[part]
		t.Logf("%s pooled with actors, title only: tp %d fp %d fn %d", part, c.TP, c.FP, c.FN)
		if c.TP < floor.TP || c.FP > floor.FP {
			t.Errorf("%s: tp %d fp %d; floors tp ≥ %d, fp ≤ %d", part, c.TP, c.FP, floor.TP, floor.FP)
		}
	}
}

// The stories a story's page lists near it (dedupe.Nearest.Related), read
// on the story days with actors as the daemon runs them: most are one of
// the story's own labelled stories, told in other words. Judges by their
// counts only.
func TestRelatedStoriesOnStoryDays(t *testing.T) {
	rec, err := actor.New()
	if err != nil {
		t.Fatal(err)
	}
	got := dedupe.RelatedOnStoryDays(t, pipeline.HeadlineActors(rec), publish.MaxRelatedStories, publish.MaxRelatedFrom)
	// The first measure (2026-12-06): design 114 of its labelled story
	// and 40 other (0.740), judges 142 and 76 (0.651); the floors 0.05
	// under each share, and most listed at all.
	floors := map[string]float64{"design": 0.69, "judges": 0.60}
	for _, part := range []string{"design", "judges"} {
		c := got[part]
		share := float64(c.Same) / float64(max(1, c.Same+c.Other))
		t.Logf("%s, stories listed near a story: %d of its labelled story, %d other (%.3f)", part, c.Same, c.Other, share)
		if share < floors[part] || c.Same < 100 {
			t.Errorf("%s: %d of %d listed are of the story's labelled story (%.3f); floor %.2f, and at least 100", part, c.Same, c.Same+c.Other, share, floors[part])
		}
	}
}
