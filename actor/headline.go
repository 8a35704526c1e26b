package actor

import "strings"

// Headline is who speaks in a headline, beside its actors: a report that
// only names its source ("…, UN says", "…, says Unicef", "…: consul",
// "…, kata Menlu", "Menurut PBB, …") makes the source no party to what it
// reports, while a state that speaks ("Britain says …", "Ukraine denies
// …", "Korut Sebut …") takes a stance.
type Headline struct {
	// SourceStart and SourceEnd are the byte span of the attribution (both
	// 0 when there is none): a clause of at most maxSourceWords words at
	// the headline's end that ends with a source's or a stance's verb ("UN
	// says", "state media reports", "he said") or opens with a source's
	// words ("says Unicef",
	// "according to officials", "kata Menlu"), or that follows a colon in
	// at most maxColonSourceWords words ("…: PM"); or a clause at its start
	// that opens with a source's words and ends with a comma ("Menurut
	// PBB, …").
	SourceStart, SourceEnd int
	// Stance is set when the headline reports what a state or anyone said:
	// a verb of stance ("Ukraine denies", "…, he said", "…, katanya"), a
	// source's verb outside the attribution ("Britain says"), or an
	// attribution that names a state or one of its offices ("…, Iranian
	// officials say", "…: PM").
	Stance bool
	// Conjecture is set when the headline asks or supposes rather than
	// reports: a question mark, or a clause that opens with a word of
	// question or supposition ("Why is the US attacking Iran?",
	// "Seandainya AS Menyerang Korea Utara…"). An analysis asks about the
	// states' conduct; it reports no event.
	Conjecture bool
	// Speaker is the index in the headline's actors (Headline's ms) of the
	// state, international body or office that speaks, or -1: the actor
	// that ends a colon-led opening clause ("Korut: AS Harus …", "PM: …"),
	// the subject of a verb of stance, of a source's verb outside the
	// attribution or of a word of pressure ("Britain says …", "Seoul
	// denies …", "Korut Kecam …"), or a state or office in the attribution
	// ("…, Iranian officials say"). A source's verb before a report of
	// violence makes its subject a source, not a speaker ("UN says 3
	// killed in …").
	Speaker int
}

// The longest attributions: a source is a name or a short noun phrase.
// A subject is followed by its verb within maxSubjectGap words ("Britain
// on Tuesday says").
const (
	maxSourceWords      = 6
	maxColonSourceWords = 3
	maxSubjectGap       = 2
)

// Headline reads who speaks in title (language lang, as for Find), whose
// actors are ms (Find's result for title).
func (r *Recognizer) Headline(title, lang string, ms []Mention) Headline {
	table := r.cues[langIndex(lang)]
	tp := r.words(title)
	defer r.tokens.Put(tp)
	toks := *tp
	h := Headline{Speaker: -1}
	if len(toks) == 0 {
		return h
	}
	shouting := isShouting(toks)
	cueAt := func(i int) (Kind, int) {
		a, n := match(table[toks[i].text], toks[i:], shouting, false)
		return a.kind, n
	}
	// The last clause: the words after the last clause break.
	last, colon := 0, false
	h.Conjecture = strings.ContainsRune(title, '?')
	for i := 0; i < len(toks); i++ {
		brk, c := i == 0, false
		if i > 0 {
			brk, c = clauseBreak(title[toks[i-1].end:toks[i].start])
		}
		if !brk {
			continue
		}
		if i > 0 {
			last, colon = i, c
		}
		if k, _ := cueAt(i); k == conjecture {
			h.Conjecture = true
		}
	}
	if n := len(toks) - last; last > 0 && n <= maxSourceWords {
		opens, _ := cueAt(last)
		closes := false
		for i := last; i < len(toks); i++ {
			if k, m := cueAt(i); (k == source || k == stance) && i+m == len(toks) {
				closes = true
			}
		}
		if opens == source || closes || colon && n <= maxColonSourceWords {
			h.SourceStart, h.SourceEnd = toks[last-1].end, len(title)
		}
	}
	// A source at the start: "Menurut PBB, …", "According to officials, …".
	if h.SourceEnd == 0 {
		if k, n := cueAt(0); k == source && n > 0 {
			for i := n; i < len(toks) && i <= maxSourceWords; i++ {
				if brk, _ := clauseBreak(title[toks[i-1].end:toks[i].start]); brk {
					h.SourceStart, h.SourceEnd = 0, toks[i-1].end
					break
				}
			}
		}
	}
	for i := 0; i < len(toks); {
		k, n := cueAt(i)
		if n == 0 || k == conjecture {
			i += max(n, 1)
			continue
		}
		if k == stance || toks[i].start < h.SourceStart || toks[i].start >= h.SourceEnd {
			h.Stance = true
		}
		i += n
	}
	h.Speaker = openingSpeaker(title, toks, ms)
	for i, m := range ms {
		if m.Start >= h.SourceStart && m.End <= h.SourceEnd && h.SourceEnd > 0 && (m.Kind == State || m.Kind == Office) {
			h.Stance = true
			if h.Speaker < 0 {
				h.Speaker = i
			}
		}
	}
	if h.Speaker < 0 {
		h.Speaker = verbSubject(title, toks, ms, h, cueAt)
	}
	return h
}

