package dedupe

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/warta-news/warta/article"
)

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
	for _, d := range storyDays(t) {
		c, _ := scoreFixtureDay(t, d.day, false, actors)
		p := out[d.part]
		out[d.part] = PairCounts{p.TP + c.tp, p.FP + c.fp, p.FN + c.fn}
	}
	return out
}

// storyDay is a labelled story day and the part it is pooled in:
// "design" or "judges".
type storyDay struct {
	day  fixtureDay
	part string
}

// storyDays are the own days, the full-text days and the full-day days,
// each with its part.
func storyDays(t *testing.T) []storyDay {
	var days []storyDay
	for _, d := range ownDays {
		part := "judges"
		if d.group == ownDesign {
			part = "design"
		}
		days = append(days, storyDay{d.fixtureDay(t), part})
	}
	days = append(days, storyDay{fullTextDay(t), "design"}, storyDay{fullTextJudgeDays(t)[0], "design"},
		storyDay{fullTextJudgeDays(t)[1], "judges"})
	for _, d := range fullDays {
		part := "judges"
		if d.design {
			part = "design"
		}
		days = append(days, storyDay{storyDayOf(t, d.dir, d.labels), part})
	}
	return days
}

// RelatedCounts count the related stories a story's page lists (at most
// listed, from the Nearest of its first from articles that are Related:
// publish.MaxRelatedStories and MaxRelatedFrom, which the external test
// passes, since this package's own tests cannot import publish):
// Same lists a story with an article of one of its labelled stories,
// Other one without.
type RelatedCounts struct{ Same, Other int }

// RelatedOnStoryDays counts, over the story days (title only, with an
// actor source, judges by their counts only), the related stories each
// story's page would list with the day's whole index, pooled by part.
func RelatedOnStoryDays(t *testing.T, actors ActorSource, listed, from int) map[string]RelatedCounts {
	out := map[string]RelatedCounts{}
	for _, d := range storyDays(t) {
		arts, gold := loadFixtureDay(t, d.day, false)
		ix := NewIndex(Options{Actors: actors})
		for _, a := range arts {
			ix.Assign(a)
		}
		members := map[string][]*article.Article{}
		for _, a := range arts {
			members[a.StoryID] = append(members[a.StoryID], a)
		}
		labels := func(story string) map[string]bool {
			m := map[string]bool{}
			for _, a := range members[story] {
				m[gold[a.ID]] = true
			}
			return m
		}
		c := out[d.part]
		for story, as := range members {
			nearest := map[string]float64{}
			for _, a := range as[:min(len(as), from)] {
				if n, ok := ix.Nearest(a); ok && n.Related() && n.StoryID != story {
					nearest[n.StoryID] = max(nearest[n.StoryID], n.Share)
				}
			}
			others := slices.SortedFunc(maps.Keys(nearest), func(x, y string) int {
				return cmp.Or(cmp.Compare(nearest[y], nearest[x]), strings.Compare(x, y))
			})
			own := labels(story)
			for _, o := range others[:min(len(others), listed)] {
				same := false
				for l := range labels(o) {
					same = same || own[l]
				}
				if same {
					c.Same++
				} else {
					c.Other++
				}
			}
		}
		out[d.part] = c
	}
	return out
}

// PairCounts are same-story pair counts: true joins, false joins, missed.
type PairCounts struct{ TP, FP, FN int }
