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
