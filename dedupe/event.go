package dedupe

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Event signatures join the pieces outlets each wrote in their own words
// about one event ("Spanyol, Irlandia dan Norwegia Resmi Akui Palestina" /
// "Tiga Negara Eropa Akui Negara Palestina"), where the word-pair sketch
// sees nothing in common. A signature is the set of content terms of the
// headline (stopwords dropped, Indonesian affixes stripped lightly), with
// the roles that guard precision: the speaker ("Putin: …", "Menlu Retno
// Sebut …"), the place ("… di Surabaya") and the numbers. Terms are
// weighted by their rarity among the articles in the window, so the words
// every Gaza headline carries say nothing and a shared "Jabalia" or
// "Bolivia" says much.

const (
	// maxTerms bounds the terms of one signature: a headline has fewer.
	maxTerms = 10
	// evKeys is how many of an article's rarest terms index it.
	evKeys = 3
	// roleBits holds one term's role.
	roleBits = 3
)

// A term's role in a headline.
const (
	rolePlain = iota
	roleSpeaker
	rolePlace
	roleNumber
	// roleName: a capitalised word of a sentence-case headline.
	roleName
	// roleSaying: a verb or noun of saying ("Kecam", "Kecaman"): the
	// headline reports a statement.
	roleSaying
	// roleSubject: the first content word, when no other role claims it:
	// what a headline-case headline is about ("Demokrat Tolak …", "PKS
	// Tolak …"), as a capital marks a name in a sentence-case one.
	roleSubject
	// roleAction: the headline's first verb of action after its subject
	// (actionVerb): "Pelindo membekukan izin …" and "Pelindo menyetujui
	// izin …" report two decisions.
	roleAction
	roles
)

// evTerm is one term of a signature.
type evTerm struct {
	h    uint32 // 24-bit hash of the normalised term, never zero
	role uint8
	word string // the normalised term, for the evidence (incoming only)
	// shown is how the evidence writes an actor's term: the headline's
	// words for it, lower-cased ("israel" for "@state:IL"); "" for a
	// term written as it is.
	shown string
}

// eventSig is an article's event signature.
type eventSig struct {
	terms []evTerm
	// own: a roundup, live update, explainer or question is its own
	// story, never joined to an event nor joined by one.
	own bool
	// again: the headline says the event happened again ("kembali").
	again bool
	// members: the first members terms are the states of a list
	// ("Spanyol, Irlandia dan Norwegia"); optional: the last optional
	// terms are what the list implies (its count, the regions that
	// contain its states), evidence only when the other headline has
	// them too.
	members, optional int
	// groups: it counts states or names a region of them, which the
	// guards then compare (set for an incoming signature).
	groups bool
	// indexed, when set, is how the index that decided the article
	// indexed it (from its stored sketch): an index rebuilt from the
	// store then holds it as that index did.
	indexed *evIndexed
}

// evIndexed is what indexing a signature computed from the counts of the
// moment (its terms' summed weight, its key terms), which an index
// rebuilt later, with other articles in its window, would compute
// otherwise (review 14).
type evIndexed struct {
	total  [2]byte
	keyIdx [evKeys]byte
}

// ActorSource recognises actors (people, states, organisations, places) in
// a headline, such as a recogniser built on CLDR country names, capitals
// and offices. An actor becomes a term of the signature whatever the
// words that named it, so "AS", "Amerika Serikat", "Washington" and
// "Gedung Putih" can be one actor; one named where the headline names its
// speaker ("Gedung Putih: …") is the speaker.
type ActorSource interface {
	Actors(title string) []Actor
}

// Actor is one actor found in a headline.
type Actor struct {
	// ID names the actor whatever the words ("country:US").
	ID string
	// Text is the words of the headline that named it.
	Text string
	// Region is a state's ISO 3166 code ("ES"), empty for other actors:
	// a list of states is counted, and the groups of states that
	// contain them all are known (CLDR's containment).
	Region string
}

// termHash is the 24-bit hash of a normalised term, never zero.
func termHash(w string) uint32 {
	return uint32(mix(fnvString(w)))&(1<<24-1) | 1
}

