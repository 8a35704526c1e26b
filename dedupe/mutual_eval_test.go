package dedupe

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

// mutualGrid is the pre-registered grid of the mutual rule's bar, below
// the event threshold (BENCHMARKS.md, "Mutual best matches across
// outlets").
var mutualGrid = []float64{0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55}

// scoreMutualDay assigns one dev day's headlines at setting s with the
// online mutual rule at bar t2 (M2).
func scoreMutualDay(t *testing.T, day string, s eventSetting, t2 float64) pairCounts {
	ix := NewIndex(Options{EventThreshold: s.threshold})
	ix.evMinShared, ix.evAvgShare, ix.evMutual = s.minShared, s.avgShare, t2
	_, _, tp, fp, fn := runHeadlineIndex(t, ix, []string{day}, false)
	return pairCounts{tp, fp, fn}
}

// mutualOffline is M1 on one day at setting s: the day indexed, every
// pair of different outlets scored with the day's final rarity, and a
// scorer of the index's joins with the mutual best pairs at a bar added.
func mutualOffline(t *testing.T, day string, s eventSetting) func(t2 float64) pairCounts {
	arts, g := loadHeadlineDay(t, day)
	ix := NewIndex(Options{EventThreshold: s.threshold})
	ix.evMinShared, ix.evAvgShare = s.minShared, s.avgShare
	for _, a := range arts {
		ix.Assign(a)
	}
	if int(ix.n) != len(arts) {
		t.Fatalf("%d slots for %d headlines", ix.n, len(arts))
	}
	n := len(arts)
	score := make([][]float64, n) // score[j][i], i < j: j as the query; -1: kept apart or not compared
	for j := range n {
		score[j] = make([]float64, j)
		q := &ix.at(uint32(j)).eventFields
		sig, minute := q.asQuery(), get24(q.evMinute)
		if len(sig.terms) == 0 || q.evFlags&evOwn != 0 {
			for i := range j {
				score[j][i] = -1
			}
			continue
		}
		w := make([]float64, len(sig.terms))
		total, docs := 0.0, ix.docsAround(minute)
		for k, term := range sig.terms {
			w[k] = ix.weight(term.h, minute, docs)
			if k < len(sig.terms)-sig.optional {
				total += w[k]
			}
		}
		for i := range j {
			e := &ix.at(uint32(i)).eventFields
			gap := absDiff(get24(e.evMinute), minute)
			if arts[i].Source == arts[j].Source || e.nTerms() == 0 || e.evFlags&evOwn != 0 || gap > evMaxGap {
				score[j][i] = -1
				continue
			}
			sc, conflict := ix.evScore(&sig, termMask(&sig), w, total, e, gap)
			if conflict {
				sc = -1
			}
			score[j][i] = sc
		}
	}
	pair := func(a, b int) float64 {
		if a < b {
			a, b = b, a
		}
		return score[a][b]
	}
	// best[a][outlet] is a's best counterpart in outlet.
	best := make([]map[string]int, n)
	for a := range n {
		best[a] = map[string]int{}
		for b := range n {
			if b == a || pair(a, b) <= 0 {
				continue
			}
			o := arts[b].Source
			if c, ok := best[a][o]; !ok || pair(a, b) > pair(a, c) {
				best[a][o] = b
			}
		}
	}
	return func(t2 float64) pairCounts {
		parent := make([]int, n)
		for i := range parent {
			parent[i] = i
		}
		var find func(int) int
		find = func(x int) int {
			for parent[x] != x {
				parent[x] = parent[parent[x]]
				x = parent[x]
			}
			return x
		}
		lead := map[string]int{}
		for i, a := range arts {
			if l, ok := lead[a.StoryID]; ok {
				parent[find(i)] = find(l)
			} else {
				lead[a.StoryID] = i
			}
		}
		for a := range n {
			for o, b := range best[a] {
				if best[b][arts[a].Source] == a && pair(a, b) >= t2 && o != arts[a].Source {
					parent[find(a)] = find(b)
				}
			}
		}
		pred := map[string]string{}
		for i, a := range arts {
			pred[a.ID] = fmt.Sprint(find(i))
		}
		_, _, tp, fp, fn := pairScore(g, pred)
		return pairCounts{tp, fp, fn}
	}
}

// chooseMutualBar is the event constants' rule applied to the bar:
// precision ≥ eventPrecisionFloor on each day at t2 and one step lower,
// then the most pairs, ties the highest bar.
func chooseMutualBar(score func(t2 float64, day string) pairCounts, days []string) (float64, bool) {
	best, found, bestTP := 0.0, false, -1
	for _, t2 := range mutualGrid {
		looser := math.Round((t2-eventThresholdStep)*100) / 100
		ok, tp := slices.Contains(mutualGrid, looser), 0
		for _, d := range days {
			c := score(t2, d)
			ok = ok && c.precision() >= eventPrecisionFloor && score(looser, d).precision() >= eventPrecisionFloor
			tp += c.tp
		}
		if ok && (tp > bestTP || tp == bestTP && t2 > best) {
			best, found, bestTP = t2, true, tp
		}
	}
	return best, found
}

