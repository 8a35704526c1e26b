package actor

import (
	"strings"
)

// Anchor is a person named in an office of a state, and so that state's
// actor: "Russian President Vladimir Putin", "Prime Minister of Japan Sanae
// Takaichi", "Presiden Rusia Vladimir Putin", "Perdana Menteri (PM) Israel
// Benjamin Netanyahu", "Menlu AS Marco Rubio". No person is listed by hand:
// the names are learned from the text (see Names), anchored by an office
// that names its holder (KIND person in actors.txt) bound to a state, and
// followed by a capitalised name.
type Anchor struct {
	// Name is the name's words, folded and joined by spaces ("vladimir
	// putin").
	Name  string
	State string
	// Start and End are byte offsets of the name in the text.
	Start, End int
}

// Keys are the names a text refers to the person by once anchored: the
// full name and its last word (the surname of most names: Putin,
// Netanyahu). The first word is no key: it is a given name as often (Marco
// Rubio, and then Marco Bezzecchi the rider); a call name (Prabowo) is
// learned where an anchor writes it alone ("Presiden RI Prabowo").
func (a Anchor) Keys() []string {
	if i := strings.LastIndexByte(a.Name, ' '); i >= 0 {
		return []string{a.Name, a.Name[i+1:]}
	}
	return []string{a.Name}
}

// maxNameWords is the most words of a name an anchor reads ("Mohammed bin
// Salman Al Saud"): a longer run of capitals is a headline in title case.
const maxNameWords = 5

// AppendAnchors appends to dst the anchors of text, whose mentions in lang
// (Append's) are ms. The state is bound to the office as the languages
// write it: before it ("Russian President", "Japan's prime minister"),
// after it with "of" ("President of Russia", "Prime Minister of the
// Netherlands") or, as Indonesian does, right after it ("Presiden Rusia"),
// with short forms in parentheses on either side ("Perdana Menteri (PM)
// Israel", "Amerika Serikat (AS)"); an ambassador's destination ("U.S.
// Ambassador to Japan", "Dubes RI untuk Malaysia") is not their state. A
// former office holder ("former President", "mantan Presiden") speaks for
// no state. A text in title case ("Putin Says Russia Will Take More Land")
// teaches nothing: its capitals do not tell a name from the words after it.
func (r *Recognizer) AppendAnchors(dst []Anchor, text, lang string, ms []Mention) []Anchor {
	checked := false
	for i, m := range ms {
		if m.Kind != Office || !m.Person {
			continue
		}
		state, start, end, ok := bindState(text, lang, ms, i)
		if !ok {
			continue
		}
		if !checked {
			if isTitleCase(text) {
				return dst
			}
			checked = true
		}
		if formerOffice(text[:start]) {
			continue
		}
		if a, ok := r.nameAfter(text, end, lang); ok {
			a.State = state
			dst = append(dst, a)
		}
	}
	return dst
}

// bindState finds the state the office ms[i] is bound to: its ID, where
// the anchor starts and where its office and state end.
func bindState(text, lang string, ms []Mention, i int) (state string, start, end int, ok bool) {
	// A learned name (Mention.Name) is a person, not a state an office is
	// bound to.
	before := func() (string, int, int, bool) {
		if i == 0 || ms[i-1].Kind != State || ms[i-1].Name != "" {
			return "", 0, 0, false
		}
		switch text[ms[i-1].End:ms[i].Start] {
		case " ", "'s ", "’s ":
			return ms[i-1].ID, ms[i-1].Start, destination(text, ms, i+1, ms[i].End), true
		}
		return "", 0, 0, false
	}
	after := func() (string, int, int, bool) {
		j, end := i+1, ms[i].End
		// A short form of the office in parentheses: "Perdana Menteri (PM)".
		if j < len(ms) && ms[j].Kind == Office && parenthesised(text, end, ms[j]) {
			end = ms[j].End + 1
			j++
		}
		if j >= len(ms) || ms[j].Kind != State || ms[j].Name != "" {
			return "", 0, 0, false
		}
		switch strings.ToLower(text[end:ms[j].Start]) {
		case " of ", " of the ":
		case " ":
			if lang == "en" {
				return "", 0, 0, false // "President Trump" is no state's office bound to a name
			}
		default:
			return "", 0, 0, false
		}
		end = ms[j].End
		// A short form of the state: "Amerika Serikat (AS)".
		if j+1 < len(ms) && ms[j+1].Kind == State && ms[j+1].ID == ms[j].ID && parenthesised(text, end, ms[j+1]) {
			end = ms[j+1].End + 1
			j++
		}
		return ms[j].ID, ms[i].Start, destination(text, ms, j+1, end), true
	}
	first, second := before, after
	if lang == "id" {
		first, second = after, before
	}
	if state, start, end, ok = first(); ok {
		return state, start, end, true
	}
	return second()
}