// makeEventSig computes the signature of a cleaned title. Actors from the
// source (if any) join the terms as whole names.
func makeEventSig(title string, actors ActorSource) eventSig {
	return makeEventSigOf(title, headlineWords(title), actors)
}

// makeEventSigOf is makeEventSig with the title's words already split
// (headlineWords).
func makeEventSigOf(title string, words []headlineWord, actors ActorSource) eventSig {
	groups := stateGroups()
	// Room for every term at once: grown term by term, the slice
	// allocated about twice as much over a first ingest (BENCHMARKS.md,
	// the thirty-ninth session).
	sig := eventSig{terms: make([]evTerm, 0, maxTerms)}
	// add adds a term of the signature and returns its place, -1 when a
	// long headline leaves it out.
	add := func(word string, role uint8) int {
		h := termHash(word)
		if j := slices.IndexFunc(sig.terms, func(t evTerm) bool { return t.h == h }); j >= 0 {
			sig.terms[j].role = max(sig.terms[j].role, role)
			return j
		}
		if len(sig.terms) < maxTerms {
			sig.terms = append(sig.terms, evTerm{h: h, role: role, word: word})
			return len(sig.terms) - 1
		}
		// A long headline: a term the guards read (a number, a place, an
		// action) takes the place of the last plain one.
		last := -1
		for i, t := range sig.terms {
			if t.role == rolePlain && !strings.HasPrefix(t.word, "@") {
				last = i
			}
		}
		if role != rolePlain && last >= 0 {
			sig.terms[last] = evTerm{h: h, role: role, word: word}
			return last
		}
		return -1
	}
	if head, ok := teaserHead(title); ok {
		title, words = head, headlineWords(head)
	}
	speakerEnd := speakerSpan(words)
	sig.own = isQuestion(title)
	// Actors first: a long headline's last words may not fit. The words
	// that name an actor are its term alone (one actor is not two or three
	// more terms), and those of a speaking actor speak through it.
	actorWords := map[string]string{}  // a word of an actor's name → the actor's term
	var stateOf map[string]listedState // a word of a state's name → the state
	if actors != nil {
		var spoken []string
		for _, w := range words[:speakerEnd] {
			spoken = append(spoken, w.lower)
		}
		speaker := " " + strings.Join(spoken, " ") + " "
		for _, a := range actors.Actors(title) {
			role := uint8(rolePlain)
			if speakerEnd > 0 && strings.Contains(speaker, " "+strings.ToLower(a.Text)+" ") {
				role = roleSpeaker
			}
			for _, w := range strings.Fields(strings.ToLower(a.Text)) {
				actorWords[w] = "@" + a.ID
			}
			if j := add("@"+a.ID, role); j >= 0 && sig.terms[j].shown == "" {
				sig.terms[j].shown = strings.ToLower(a.Text)
			}
			if r, err := language.ParseRegion(a.Region); err == nil && r.IsCountry() {
				if stateOf == nil {
					stateOf = map[string]listedState{}
				}
				lower := strings.ToLower(a.Text)
				for _, w := range strings.Fields(lower) {
					stateOf[w] = listedState{term: "@" + a.ID, region: r}
				}
				// headlineWords writes a two-word name's short form
				// ("Amerika Serikat" is "as").
				if one, ok := shortForms[lower]; ok {
					stateOf[one] = listedState{term: "@" + a.ID, region: r}
				}
			}
		}
	}
	// A list of states: its count and the regions of all its states.
	listed, states := stateList(words, stateOf)
	var implied []string
	if len(listed) > 0 {
		sig.groups = true
		implied = append(implied, countTerm(len(listed)))
		add(implied[0], roleNumber)
		for _, g := range groups.commonGroups(states) {
			implied = append(implied, groups.groups[g].term)
			add(groups.groups[g].term, rolePlain)
		}
	}
	subject, action := true, actionDue
	for i := 0; i < len(words); i++ {
		w := words[i]
		sig.own = sig.own || ownStoryWords[w.lower]
		sig.again = sig.again || againWords[w.lower]
		// A number of states ("Tiga Negara Eropa", "3 negara") and a
		// region after a word for states ("Negara Asia Tenggara").
		if n, ok := countOfStates(words, i); ok || stateNouns[w.lower] {
			j := i
			if ok {
				add(countTerm(n), roleNumber)
				j++
			}
			at := j + 1 // the region, after function words ("3 Negara di Asia Tenggara")
			for at < len(words) && words[at].stop {
				at++
			}
			if at < len(words) {
				if g, k := groups.regionAt(words, at); k > 0 {
					add(groups.groups[g].term, rolePlain)
					j = at + k - 1
					ok = true
				}
			}
			if ok {
				sig.groups = true
				subject = false
				i = j
				continue
			}
		}
		if w.num != "" {
			// A number with the unit of time it counts is that quantity:
			// "Suap 3 Hakim … Divonis 3 Tahun" holds three judges and
			// three years, and against "Suap 3 Hakim … Divonis 11 Tahun"
			// its three years are a number the other lacks (another
			// verdict).
			num := "#" + w.num
			if i+1 < len(words) {
				if unit, ok := timeUnits[words[i+1].lower]; ok {
					num += " " + unit
				}
			}
			add(num, roleNumber)
			if action == objectDue {
				action = actionDone // a name or number is the object
			}
			continue
		}
		if w.stop {
			continue
		}
		if actor, ok := actorWords[w.lower]; ok {
			// An actor opening the headline is its subject, unless it
			// speaks.
			if subject {
				for j := range sig.terms {
					if sig.terms[j].word == actor && sig.terms[j].role == rolePlain {
						sig.terms[j].role = roleSubject
					}
				}
			}
			subject = false
			if action == objectDue {
				action = actionDone // a name or number is the object
			}
			continue
		}
		role := uint8(rolePlain)
		lemma, isAction := "", false
		if action == actionDue && !w.name && !subject && i >= speakerEnd {
			lemma, isAction = actionVerb(w)
		}
		switch {
		case isAction && !sayingVerbs[w.lower] && !sayingVerbs[w.stem]:
			action = objectDue
			add(lemma, roleAction)
			continue
		case w.name:
			role = roleName
		case i < speakerEnd:
			role = roleSpeaker
		case followsPlaceNoun(words, i):
			role = rolePlace
		case sayingVerbs[w.lower] || sayingVerbs[w.stem]:
			role = roleSaying
		case subject:
			role = roleSubject
		case action == objectDue && !verbParticles[w.lower]:
			// The head of the verb's object: "membekukan izin …" and
			// "membekukan perluasan bandara" are two decisions.
			role = roleAction
		}
		if action == objectDue && !verbParticles[w.lower] {
			action = actionDone
		}
		subject = false
		add(w.stem, role)
	}
	if len(listed) > 0 {
		sig.orderList(listed, implied)
	}
	return sig
}

