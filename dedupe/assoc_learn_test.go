package dedupe

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"math"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/internal/fixtures"
	"github.com/warta-news/warta/language"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/parse"
)

var updateAssoc = flag.Bool("update-assoc", false, "write assoc_gen.go from the unlabelled multi-outlet days of internal/fixtures (go generate ./dedupe)")

// How associations are learned from the unlabelled days.
const (
	// assocLastStream: streams above it are judges, never read.
	assocLastStream = 58
	// assocMinOutlets: a day of fewer Indonesian outlets is no
	// multi-outlet day.
	assocMinOutlets = 8
	// assocRareDocs: a term in at most this many of a day's items is rare
	// that day; assocMinRare rare terms shared make a pair of two outlets
	// one event with confidence.
	assocRareDocs = 8
	assocMinRare  = 2
	// assocMinDays: an association met on fewer days is one event's
	// words, not how outlets say one thing.
	assocMinDays = 3
)

// assocMinPMI: how much more often the two terms must face each other
// across a confident pair than across any two headlines of the same days
// (ln 4): words of one long story ("Brigadir", "Sambo") face each other
// across any two of its headlines, one event's two wordings across its
// pairs.
var assocMinPMI = math.Log(4)

var dayOfFeed = regexp.MustCompile(`^(.*)_(\d{4}-\d{2}-\d{2})\.xml$`)

// assocDays returns the unlabelled days of the spent streams: date → feed
// names, every labelled own day left out (judge or not, so
// the design days are a fair test).
func assocDays(t *testing.T) map[string][]string {
	t.Helper()
	labelled := map[string]bool{}
	for _, d := range ownDays {
		labelled[d.date] = true
	}
	dirs := []string{fixtures.StreamDir, fixtures.HeldOutStreamDir}
	for n := 2; n <= assocLastStream; n++ {
		dirs = append(dirs, fmt.Sprintf("%s%d", fixtures.HeldOutStreamDir, n))
	}
	days := map[string][]string{}
	for _, dir := range dirs {
		names, err := fixtures.Snapshots(dir)
		if err != nil {
			continue // a number not used for a stream
		}
		for _, n := range names {
			m := dayOfFeed.FindStringSubmatch(n[strings.LastIndex(n, "/")+1:])
			if m == nil || labelled[m[2]] {
				continue
			}
			days[m[2]] = append(days[m[2]], n)
		}
	}
	return days
}

// assocItem is one headline of a day: its outlet and its signature's
// terms (hash → word).
type assocItem struct {
	outlet string
	terms  map[uint32]string
}

// assocDayItems reads a day's Indonesian feeds (their declared
// language), with how many outlets gave them.
func assocDayItems(t *testing.T, feeds []string) ([]assocItem, int) {
	t.Helper()
	sort.Strings(feeds)
	k := NewSketcher(Options{})
	seen := time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC)
	links := map[string]bool{}
	var items []assocItem
	outlets := 0
	for _, name := range feeds {
		raw, err := fixtures.Read(name)
		if err != nil {
			t.Fatal(err)
		}
		feed, err := parse.Parse(raw, "application/rss+xml", seen)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if language.Primary(feed.Language) != language.Indonesian {
			continue
		}
		outlets++
		outlet := dayOfFeed.FindStringSubmatch(name[strings.LastIndex(name, "/")+1:])[1]
		for _, it := range feed.Items {
			if links[it.Link] {
				continue
			}
			links[it.Link] = true
			sig := k.Sketch(normalize.InlineText(it.Title), "").sig
			if sig.own || len(sig.terms) == 0 {
				continue
			}
			terms := map[uint32]string{}
			for _, tm := range sig.terms {
				terms[tm.h] = tm.word
			}
			items = append(items, assocItem{outlet: outlet, terms: terms})
		}
	}
	return items, outlets
}