// parenthesised reports whether m follows offset end as " (m)".
func parenthesised(text string, end int, m Mention) bool {
	return text[end:m.Start] == " (" && strings.HasPrefix(text[m.End:], ")")
}

// destination returns where an ambassador's destination ends when the
// text at end names one ("to Japan", "untuk Malaysia (Malaysia)") as
// ms[j], else end.
func destination(text string, ms []Mention, j, end int) int {
	if j >= len(ms) || ms[j].Kind != State {
		return end
	}
	switch text[end:ms[j].Start] {
	case " to ", " to the ", " untuk ", " di ":
		return ms[j].End
	}
	return end
}

// formerOffice reports whether the words before an anchor, ending at
// its start, say that the office is no longer (or not yet) held.
func formerOffice(before string) bool {
	before = strings.TrimRight(before, " -")
	i := strings.LastIndexFunc(before, func(r rune) bool { return r == ' ' || r == '-' || r == '(' || r == '"' })
	switch strings.ToLower(before[i+1:]) {
	case "former", "ex", "late", "then", "mantan", "eks", "almarhum", "calon", "capres", "cawapres":
		return true
	}
	return false
}

// isTitleCase reports whether text has no word of four letters or more
// that starts in lower case: a headline in title case, or one too short to
// tell.
func isTitleCase(text string) bool {
	for i := 0; i < len(text); {
		if !isLetterByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isLetterByte(text[j]) {
			j++
		}
		if j-i >= 4 && text[i] >= 'a' && text[i] <= 'z' {
			return false
		}
		i = j
	}
	return true
}

// isNameParticle reports whether w is a lower-case word inside a name
// ("Mohammed bin Salman", "Ursula von der Leyen"): part of the name when a
// capitalised word follows it.
func isNameParticle(w string) bool {
	switch w {
	case "bin", "binti", "ibn", "al", "el", "van", "von", "de", "der", "da", "di", "du", "dos", "la", "le":
		return true
	}
	return false
}

