package dedupe

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/fixtures"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/parse"
)

// fixtureDay is a day of real feed snapshots labelled by story in
// testdata (see testdata/SOURCES.md).
type fixtureDay struct {
	labels string   // in testdata
	feeds  []string // internal/fixtures
}

var fixtureDays = []fixtureDay{
	{"headlines-2017-04-28.labels.jsonl", []string{"viva_all_2017-04-28.xml", "tempo_terkini_rss091_2017-04-28.xml", "detik_news_2017-04-28.xml"}},
	{"headlines-2017-04-06.labels.jsonl", []string{"tempo_rss2_2017-04-06.xml"}},
	{"headlines-2022-08-28.labels.jsonl", []string{"antara_jambi_terkini_2022-08-28.xml"}},
	{"headlines-2014-04-29.labels.jsonl", []string{"detik_news_2014-04-29_feedsportal.xml"}},
}

// ownDay is a multi-outlet Indonesian day of 2022 labelled by story
// (testdata/SOURCES.md): every feed of the day in its stream directory,
// in name order. Design days may be read in full; judge days are read by
// their pooled counts only, never their items, labels or errors.
type ownDay struct {
	date, dir string
	group     ownGroup
}

// ownGroup is how a day may be read: a design day in full, a judge day
// by its group's pooled counts only. The fresh judges were added after
// the first judges had been read for two variants (counts only), to
// judge the next; the second judges in the twelfth session, after every
// earlier day had been read, to judge its experiments.
type ownGroup int

const (
	ownDesign ownGroup = iota
	ownJudge
	ownFresh
	ownJudge2
	ownGroups
)

func (g ownGroup) String() string {
	return [...]string{"design", "judge", "fresh judge", "second judge"}[g]
}

var ownDays = []ownDay{
	{"2022-06-30", fixtures.HeldOut38StreamDir, ownDesign},
	{"2022-07-01", fixtures.HeldOut36StreamDir, ownDesign},
	{"2022-08-12", fixtures.HeldOut31StreamDir, ownDesign},
	{"2022-07-15", fixtures.HeldOut36StreamDir, ownJudge},
	{"2022-08-19", fixtures.HeldOut31StreamDir, ownJudge},
	{"2022-08-26", fixtures.HeldOut38StreamDir, ownJudge},
	{"2022-07-08", fixtures.HeldOut29StreamDir, ownFresh},
	{"2022-07-12", fixtures.HeldOut23StreamDir, ownFresh},
	{"2022-08-10", fixtures.HeldOut29StreamDir, ownFresh},
	{"2022-08-16", fixtures.HeldOut23StreamDir, ownFresh},
	{"2022-06-29", fixtures.HeldOut53StreamDir, ownJudge2},
	{"2022-07-13", fixtures.HeldOut50StreamDir, ownJudge2},
	{"2022-08-02", fixtures.HeldOut54StreamDir, ownJudge2},
	{"2022-07-06", fixtures.HeldOut49StreamDir, ownJudge2},
}

// fixtureDay returns the day's labels and its feeds, files in name order.
func (d ownDay) fixtureDay(t *testing.T) fixtureDay {
	t.Helper()
	names, err := fixtures.Snapshots(d.dir)
	if err != nil {
		t.Fatal(err)
	}
	day := fixtureDay{labels: "headlines-" + d.date + ".labels.jsonl"}
	for _, n := range names {
		if strings.HasSuffix(n, "_"+d.date+".xml") {
			day.feeds = append(day.feeds, n)
		}
	}
	sort.Strings(day.feeds)
	if len(day.feeds) == 0 {
		t.Fatalf("%s: no feeds in %s", d.date, d.dir)
	}
	return day
}

