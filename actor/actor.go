// Package actor recognises the actors of international relations in English
// and Indonesian text: states (by their names, demonyms, the short forms
// headlines use and their capitals or seats used as metonyms), international
// bodies and offices, and the words that put them in a relation (meet,
// agree, sanction, negotiate).
//
// Country names come from CLDR through golang.org/x/text/language/display,
// in English and Indonesian, so every ISO 3166 country is known in both
// languages; actors.txt (embedded) adds what CLDR lacks. Both are world
// knowledge, not learned from any data set.
//
// Matching is by whole words, longest alias first, with case as a cue: an
// alias written in capitals (AS, UN) matches only capitals, and one written
// capitalised (Turkey, Jordan) only a capitalised word, so "as" and "turkey"
// are not actors. Dotted abbreviations match their letters (U.S. = US).
package actor

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"

	"github.com/warta-news/warta/internal/asciicase"
	"github.com/warta-news/warta/internal/wordbits"
)

// Kind is the kind of an actor.
type Kind uint8

// The kinds of actors.
const (
	// State is a country, named or by its demonym, short form or capital;
	// its ID is the ISO 3166 region code ("US", "ID").
	State Kind = iota + 1
	// Body is an international organisation; its ID is its short name
	// ("UN", "NATO").
	Body
	// Office is an office of a state; its ID is the office
	// ("foreign-minister", "diplomat", "head", "minister").
	Office
	// Relation is a word that puts actors in a relation (they meet, agree,
	// sanction, negotiate, visit); its ID is the kind of relation ("meet",
	// "agree", "pressure", "peace", "aid", "dispute", "security", "visit",
	// "justice"; see relationTest).
	Relation
	// Violence is a word that reports violence or its toll (attack, strike,
	// killed, refugees): the events of a conflict, not a relation between
	// its parties. Its ID is the kind ("attack", "casualty", "displacement"),
	// or Weapon for a weapon's name (see ReportsViolence).
	Violence
	// none marks names that contain an actor's name but are not actors.
	none
	// stance and source are the words of a headline's speaker (see
	// headline.go): they are no actors and Find never returns them.
	stance
	source
	// conjecture marks the words that open a question or a supposition
	// (see Headline.Conjecture).
	conjecture
)

// Weapon is the ID of the Violence mentions that name a weapon
// ("missile", "rudal") rather than report its use.
const Weapon = "weapon"

// ReportsViolence reports whether m reports violence: an attack, its toll
// or the displaced. A weapon's name does not: an arms sale or a missile
// deployed is a relation between states, not an attack.
func (m Mention) ReportsViolence() bool {
	return m.Kind == Violence && m.ID != Weapon
}

func (k Kind) String() string {
	switch k {
	case State:
		return "state"
	case Body:
		return "body"
	case Office:
		return "office"
	case Relation:
		return "relation"
	case Violence:
		return "violence"
	}
	return "none"
}

// Mention is one actor found in a text.
type Mention struct {
	Kind Kind
	ID   string
	// Start and End are byte offsets of the mention in the text.
	Start, End int
	// Person is set on an Office whose alias names the person who holds
	// it (president, not presidency): the office of an Anchor.
	Person bool
	// Name is set on a State found by a learned name (see Names): the name
	// as Anchor.Name has it.
	Name string
}

// Languages a Recognizer knows.
const (
	langEN = iota
	langID
	langBoth
	numLangs
)

// caseRule is how a word of an alias constrains the case of the text.
type caseRule uint8

const (
	anyCase caseRule = iota
	capitalised
	allCaps
)

type alias struct {
	words  []string // folded
	rules  []caseRule
	kind   Kind
	id     string
	person bool // an office that names its holder (KIND person)
}