// nameAfter reads the name that follows offset p of text (after a space or
// ", "): capitalised words joined by spaces or hyphens, none of them the
// start of one of the table's aliases (a state, an office, a weekday).
func (r *Recognizer) nameAfter(text string, p int, lang string) (Anchor, bool) {
	var rest string
	switch {
	case strings.HasPrefix(text[p:], " "):
		rest = text[p+1:]
		p++
	case strings.HasPrefix(text[p:], ", "):
		rest = text[p+2:]
		p += 2
	default:
		return Anchor{}, false
	}
	if len(rest) > 120 {
		rest = rest[:120]
	}
	table := r.first[langBoth]
	switch lang {
	case "en":
		table = r.first[langEN]
	case "id":
		table = r.first[langID]
	}
	var toks []token
	tokenize(rest, func(t token) { toks = append(toks, t) })
	var words []string
	end, prev := 0, 0
	for j := 0; j < len(toks) && len(words) < maxNameWords; j++ {
		t := toks[j]
		if gap := rest[prev:t.start]; j > 0 && gap != " " && gap != "-" || j == 0 && t.start != 0 {
			break
		}
		if !t.firstUpper {
			if isNameParticle(t.text) && len(words) > 0 && j+1 < len(toks) && toks[j+1].firstUpper && rest[t.end:toks[j+1].start] == " " {
				words = append(words, t.text)
				prev = t.end
				continue
			}
			break
		}
		if t.letters < 2 || t.letters != len(t.text) {
			break // an initial or a number is no word of a name to learn
		}
		if _, n := match(table[t.text], toks[j:], false); n > 0 {
			break
		}
		words = append(words, t.text)
		end, prev = t.end, t.end
	}
	for len(words) > 0 && isNameParticle(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	if len(words) == 0 {
		return Anchor{}, false
	}
	return Anchor{Name: strings.Join(words, " "), Start: p, End: p + end}, true
}

// Names are learned names of persons, each the actor of a state (see
// Anchor), for AppendNamed to find. A Names is not changed once made, and
// is safe for concurrent use.
type Names struct {
	// first maps a name's first word to the names that start with it,
	// longest first.
	first map[string][]learnedName
}

type learnedName struct {
	words       []string
	name, state string
}

// NewNames makes Names of states, which maps a name (Anchor.Name's form)
// to its state.
func NewNames(states map[string]string) *Names {
	ns := &Names{first: make(map[string][]learnedName, len(states))}
	for name, state := range states {
		words := strings.Fields(name)
		if len(words) == 0 {
			continue
		}
		list := append(ns.first[words[0]], learnedName{words: words, name: name, state: state})
		// Longest first, then by name, so that the order does not depend on
		// the map's.
		for k := len(list) - 1; k > 0 && (len(list[k].words) > len(list[k-1].words) || len(list[k].words) == len(list[k-1].words) && list[k].name < list[k-1].name); k-- {
			list[k], list[k-1] = list[k-1], list[k]
		}
		ns.first[words[0]] = list
	}
	return ns
}

// Len is the number of names.
func (ns *Names) Len() int {
	if ns == nil {
		return 0
	}
	n := 0
	for _, list := range ns.first {
		n += len(list)
	}
	return n
}

// State returns the state of name, and whether ns has it.
func (ns *Names) State(name string) (string, bool) {
	if ns == nil {
		return "", false
	}
	first, _, _ := strings.Cut(name, " ")
	for _, ln := range ns.first[first] {
		if ln.name == name {
			return ln.state, true
		}
	}
	return "", false
}

// matchName returns the longest learned name of sets that toks[i:] start
// with, its state and its length in words (0 when none). Every word of it
// must be capitalised, as a name is written, unless the text is in
// capitals. A name of one word (a surname) that follows a capitalised word
// within a sentence is another person's (Ivanka Trump, Marco Bezzecchi),
// unless prevAlias says that word is an actor ("Russian Putin") or the
// text is in title case (titleCase, asked only then), where every word is
// capitalised.
func matchName(sets []*Names, text string, toks []token, i int, shouting, prevAlias bool, titleCase func() bool) (name, state string, n int) {
	name, state, n = longestName(sets, toks[i:], shouting)
	if n == 1 && !shouting && !prevAlias && i > 0 && toks[i-1].firstUpper && text[toks[i-1].end:toks[i].start] == " " {
		sentenceStart := i == 1 || strings.ContainsAny(text[toks[i-2].end:toks[i-1].start], ".!?:;\"“”(|–—")
		if !sentenceStart && !titleCase() {
			return "", "", 0
		}
	}
	return name, state, n
}

// longestName returns the longest learned name of sets that toks start
// with, as matchName.
func longestName(sets []*Names, toks []token, shouting bool) (name, state string, n int) {
	for _, ns := range sets {
		if ns == nil {
			continue
		}
	next:
		for _, ln := range ns.first[toks[0].text] {
			if len(ln.words) > len(toks) || len(ln.words) <= n {
				continue
			}
			for j, w := range ln.words {
				if toks[j].text != w || !shouting && !toks[j].firstUpper && !isNameParticle(w) {
					continue next
				}
			}
			name, state, n = ln.name, ln.state, len(ln.words)
			break
		}
	}
	return name, state, n
}