// The action slots of a headline, in reading order: its verb is still
// due, then the head of the verb's object, then neither.
const (
	actionDue = iota
	objectDue
	actionDone
)

// countOfStates reads a count of states at words[i]: a whole number of
// at least two before a word for states, unless it names the two-state
// solution ("solusi dua negara"), a plan rather than two states.
func countOfStates(words []headlineWord, i int) (int, bool) {
	if words[i].num == "" || i+1 == len(words) || !stateNouns[words[i+1].lower] {
		return 0, false
	}
	if i > 0 && words[i-1].lower == "solusi" {
		return 0, false
	}
	n, err := strconv.Atoi(words[i].num)
	return n, err == nil && n >= 2 && n <= maxCount
}

// orderList puts the terms of a list's states first and those the list
// implies last, and counts those present (maxTerms may have left some
// out; at most maxListed states count as members).
func (sig *eventSig) orderList(listed, implied []string) {
	rank := func(t evTerm) int {
		switch {
		case slices.Contains(listed, t.word):
			return 0
		case slices.Contains(implied, t.word):
			return 2
		}
		return 1
	}
	slices.SortStableFunc(sig.terms, func(a, b evTerm) int { return rank(a) - rank(b) })
	for _, t := range sig.terms {
		switch rank(t) {
		case 0:
			sig.members = min(sig.members+1, maxListed)
		case 2:
			sig.optional++
		}
	}
}

// maxListed bounds the states of a list that count as its members: the
// most listCounts keeps.
const maxListed = listMask

