package dedupe

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"go/format"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/warta-news/warta/internal/fixtures"
	"github.com/warta-news/warta/language"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/parse"
)

var updateSynonyms = flag.Bool("update-synonyms", false, "write synonyms_gen.go from Debian's mythes-id thesaurus and the spent streams' vocabulary (go generate ./dedupe)")

// thesaurusPath is where Debian's mythes-id package installs the
// Indonesian thesaurus of LibreOffice (apt-get install mythes-id).
const thesaurusPath = "/usr/share/mythes/th_id_ID_v2.dat"

// How synonym classes are kept from the thesaurus: conservative, since a
// class joins every headline that uses any of its words.
const (
	// synLastStream: streams above it are judges, never read.
	synLastStream = 64
	// synMinTitles: a stem in fewer Indonesian titles of the spent
	// streams' unlabelled days is not news vocabulary.
	synMinTitles = 3
	// synMaxClass: a larger set of mutual synonyms chains meanings
	// through a polysemous word.
	synMaxClass = 3
	// synOneSense: only words of one sense in the thesaurus ("tolak" is
	// to push and to refuse; "pukul" to hit and o'clock).
	synOneSense = false
)

// thesaurusEntries reads a MyThes file (ISO-8859-1: "word|n" and n lines
// "[pos]|syn|…"): word → its senses' synonyms, antonyms ([ant]) left out.
func thesaurusEntries(t *testing.T, raw []byte) map[string][][]string {
	t.Helper()
	text, err := charmap.ISO8859_1.NewDecoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(text))
	sc.Scan() // the encoding line
	out := map[string][][]string{}
	for sc.Scan() {
		word, n, ok := strings.Cut(sc.Text(), "|")
		if !ok {
			continue
		}
		var count int
		fmt.Sscan(n, &count)
		for i := 0; i < count && sc.Scan(); i++ {
			parts := strings.Split(sc.Text(), "|")
			if parts[0] == "[ant]" {
				continue
			}
			out[word] = append(out[word], parts[1:])
		}
	}
	return out
}