// Recognizer finds actors. It holds no mutable state and is safe for
// concurrent use.
type Recognizer struct {
	// first maps a folded first word to the aliases that start with it,
	// longest first.
	first [numLangs]map[string][]alias
	// starts has, per language, every key of first: most words of a text
	// start no alias, and it rules out most of them before the map.
	starts [numLangs]wordbits.Set
	// cues are the words of a headline's speaker (stance and source),
	// kept apart from the actors: see Headline.
	cues   [numLangs]map[string][]alias
	tokens *sync.Pool // of *[]token, the words of one text
}

//go:embed actors.txt
var actorsTxt string

// New builds a Recognizer from CLDR's region names and the embedded table.
func New() (*Recognizer, error) {
	r := &Recognizer{tokens: &sync.Pool{New: func() any { return new([]token) }}}
	for l := range r.first {
		r.first[l] = map[string][]alias{}
		r.cues[l] = map[string][]alias{}
	}
	names := [...]display.Namer{langEN: display.Regions(language.English), langID: display.Regions(language.Indonesian)}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			reg, err := language.ParseRegion(code)
			if err != nil || !reg.IsCountry() || reg.String() != code {
				continue
			}
			if reg.Canonicalize() != reg {
				continue // deprecated codes (DD, YU): their names belong to the successor
			}
			for l, n := range names {
				for _, name := range cldrNames(n.Name(reg)) {
					r.add(l, State, code, name, false)
				}
			}
		}
	}
	for i, line := range strings.Split(actorsTxt, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if err := r.addLine(line); err != nil {
			return nil, fmt.Errorf("actor: actors.txt line %d: %w", i+1, err)
		}
	}
	for l, table := range r.first {
		for w := range table {
			r.starts[l].Add(w)
		}
	}
	return r, nil
}

// cldrNames splits a CLDR display name into the names a text uses:
// "Myanmar (Burma)" is Myanmar and Burma, "Congo - Kinshasa" is Congo,
// "Hong Kong SAR China" is left out (its short form is in actors.txt).
func cldrNames(name string) []string {
	if name == "" || strings.Contains(name, "SAR") {
		return nil
	}
	var out []string
	if i := strings.IndexByte(name, '('); i > 0 {
		if j := strings.IndexByte(name[i:], ')'); j > 0 {
			out = append(out, strings.TrimSpace(name[i+1:i+j]))
		}
		name = strings.TrimSpace(name[:i])
	}
	if i := strings.Index(name, " - "); i > 0 {
		name = name[:i]
	}
	return append(out, name)
}

func (r *Recognizer) addLine(line string) error {
	head, list, ok := strings.Cut(line, ":")
	f := strings.Fields(head)
	if !ok || len(f) != 3 {
		return fmt.Errorf("want \"KIND ID LANG: alias; ...\", got %q", line)
	}
	var kind Kind
	person := false
	switch f[0] {
	case "state":
		kind = State
	case "body":
		kind = Body
	case "office":
		kind = Office
	case "person":
		kind, person = Office, true
	case "relation":
		kind = Relation
	case "violence":
		kind = Violence
	case "none":
		kind = none
	case "stance":
		kind = stance
	case "source":
		kind = source
	case "conjecture":
		kind = conjecture
	default:
		return fmt.Errorf("unknown kind %q", f[0])
	}
	var langs []int
	switch f[2] {
	case "en":
		langs = []int{langEN}
	case "id":
		langs = []int{langID}
	case "*":
		langs = []int{langEN, langID}
	default:
		return fmt.Errorf("unknown language %q", f[2])
	}
	for _, a := range strings.Split(list, ";") {
		if a = strings.TrimSpace(a); a == "" {
			continue
		}
		for _, l := range langs {
			if kind == stance || kind == source || kind == conjecture {
				r.addCue(l, kind, a)
				continue
			}
			r.add(l, kind, f[1], a, person)
			if kind == State && l == langEN && isDemonymForm(a) {
				r.add(l, kind, f[1], a+"s", false)
			}
		}
	}
	return nil
}