// listCounts packs a signature's list counts (eventSig.members and
// eventSig.optional) in listBits bits each, members low, as the index
// entry and the stored sketch keep them.
type listCounts byte

// listBits holds one count of listCounts: up to maxListed members, and the
// terms a list implies (its count and at most maxListRegions regions).
const (
	listBits = 3
	listMask = 1<<listBits - 1
)

func packList(sig *eventSig) listCounts {
	return listCounts(sig.members&listMask | sig.optional&listMask<<listBits)
}

func (c listCounts) members() int  { return int(c) & listMask }
func (c listCounts) optional() int { return int(c>>listBits) & listMask }

// isQuestion reports whether a headline asks a question, at its end or
// before its answer ("Jadi Haram buat Dibeli? Ini Kata MUI"): such a piece
// explains, it does not report one event. A teaser (teaserHead) is read
// as its statement first.
func isQuestion(title string) bool { return strings.Contains(title, "?") }

// A teaser is a short question closing a statement: "Airlangga hingga
// Purbaya Merapat ke Istana, Bahas Apa?" reports the visit and teases its
// talks, where "Kenapa Harga Beras Naik?" or "Harga Beras Naik, Kenapa
// Pemerintah Diam Saja Selama Ini?" asks. maxTeaserWords bounds the
// question, minStatementWords the statement before it.
const (
	maxTeaserWords    = 3
	minStatementWords = 3
)

// teaserHead returns the statement of a teaser headline: one whose only
// question mark ends its last comma-separated segment, of at most
// maxTeaserWords words, after a statement of at least minStatementWords.
// Its signature is the statement's (BENCHMARKS.md, teaser).
func teaserHead(title string) (string, bool) {
	t := strings.TrimSpace(title)
	if strings.Count(t, "?") != 1 || !strings.HasSuffix(t, "?") {
		return "", false
	}
	i := strings.LastIndexByte(t, ',')
	if i < 0 {
		return "", false
	}
	head, tail := t[:i], t[i+1:]
	if n := len(strings.Fields(tail)); n == 0 || n > maxTeaserWords || len(strings.Fields(head)) < minStatementWords {
		return "", false
	}
	return head, true
}

// followsPlaceNoun reports whether words[i] names the place a place noun
// before it announces ("Kamp Pengungsi Jabalia", "RS Al-Shifa", "Rumah
// Sakit Indonesia"): the first content word after a run of place nouns.
func followsPlaceNoun(words []headlineWord, i int) bool {
	if placeNouns[words[i].lower] {
		return false
	}
	j := i - 1
	for j >= 0 && words[j].stop && !placeNouns[words[j].lower] {
		j--
	}
	return j >= 0 && placeNouns[words[j].lower]
}

// headlineWord is one word of a headline.
type headlineWord struct {
	lower string // lower-cased surface form
	stem  string // light stem
	num   string // the number's value when the word is one ("2.000", "2 ribu" → "2000")
	stop  bool
	colon bool // a colon follows
	comma bool // a comma follows
	name  bool // capitalised in a headline that does not capitalise every word
}

