package actor

import (
	"maps"
	"slices"
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
// learned where an anchor writes it alone ("Presiden RI Prabowo"). A
// generational suffix (King Charles III, Martin Luther King Jr) is no
// surname: such a name is known by the full name alone.
func (a Anchor) Keys() []string {
	if i := strings.LastIndexByte(a.Name, ' '); i >= 0 && !isNameSuffix(a.Name[i+1:]) && !isFunctionWord("en", a.Name[i+1:]) && !isFunctionWord("id", a.Name[i+1:]) {
		return []string{a.Name, a.Name[i+1:]}
	}
	return []string{a.Name}
}

// isNameSuffix reports whether w (folded) is a generational suffix: a
// roman numeral of two letters or more (nameAfter reads no word of one)
// or Jr, Sr.
func isNameSuffix(w string) bool {
	switch w {
	case "ii", "iii", "iv", "vi", "vii", "viii", "ix", "jr", "sr":
		return true
	}
	return false
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
// no state. A sentence in headline case ("Putin Says Russia Will Take More
// Land", "Menlu AS Puji Kepemimpinan Indonesia dalam Isu Palestina")
// teaches nothing: its capitals do not tell a name from the words after it.
func (r *Recognizer) AppendAnchors(dst []Anchor, text, lang string, ms []Mention) []Anchor {
	for i, m := range ms {
		if m.Kind != Office || !m.Person {
			continue
		}
		state, start, end, ok := bindState(text, lang, ms, i)
		if !ok || formerOffice(text[:start]) {
			continue
		}
		a, atEnd, ok := r.nameAfter(text, end, lang)
		if !ok {
			continue
		}
		if headline, lower := headlineCase(text, ms, start, a.End); headline || atEnd && lower == 0 {
			continue // nothing in lower case says where the name ends
		}
		a.State = state
		dst = append(dst, a)
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

// isTitleCase reports whether text, in language lang, has no word of four
// letters or more that starts in lower case other than a function word of
// lang, which title case keeps in lower case ("Putin Hopes for Dialogue
// with US", "Putin Berharap Bisa Berdialog dengan AS"): a headline in title
// case, or one too short to tell.
func isTitleCase(text, lang string) bool {
	_, lower := caseCounts(text, func(w string) bool { return isFunctionWord(lang, strings.ToLower(w)) })
	return lower == 0
}

// headlineCase reports whether the sentence of text around the anchor
// text[start:end] is written in headline case: of its words of four
// letters or more that are neither the anchor nor the name of an actor
// (a state, body or office of ms), which sentence case writes capitalised
// too, three times as many or more start
// with a capital as in lower case (sentence case has more capitals than
// these where it names other persons) ("Russian President Putin Says Russia Will
// Take More Land"; a headline quoted in a body). There capitals do not
// tell a name from the words after it. lower is the count of words in
// lower case.
func headlineCase(text string, ms []Mention, start, end int) (headline bool, lower int) {
	from, to := sentenceAround(text, start, end)
	capitals := 0
	count := func(a, b int) {
		for _, m := range ms {
			if m.End <= a || m.Start >= b || m.Kind == Relation || m.Kind == Violence {
				continue
			}
			if m.Start > a {
				c, l := caseCounts(text[a:m.Start], nil)
				capitals, lower = capitals+c, lower+l
			}
			a = max(a, m.End)
		}
		if a < b {
			c, l := caseCounts(text[a:b], nil)
			capitals, lower = capitals+c, lower+l
		}
	}
	count(from, start)
	count(end, to)
	return capitals > 0 && capitals >= 3*lower, lower
}

// sentenceAround returns the bounds of the sentence of text that holds
// text[start:end] (sentenceBreak).
func sentenceAround(text string, start, end int) (from, to int) {
	from, to = start, end
	for from > 0 && !sentenceBreak(text, from-1) {
		from--
	}
	for to < len(text) && !sentenceBreak(text, to) {
		to++
	}
	return from, to
}

// sentenceBreak reports whether a sentence ends at text[i]: a line break,
// or a full stop, question or exclamation mark followed by a space.
func sentenceBreak(text string, i int) bool {
	switch text[i] {
	case '\n':
		return true
	case '.', '?', '!':
		return i+1 < len(text) && (text[i+1] == ' ' || text[i+1] == '\n')
	}
	return false
}

// caseCounts counts the words of four ASCII letters or more of text that
// start with a capital and with a lower-case letter, leaving out words in
// lower case that ignore (when not nil) reports.
func caseCounts(text string, ignore func(w string) bool) (capitals, lower int) {
	for i := 0; i < len(text); {
		if !isLetterByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isLetterByte(text[j]) {
			j++
		}
		if j-i >= 4 && (i == 0 || !isLetterByte(text[i-1])) {
			if text[i] >= 'a' {
				if ignore == nil || !ignore(text[i:j]) {
					lower++
				}
			} else {
				capitals++
			}
		}
		i = j
	}
	return capitals, lower
}

// isFunctionWord reports whether w (folded) is a function word of lang: a
// preposition, conjunction or article, a closed class of the grammar, as
// title case keeps it in lower case. English: the prepositions, whatever
// their length, the coordinating conjunctions and "as", "if", "than",
// which Chicago-style title case writes in lower case (AP's capitalises
// words of four letters or more: then they are capitalised, which
// isTitleCase reads as title case anyway), and "the"; subordinating
// conjunctions that are no preposition ("because", "while") are
// capitalised there and are not listed. Indonesian: the
// prepositions and conjunctions (kata tugas) and "yang", which PUEBI's
// rule for titles keeps in lower case. Left out: "a" (an initial, "John
// A. Smith"), "per" and "till" (given names too, Per, Till); "akan",
// "lalu", "baik", "buat" and "sekitar", whose commoner sense is no
// preposition or conjunction (a verb, an adverb, an adjective, the
// Sasak title Lalu). A name ends before one, however it is written
// ("Emmanuel Macron di Istana Negara", "Keir Starmer And His Cabinet" in
// headline case), and none is a key of a name.
func isFunctionWord(lang, w string) bool {
	switch lang {
	case "en":
		switch w {
		case "the",
			// prepositions
			"about", "above", "across", "after", "against", "along", "alongside", "amid", "amidst",
			"among", "amongst", "around", "at", "atop", "before", "behind", "below", "beneath",
			"beside", "besides", "between", "beyond", "by", "despite", "down", "during", "except",
			"from", "in", "inside", "into", "like", "near", "of", "off", "on", "onto", "out",
			"outside", "over", "past", "since", "through", "throughout", "to", "toward", "towards",
			"under", "underneath", "unlike", "until", "up", "upon", "versus", "via", "with",
			"within", "without",
			// conjunctions
			"and", "but", "for", "nor", "or", "so", "yet", "as", "if", "than":
			return true
		}
	case "id":
		switch w {
		case "yang",
			// preposisi
			"di", "ke", "dari", "pada", "kepada", "daripada", "terhadap", "dalam", "untuk", "bagi",
			"demi", "guna", "tentang", "mengenai", "seputar", "sejak", "semenjak", "sedari", "hingga",
			"sampai", "antara", "oleh", "dengan", "bersama", "beserta", "atas", "tanpa", "melalui",
			"lewat", "menuju", "menjelang", "jelang", "selama", "sepanjang", "seperti", "sebagai",
			"bagai", "bagaikan", "kecuali", "selain",
			// konjungsi
			"dan", "atau", "serta", "maupun", "ataupun", "tetapi", "tapi", "namun", "melainkan",
			"sedangkan", "padahal", "bahwa", "agar", "supaya", "jika", "jikalau", "kalau", "apabila",
			"bila", "karena", "sebab", "sehingga", "ketika", "saat", "sewaktu", "tatkala", "usai",
			"seusai", "setelah", "sesudah", "sehabis", "sebelum", "sambil", "seraya", "sementara",
			"meski", "meskipun", "walau", "walaupun", "kendati", "biarpun":
			return true
		}
	}
	return false
}

// isNamePart reports whether w (folded), a function word of some
// language, is also a common part of names, so that written capitalised
// it continues a name rather than ending it: Burmese Than (Than Swe, Kyaw
// Than), Malay Nor (Nor Mohamed Yakcop), Chinese Yang (Yang Jiechi),
// Sinhala and Tamil Guna, and the Korean and Chinese So and Or. Lower
// case, each is the function word still; none is a key of a name (Keys).
func isNamePart(w string) bool {
	switch w {
	case "than", "nor", "yang", "guna", "so", "or":
		return true
	}
	return false
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

// hyphenTail reports whether toks[j] is joined to the word before it by a
// hyphen and written in lower case: the tail of a capitalised word
// ("Jae-myung", "Kim Jong-un"), no word of its own.
func hyphenTail(text string, toks []token, j int) bool {
	return j > 0 && !toks[j].firstUpper && toks[j].letters > 0 && text[toks[j-1].end:toks[j].start] == "-"
}

// nameAfter reads the name that follows offset p of text (after a space or
// ", "): capitalised words joined by spaces or hyphens (a lower-case part
// after a hyphen is part of its word: "Lee Jae-myung"), none of them where
// one of the table's aliases matches. The name must end where a name
// ends: at a word in lower case, at punctuation, at a relation or a
// weekday ("Menlu RI Sugiono Selasa (4/3)"). A run of capitals that ends at
// a state, a body or an office ("Presiden AS Puji Indonesia") or after
// maxNameWords words is a headline's words, not a name.
//
// atEnd says that the name ends the text, which its caller accepts when
// the rest of the sentence is in sentence case.
func (r *Recognizer) nameAfter(text string, p int, lang string) (a Anchor, atEnd, ok bool) {
	var rest string
	switch {
	case strings.HasPrefix(text[p:], " "):
		rest = text[p+1:]
		p++
	case strings.HasPrefix(text[p:], ", "):
		rest = text[p+2:]
		p += 2
	default:
		return Anchor{}, false, false
	}
	if len(rest) > 120 {
		rest = rest[:120]
	}
	table := r.first[langIndex(lang)]
	toks := appendTokens(nil, rest)
	var words []string
	end, prev := 0, 0
	bounded := false // whether the name ends where a name ends
	for j := 0; j < len(toks); j++ {
		t := toks[j]
		if j == 0 && t.start != 0 {
			break
		}
		if gap := rest[prev:t.start]; j > 0 && gap != " " && gap != "-" {
			bounded = true // punctuation
			break
		}
		if t.letters == 0 {
			break // a number: "For March 24"
		}
		if !t.firstUpper && hyphenTail(rest, toks, j) && len(words) > 0 && prev == toks[j-1].end {
			// A lower-case part of a capitalised word: "Jae-myung".
			words[len(words)-1] += "-" + t.text
			end, prev = t.end, t.end
			continue
		}
		if isFunctionWord(lang, t.text) && !(t.firstUpper && isNamePart(t.text)) {
			bounded = true // a function word, in any case, is no word of a name
			break
		}
		if !t.firstUpper {
			// A particle inside a name: "bin Salman", "al-Assad".
			if isNameParticle(t.text) && len(words) > 0 && j+1 < len(toks) && toks[j+1].firstUpper {
				if gap := rest[t.end:toks[j+1].start]; gap == " " || gap == "-" {
					words = append(words, t.text)
					prev = t.end
					continue
				}
			}
			bounded = true
			break
		}
		if t.letters == 1 && len(words) > 0 && strings.HasPrefix(rest[t.end:], ".") {
			prev = t.end + 1 // an initial: "John F. Kennedy"
			continue
		}
		if len(words) == maxNameWords {
			return Anchor{}, false, false
		}
		if t.letters < 2 || t.letters != len(t.text) || t.letters >= 4 && t.upper == t.letters {
			break // a number, or a word in capitals (a headline quoted in a body), is no word of a name
		}
		if a, n := match(table[t.text], toks[j:], false, false); n > 0 {
			// A verb of a relation or of violence ends a name ("Presiden AS
			// Trump Kecam Iran"), as a weekday does; a state, a body or an
			// office right after a run of capitals says the run was a
			// headline's words ("Presiden AS Puji Indonesia").
			bounded = a.kind == none || a.kind == Relation || a.kind == Violence
			break
		}
		words = append(words, t.text)
		end, prev = t.end, t.end
	}
	if len(words) > 0 && !bounded {
		switch {
		case end < len(rest) && rest[end] != ' ' && rest[end] != '-':
			bounded = true // punctuation closes the text: "… Vladimir Putin."
		case end == len(rest) && len(rest) == len(text)-p:
			// The text ends with the name: "Trump's call with Chinese
			// President Xi Jinping", if the rest is in sentence case.
			bounded, atEnd = true, true
		}
	}
	for len(words) > 0 && isNameParticle(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	if len(words) == 0 || !bounded {
		return Anchor{}, false, false
	}
	return Anchor{Name: strings.Join(words, " "), Start: p, End: p + end}, atEnd, true
}

// Names are learned names of persons, each the actor of a state (see
// Anchor), for AppendNamed to find. A Names is not changed once made, and
// is safe for concurrent use.
type Names struct {
	// first maps a name's first token (see firstToken) to the names that
	// start with it, longest first.
	first map[string][]learnedName
}

type learnedName struct {
	words       []string
	name, state string
}

// NewNames makes Names of states, which maps a name (Anchor.Name's form)
// to its state.
func NewNames(states map[string]string) *Names {
	return (*Names)(nil).With(states)
}

// With returns ns with the names of changes set to their state, or
// dropped where it is "": ns is not changed, and the new Names shares
// with it every list of names that no change touches, so that a change of
// a few names costs little however many are kept.
func (ns *Names) With(changes map[string]string) *Names {
	out := &Names{first: make(map[string][]learnedName, ns.lists()+len(changes))}
	if ns != nil {
		maps.Copy(out.first, ns.first)
	}
	copied := map[string]bool{} // the lists out owns already
	for name, state := range changes {
		words := strings.Fields(name)
		if len(words) == 0 {
			continue
		}
		first := firstToken(name)
		list := out.first[first]
		if !copied[first] {
			list = slices.Clone(list)
			copied[first] = true
		}
		list = slices.DeleteFunc(list, func(ln learnedName) bool { return ln.name == name })
		if state != "" {
			list = append(list, learnedName{words: words, name: name, state: state})
			// Longest first, then by name, so that the order does not
			// depend on the map's.
			for k := len(list) - 1; k > 0 && (len(list[k].words) > len(list[k-1].words) || len(list[k].words) == len(list[k-1].words) && list[k].name < list[k-1].name); k-- {
				list[k], list[k-1] = list[k-1], list[k]
			}
		}
		if len(list) == 0 {
			delete(out.first, first)
			continue
		}
		out.first[first] = list
	}
	return out
}

// firstToken is the first token of name, the key of its list: its first
// word up to a hyphen ("jae" of "jae-myung").
func firstToken(name string) string {
	if i := strings.IndexAny(name, " -"); i >= 0 {
		return name[:i]
	}
	return name
}

// lists is the number of first words of ns.
func (ns *Names) lists() int {
	if ns == nil {
		return 0
	}
	return len(ns.first)
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
	for _, ln := range ns.first[firstToken(name)] {
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
// capitalised. So is a name of one word (a given name) that a capitalised
// word follows, unless that word starts an alias of table (nextAlias:
// "Putin Monday", "Trump Iran"): Mohammed Salah is not Crown Prince
// Mohammed.
func matchName(sets []*Names, text string, toks []token, i int, shouting, prevAlias bool, titleCase func() bool, table map[string][]alias) (name, state string, n int) {
	name, state, words, n := longestName(sets, text, toks[i:], shouting)
	if words != 1 || shouting {
		return name, state, n
	}
	if !prevAlias && i > 0 && toks[i-1].firstUpper && text[toks[i-1].end:toks[i].start] == " " {
		sentenceStart := i == 1 || strings.ContainsAny(text[toks[i-2].end:toks[i-1].start], ".!?:;\"“”(|–—")
		if !sentenceStart && !titleCase() {
			return "", "", 0
		}
	}
	if j := i + n; j < len(toks) && toks[j].firstUpper && text[toks[j-1].end:toks[j].start] == " " {
		if _, alias := match(table[toks[j].text], toks[j:], false, false); alias == 0 && !titleCase() {
			return "", "", 0
		}
	}
	return name, state, n
}

// longestName returns the longest learned name of sets that toks (of
// text) start with, as matchName, its length in words and in tokens (a
// word with a hyphen is two: "jae-myung").
func longestName(sets []*Names, text string, toks []token, shouting bool) (name, state string, words, n int) {
	for _, ns := range sets {
		if ns == nil {
			continue
		}
	next:
		for _, ln := range ns.first[toks[0].text] {
			if len(ln.words) > len(toks) || len(ln.words) <= words {
				continue
			}
			k := 0 // tokens matched
			for _, w := range ln.words {
				for part, p := range strings.Split(w, "-") {
					if k >= len(toks) || toks[k].text != p {
						continue next
					}
					if part > 0 && !(text[toks[k-1].end:toks[k].start] == "-" && (shouting || hyphenTail(text, toks, k))) {
						continue next
					}
					if part == 0 && !shouting && !toks[k].firstUpper && !isNameParticle(p) {
						continue next
					}
					k++
				}
			}
			name, state, words, n = ln.name, ln.state, len(ln.words), k
			break
		}
	}
	return name, state, words, n
}