// loadFixtureDay returns the day's items as articles in publication
// order, all first seen together as in one cycle, with their text when
// withText (the feeds' descriptions), and their gold stories.
func loadFixtureDay(t *testing.T, day fixtureDay, withText bool) ([]*article.Article, map[string]string) {
	t.Helper()
	storyOf := map[string]string{}
	for _, l := range readJSONL[struct{ Link, Story string }](t, filepath.Join("testdata", day.labels)) {
		storyOf[l.Link] = l.Story
	}
	// First seen together, after the last item of any of the 2022 days, or
	// of the day when it is later.
	seen := time.Date(2022, 8, 29, 0, 0, 0, 0, time.UTC)
	var feeds []*parse.Feed
	for _, name := range day.feeds {
		raw, err := fixtures.Read(name)
		if err != nil {
			t.Fatal(err)
		}
		feed, err := parse.Parse(raw, "application/rss+xml", seen)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, it := range feed.Items {
			if after := it.Published.Add(time.Hour); after.After(seen) {
				seen = after
			}
		}
		feeds = append(feeds, feed)
	}
	var arts []*article.Article
	gold := map[string]string{}
	for f, feed := range feeds {
		name := day.feeds[f]
		for _, it := range feed.Items {
			story, ok := storyOf[it.Link]
			if !ok {
				t.Fatalf("%s: %s has no label", name, it.Link)
			}
			a := &article.Article{ID: article.IDFromURL(it.Link), URL: it.Link, Title: normalize.InlineText(it.Title),
				Published: it.Published, FirstSeen: seen, Source: name}
			if withText {
				a.Text = normalize.PlainText(it.Summary)
			}
			gold[a.ID] = story
			arts = append(arts, a)
		}
	}
	if len(gold) != len(storyOf) {
		t.Fatalf("%d items, %d labels", len(gold), len(storyOf))
	}
	sort.SliceStable(arts, func(i, j int) bool { return arts[i].Published.Before(arts[j].Published) })
	return arts, gold
}

// scoreFixtureDay assigns a day's items to stories with actors (nil:
// none) and counts its same-story pairs; logErrors logs the day's wrong
// pairs when asked (go test -v, DEDUPE_EVAL_ERRORS set), and is never
// called for a judge day.
func scoreFixtureDay(t *testing.T, day fixtureDay, withText bool, actors ActorSource) (c pairCounts, logErrors func()) {
	t.Helper()
	arts, gold := loadFixtureDay(t, day, withText)
	ix := NewIndex(Options{Actors: actors})
	pred := map[string]string{}
	for _, a := range arts {
		ix.Assign(a)
		pred[a.ID] = a.StoryID
	}
	_, _, tp, fp, fn := pairScore(gold, pred)
	return pairCounts{tp, fp, fn}, func() {
		if !testing.Verbose() || os.Getenv("DEDUPE_EVAL_ERRORS") == "" {
			return
		}
		for i, x := range arts {
			for _, y := range arts[:i] {
				if same, said := gold[x.ID] == gold[y.ID], pred[x.ID] == pred[y.ID]; same != said {
					t.Logf("same=%v said=%v %q / %q %s", same, said, y.Title, x.Title, x.StoryMatch.Method)
				}
			}
		}
	}
}

// TestHeadlineFixtureDays are further held-out days, never used to choose
// anything: other years, other outlets (Viva, Tempo, Detik, Antara),
// labelled by reading. Between them they hold 12 same-story pairs (two
// of them copies) and many near misses, so they check precision more than
// recall; pooled, precision must hold at the goal, and recall stay at
// what the first run measured (2 and 3 of the 12 pairs).
func TestHeadlineFixtureDays(t *testing.T) {
	headlineFixtureDays(t, nil)
}

// headlineFixtureDays scores the fixture days with actors (nil: none).
func headlineFixtureDays(t *testing.T, actors ActorSource) {
	for _, withText := range []bool{false, true} {
		var all pairCounts
		for _, day := range fixtureDays {
			c, logErrors := scoreFixtureDay(t, day, withText, actors)
			all = all.add(c)
			t.Logf("%s, text %v: %s", day.labels, withText, c)
			logErrors()
		}
		t.Logf("fixture days pooled, text %v: %s", withText, all)
		floor := map[bool]float64{false: 0.16, true: 0.25}[withText]
		if all.precision() < eventPrecisionFloor || all.recall() < floor {
			t.Errorf("text %v: %s, floors P %.2f R %.2f", withText, all, eventPrecisionFloor, floor)
		}
	}
}