// headlineWords splits a headline into words: hyphenated compounds are split
// (a reduplication such as "anak-anak" is one word), numbers are read with
// their thousands separators and "ribu"/"juta" multipliers.
func headlineWords(title string) []headlineWord {
	var out []headlineWord
	toks := splitHeadline(title)
	names := !isAllCaps(title) && !isHeadlineCase(toks)
	for i := 0; i < len(toks); i++ {
		tok := toks[i]
		if tok == ":" || tok == "," {
			if len(out) > 0 {
				out[len(out)-1].colon = out[len(out)-1].colon || tok == ":"
				out[len(out)-1].comma = out[len(out)-1].comma || tok == ","
			}
			continue
		}
		lower := strings.ToLower(tok)
		// Only a number word opens a number written out (cheap to ask
		// of every word).
		if first, _, _ := strings.Cut(lower, "-"); numberWords[first] > 0 {
			if v, n := readNumberWords(toks[i:]); n > 0 {
				out = append(out, headlineWord{lower: lower, num: strconv.FormatFloat(v, 'f', -1, 64)})
				i += n - 1
				continue
			}
		}
		if v, ok := numberValue(lower); ok {
			out = append(out, headlineWord{lower: lower, num: v})
			continue
		}
		if mult, ok := multipliers[lower]; ok && len(out) > 0 && out[len(out)-1].num != "" {
			// "2 ribu": a multiplier written as a word.
			prev := &out[len(out)-1]
			if n, err := strconv.ParseFloat(prev.num, 64); err == nil {
				prev.num = strconv.FormatFloat(n*mult, 'f', -1, 64)
			}
			continue
		}
		r, _ := utf8.DecodeRuneInString(tok)
		for _, part := range splitCompound(lower) {
			if n := len(out); n > 0 && !out[n-1].stop {
				if one, ok := shortForms[out[n-1].lower+" "+part]; ok {
					out[n-1].lower, out[n-1].stem = one, lightStem(one)
					continue
				}
			}
			// The short form is stemmed as the word would be, so
			// "Arab Saudi" meets "Saudi" and "Wanita" meets "Perempuan".
			stem := lightStem(part)
			if one, ok := shortForms[part]; ok {
				stem = lightStem(one)
			} else if one, ok := shortForms[stem]; ok {
				// "Dibombardir" is "bombardir" is "serang".
				stem = lightStem(one)
			}
			out = append(out, headlineWord{lower: part, stem: stem, stop: stopwords[part] || stopwords[stem], name: names && unicode.IsUpper(r)})
		}
	}
	return out
}

// shortForms maps the usual long and short forms of the same thing in
// Indonesian news to one term ("Rumah Sakit" and "RS", "RI" and
// "Indonesia", "Pekan" and "Minggu").
var shortForms = map[string]string{
	"rumah sakit": "rs", "korea selatan": "korsel", "korea utara": "korut", "amerika serikat": "as", "arab saudi": "saudi",
	"luar negeri": "luar-negeri", "duta besar": "dubes", "ri": "indonesia", "wanita": "perempuan", "pekan": "minggu",
	"jalur gaza": "gaza", "tepi barat": "tepi-barat", "palestine": "palestina", "israeli": "israel", "us": "as",
	// Verbs that headlines use for the same action.
	"gempur": "serang", "bombardir": "serang", "bom": "serang", "serbu": "serang", "hantam": "serang", "hajar": "serang",
	"meninggal": "tewas", "gugur": "tewas", "terbunuh": "tewas", "kutuk": "kecam", "sumbang": "donasi",
	"hujat": "kritik", "tampik": "tolak",
	"tahan": "tangkap", "ciduk": "tangkap", "ringkus": "tangkap", "bekuk": "tangkap",
	"unjuk rasa": "demo", "undur diri": "mundur", "lengser": "mundur",
}

// splitHeadline returns the word tokens of s and a ":" or "," for each
// colon or comma between words.
// "15.500", "2,5", "2-1", "al-shifa" and "hind's" stay one token.
func splitHeadline(s string) []string {
	var out []string
	start := -1
	prev := rune(0)
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		if !word && start >= 0 && strings.ContainsRune(".,-/'’", r) {
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			digits := unicode.IsDigit(prev) && unicode.IsDigit(next)
			if (r == '-' || r == '\'' || r == '’') && (unicode.IsLetter(next) || unicode.IsDigit(next)) || digits {
				prev = r
				continue
			}
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, s[start:i])
			start = -1
		}
		if r == ':' || r == ',' {
			out = append(out, string(r))
		}
		prev = r
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// isHeadlineCase reports whether a headline capitalises its words, as
// most Indonesian outlets do ("Mesir Buka Perbatasan Rafah, Siap Tampung
// Warga yang Terluka"): all its words other than function words start
// with a capital, or all but one in four of a longer one, so capitals say
// nothing about names.
func isHeadlineCase(toks []string) bool {
	words, capital := 0, 0
	for _, tok := range toks {
		r, _ := utf8.DecodeRuneInString(tok)
		if !unicode.IsLetter(r) || stopwords[strings.ToLower(tok)] {
			continue
		}
		words++
		if unicode.IsUpper(r) {
			capital++
		}
	}
	lower := words - capital
	return words >= 3 && (lower == 0 || words >= 6 && 4*lower <= words)
}

