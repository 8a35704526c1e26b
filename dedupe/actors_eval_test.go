package dedupe_test

import (
	"testing"

	"github.com/warta-news/warta/actor"
	"github.com/warta-news/warta/dedupe"
	"github.com/warta-news/warta/pipeline"
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