// associable: a word, not a number, an actor, a count or a region.
func associable(w string) bool {
	for _, r := range w {
		if !(r >= 'a' && r <= 'z') {
			return false
		}
	}
	return len(w) > 2
}

// learnAssociations counts, over the confident same-event pairs of the
// unlabelled days, which term one headline has where the other has
// another, and keeps the pairs of terms that face each other on at least
// assocMinDays days and assocMinPMI beyond chance. It returns them a
// pair a line, and what it read.
func learnAssociations(t *testing.T) (string, string) {
	t.Helper()
	days := assocDays(t)
	dates := make([]string, 0, len(days))
	for d := range days {
		dates = append(dates, d)
	}
	sort.Strings(dates)
	pairN := map[[2]string]int{}    // confident pairs with the two terms facing
	pairDays := map[[2]string]int{} // days with them facing
	var dayDF []map[string]int      // per day, items with each word
	allPairs := 0                   // pairs of items of the days
	pairs := 0
	var read []string
	for _, d := range dates {
		items, outlets := assocDayItems(t, days[d])
		if outlets < assocMinOutlets {
			continue
		}
		read = append(read, d)
		today := map[[2]string]bool{}
		words := map[string]int{}
		for _, it := range items {
			for _, w := range it.terms {
				words[w]++
			}
		}
		dayDF = append(dayDF, words)
		allPairs += len(items) * (len(items) - 1) / 2
		df := map[uint32]int{}
		for _, it := range items {
			for h := range it.terms {
				df[h]++
			}
		}
		for i, x := range items {
			for _, y := range items[:i] {
				if x.outlet == y.outlet {
					continue
				}
				rare := 0
				for h := range x.terms {
					if _, ok := y.terms[h]; ok && df[h] <= assocRareDocs {
						rare++
					}
				}
				if rare < assocMinRare {
					continue
				}
				pairs++
				var a, b []string
				for h, w := range x.terms {
					if _, ok := y.terms[h]; !ok && associable(w) {
						a = append(a, w)
					}
				}
				for h, w := range y.terms {
					if _, ok := x.terms[h]; !ok && associable(w) {
						b = append(b, w)
					}
				}
				for _, u := range a {
					for _, v := range b {
						if u == v {
							continue
						}
						key := [2]string{min(u, v), max(u, v)}
						pairN[key]++
						today[key] = true
					}
				}
			}
		}
		for p := range today {
			pairDays[p]++
		}
	}
	var kept []string
	for p, n := range pairN {
		if pairDays[p] < assocMinDays {
			continue
		}
		// Chance: how often the two words face each other across any
		// two headlines of the same days.
		chance := 0
		for _, words := range dayDF {
			chance += words[p[0]] * words[p[1]]
		}
		pmi := math.Log(float64(n) / float64(pairs) * float64(allPairs) / float64(chance))
		if pmi >= assocMinPMI {
			kept = append(kept, p[0]+" "+p[1])
		}
	}
	sort.Strings(kept)
	what := fmt.Sprintf("%d days (%s … %s), %d confident pairs", len(read), read[0], read[len(read)-1], pairs)
	return strings.Join(kept, "\n"), what
}

// TestStoryAssociationsGenerated: assoc_gen.go holds what the unlabelled
// days teach; with -update-assoc it writes it.
func TestStoryAssociationsGenerated(t *testing.T) {
	learned, what := learnAssociations(t)
	t.Logf("%s, %d associations", what, strings.Count(learned, "\n")+1)
	if *updateAssoc {
		var b bytes.Buffer
		b.WriteString("// Code generated by go generate ./dedupe from the unlabelled multi-outlet days of internal/fixtures; DO NOT EDIT.\n\n")
		fmt.Fprintf(&b, "package dedupe\n\n// %s.\nconst generatedAssociations = %q\n", what, learned)
		src, err := format.Source(b.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("assoc_gen.go", src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if learned != generatedAssociations {
		t.Fatal("assoc_gen.go is not what the fixtures teach: run go generate ./dedupe")
	}
}
