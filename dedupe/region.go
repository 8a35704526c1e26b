package dedupe

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Counts and regions of states: "Spanyol, Irlandia dan Norwegia Akui
// Palestina" and "Tiga Negara Eropa Akui Negara Palestina" report one
// decision. A list of states gives its count and the groups of states that
// contain them all (CLDR's containment of the UN M49 regions, through
// golang.org/x/text/language); a number before a word for states gives the
// same count, and the CLDR name of a group after it (in Indonesian or
// English) the same region. Both become terms of the signature, which the
// guards read: another count or another region keeps two apart.

// maxListRegions bounds the regions a list of states adds, the most
// specific first: a signature has few terms to spare.
const maxListRegions = 2

// stateNouns are the words that make a number before them a count of
// states ("Tiga Negara", "3 negara", "three countries").
var stateNouns = set("negara", "country", "countries", "nation", "nations")

// listJoiners join the last state of a list to the others; commas join
// the rest.
var listJoiners = set("dan", "serta", "and")

// regionGroup is a group of states of CLDR's containment.
type regionGroup struct {
	region language.Region
	term   string // "~eropa", "~asia-tenggara": its Indonesian name
	states int    // how many states it contains: fewer is more specific
}

// regionTable is what the event signatures know of CLDR's groups of
// states: the groups, most specific first, and their names by first word.
type regionTable struct {
	groups []regionGroup
	names  map[string][]regionName // by first word, longest first
	// counts and regionTerms hold the hashes of count and region terms,
	// so the guards know them in a stored signature too.
	counts, regionTerms map[uint32]bool
}

// maxCount is the largest count of states a count term is made for
// (the United Nations have 193 members).
const maxCount = 200

// regionName is one name of a group, as lower-case words.
type regionName struct {
	words []string
	group int // index in groups
}

// stateGroups builds the table once: every numeric M49 group but the world,
// named as CLDR names it in Indonesian and English, and the Indonesian
// names also without "bagian" ("Eropa Bagian Barat" is written "Eropa
// Barat").
var stateGroups = sync.OnceValue(func() *regionTable {
	t := &regionTable{names: map[string][]regionName{}, counts: map[uint32]bool{}, regionTerms: map[uint32]bool{}}
	for n := 2; n <= maxCount; n++ {
		t.counts[termHash(countTerm(n))] = true
	}
	id, en := display.Regions(language.Indonesian), display.Regions(language.English)
	world := language.MustParseRegion("001")
	var countries []language.Region
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err == nil && r.IsCountry() && r.String() == string([]rune{a, b}) {
				countries = append(countries, r)
			}
		}
	}
	for n := range 1000 {
		code := fmt.Sprintf("%03d", n)
		r, err := language.ParseRegion(code)
		if err != nil || !r.IsGroup() || r.String() != code || r == world || id.Name(r) == "" {
			continue
		}
		g := regionGroup{region: r, term: "~" + strings.ReplaceAll(strings.ToLower(id.Name(r)), " ", "-")}
		for _, c := range countries {
			if r.Contains(c) {
				g.states++
			}
		}
		t.groups = append(t.groups, g)
	}
	slices.SortStableFunc(t.groups, func(a, b regionGroup) int { return a.states - b.states })
	for i, g := range t.groups {
		t.regionTerms[termHash(g.term)] = true
		idName := strings.Fields(strings.ToLower(id.Name(g.region)))
		for _, words := range [][]string{idName, slices.DeleteFunc(slices.Clone(idName), func(w string) bool { return w == "bagian" }),
			strings.Fields(strings.ToLower(en.Name(g.region)))} {
			list := t.names[words[0]]
			if slices.ContainsFunc(list, func(n regionName) bool { return slices.Equal(n.words, words) }) {
				continue
			}
			list = append(list, regionName{words: words, group: i})
			slices.SortStableFunc(list, func(a, b regionName) int { return len(b.words) - len(a.words) })
			t.names[words[0]] = list
		}
	}
	return t
})

// regionAt returns the group of states named at words[i] and how many
// words name it; n is 0 when none is.
func (t *regionTable) regionAt(words []headlineWord, i int) (group, n int) {
	for _, name := range t.names[words[i].lower] {
		if i+len(name.words) > len(words) {
			continue
		}
		match := true
		for k, w := range name.words {
			match = match && words[i+k].lower == w
		}
		if match {
			return name.group, len(name.words)
		}
	}
	return 0, 0
}

// commonGroups returns the groups that contain every one of states, most
// specific first, at most maxListRegions.
func (t *regionTable) commonGroups(states []language.Region) []int {
	var out []int
	for i, g := range t.groups {
		if len(out) == maxListRegions {
			break
		}
		all := true
		for _, s := range states {
			all = all && g.region.Contains(s)
		}
		if all {
			out = append(out, i)
		}
	}
	return out
}

// countTerm is the term of a count of states, the same whether a list
// gives it or a number ("3 negara").
func countTerm(n int) string { return fmt.Sprintf("%d negara", n) }

// stateList finds the first list of two or more states in a headline:
// states joined by commas and "dan" ("Spanyol, Irlandia dan Norwegia",
// "AS dan Inggris"), or by commas alone when there are three or more (two
// states split by a comma are more often two clauses: "… di Gaza, Mesir
// Buka Rafah"). stateOf gives the actor term and state of a word that
// names one. It returns the listed states' terms, in order, and their
// regions.
func stateList(words []headlineWord, stateOf map[string]listedState) (terms []string, states []language.Region) {
	var run []listedState
	// joining: a joiner follows the last state; joined: a state followed
	// a joiner; open: a comma or joiner follows the last state.
	joining, joined, open := false, false, false
	var last string
	flush := func() bool {
		ok := len(run) >= 3 || len(run) == 2 && joined
		if ok {
			for _, s := range run {
				terms = append(terms, s.term)
				states = append(states, s.region)
			}
		}
		run, joining, joined, open, last = run[:0], false, false, false, ""
		return ok
	}
	for _, w := range words {
		s, isState := stateOf[w.lower]
		switch {
		case isState && s.term == last && !open:
			// The next word of the same state's name ("Amerika Serikat").
		case isState && (len(run) == 0 || open):
			if !slices.ContainsFunc(run, func(x listedState) bool { return x.term == s.term }) {
				run = append(run, s)
			}
			joined = joined || joining
			joining, last = false, s.term
		case isState:
			// Two states with nothing between them are no list.
			if flush() {
				return terms, states
			}
			run, last = append(run, s), s.term
		case listJoiners[w.lower] && len(run) > 0 && !joined && !joining:
			joining, open = true, true
			continue
		default:
			if flush() {
				return terms, states
			}
			continue
		}
		open = w.comma
	}
	flush()
	return terms, states
}

// listedState is a state a headline names: its actor term and region.
type listedState struct {
	term   string
	region language.Region
}