// isDemonymForm reports whether a is one capitalised ASCII word ending in
// -an or -i, as English demonyms (Indian, Pakistani) do: their plurals
// name the people of a state too. A capital that ends so (Tehran) gains a
// plural no text writes, which costs nothing.
func isDemonymForm(a string) bool {
	if len(a) < 3 || a[0] < 'A' || a[0] > 'Z' {
		return false
	}
	for i := 1; i < len(a); i++ {
		if a[i] < 'a' || a[i] > 'z' {
			return false
		}
	}
	return strings.HasSuffix(a, "an") || strings.HasSuffix(a, "i")
}

// add registers an alias in language l and in the table for text of unknown
// language.
func (r *Recognizer) add(l int, kind Kind, id, name string, person bool) {
	addAlias(r.first, l, kind, id, name, person)
}

// addAlias registers an alias in table's language l and in its table for
// text of unknown language.
func addAlias(table [numLangs]map[string][]alias, l int, kind Kind, id, name string, person bool) {
	var a alias
	a.kind, a.id, a.person = kind, id, person
	for _, t := range appendTokens(nil, name) {
		a.words = append(a.words, t.text)
		rule := anyCase
		switch {
		case t.upper >= 2 && t.upper == t.letters:
			rule = allCaps
		case t.firstUpper:
			rule = capitalised
		}
		a.rules = append(a.rules, rule)
	}
	if len(a.words) == 0 {
		return
	}
	for _, l := range []int{l, langBoth} {
		list := table[l][a.words[0]]
		if slicesContainAlias(list, a) {
			continue
		}
		// Longest first, so that "South Korea" wins over "South".
		i := 0
		for i < len(list) && len(list[i].words) >= len(a.words) {
			i++
		}
		list = append(list, alias{})
		copy(list[i+1:], list[i:])
		list[i] = a
		table[l][a.words[0]] = list
	}
}

func slicesContainAlias(list []alias, a alias) bool {
	for _, b := range list {
		if b.kind == a.kind && b.id == a.id && b.person == a.person && slices.Equal(b.words, a.words) && string(b.rules) == string(a.rules) {
			return true
		}
	}
	return false
}

// Find returns the actors in text, in order. lang is "en" or "id"; any other
// value uses the names of both languages.
func (r *Recognizer) Find(text, lang string) []Mention {
	return r.Append(nil, text, lang)
}

// Append appends the actors in text to dst, as Find, so that a caller can
// reuse one slice.
func (r *Recognizer) Append(dst []Mention, text, lang string) []Mention {
	return r.AppendNamed(dst, text, lang)
}

// AppendNamed is Append that also finds the learned names of sets (see
// Names) as the actors of their states. The table's aliases come first:
// where one of them matches, its words are never read as a learned name.
func (r *Recognizer) AppendNamed(dst []Mention, text, lang string, sets ...*Names) []Mention {
	return r.AppendNamedLower(dst, text, asciicase.Lower(text), lang, sets...)
}

