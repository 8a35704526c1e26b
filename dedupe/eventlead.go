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

// addLead gives the signature optional terms from the lead of text: its
// actors, names and numbers first, then its other content words in
// reading order, stemmed as the title's, in the signature's free places
// (up to maxTerms, and at most as many as listCounts can count). Each is
// evidence only where the other article has it too (eventSig.optional):
// one outlet's own details in its lead (a hospital, a date, a street)
// then cost nothing, where as plain terms they diluted the share. They
// are plain terms, never lone for the guards, and the article is indexed
// under its title's terms alone (evWeigh): a lead's own words are its
// rarest and would take the keys other outlets' titles look under.
//
// A title with a list of states keeps its optional places for what the
// list implies, and takes no lead terms; a lead word that counts states
// or names a region of them is not taken (the guards compare those).
func (sig *eventSig) addLead(text string, actors ActorSource) {
	free := min(maxTerms-len(sig.terms), listMask)
	if free <= 0 || len(sig.terms) == 0 || sig.optional > 0 || sig.own {
		return
	}
	lead := leadSentence(text)
	if lead == "" {
		return
	}
	groups := stateGroups()
	var first, rest []evTerm
	has := func(h uint32) bool {
		in := func(t evTerm) bool { return t.h == h }
		return slices.ContainsFunc(sig.terms, in) || slices.ContainsFunc(first, in) || slices.ContainsFunc(rest, in) ||
			groups.counts[h] || groups.regionTerms[h]
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
	sig.terms = append(sig.terms, add...)
	sig.optional = len(add)
	sig.lead = len(add)
}