// numberWords are the numbers headlines write out: "Satu Tentara Israel
// Tewas", "Sebelas Pendaki", "Fifteen Miners". The se- forms are one of
// the multiplier after them ("seratus", "seribu").
var numberWords = map[string]float64{"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
	"delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1e3, "sejuta": 1e6,
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90}

// tensWords make tens and teens of the number word before them ("dua
// puluh" is 20, "dua belas" 12); hundredWords hundreds ("tiga ratus",
// "two hundred").
var (
	tensWords    = map[string]bool{"puluh": true}
	teenWords    = map[string]bool{"belas": true}
	hundredWords = map[string]bool{"ratus": true, "hundred": true}
)

// multipliers scale the number before them, written in figures or words:
// "2 ribu", "1,5 juta", "dua puluh ribu".
var multipliers = map[string]float64{"ribu": 1e3, "juta": 1e6, "miliar": 1e9, "triliun": 1e12, "thousand": 1e3, "million": 1e6, "billion": 1e9}

// timeUnits name the units of time a headline counts a verdict, a
// sentence, an age or a duration in, each spelling mapped to one unit
// ("pekan" is already "minggu", shortForms). Only units of time: a
// magnitude's or a price's revised figure is the same event retold.
var timeUnits = map[string]string{
	"tahun": "year", "bulan": "month", "minggu": "week", "hari": "day", "jam": "hour", "menit": "minute",
	"year": "year", "years": "year", "month": "month", "months": "month", "week": "week", "weeks": "week",
	"day": "day", "days": "day", "hour": "hour", "hours": "hour", "minute": "minute", "minutes": "minute",
}

// readNumberWords reads a number written out in words at the start of
// toks ("Tiga Ratus Lima Puluh Tiga" is 353, "Twenty-Five" 25) and returns
// its value and how many tokens it took; n is 0 when toks does not start
// with a number word.
func readNumberWords(toks []string) (v float64, n int) {
	var words []string
	var ends []int // token index after each word
	for i, tok := range toks {
		parts := strings.Split(strings.ToLower(tok), "-")
		for _, p := range parts {
			if _, ok := numberWords[p]; !ok && !tensWords[p] && !teenWords[p] && !hundredWords[p] && multipliers[p] == 0 {
				parts = nil
				break
			}
		}
		if len(parts) == 0 {
			break
		}
		for range parts {
			ends = append(ends, i+1)
		}
		words = append(words, parts...)
	}
	if len(words) == 0 {
		return 0, 0
	}
	if _, ok := numberWords[words[0]]; !ok {
		return 0, 0 // a multiplier alone is no number
	}
	// total: the thousands and more read so far; hundreds: the hundreds of
	// the group at hand; small: its tens and units.
	total, hundreds, small := 0.0, 0.0, 0.0
	read := 0
	for k, w := range words {
		switch {
		case tensWords[w]:
			small *= 10
		case teenWords[w]:
			small += 10
		case hundredWords[w]:
			hundreds += max(small, 1) * 100
			small = 0
		case multipliers[w] > 0:
			total += max(hundreds+small, 1) * multipliers[w]
			hundreds, small = 0, 0
		default:
			x := numberWords[w]
			if x >= 1e3 {
				total += x
			} else if x >= 100 {
				hundreds += x
			} else {
				small += x
			}
		}
		read = ends[k]
	}
	return total + hundreds + small, read
}

// numberValue reads a number token: "2.000" and "2,000" are 2000, "2,5" is
// 2.5, "2-1" stays a score.
func numberValue(w string) (string, bool) {
	// A currency before the figure ("rp15.500", "us$2") is not the number.
	w = strings.TrimLeftFunc(w, func(r rune) bool { return !unicode.IsDigit(r) })
	if w == "" {
		return "", false
	}
	for i := 0; i < len(w); i++ {
		if !isDigitByte(w[i]) && !strings.ContainsRune(".,-/", rune(w[i])) {
			return "", false
		}
	}
	if strings.ContainsAny(w, "-/") {
		return w, true
	}
	// Thousands groups: every group after the first has three digits.
	for _, sep := range []string{".", ","} {
		parts := strings.Split(w, sep)
		if len(parts) > 1 && !strings.ContainsAny(w, strings.Replace(".,", sep, "", 1)) {
			groups := true
			for _, p := range parts[1:] {
				groups = groups && len(p) == 3
			}
			if groups {
				return strings.Join(parts, ""), true
			}
			// A decimal: "2,5" or "2.5".
			return strings.Replace(w, ",", ".", 1), true
		}
	}
	if v := strings.TrimLeft(w, "0"); v != "" {
		return v, true
	}
	return "0", true
}