// ownDayFloors are the pooled floors of the own days per group, title
// only (false) and with text (true): at least two same-story pairs fewer
// than main found at the group's first measure (2026-12-02), and no more
// false joins than once a desk's name as title was taken for a label
// (labeltitle: one on the design days, one on the judge days, either
// way); the fresh judges' from main's first measure of them (leadopt:
// none title only, one with text). Still below the goal's precision
// (eventPrecisionFloor) on these days. The second judges' likewise
// from main's first measure of them (2026-12-02: 16 / 2 both ways).
var ownDayFloors = map[bool][ownGroups]pairCounts{
	false: {ownDesign: {tp: 29 - 2, fp: 1}, ownJudge: {tp: 5 - 2, fp: 1}, ownFresh: {tp: 17 - 2, fp: 0}, ownJudge2: {tp: 16 - 2, fp: 2}},
	true:  {ownDesign: {tp: 28 - 2, fp: 1}, ownJudge: {tp: 6 - 2, fp: 1}, ownFresh: {tp: 17 - 2, fp: 1}, ownJudge2: {tp: 16 - 2, fp: 2}},
}

// TestHeadlineOwnDays scores the multi-outlet days of 2022, title only
// and with the feeds' descriptions as text. Design days are logged day by
// day (and their errors with DEDUPE_EVAL_ERRORS); judge days only pooled
// per group, counts only.
func TestHeadlineOwnDays(t *testing.T) {
	for _, withText := range []bool{false, true} {
		var pooled [ownGroups]pairCounts
		for _, d := range ownDays {
			c, logErrors := scoreFixtureDay(t, d.fixtureDay(t), withText, nil)
			pooled[d.group] = pooled[d.group].add(c)
			if d.group == ownDesign {
				t.Logf("design %s, text %v: %s", d.date, withText, c)
				logErrors()
			}
		}
		for g, c := range pooled {
			t.Logf("%s days pooled, text %v: %s", ownGroup(g), withText, c)
			floor := ownDayFloors[withText][g]
			if c.tp < floor.tp || c.fp > floor.fp {
				t.Errorf("%s days, text %v: %s; floors tp ≥ %d, fp ≤ %d", ownGroup(g), withText, c, floor.tp, floor.fp)
			}
		}
	}
}

// fullTextDay is five outlets' news desks of 18 June 2025, each item with
// its whole article text (fixtures.FullTextStoryDayDir), labelled by story
// (testdata/SOURCES.md). A design day: its errors may be read.
func fullTextDay(t *testing.T) fixtureDay {
	return storyDayOf(t, fixtures.FullTextStoryDayDir, "headlines-2025-06-18.labels.jsonl")
}

// fullTextJudgeDays are the same outlets' news desks of 20 and 19 June
// 2025 (fixtures.FullTextJudgeDayDir, FullTextJudge2DayDir), each labelled
// by story before the index ran on it, and read by their counts only. The
// 20 June day's errors have since been read (BENCHMARKS.md, burst): it
// keeps its floors here but is a design day now; 19 June stays a judge.
func fullTextJudgeDays(t *testing.T) []fixtureDay {
	return []fixtureDay{
		storyDayOf(t, fixtures.FullTextJudgeDayDir, "headlines-2025-06-20.labels.jsonl"),
		storyDayOf(t, fixtures.FullTextJudge2DayDir, "headlines-2025-06-19.labels.jsonl"),
	}
}

// storyDayOf is the story day (full-text or full-day) of the fixture
// directory dir and the labels file labels.
func storyDayOf(t *testing.T, dir, labels string) fixtureDay {
	t.Helper()
	names, err := fixtures.Snapshots(dir)
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	return fixtureDay{labels: labels, feeds: names}
}

// fullTextDayFloors are the floors of the full-text day, title only
// (false) and with the whole text (true): two same-story pairs fewer than
// the measure of the quantity guard (2026-12-05: 15 / 0 / 142 and
// 14 / 0 / 143; the first, 2026-12-04, was 13 / 1 / 144 and 12 / 1 / 145)
// and no false join.
var fullTextDayFloors = map[bool]pairCounts{false: {tp: 15 - 2, fp: 0}, true: {tp: 14 - 2, fp: 0}}

// TestFullTextStoryDay scores the full-text day title only and with each
// item's whole text: issue 13's goal holds for full-text reports too, and
// the event signature reads headlines only, so the text adds nothing yet
// (BENCHMARKS.md, fulltext).
func TestFullTextStoryDay(t *testing.T) {
	day := fullTextDay(t)
	for _, withText := range []bool{false, true} {
		c, logErrors := scoreFixtureDay(t, day, withText, nil)
		t.Logf("full-text day, text %v: %s", withText, c)
		logErrors()
		if floor := fullTextDayFloors[withText]; c.tp < floor.tp || c.fp > floor.fp {
			t.Errorf("text %v: %s; floors tp ≥ %d, fp ≤ %d", withText, c, floor.tp, floor.fp)
		}
	}
}

