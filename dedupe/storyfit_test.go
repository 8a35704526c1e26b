package dedupe

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"slices"
	"testing"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/logistic"
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

// pairRidge is the pairwise model's L2 penalty.
const pairRidge = 1.0

// pairSample is one candidate pair of a day: its features and whether
// the two are one story.
type pairSample struct {
	x    pairFeatures
	same bool
}

// pairSamples returns every candidate pair the index compares on the
// day's runs, with nothing joined by event (the candidates then do not
// depend on a model's decisions).
func (d storyDay) pairSamples(t *testing.T) []pairSample {
	var out []pairSample
	for i, run := range d.runs {
		s := defaultEventSetting
		s.minShared = pairGate
		ix := newEventIndex(s, nil)
		var order []string
		seen := map[[2]uint32]bool{}
		var in uint32
		ix.evModel = &pairModel{cut: 2, observe: func(slot uint32, f *pairFeatures) {
			if k := [2]uint32{in, slot}; !seen[k] {
				seen[k] = true
				out = append(out, pairSample{*f, d.gold[i][order[slot]] == d.gold[i][order[in]]})
			}
		}}
		for _, a := range run {
			in = ix.n
			order = append(order, a.ID)
			ix.Assign(&a)
			if ix.n != uint32(len(order)) {
				t.Fatalf("%s: slot %d for article %d", d.name, ix.n, len(order))
			}
		}
	}
	return out
}

// fitPairs fits the pairwise model's weights on samples.
func fitPairs(samples []pairSample) pairFeatures {
	xs := make([][]float64, len(samples))
	ys := make([]bool, len(samples))
	for i := range samples {
		xs[i], ys[i] = samples[i].x[:], samples[i].same
	}
	var w pairFeatures
	copy(w[:], logistic.Fit(xs, ys, make([]float64, len(xs)), numPairFeatures, pairRidge))
	return w
}

// scoreModel counts the day's same-story pairs with the pairwise model.
func (d storyDay) scoreModel(w pairFeatures, cut float64) pairCounts {
	var all pairCounts
	for i, run := range d.runs {
		s := defaultEventSetting
		s.minShared = pairGate
		ix := newEventIndex(s, nil)
		ix.evModel = &pairModel{w: w, cut: cut}
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

// pairCuts are the cuts the pairwise model's choice considers.
var pairCuts = []float64{0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95}

// choosePairCut fits on days and picks the cut with the most same-story
// pairs at pooled precision ≥ eventPrecisionFloor on them, at the cut
// and one step lower (a cut on the edge of a precision cliff falls over
// on a day it never saw); the highest cut among equals.
func choosePairCut(days []storyDay, samples [][]pairSample) (pairFeatures, float64, bool) {
	w := fitPairs(slices.Concat(samples...))
	best, bestTP, found := 0.0, -1, false
	var lower pairCounts
	for k, cut := range pairCuts {
		var c pairCounts
		for _, d := range days {
			c = c.add(d.scoreModel(w, cut))
		}
		if k > 0 && c.precision() >= eventPrecisionFloor && lower.precision() >= eventPrecisionFloor && c.tp >= bestTP {
			best, bestTP, found = cut, c.tp, true
		}
		lower = c
	}
	return w, best, found
}

// TestStoryPairModelLeaveOneDayOut fits the pairwise model on twelve of
// the thirteen days, its cut chosen there, and scores the thirteenth.
func TestStoryPairModelLeaveOneDayOut(t *testing.T) {
	days := storyDays(t)
	samples := make([][]pairSample, len(days))
	for i, d := range days {
		samples[i] = d.pairSamples(t)
	}
	var heldOut, defaults pairCounts
	for i, out := range days {
		w, cut, ok := choosePairCut(slices.Concat(days[:i], days[i+1:]), slices.Concat(samples[:i], samples[i+1:]))
		c, def := pairCounts{}, out.score(defaultEventSetting)
		if ok {
			c = out.scoreModel(w, cut)
		}
		heldOut, defaults = heldOut.add(c), defaults.add(def)
		t.Logf("held out %s: cut %.2f (found %v): %s; defaults %s", out.name, cut, ok, c, def)
	}
	t.Logf("held-out folds pooled: %s; defaults on the same days: %s", heldOut, defaults)
	w, cut, ok := choosePairCut(days, samples)
	t.Logf("fitted on all thirteen: cut %.2f (found %v), weights %.3f", cut, ok, w)
}

// TestPairModelFit fits the pairwise model on all thirteen days, its cut
// chosen there, and checks that pairmodel_weights.go holds that fit;
// with DEDUPE_FIT_PAIRS set (go generate) it writes the file instead.
func TestPairModelFit(t *testing.T) {
	days := storyDays(t)
	var samples [][]pairSample
	n := 0
	for _, d := range days {
		samples = append(samples, d.pairSamples(t))
		n += len(samples[len(samples)-1])
	}
	w, cut, ok := choosePairCut(days, samples)
	if !ok {
		t.Fatalf("no cut holds precision %.2f on the %d days", eventPrecisionFloor, len(days))
	}
	src := pairModelGo(w, cut, len(days), n)
	if out := os.Getenv("DEDUPE_FIT_PAIRS"); out != "" {
		if err := os.WriteFile(out, src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	shipped, err := os.ReadFile("pairmodel_weights.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shipped, src) {
		t.Errorf("pairmodel_weights.go is not the fit on these days; run go generate ./dedupe")
	}
}

// pairFeatureNames name the features in their order, for the generated
// weights.
var pairFeatureNames = [numPairFeatures]string{"bias", "share", "evidence", "lesser_share", "rare_shared",
	"terms_shared", "rare_lone", "subject", "number", "hours_apart", "name_place_speaker", "action", "own_rare_both"}

// pairModelGo is pairmodel_weights.go for weights w and cut.
func pairModelGo(w pairFeatures, cut float64, days, samples int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by \"go generate ./dedupe\" (TestPairModelFit); DO NOT EDIT.\n\npackage dedupe\n\n")
	fmt.Fprintf(&b, "// fittedPairModel is the pairwise model's weights, in the order of\n// pairFeatureNames, fitted on %d candidate pairs of %d labelled days,\n", samples, days)
	fmt.Fprintf(&b, "// and its cut, chosen there (choosePairCut).\nfunc fittedPairModel() (pairFeatures, float64) {\n\treturn pairFeatures{\n")
	for i, x := range w {
		fmt.Fprintf(&b, "\t\t%.4f, // %s\n", x, pairFeatureNames[i])
	}
	fmt.Fprintf(&b, "\t}, %.2f\n}\n", cut)
	src, err := format.Source(b.Bytes())
	if err != nil {
		panic(err)
	}
	return src
}