// splitCompound splits "rudal-drone" in two and folds a reduplication
// ("anak-anak", "wanti-wanti") into one word.
func splitCompound(w string) []string {
	parts := strings.Split(w, "-")
	if len(parts) == 2 && parts[0] == parts[1] {
		return parts[:1]
	}
	out := parts[:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// lightStem strips the commonest Indonesian affixes and English plurals so
// "Dibuka" meets "Buka", "Serangan" meets "Serang" and "Putuskan" meets
// "Putus". Both sides of a comparison go through the same rules, so a
// wrong root costs nothing as long as it is the same wrong root; words of
// four letters or fewer are left alone.
func lightStem(w string) string {
	if len(w) <= 4 {
		return w
	}
	for _, suf := range []string{"nya", "lah", "kah"} {
		if len(w)-len(suf) >= 4 && strings.HasSuffix(w, suf) {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	// The ke-…-an confix makes a noun of its root: "kehabisan" is
	// "habis", "kekerasan" is "keras".
	if len(w)-4 >= 4 && strings.HasPrefix(w, "ke") && strings.HasSuffix(w, "an") {
		return w[2 : len(w)-2]
	}
	for _, pre := range []string{"meng", "meny", "mem", "men", "me", "di", "ter", "ber", "peng", "pem", "pen", "per"} {
		if len(w)-len(pre) >= 4 && strings.HasPrefix(w, pre) && !looksPrefixed[w[:min(len(w), 6)]] {
			rest := w[len(pre):]
			switch pre {
			case "meny":
				rest = "s" + rest
			case "ter":
				// ter- before a root in r- keeps one r: "terendam" is
				// "rendam", "terekam" is "rekam".
				if rest[0] == 'e' {
					rest = "r" + rest
				}
			case "me":
				if !strings.ContainsRune("lrwy", rune(rest[0])) {
					continue
				}
			}
			w = rest
			break
		}
	}
	for _, suf := range []string{"kan", "an", "i", "s"} {
		if len(w)-len(suf) >= 4 && strings.HasSuffix(w, suf) {
			// An English plural, not an Indonesian root in -as, -is,
			// -us ("tewas", "kritis", "putus") nor "-ss".
			if suf == "s" && strings.ContainsRune("aiuse", rune(w[len(w)-2])) {
				continue
			}
			w = w[:len(w)-len(suf)]
			break
		}
	}
	return w
}

// looksPrefixed are the first six letters of loanwords and roots that
// begin like a prefix but carry none: "diplomatik" is not di+plomatik,
// "perdana" not per+dana.
var looksPrefixed = set("diplom", "direkt", "diskus", "digita", "dinami", "dialog", "distri", "dinast", "diagno", "diskon",
	"terori", "termin", "terito", "terapi", "perdan", "period", "perfor", "persis", "person", "persen", "pertam")

// speakerSpan returns how many leading words name the speaker of a quoted
// headline: "Putin: Solusi …" and "Menlu Retno: …" (up to four words
// before the first colon), or the subject of a verb of saying at the start
// ("Menlu Retno Sebut …", "Saudi Kutuk …"). Zero when there is none.
func speakerSpan(words []headlineWord) int {
	for i, w := range words {
		if i >= 4 {
			break
		}
		if w.colon {
			return i + 1
		}
	}
	for i, w := range words {
		if i >= 4 {
			break
		}
		if i > 0 && sayingVerbs[w.lower] {
			return i
		}
	}
	return 0
}

// ownStoryWords mark a roundup, a live update, a list or an explainer:
// such a piece is its own story, not a report of one event.
var ownStoryWords = set("rangkuman", "daftar", "deretan", "sederet", "alasan", "fakta", "profil", "sejarah", "penjelasan",
	"analisis", "opini", "kolom", "roundup", "explainer", "analysis", "opinion")

// verbParticles complete a verb rather than open its object ("mengkaji
// ulang", "hentikan sementara", "turns down").
var verbParticles = set("ulang", "sementara", "balik", "down", "off", "back")

// againWords say an event happened again: a new occurrence.
var againWords = set("kembali", "lagi", "again", "another")

// placeNouns name a kind of place: the words after them name the place
// ("Kamp Pengungsi Jabalia", "RS Al-Shifa", "Kota Rafah").
var placeNouns = set("kamp", "pengungsi", "rs", "rumah", "sakit", "kota", "desa", "kabupaten", "provinsi", "pelabuhan", "bandara",
	"stadion", "universitas", "kampus", "masjid", "gereja", "pasar", "sekolah", "jalan", "pulau", "gunung", "sungai", "camp", "hospital", "city")

// sayingVerbs mark the end of a headline's speaker.
var sayingVerbs = set("sebut", "bilang", "kata", "ungkap", "tegaskan", "klaim", "minta", "desak", "kecam", "kutuk", "bicara", "respons", "tanggapi", "akui", "janji", "ajak", "imbau", "nilai", "soroti", "tuding", "tuduh", "ancam", "peringatkan", "says", "said", "warns", "urges", "calls", "claims", "denies", "condemns")

// stopwords are function words and headline fluff in Indonesian and
// English: they say nothing about which event a headline reports.
var stopwords = set(
	// Indonesian function words.
	"yang", "dan", "di", "ke", "dari", "untuk", "pada", "dengan", "dalam", "ini", "itu", "atau", "juga", "akan", "bisa",
	"sudah", "telah", "masih", "tak", "tidak", "bukan", "jadi", "karena", "usai", "setelah", "saat", "hingga", "sampai",
	"soal", "terkait", "oleh", "bagi", "para", "sang", "si", "pun", "lagi", "kini", "hari", "ada", "jika", "kalau", "agar",
	"namun", "tapi", "tetapi", "serta", "atas", "antara", "sejak", "tanpa", "per", "vs", "bakal", "makin", "semakin", "kembali",
	"begini", "begitu", "inilah", "apa", "siapa", "kenapa", "mengapa", "bagaimana", "kapan", "mana", "sebut", "kata",
	"ujar", "tengah", "secara", "lebih", "paling", "sangat", "belum", "segera", "mulai", "sebagai", "menjadi", "jelang",
	"buat", "demi", "lewat", "melalui", "terhadap", "tentang", "kepada", "hal", "sejumlah", "ratusan", "ribuan", "puluhan",
	"banyak", "semua", "seluruh", "baru", "ia", "dia", "mereka", "kami", "kita", "saya", "nya", "pula", "via",
	"gegara", "gara", "imbas", "akibat", "meski", "walau", "walaupun", "bahkan", "hanya", "cuma", "sempat", "tetap",
	"dinilai", "disebut", "mau", "ingin", "harus", "perlu", "dapat", "berikut", "sebelum", "sesudah", "selama", "bersama",
	// Headline fluff.
	"video", "foto", "breaking", "update", "terkini", "terbaru", "viral", "simak", "lihat", "cek", "potret", "momen",
	"detik", "penampakan", "kronologi", "tegas", "brutal", "pilu", "heboh", "ngeri", "sadis", "wow", "fakta", "alasan",
	"cara", "kabar", "berita", "live", "situasi", "kondisi", "nasib", "kisah", "cerita", "sorotan", "eksklusif",
	"geger", "miris", "haru", "terungkap", "ternyata", "akhirnya", "langsung", "resmi", "blak", "blakan", "waduh", "astaga",
	// English function words.
	"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "from", "as", "is", "are", "was",
	"were", "be", "been", "after", "over", "says", "said", "new", "how", "why", "what", "who", "it", "its", "his", "her",
	"their", "this", "that", "into", "than", "more", "up", "out", "not", "no", "will", "can", "has", "have", "had", "amid",
	"watch", "al", "el",
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }
