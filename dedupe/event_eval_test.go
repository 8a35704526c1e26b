package dedupe

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/shared"
)

// headlineDevDays are the labelled days of ../shared/data/headlines-dev;
// the event constants are chosen on them by TestHeadlineLeaveOneDayOut.
var headlineDevDays = []string{"20231101", "20231117", "20240507"}

type headline struct {
	ID, Outlet, Time, Title, URL string
}

// loadHeadlineDay returns a day's headlines as articles, in publication
// order, all first seen at the same moment as in one cycle, and their gold
// story labels by article ID.
func loadHeadlineDay(t *testing.T, day string) ([]*article.Article, map[string]string) {
	t.Helper()
	dir := shared.Path(t, "data", "headlines-dev")
	items := readJSONL[headline](t, filepath.Join(dir, day+".jsonl"))
	labels := map[string]string{}
	for _, l := range readJSONL[struct{ ID, Story string }](t, filepath.Join(dir, day+".labels.jsonl")) {
		labels[l.ID] = l.Story
	}
	seen := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	var arts []*article.Article
	gold := map[string]string{}
	for _, h := range items {
		pub, err := time.Parse(time.RFC3339, h.Time)
		if err != nil {
			t.Fatal(err)
		}
		id := article.IDFromURL(h.URL)
		arts = append(arts, &article.Article{ID: id, URL: h.URL, Title: h.Title, Published: pub, FirstSeen: seen, Source: h.Outlet})
		gold[id] = labels[h.ID]
	}
	sort.SliceStable(arts, func(i, j int) bool { return arts[i].Published.Before(arts[j].Published) })
	return arts, gold
}

