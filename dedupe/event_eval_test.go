package dedupe

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/shared"
)

// The headline dev days (../shared/data/headlines-dev): the event
// signature's constants were chosen on these two November days; the May
// day is held out (see cmd/warta's TestHeadlineStoriesScoredByMaintainersTool).
var tuneDays = []string{"20231101", "20231117"}

type headline struct {
	ID, Outlet, Time, Title, URL string
}

// loadHeadlineDay returns a day's headlines as articles, in publication
// order, all first seen at the same moment as in one cycle, and their gold
// story labels by article ID.
func loadHeadlineDay(t *testing.T, day string) ([]*article.Article, map[string]string) {
	t.Helper()
	dir := shared.Path(t, "data", "headlines-dev")
	read := func(name string, fn func([]byte)) {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fn(sc.Bytes())
		}
	}
	var items []headline
	read(day+".jsonl", func(b []byte) {
		var h headline
		if err := json.Unmarshal(b, &h); err != nil {
			t.Fatal(err)
		}
		items = append(items, h)
	})
	labels := map[string]string{}
	read(day+".labels.jsonl", func(b []byte) {
		var l struct{ ID, Story string }
		if err := json.Unmarshal(b, &l); err != nil {
			t.Fatal(err)
		}
		labels[l.ID] = l.Story
	})
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

// runHeadlineDays assigns the days' headlines in one index, as one cycle
// over the dev feeds does, and scores each day's pairs.
func runHeadlineDays(t *testing.T, days []string, opts Options, verbose bool) (p, r float64, tp, fp, fn int) {
	return runHeadlineIndex(t, NewIndex(opts), days, verbose)
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

// TestHeadlineTuneDays guards the figures on the days the event constants
// were chosen on (1.000 and 0.333 when they were frozen): precision first
// on each day alone, since one busy day of near-identical headlines about
// one place (17 November) can hold all the false joins; the held-out
// day's floors are asserted through the maintainers' scorer in cmd/warta
// (TestHeadlineStoriesScoredByMaintainersTool).
func TestHeadlineTuneDays(t *testing.T) {
	p, r, tp, fp, fn := runHeadlineDays(t, tuneDays, Options{}, testing.Verbose() && os.Getenv("DEDUPE_EVAL_ERRORS") != "")
	t.Logf("tuning days %v: pairwise precision %.3f recall %.3f (tp %d fp %d fn %d)", tuneDays, p, r, tp, fp, fn)
	if p < 0.95 || r < 0.30 {
		t.Errorf("tuning days: precision %.3f recall %.3f, floors 0.95 and 0.30", p, r)
	}
	for _, d := range tuneDays {
		p, r, tp, fp, fn := runHeadlineDays(t, []string{d}, Options{}, false)
		t.Logf("%s: pairwise precision %.3f recall %.3f (tp %d fp %d fn %d)", d, p, r, tp, fp, fn)
		if p < 0.95 {
			t.Errorf("%s: precision %.3f, floor 0.95", d, p)
		}
	}
}

// TestHeadlineSweep logs precision and recall on the tuning days over the
// event constants; run with DEDUPE_SWEEP=1 when retuning.
func TestHeadlineSweep(t *testing.T) {
	if os.Getenv("DEDUPE_SWEEP") == "" {
		t.Skip("set DEDUPE_SWEEP=1 to sweep")
	}
	for _, ls := range []float64{0.5, 0.7, 0.9} {
		for _, ms := range []float64{7, 15, 25} {
			for _, th := range []float64{0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7} {
				ix := NewIndex(Options{EventThreshold: th})
				ix.evMinShared, ix.evAvgShare = ms, ls
				p, r, tp, fp, fn := runHeadlineIndex(t, ix, tuneDays, false)
				// Precision first on each day alone (see TestHeadlineTuneDays).
				worst := 1.0
				for _, d := range tuneDays {
					ix := NewIndex(Options{EventThreshold: th})
					ix.evMinShared, ix.evAvgShare = ms, ls
					dp, _, _, _, _ := runHeadlineIndex(t, ix, []string{d}, false)
					worst = min(worst, dp)
				}
				t.Logf("avg %.1f minShared %.0f threshold %.2f: P %.3f R %.3f (tp %d fp %d fn %d), worst day P %.3f", ls, ms, th, p, r, tp, fp, fn, worst)
			}
		}
	}
}
