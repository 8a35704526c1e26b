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

// StoryDaysWithActors scores the own days, the full-text days and the
// full-day days, title only, with an actor source, pooled as their tests
// pool them (judges by their counts only), and returns the pooled counts
// by name: "design" and "judges" (every judge group and judge day).
func StoryDaysWithActors(t *testing.T, actors ActorSource) map[string]PairCounts {
	out := map[string]PairCounts{}
	add := func(name string, c pairCounts) {
		p := out[name]
		out[name] = PairCounts{p.TP + c.tp, p.FP + c.fp, p.FN + c.fn}
	}
	for _, d := range ownDays {
		c, _ := scoreFixtureDay(t, d.fixtureDay(t), false, actors)
		if d.group == ownDesign {
			add("design", c)
		} else {
			add("judges", c)
		}
	}
	for _, day := range []fixtureDay{fullTextDay(t), fullTextJudgeDays(t)[0]} {
		c, _ := scoreFixtureDay(t, day, false, actors)
		add("design", c)
	}
	c, _ := scoreFixtureDay(t, fullTextJudgeDays(t)[1], false, actors)
	add("judges", c)
	for _, d := range fullDays {
		c, _ := scoreFixtureDay(t, storyDayOf(t, d.dir, d.labels), false, actors)
		if d.design {
			add("design", c)
		} else {
			add("judges", c)
		}
	}
	return out
}

// PairCounts are same-story pair counts: true joins, false joins, missed.
type PairCounts struct{ TP, FP, FN int }