// readJSONL decodes a file of one JSON value a line.
func readJSONL[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

func runHeadlineIndex(t *testing.T, ix *Index, days []string, verbose bool) (p, r float64, tp, fp, fn int) {
	gold := map[string]string{}
	pred := map[string]string{}
	var all []*article.Article
	for _, d := range days {
		arts, g := loadHeadlineDay(t, d)
		for _, a := range arts {
			gold[a.ID] = d + "/" + g[a.ID]
		}
		all = append(all, arts...)
	}
	byID := map[string]*article.Article{}
	for _, a := range all {
		ix.Assign(a)
		pred[a.ID] = a.StoryID
		byID[a.ID] = a
	}
	p, r, tp, fp, fn = pairScore(gold, pred)
	if verbose {
		for i, x := range all {
			for _, y := range all[:i] {
				same, said := gold[x.ID] == gold[y.ID], x.StoryID == y.StoryID
				if same != said {
					t.Logf("same=%v said=%v\n  %s %q\n  %s %q  %s", same, said, y.Source, y.Title, x.Source, x.Title, x.StoryMatch.Method)
				}
			}
		}
	}
	return p, r, tp, fp, fn
}

// TestHeadlineSweep logs each dev day's pairs over the grid the
// leave-one-day-out choice reads; run with DEDUPE_SWEEP=1 when retuning.
func TestHeadlineSweep(t *testing.T) {
	if os.Getenv("DEDUPE_SWEEP") == "" {
		t.Skip("set DEDUPE_SWEEP=1 to sweep")
	}
	for _, s := range eventGrid() {
		line := s.String() + ":"
		for _, d := range headlineDevDays {
			line += fmt.Sprintf("  %s %s", d, scoreHeadlineDay(t, d, s, nil))
		}
		t.Log(line)
	}
}

// eventSetting is one point of the event constants' grid.
type eventSetting struct {
	threshold, minShared, avgShare float64
}

func (s eventSetting) String() string {
	return fmt.Sprintf("threshold %.2f, shared evidence ≥ %.0f, average share %.1f", s.threshold, s.minShared, s.avgShare)
}

// defaultEventSetting is the operating point NewIndex uses.
var defaultEventSetting = eventSetting{DefaultEventThreshold, minSharedWeight, defaultAvgShare}

// eventGrid is every setting the leave-one-day-out choice considers.
func eventGrid() []eventSetting {
	var grid []eventSetting
	for _, avg := range []float64{0.5, 0.7, 0.9} {
		for _, shared := range []float64{10, 15, 20, 25, 30, 40} {
			for th := 0.45; th < 0.81; th += eventThresholdStep {
				grid = append(grid, eventSetting{math.Round(th*100) / 100, shared, avg})
			}
		}
	}
	return grid
}

// pairCounts are one day's same-story pair counts.
type pairCounts struct{ tp, fp, fn int }

func (c pairCounts) add(o pairCounts) pairCounts {
	return pairCounts{c.tp + o.tp, c.fp + o.fp, c.fn + o.fn}
}

func (c pairCounts) precision() float64 {
	if c.tp+c.fp == 0 {
		return 1 // nothing joined: no false join
	}
	return float64(c.tp) / float64(c.tp+c.fp)
}

func (c pairCounts) recall() float64 { return float64(c.tp) / float64(max(1, c.tp+c.fn)) }

func (c pairCounts) String() string {
	return fmt.Sprintf("P %.3f R %.3f (tp %d fp %d fn %d)", c.precision(), c.recall(), c.tp, c.fp, c.fn)
}

// scoreHeadlineDay assigns one dev day's headlines at setting s, the
// event signatures knowing actors through actors (nil: by their words).
func scoreHeadlineDay(t *testing.T, day string, s eventSetting, actors ActorSource) pairCounts {
	ix := NewIndex(Options{EventThreshold: s.threshold, Actors: actors})
	ix.evMinShared, ix.evAvgShare = s.minShared, s.avgShare
	_, _, tp, fp, fn := runHeadlineIndex(t, ix, []string{day}, false)
	return pairCounts{tp, fp, fn}
}

// chooseEventSetting is the rule that picks the event constants from
// labelled days: precision first on each day alone (one day of
// near-identical headlines about one place can hold all the false joins,
// and pooled days hide that), at the setting and one threshold step
// looser (a point on the edge of a precision cliff falls over on a day
// it never saw), then the most pairs found over the days;
// among equals, the strictest setting (highest shared evidence, then
// threshold, then average share), which loses least precision on a day
// unlike these.
func chooseEventSetting(grid []eventSetting, score func(eventSetting, string) pairCounts, days []string) (eventSetting, bool) {
	best, found, bestTP := eventSetting{}, false, -1
	for _, s := range grid {
		looser := s
		looser.threshold = math.Round((s.threshold-eventThresholdStep)*100) / 100
		tp, ok := 0, slices.Contains(grid, looser)
		for _, d := range days {
			c := score(s, d)
			ok = ok && c.precision() >= eventPrecisionFloor && score(looser, d).precision() >= eventPrecisionFloor
			tp += c.tp
		}
		stricter := s.minShared > best.minShared || s.minShared == best.minShared && (s.threshold > best.threshold ||
			s.threshold == best.threshold && s.avgShare > best.avgShare)
		if ok && (tp > bestTP || tp == bestTP && stricter) {
			best, found, bestTP = s, true, tp
		}
	}
	return best, found
}

// eventThresholdStep is the grid's step in threshold.
const eventThresholdStep = 0.05

// eventPrecisionFloor is the pairwise precision the choice asks of each
// labelled day (issue 13's goal).
const eventPrecisionFloor = 0.95

// TestHeadlineLeaveOneDayOut is the honest figure for the event
// constants: on each rotation of the three labelled dev days, the rule
// chooses them on two days and they are scored on the third, which the
// choice never saw. The floors asserted are those of the held-out folds;
// the default operating point is what the rule chooses on all three days.
func TestHeadlineLeaveOneDayOut(t *testing.T) {
	chosen := headlineLeaveOneDayOut(t, nil, eventHeldOutFloors)
	if chosen != defaultEventSetting {
		t.Errorf("the rule chooses %s on the three days; the default is %s", chosen, defaultEventSetting)
	}
}

// headlineLeaveOneDayOut runs the rotations with actors (nil: none),
// asserts each held-out fold's floors and returns the setting the rule
// chooses on all three days.
func headlineLeaveOneDayOut(t *testing.T, actors ActorSource, floors map[string]struct{ precision, recall float64 }) eventSetting {
	days := headlineDevDays
	grid := eventGrid()
	cache := map[string]pairCounts{}
	score := func(s eventSetting, day string) pairCounts {
		k := s.String() + day
		if c, ok := cache[k]; ok {
			return c
		}
		c := scoreHeadlineDay(t, day, s, actors)
		cache[k] = c
		return c
	}
	var heldOut pairCounts
	for i, out := range days {
		tune := slices.Concat(days[:i], days[i+1:])
		s, ok := chooseEventSetting(grid, score, tune)
		if !ok {
			t.Fatalf("tuned on %v: no setting holds precision %.2f", tune, eventPrecisionFloor)
		}
		var tuned pairCounts
		for _, d := range tune {
			tuned = tuned.add(score(s, d))
		}
		c := score(s, out)
		heldOut = heldOut.add(c)
		t.Logf("held out %s: chosen on %v: %s; tuned days %s; held-out day %s", out, tune, s, tuned, c)
		floor := floors[out]
		if c.precision() < floor.precision || c.recall() < floor.recall {
			t.Errorf("held out %s: %s, floors P %.2f R %.2f", out, c, floor.precision, floor.recall)
		}
	}
	t.Logf("held-out folds pooled: %s", heldOut)
	chosen, _ := chooseEventSetting(grid, score, days)
	var all pairCounts
	for _, d := range days {
		c := score(defaultEventSetting, d)
		all = all.add(c)
		t.Logf("default (%s) on %s, tuned on: %s", defaultEventSetting, d, c)
	}
	t.Logf("default on the three days, tuned on: %s; the rule chooses %s", all, chosen)
	return chosen
}

// eventHeldOutFloors: each fold's held-out figures (precision 1.000 on
// every fold, recall 0.211, 0.224 and 0.045 with the same-speaker
// exception to the saying guard), precision at the goal, recall rounded
// down.
var eventHeldOutFloors = map[string]struct{ precision, recall float64 }{
	"20231101": {eventPrecisionFloor, 0.21},
	"20231117": {eventPrecisionFloor, 0.20},
	"20240507": {eventPrecisionFloor, 0.04},
}