// TestHeadlineMutualLeaveOneDayOut measures the mutual rule (M2 online,
// M1 offline) left one day out: per fold the event constants are main's
// rule's choice on the two tuning days, the bar is then chosen on them.
func TestHeadlineMutualLeaveOneDayOut(t *testing.T) {
	days := headlineDevDays
	cache := map[string]pairCounts{}
	mainScore := func(s eventSetting, day string) pairCounts {
		k := s.String() + day
		if c, ok := cache[k]; ok {
			return c
		}
		c := scoreHeadlineDay(t, day, s, nil)
		cache[k] = c
		return c
	}
	offline := map[string]func(float64) pairCounts{}
	variants := []struct {
		name  string
		score func(s eventSetting, t2 float64, day string) pairCounts
	}{
		{"M2 online", func(s eventSetting, t2 float64, day string) pairCounts {
			k := fmt.Sprintf("M2 %s %.2f %s", s, t2, day)
			if c, ok := cache[k]; ok {
				return c
			}
			c := scoreMutualDay(t, day, s, t2)
			cache[k] = c
			return c
		}},
		{"M1 offline", func(s eventSetting, t2 float64, day string) pairCounts {
			k := s.String() + day
			f, ok := offline[k]
			if !ok {
				f = mutualOffline(t, day, s)
				offline[k] = f
			}
			return f(t2)
		}},
	}
	for _, v := range variants {
		var heldOut, mainHeldOut pairCounts
		for i, out := range days {
			tune := slices.Concat(days[:i], days[i+1:])
			s, ok := chooseEventSetting(eventGrid(), mainScore, tune)
			if !ok {
				t.Fatalf("tuned on %v: no event setting", tune)
			}
			t2, ok := chooseMutualBar(func(t2 float64, d string) pairCounts { return v.score(s, t2, d) }, tune)
			if !ok {
				t.Logf("%s, held out %s: no bar holds precision on %v; main's alone", v.name, out, tune)
			}
			var c pairCounts
			if ok {
				c = v.score(s, t2, out)
			} else {
				c = mainScore(s, out)
			}
			m := mainScore(s, out)
			heldOut, mainHeldOut = heldOut.add(c), mainHeldOut.add(m)
			for _, d := range tune {
				if ok {
					t.Logf("%s, fold %s: tuning day %s at bar %.2f: %s", v.name, out, d, t2, v.score(s, t2, d))
				}
			}
			t.Logf("%s, held out %s: %s, bar %.2f: %s (main %s)", v.name, out, s, t2, c, m)
		}
		t.Logf("%s: held-out folds pooled: %s (main %s)", v.name, heldOut, mainHeldOut)
		s, _ := chooseEventSetting(eventGrid(), mainScore, days)
		t2, ok := chooseMutualBar(func(t2 float64, d string) pairCounts { return v.score(s, t2, d) }, days)
		var all pairCounts
		for _, d := range days {
			all = all.add(v.score(s, t2, d))
		}
		t.Logf("%s: on the three days the rule chooses bar %.2f (found %v) at %s: %s, tuned on", v.name, t2, ok, s, all)
		for _, t2 := range mutualGrid {
			line := fmt.Sprintf("%s bar %.2f at %s:", v.name, t2, s)
			for _, d := range days {
				line += fmt.Sprintf("  %s %s", d, v.score(s, t2, d))
			}
			t.Log(line)
		}
	}
}

// TestHeadlineMutualFixtureDays logs the fixture days (never used to
// choose) with the online mutual rule at each bar of the grid.
func TestHeadlineMutualFixtureDays(t *testing.T) {
	for _, withText := range []bool{false, true} {
		for _, t2 := range append([]float64{0}, mutualGrid...) {
			var all pairCounts
			for _, day := range fixtureDays {
				arts, gold := loadFixtureDay(t, day, withText)
				ix := NewIndex(Options{})
				ix.evMutual = t2
				pred := map[string]string{}
				for _, a := range arts {
					ix.Assign(a)
					pred[a.ID] = a.StoryID
				}
				_, _, tp, fp, fn := pairScore(gold, pred)
				all = all.add(pairCounts{tp, fp, fn})
			}
			t.Logf("fixture days pooled, text %v, bar %.2f: %s", withText, t2, all)
		}
	}
}
