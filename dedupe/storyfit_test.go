package dedupe

import (
	"slices"
	"testing"

	"github.com/warta-news/warta/article"
)

// storyDay is one labelled multi-outlet day of the thirteen the event
// constants are chosen on: a headlines-dev day (title only) or one of
// our own days (title only, then with the feeds' descriptions as text).
// Each run's articles are kept pristine and copied for every index.
type storyDay struct {
	name string
	runs [][]article.Article
	gold []map[string]string
}

// storyDays loads headlines-dev's days and our own design, judge and
// fresh judge days (no later judge group: those are read by counts only).
func storyDays(t *testing.T) []storyDay {
	t.Helper()
	var days []storyDay
	keep := func(arts []*article.Article) []article.Article {
		out := make([]article.Article, len(arts))
		for i, a := range arts {
			out[i] = *a
		}
		return out
	}
	for _, d := range headlineDevDays {
		arts, gold := loadHeadlineDay(t, d)
		days = append(days, storyDay{name: d, runs: [][]article.Article{keep(arts)}, gold: []map[string]string{gold}})
	}
	for _, d := range ownDays {
		if d.group != ownDesign && d.group != ownJudge && d.group != ownFresh {
			continue
		}
		day := storyDay{name: d.date}
		for _, withText := range []bool{false, true} {
			arts, gold := loadFixtureDay(t, d.fixtureDay(t), withText)
			day.runs = append(day.runs, keep(arts))
			day.gold = append(day.gold, gold)
		}
		days = append(days, day)
	}
	return days
}

// score assigns each run of the day in a fresh index at setting s and
// counts its same-story pairs, the runs' counts added.
func (d storyDay) score(s eventSetting) pairCounts {
	var all pairCounts
	for i, run := range d.runs {
		ix := newEventIndex(s, nil)
		pred := map[string]string{}
		for _, a := range run {
			ix.Assign(&a)
			pred[a.ID] = a.StoryID
		}
		_, _, tp, fp, fn := pairScore(d.gold[i], pred)
		all = all.add(pairCounts{tp, fp, fn})
	}
	return all
}

// storyGrid is every setting the thirteen-day choice considers: the
// event grid's threshold, evidence and average share, each with a rarity
// prior count.
func storyGrid() []eventSetting {
	var grid []eventSetting
	for _, prior := range []float64{0, 4, 8} {
		for _, s := range eventGrid() {
			s.rarityPrior = prior
			grid = append(grid, s)
		}
	}
	return grid
}

// TestStoryLeaveOneDayOut chooses the event constants on twelve of the
// thirteen labelled days (pooled precision first, chooseEventSetting)
// and scores them on the thirteenth, each day in turn; the held-out
// folds pooled are the honest figure, beside the defaults' on the same
// days.
func TestStoryLeaveOneDayOut(t *testing.T) {
	days := storyDays(t)
	grid := storyGrid()
	counts := map[eventSetting][]pairCounts{}
	for _, s := range grid {
		for _, d := range days {
			counts[s] = append(counts[s], d.score(s))
		}
	}
	index := map[string]int{}
	names := make([]string, len(days))
	for i, d := range days {
		index[d.name], names[i] = i, d.name
	}
	score := func(s eventSetting, day string) pairCounts {
		if c, ok := counts[s]; ok {
			return c[index[day]]
		}
		return pairCounts{}
	}
	var heldOut, defaults pairCounts
	for i, out := range names {
		tune := slices.Concat(names[:i], names[i+1:])
		s, ok := chooseEventSetting(grid, score, tune, true)
		c, def := pairCounts{}, score(defaultEventSetting, out)
		if ok {
			c = score(s, out)
		}
		heldOut, defaults = heldOut.add(c), defaults.add(def)
		t.Logf("held out %s: chosen %s (found %v): %s; defaults %s", out, s, ok, c, def)
	}
	t.Logf("held-out folds pooled: %s; defaults on the same days: %s", heldOut, defaults)
	chosen, _ := chooseEventSetting(grid, score, names, true)
	var all pairCounts
	for _, d := range names {
		all = all.add(score(chosen, d))
	}
	t.Logf("chosen on all thirteen: %s: %s (tuned on)", chosen, all)
}