// AppendNamedLower is AppendNamed for a caller that has lower-cased text
// already: lower is asciicase.Lower(text), which the words are read from
// at text's offsets. A lower of another length (strings.ToLower's of "İ"
// or "K") is lowered afresh rather than read at shifted offsets.
func (r *Recognizer) AppendNamedLower(dst []Mention, text, lower, lang string, sets ...*Names) []Mention {
	table, starts := r.first[langIndex(lang)], &r.starts[langIndex(lang)]
	skipAfterBahasa := langIndex(lang) != langEN
	tp := r.lowerWords(text, lower)
	defer r.tokens.Put(tp)
	toks := *tp
	shouting := isShouting(toks)
	titleCase := -1 // unknown, then 0 or 1
	isTitle := func() bool {
		if titleCase < 0 {
			titleCase = 0
			if isTitleCase(text, lang) {
				titleCase = 1
			}
		}
		return titleCase == 1
	}
	prevAlias := false // whether the word before i ends an alias
	named := slices.ContainsFunc(sets, func(ns *Names) bool { return ns != nil })
	from := len(dst)
	conditional := false // whether a relation that holds only beside certain actors was found
	var a alias          // the alias matched at i, read only where n > 0
	clitic := langIndex(lang) == langID
	for i := 0; i < len(toks); {
		n := 0
		if starts.MayHave(toks[i].text) {
			a, n = match(table[toks[i].text], toks[i:], shouting, clitic)
		}
		if n == 0 && clitic {
			if w, ok := withoutClitic(toks[i].text); ok && starts.MayHave(w) {
				a, n = match(table[w], toks[i:i+1], shouting, true)
			}
		}
		if n == 0 {
			if named {
				if name, state, n := matchName(sets, text, toks, i, shouting, prevAlias, isTitle, table); n > 0 {
					dst = append(dst, Mention{Kind: State, ID: state, Start: toks[i].start, End: toks[i+n-1].end, Name: name})
					i += n
					prevAlias = true
					continue
				}
			}
			prevAlias = false
			i++
			continue
		}
		prevAlias = true
		if a.kind != none && !(skipAfterBahasa && a.kind == State && i > 0 && (toks[i-1].text == "bahasa" || toks[i-1].text == "berbahasa")) && !clockTime(toks, i) {
			dst = append(dst, Mention{Kind: a.kind, ID: a.id, Start: toks[i].start, End: toks[i+n-1].end, Person: a.person})
			conditional = conditional || a.kind == Relation && relationTest(a.id) != nil
		}
		i += n
	}
	if conditional {
		dst = append(dst[:from], keepConditional(text, dst[from:])...)
	}
	return dst
}

// visitID is the relation of a visit (actors.txt): a relation between the
// visitor's state and the one visited, which relationTest requires.
const visitID = "visit"

// justiceID is the relation of international justice (actors.txt): a
// court's charge, warrant or ruling, a relation between an international
// court and a state only where the court is named.
const justiceID = "justice"

// objectID is the relation of the Indonesian words that are a relation
// only by their object (actors.txt): "akui" recognises a state ("Akui
// Palestina") but also admits an act ("Akui Gagal"), and "klaim" is a
// state's claim ("Bantah Klaim AS") but also asserts one ("Klaim Serang
// Markas"), which English files under stance.
const objectID = "object"

// relationTest returns the test of a conditional relation, one whose
// words are a relation only beside certain actors in their sentence, or
// nil for any other relation. A visit word is a relation only where its
// sentence names, after it, a state or body that it does not name before
// it ("Japan's foreign minister visits Indonesia", "Indonesia dikunjungi
// PM Jepang"), not where the place visited is no actor or the visitor's
// own ("Presiden China Kunjungi Xinjiang", "Chinese premier visits Beijing
// factory"). International justice needs an international body: a
// domestic court charges, rules and issues warrants in the same words and
// names none. A word of objectID is a relation only where a state or body
// follows it directly, as its object.
func relationTest(relation string) func(text string, ms []Mention, i, from, to int) bool {
	switch relation {
	case visitID:
		return reachesAnother
	case objectID:
		return actorFollows
	case justiceID:
		return func(_ string, ms []Mention, _, from, to int) bool {
			return slices.ContainsFunc(ms, func(m Mention) bool {
				return m.Start >= from && m.End <= to && m.Kind == Body
			})
		}
	}
	return nil
}

// isActor reports whether m is a state or a body.
func isActor(m Mention) bool { return m.Kind == State || m.Kind == Body }

// reachesAnother reports whether ms[i], in the sentence of text from from
// to to, has after it a state or body that the sentence does not name
// before it.
func reachesAnother(_ string, ms []Mention, i, from, to int) bool {
	for _, after := range ms[i+1:] {
		if after.Start >= to {
			break
		}
		if isActor(after) && !slices.ContainsFunc(ms[:i], func(m Mention) bool {
			return m.Start >= from && isActor(m) && m.ID == after.ID
		}) {
			return true
		}
	}
	return false
}