// synonymStem is a thesaurus word's term as a headline's would be: one
// content word, not a number nor a function word, that headlineWords
// leaves whole or maps to its short form; "" if none. An affixed word is
// left out: its stripped stem may be another word ("menenggak", to gulp,
// would be "enggak", no).
func synonymStem(w string) string {
	if strings.ContainsAny(w, " -'.") {
		return ""
	}
	words := headlineWords(w)
	if len(words) != 1 || words[0].stop || words[0].num != "" || sayingVerbs[words[0].lower] || sayingVerbs[words[0].stem] {
		return ""
	}
	s := words[0].stem
	if s != w && shortForms[w] == "" {
		return ""
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	return s
}

// synonymVocabulary counts, per stem, the Indonesian titles of the spent
// streams' days that have it, every labelled own day left out (judge or
// not), so the days the classes are measured on chose none of them.
func synonymVocabulary(t *testing.T) (newsVocabulary, int) {
	t.Helper()
	labelled := map[string]bool{}
	for _, d := range ownDays {
		labelled[d.date] = true
	}
	dirs := []string{fixtures.StreamDir, fixtures.HeldOutStreamDir}
	for n := 2; n <= synLastStream; n++ {
		dirs = append(dirs, fmt.Sprintf("%s%d", fixtures.HeldOutStreamDir, n))
	}
	seen := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	df := newsVocabulary{titles: map[string]int{}, cased: map[string]int{}, named: map[string]int{}}
	links := map[string]bool{}
	titles := 0
	for _, dir := range dirs {
		names, err := fixtures.Snapshots(dir)
		if err != nil {
			continue // a number not used for a stream
		}
		for _, name := range names {
			m := dayOfFeed.FindStringSubmatch(name[strings.LastIndex(name, "/")+1:])
			if m == nil || labelled[m[2]] {
				continue
			}
			raw, err := fixtures.Read(name)
			if err != nil {
				t.Fatal(err)
			}
			feed, err := parse.Parse(raw, "application/rss+xml", seen)
			if err != nil || language.Primary(feed.Language) != language.Indonesian {
				continue
			}
			for _, it := range feed.Items {
				if links[it.Link] {
					continue
				}
				links[it.Link] = true
				titles++
				has := map[string]bool{}
				for i, w := range headlineWords(normalize.InlineText(it.Title)) {
					if w.stop || w.num != "" {
						continue
					}
					if !has[w.stem] {
						has[w.stem] = true
						df.titles[w.stem]++
					}
					if i > 0 && !w.name {
						df.cased[w.stem]++
					} else if i > 0 {
						df.cased[w.stem]++
						df.named[w.stem]++
					}
				}
			}
		}
	}
	return df, titles
}

// newsVocabulary is how our Indonesian titles use each stem: in how many
// titles, and how often after a title's first word in a title that
// capitalises names only (as a name or not).
type newsVocabulary struct {
	titles, cased, named map[string]int
}

// nameLike reports whether titles that capitalise only names mostly
// capitalise the stem: "Lombok" the island, not "lombok" the chilli.
func (v newsVocabulary) nameLike(stem string) bool {
	return 2*v.named[stem] >= v.cased[stem] && v.cased[stem] > 0
}

// synonymClasses keeps the thesaurus's conservative classes: stems that
// list each other (mutual synonymy, after stemming), both in the news
// vocabulary, joined into sets of at most synMaxClass stems in which every
// two list each other. Each class is written representative first (its
// commonest stem), one class a line.
func synonymClasses(entries map[string][][]string, df newsVocabulary) []string {
	listed := map[[2]string]bool{} // a word and a word its entry lists
	for w, senses := range entries {
		if synOneSense && len(senses) > 1 {
			continue
		}
		for _, syns := range senses {
			for _, s := range syns {
				listed[[2]string{w, s}] = true
			}
		}
	}
	// Two stems list each other when two words of theirs do, literally:
	// stemming alone would make "menenggak" (to gulp, of "minum") the
	// stem of "enggak" (no).
	lists := map[string]map[string]bool{} // stem → the stems it lists
	for w, senses := range entries {
		a := synonymStem(w)
		if a == "" || df.titles[a] < synMinTitles || df.nameLike(a) {
			continue
		}
		for _, s := range slices.Concat(senses...) {
			if b := synonymStem(s); b != "" && b != a && listed[[2]string{s, w}] && df.titles[b] >= synMinTitles && !df.nameLike(b) {
				if lists[a] == nil {
					lists[a] = map[string]bool{}
				}
				lists[a][b] = true
			}
		}
	}
	mutual := func(a, b string) bool { return lists[a][b] && lists[b][a] }
	// Components of the mutual graph; kept only when small and complete.
	comp := map[string]int{}
	var members [][]string
	stems := make([]string, 0, len(lists))
	for a := range lists {
		stems = append(stems, a)
	}
	sort.Strings(stems)
	for _, a := range stems {
		if _, ok := comp[a]; ok {
			continue
		}
		id := len(members)
		queue, set := []string{a}, []string{}
		comp[a] = id
		for len(queue) > 0 {
			x := queue[0]
			queue = queue[1:]
			set = append(set, x)
			for y := range lists[x] {
				if _, ok := comp[y]; !ok && mutual(x, y) {
					comp[y] = id
					queue = append(queue, y)
				}
			}
		}
		members = append(members, set)
	}
	var out []string
	for _, set := range members {
		if len(set) < 2 || len(set) > synMaxClass {
			continue
		}
		complete := true
		for i, x := range set {
			for _, y := range set[:i] {
				complete = complete && mutual(x, y)
			}
		}
		if !complete {
			continue
		}
		sort.Slice(set, func(i, j int) bool {
			if df.titles[set[i]] != df.titles[set[j]] {
				return df.titles[set[i]] > df.titles[set[j]]
			}
			return set[i] < set[j]
		})
		out = append(out, strings.Join(set, " "))
	}
	sort.Strings(out)
	return out
}

// TestSynonymsGenerated regenerates the synonym classes from the installed
// thesaurus and checks synonyms_gen.go holds them (skipped where Debian's
// mythes-id is not installed: the generated file is what builds).
func TestSynonymsGenerated(t *testing.T) {
	raw, err := os.ReadFile(thesaurusPath)
	if err != nil {
		t.Skipf("no thesaurus (apt-get install mythes-id): %v", err)
	}
	df, titles := synonymVocabulary(t)
	classes := synonymClasses(thesaurusEntries(t, raw), df)
	sum := sha256.Sum256(raw)
	var b bytes.Buffer
	fmt.Fprintf(&b, `// Code generated by go generate ./dedupe from Debian's mythes-id thesaurus; DO NOT EDIT.

// Source: %s of Debian's package mythes-id (LibreOffice dictionaries 7.5.0),
// sha256 %s:
// Copyright (C) 2017 Ali Ahmadi <idnux09@gmail.com>, licensed under the GNU
// Lesser General Public License version 2.1 (LGPL-2.1). This file is a
// modified work of it, under the same licence: on 2026-12-02 warta kept
// only the single words that list each other as synonyms, stemmed as
// headlines are, seen in at least %d of %d Indonesian titles of our own
// unlabelled streams, in complete sets of at most %d (synonyms_gen_test.go).

package dedupe

// generatedSynonyms: one class a line, its representative first.
const generatedSynonyms = %q
`, thesaurusPath, hex.EncodeToString(sum[:]), synMinTitles, titles, synMaxClass, strings.Join(classes, "\n"))
	src, err := format.Source(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if *updateSynonyms {
		if err := os.WriteFile("synonyms_gen.go", src, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%d classes from %d titles", len(classes), titles)
		return
	}
	have, err := os.ReadFile("synonyms_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, src) {
		t.Errorf("synonyms_gen.go is stale: go generate ./dedupe")
	}
}

// dayOfFeed reads a snapshot's outlet and date from its name.
var dayOfFeed = regexp.MustCompile(`^(.*)_(\d{4}-\d{2}-\d{2})\.xml$`)