// openingSpeaker is the index in ms of the actor that ends the headline's
// opening clause when a colon ends it within maxColonSourceWords words of
// toks ("Korut: AS Harus …", "PM: …"), or -1.
func openingSpeaker(title string, toks []token, ms []Mention) int {
	for i := 1; i < len(toks) && i <= maxColonSourceWords; i++ {
		if brk, colon := clauseBreak(title[toks[i-1].end:toks[i].start]); brk {
			if colon {
				return lastActor(ms, 0, toks[i-1].end)
			}
			return -1
		}
	}
	return -1
}

// verbSubject is the index in ms of the actor that is the subject of a
// verb of stance, a source's verb or a word of pressure outside the
// headline's attribution (h), or -1; a source's verb before a report of
// violence has a source for its subject, not a speaker.
func verbSubject(title string, toks []token, ms []Mention, h Headline, cueAt func(int) (Kind, int)) int {
	violenceAfter := func(at int) bool {
		for _, m := range ms {
			if m.Start >= at && m.ReportsViolence() {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(toks); {
		k, n := cueAt(i)
		verb := k == stance || k == source
		if n == 0 {
			n = 1
			verb = pressureAt(ms, toks[i].start)
		}
		inSource := h.SourceEnd > 0 && toks[i].start >= h.SourceStart && toks[i].start < h.SourceEnd
		if verb && !inSource && !(k == source && violenceAfter(toks[i].end)) {
			if a := subject(title, toks, ms, i); a >= 0 {
				return a
			}
		}
		i += n
	}
	return -1
}

// lastActor is the index of the last state, body or office in ms within
// the byte span [start, end), or -1.
func lastActor(ms []Mention, start, end int) int {
	a := -1
	for i, m := range ms {
		if m.Start >= start && m.End <= end && (m.Kind == State || m.Kind == Body || m.Kind == Office) {
			a = i
		}
	}
	return a
}

// pressureAt reports whether a relation word of pressure (condemn, warn,
// urge; Kecam, Desak) starts at byte offset at.
func pressureAt(ms []Mention, at int) bool {
	for _, m := range ms {
		if m.Start == at && m.Kind == Relation && m.ID == "pressure" {
			return true
		}
	}
	return false
}

// subject is the index in ms of the actor that is the subject of the verb
// at word v: the last actor that ends within maxSubjectGap words before
// it, in the same clause; or -1.
func subject(title string, toks []token, ms []Mention, v int) int {
	from := max(v-1-maxSubjectGap, 0)
	for j := v - 1; j > from; j-- {
		if brk, _ := clauseBreak(title[toks[j-1].end:toks[j].start]); brk {
			from = j
			break
		}
	}
	if v == 0 {
		return -1
	}
	return lastActor(ms, toks[from].start, toks[v].start)
}

// clauseBreak reports whether the text between two words breaks a clause (a
// comma, colon, semicolon, question mark, a dash or bar between spaces) and
// whether the break is a colon.
func clauseBreak(between string) (brk, colon bool) {
	for i := 0; i < len(between); i++ {
		switch between[i] {
		case ',', ';', '?', '|':
			brk = true
		case ':':
			brk, colon = true, true
		}
	}
	if !brk && len(between) >= 3 && between[0] == ' ' && between[len(between)-1] == ' ' {
		switch between[1 : len(between)-1] {
		case "-", "–", "—":
			brk = true
		}
	}
	return brk, colon
}

// addCue registers a word of a headline's speaker (kind stance or source)
// or of its conjecture in language l.
func (r *Recognizer) addCue(l int, kind Kind, name string) {
	addAlias(r.cues, l, kind, "", name, false)
}