// actorFollows reports whether ms[i] of text is followed directly, with
// only spaces between, by a state or body.
func actorFollows(text string, ms []Mention, i, _, _ int) bool {
	if i+1 >= len(ms) {
		return false
	}
	next := ms[i+1]
	return isActor(next) && strings.TrimSpace(text[ms[i].End:next.Start]) == ""
}

// keepConditional returns ms, the mentions of text, without the
// conditional relations whose sentence lacks the actors they need (see
// relationTest). It reuses ms.
func keepConditional(text string, ms []Mention) []Mention {
	for i := range ms {
		if ms[i].Kind != Relation {
			continue
		}
		test := relationTest(ms[i].ID)
		if test == nil {
			continue
		}
		from, to := sentenceAround(text, ms[i].Start, ms[i].End)
		if !test(text, ms, i, from, to) {
			ms[i].Kind = none // dropped below; none is no actor to the tests
		}
	}
	return slices.DeleteFunc(ms, func(m Mention) bool { return m.Kind == none })
}

// Names are the names of the actors of kind that the recogniser knows in
// language lang ("en" or "id"; any other value, both), each as its words,
// case-folded and diacritics removed, joined by a space; sorted.
func (r *Recognizer) Names(kind Kind, lang string) []string {
	var out []string
	for _, list := range r.first[langIndex(lang)] {
		for _, a := range list {
			if a.kind == kind {
				out = append(out, strings.Join(a.words, " "))
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// langIndex is the index of the tables for text in language lang: "en",
// "id", or any other value for the names of both languages.
func langIndex(lang string) int {
	switch lang {
	case "en":
		return langEN
	case "id":
		return langID
	}
	return langBoth
}

// words returns the words of text in a slice from r.tokens, which the
// caller puts back when done.
func (r *Recognizer) words(text string) *[]token {
	return r.lowerWords(text, asciicase.Lower(text))
}

// lowerWords is words of text lower-cased already (lower, see
// AppendNamedLower).
func (r *Recognizer) lowerWords(text, lower string) *[]token {
	if len(lower) != len(text) {
		lower = asciicase.Lower(text)
	}
	tp := r.tokens.Get().(*[]token)
	*tp = appendLowerTokens((*tp)[:0], text, lower)
	return tp
}

// clockTime reports whether toks[i] is the PM of a clock time ("3 PM",
// "3:30 PM"): a number before it, not the prime minister.
func clockTime(toks []token, i int) bool {
	return toks[i].text == "pm" && i > 0 && toks[i-1].letters == 0
}

// cliticSuffix is the Indonesian enclitic that a noun takes on its last word
// as a possessive ("duta besarnya", its ambassador; "menlunya").
const cliticSuffix = "nya"

// withoutClitic returns w without the enclitic -nya, and whether w had it
// after at least two letters.
func withoutClitic(w string) (string, bool) {
	if len(w) < len(cliticSuffix)+2 || !strings.HasSuffix(w, cliticSuffix) {
		return "", false
	}
	return w[:len(w)-len(cliticSuffix)], true
}

// takesClitic reports whether an alias of kind k names an actor, a noun
// that takes the possessive enclitic: a state, a body or an office. On a
// relation's or violence's verb -nya nominalises ("meninggalnya", the
// death of), and the noun it makes is no longer the word's reading.
func (k Kind) takesClitic() bool {
	return k == State || k == Body || k == Office
}

// match returns the longest alias of list that toks start with, and its
// length in words (0 when none does). With clitic (Indonesian text) the
// last word of an actor's alias (takesClitic) also matches that word with
// the enclitic -nya: the possessive goes on a noun phrase's last word, so
// "Duta Besarnya" is an ambassador and "Menlunya" a foreign minister.
func match(list []alias, toks []token, shouting, clitic bool) (alias, int) {
next:
	for _, a := range list {
		if len(a.words) > len(toks) {
			continue
		}
		for j, w := range a.words {
			t := &toks[j]
			if t.text != w {
				if !clitic || j != len(a.words)-1 || !a.kind.takesClitic() {
					continue next
				}
				if base, ok := withoutClitic(t.text); !ok || base != w {
					continue next
				}
			}
			switch a.rules[j] {
			case allCaps:
				// In a text written in capitals, "AS" may be "as".
				if shouting || t.upper != t.letters {
					continue next
				}
			case capitalised:
				if !t.firstUpper {
					continue next
				}
			}
		}
		return a, len(a.words)
	}
	return alias{}, 0
}

// isShouting reports whether most letters of toks are capitals, as in a
// headline written in capitals, where case says nothing.
func isShouting(toks []token) bool {
	upper, letters := 0, 0
	for _, t := range toks {
		upper += t.upper
		letters += t.letters
	}
	return letters >= 8 && upper*10 >= letters*7
}

// token is one word: folded text, byte span and case.
type token struct {
	text       string
	start, end int
	letters    int
	upper      int
	firstUpper bool
}

// appendTokens appends every word of s to dst and returns it: a run of
// letters and digits, case-folded and with diacritics removed. A dotted
// abbreviation (U.S., U.N.) is one word of its letters. ASCII words are
// lower-cased in one copy of the text, so that a capitalised word costs no
// allocation of its own.
func appendTokens(dst []token, s string) []token {
	return appendLowerTokens(dst, s, asciicase.Lower(s))
}

// appendLowerTokens is appendTokens of s lower-cased already (lower is
// asciicase.Lower(s)).
func appendLowerTokens(dst []token, s, lower string) []token {
	for i := 0; i < len(s); {
		c := s[i]
		// Only a capital before a dot may start an abbreviation: the test
		// is skipped at every other byte.
		if c >= 'A' && c <= 'Z' && i+1 < len(s) && s[i+1] == '.' {
			if n := abbreviation(s[i:]); n > 0 {
				t := token{start: i, end: i + n, firstUpper: true}
				t.text = strings.ReplaceAll(lower[i:i+n], ".", "")
				t.letters, t.upper = len(t.text), len(t.text)
				dst = append(dst, t)
				i += n
				continue
			}
		}
		if c < utf8.RuneSelf && !isASCIIWordByte(c) {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			if r, size := utf8.DecodeRuneInString(s[i:]); !isWordRune(r) {
				i += size
				continue
			}
		}
		t := token{start: i}
		ascii := true
		j := i
	word:
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				switch {
				case 'a' <= c && c <= 'z':
					// Most bytes are lower-case letters: count a run
					// of them at once.
					k := j + 1
					for k < len(s) && 'a' <= s[k] && s[k] <= 'z' {
						k++
					}
					t.letters += k - j
					j = k
					continue
				case 'A' <= c && c <= 'Z':
					t.letters++
					t.upper++
					t.firstUpper = t.firstUpper || j == i
				case '0' <= c && c <= '9':
				default:
					break word
				}
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r) {
				break
			}
			ascii = false
			if unicode.IsLetter(r) {
				t.letters++
				if unicode.IsUpper(r) {
					t.upper++
					t.firstUpper = t.firstUpper || j == i
				}
			}
			j += size
		}
		t.end = j
		t.text = lower[i:j]
		if !ascii {
			t.text = fold(s[i:j])
		}
		dst = append(dst, t)
		i = j
	}
	return dst
}

func isASCIIWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// abbreviation returns the length of the dotted abbreviation s starts with
// ("U.S." and "U.N." but not "A." alone), or 0.
func abbreviation(s string) int {
	n := 0
	for n+1 < len(s) && s[n] >= 'A' && s[n] <= 'Z' && s[n+1] == '.' {
		n += 2
	}
	if n < 4 || n < len(s) && isLetterByte(s[n]) {
		return 0
	}
	return n
}

func isLetterByte(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// fold lower-cases w and removes its diacritics (Élysée → elysee).
func fold(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Version changes whenever what the Recognizer finds changes (the table,
// CLDR's version, the matching rules), so that users of its results can
// tell stale ones.
const Version = "12"
