package dedupe

import "testing"

// HeadlineLeaveOneDayOut and HeadlineFixtureDays run the headline
// evaluations with an actor source, for the external test that gives them
// the one warta runs (pipeline.HeadlineActors, which this package's own
// tests cannot import).
func HeadlineLeaveOneDayOut(t *testing.T, actors ActorSource) {
	headlineLeaveOneDayOut(t, actors, actorsHeldOutFloors)
}

func HeadlineFixtureDays(t *testing.T, actors ActorSource) { headlineFixtureDays(t, actors) }

// DistinctStories is TestDistinctStoriesStayApart's events run with an
// actor source.
func DistinctStories(t *testing.T, actors ActorSource) {
	distinctStories(t, Options{Actors: actors}, 0.05)
}

// actorsHeldOutFloors: each fold's held-out figures with package actor
// (precision 1.000 on every fold, recall 0.197, 0.163 and 0.022, the rule
// choosing on the tuning days with actors too), precision at the goal,
// recall rounded down.
var actorsHeldOutFloors = map[string]struct{ precision, recall float64 }{
	"20231101": {eventPrecisionFloor, 0.19},
	"20231117": {eventPrecisionFloor, 0.16},
	"20240507": {eventPrecisionFloor, 0.02},
}