// fullTextJudgeDayFloors are the floors of the full-text judge days, by
// labels file, title only (false) and with the whole text (true): two
// same-story pairs fewer than each day's first measure (2026-12-05: 20
// June 9 / 1 / 81 and 8 / 1 / 82; 19 June 1 / 1 / 27 both, so none
// there) and no more false joins.
var fullTextJudgeDayFloors = map[string]map[bool]pairCounts{
	"headlines-2025-06-20.labels.jsonl": {false: {tp: 9 - 2, fp: 1}, true: {tp: 8 - 2, fp: 1}},
	"headlines-2025-06-19.labels.jsonl": {false: {tp: 0, fp: 1}, true: {tp: 0, fp: 1}},
}

// TestFullTextJudgeDay scores the full-text judge days, title only and with
// each item's whole text, by their counts only.
func TestFullTextJudgeDay(t *testing.T) {
	for _, day := range fullTextJudgeDays(t) {
		for _, withText := range []bool{false, true} {
			c, _ := scoreFixtureDay(t, day, withText, nil)
			t.Logf("full-text judge day %s, text %v: %s", day.labels, withText, c)
			if floor := fullTextJudgeDayFloors[day.labels][withText]; c.tp < floor.tp || c.fp > floor.fp {
				t.Errorf("%s, text %v: %s; floors tp ≥ %d, fp ≤ %d", day.labels, withText, c, floor.tp, floor.fp)
			}
		}
	}
}

// fullDays are two outlets' national desks over whole days (headlines and
// times only, gathered through the day where the other days are midday
// snapshots or a morning's scrape, so that time between one case's
// developments is there to read), labelled by story before the index ran
// on them: 25 March 2026 a judge, read by its counts only
// (fixtures.FullDayJudgeDir), 27 March 2026 a design day, whose errors
// may be read (fixtures.FullDayDesignDir, DEDUPE_EVAL_ERRORS), and 15
// April and 20 May 2026 two more judges (fixtures.FullDayJudgeAprilDir,
// FullDayJudgeMayDir). Each floor, title only (the items have no text), is
// two same-story pairs fewer than the day's first measure (2026-12-05: the
// judge 6 / 3 / 59, P 0.667, R 0.092; the design day 9 / 1 / 50, P 0.900,
// R 0.153; April 6 / 1 / 40, P 0.857, R 0.130; May 6 / 0 / 23, P 1.000, R
// 0.207) and no more false joins.
var fullDays = []struct {
	name, dir, labels string
	design            bool
	floor             pairCounts
}{
	{"full-day judge day", fixtures.FullDayJudgeDir, "headlines-2026-03-25.labels.jsonl", false, pairCounts{tp: 6 - 2, fp: 3}},
	{"full-day design day", fixtures.FullDayDesignDir, "headlines-2026-03-27.labels.jsonl", true, pairCounts{tp: 9 - 2, fp: 1}},
	{"full-day judge day, April", fixtures.FullDayJudgeAprilDir, "headlines-2026-04-15.labels.jsonl", false, pairCounts{tp: 6 - 2, fp: 1}},
	{"full-day judge day, May", fixtures.FullDayJudgeMayDir, "headlines-2026-05-20.labels.jsonl", false, pairCounts{tp: 6 - 2, fp: 0}},
}

// TestFullDays scores the full-day days: the judges by their counts only,
// the design day with its errors on request.
func TestFullDays(t *testing.T) {
	for _, d := range fullDays {
		c, logErrors := scoreFixtureDay(t, storyDayOf(t, d.dir, d.labels), false, nil)
		t.Logf("%s, title only: %s", d.name, c)
		if d.design {
			logErrors()
		}
		if c.tp < d.floor.tp || c.fp > d.floor.fp {
			t.Errorf("%s: %s; floors tp ≥ %d, fp ≤ %d", d.name, c, d.floor.tp, d.floor.fp)
		}
	}
}
