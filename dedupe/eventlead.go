package dedupe

import (
	"slices"
	"strings"
)

// leadWords bounds the lead an event signature reads: the text's first
// sentence, at most this many words.
const leadWords = 30

// leadSentence returns the first sentence of a cleaned text, at most
// leadWords words: where an outlet's own words say what happened, as its
// headline does.
func leadSentence(text string) string {
	words := strings.Fields(text)
	words = words[:min(len(words), leadWords)]
	for i, w := range words {
		// A sentence ends at a full stop, a question or an exclamation
		// mark after a word of more than three letters ("Drs.", "Pj."
		// and initials do not end one).
		if i > 0 && len(w) > 4 && strings.ContainsAny(w[len(w)-1:], ".!?") {
			return strings.Join(words[:i+1], " ")
		}
	}
	return strings.Join(words, " ")
}

// addLead fills the signature's free places (up to maxTerms, before what
// a list of states implies) with terms of the lead: its actors, names and
// numbers first, then its other content words in reading order, each a
// plain term, so the guards keep reading the title's roles alone.
func (sig *eventSig) addLead(text string, actors ActorSource) {
	free := maxTerms - len(sig.terms)
	lead := leadSentence(text)
	if free <= 0 || lead == "" {
		return
	}
	var first, rest []evTerm
	has := func(h uint32) bool {
		return slices.ContainsFunc(sig.terms, func(t evTerm) bool { return t.h == h }) ||
			slices.ContainsFunc(first, func(t evTerm) bool { return t.h == h }) ||
			slices.ContainsFunc(rest, func(t evTerm) bool { return t.h == h })
	}
	actorWords := map[string]bool{}
	if actors != nil {
		for _, a := range actors.Actors(lead) {
			for _, w := range strings.Fields(strings.ToLower(a.Text)) {
				actorWords[w] = true
			}
			if h := termHash("@" + a.ID); !has(h) {
				first = append(first, evTerm{h: h, role: rolePlain, word: "@" + a.ID})
			}
		}
	}
	for i, w := range headlineWords(lead) {
		var word string
		switch {
		case w.num != "":
			word = "#" + w.num
		case w.stop || actorWords[w.lower] || len(w.stem) < 2:
			continue
		default:
			word = w.stem
		}
		h := termHash(word)
		if has(h) {
			continue
		}
		t := evTerm{h: h, role: rolePlain, word: word}
		// The sentence's first word is capitalised as any opening is.
		if w.num != "" || w.name && i > 0 {
			first = append(first, t)
		} else {
			rest = append(rest, t)
		}
	}
	add := append(first, rest...)
	add = add[:min(len(add), free)]
	if len(add) == 0 {
		return
	}
	tail := slices.Clone(sig.terms[len(sig.terms)-sig.optional:])
	sig.terms = append(append(sig.terms[:len(sig.terms)-sig.optional], add...), tail...)
}
