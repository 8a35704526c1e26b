package topic

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/warta-news/warta/internal/wordbits"
)

// posting points from a stem (or, for exact terms, a folded word) to a term
// that may start there.
type posting struct {
	term  int32
	topic int32 // the term's topic, copied so that scanning stays in postings
	words int32 // the term's word count
	// second is, for postingPair, the id of the stem the next word must
	// have; for postingExact, the id of the word itself.
	second  int32
	kind    postingKind
	scoring bool // the term is of kindScore
}

type postingKind uint8

const (
	postingPhrase postingKind = iota // the term's words, stemmed, from here
	postingJoined                    // a phrase written as one word: "kerjasama" for "kerja sama"
	postingPair                      // a one-word term written as two: "kerja sama" for "kerjasama"
	postingExact                     // an exact term's words, unstemmed
)

// index maps the first stem or word of every term of one language to its
// postings. Every stem and word the terms mention is interned to a small id
// once, so that scanning an article costs a map lookup per distinct
// reading of a word and then compares ints.
type index struct {
	ids      map[string]int32 // vocabulary: stem or folded word → id
	postings [][]posting      // by id: the terms that may start there
	// filter has every string of ids: most words of an article are in no
	// term, and it rules out most of them before the map.
	filter wordbits.Set
}

// noID marks a reading no term mentions: it matches nothing.
const noID int32 = -1

// intern returns the id of s, adding it to the vocabulary if new.
func (ix *index) intern(s string) int32 {
	if id, ok := ix.ids[s]; ok {
		return id
	}
	id := int32(len(ix.postings))
	ix.ids[s] = id
	ix.filter.Add(s)
	ix.postings = append(ix.postings, nil)
	return id
}

// lookup returns the id of s, or noID when no term mentions it.
func (ix *index) lookup(s string) int32 {
	if !ix.filter.MayHave(s) {
		return noID
	}
	if id, ok := ix.ids[s]; ok {
		return id
	}
	return noID
}

// toks interns the readings and words of a compiled term.
func (ix *index) toks(ws []stems) []tok {
	out := make([]tok, len(ws))
	for i := range ws {
		out[i].n = uint8(ws[i].n)
		for j, s := range ws[i].list() {
			out[i].id[j] = ix.intern(s)
		}
		out[i].word = ix.intern(ws[i].word)
	}
	return out
}

// addTerm compiles a term, indexes it and returns its number. A term that
// stems like one already given for the same topic, language and purpose
// ("team" and "teams") is merged into it, keeping the larger weight, so one
// word in the text never counts twice.
func (t *Tagger) addTerm(tm term, merged map[string]int) int {
	// The stemmed words are needed only to index the term: it keeps
	// their interned ids (toks), not the strings.
	var words []stems
	text, exact, supporting := termMarks(tm.raw)
	tm.exact, tm.supporting = exact, supporting
	t.supporting = t.supporting || supporting
	if exact {
		words = compileExact(text)
	} else {
		words = compileWords(text, tm.lang)
	}
	key := fmt.Sprintf("%d|%d|%d|%t|%t|%s", tm.topic, tm.lang, tm.kind, tm.exact, tm.supporting, stemKey(words))
	if id, ok := merged[key]; ok {
		if math.Abs(tm.weight) > math.Abs(t.terms[id].weight) {
			t.terms[id].weight = tm.weight
		}
		return id
	}
	id := int32(len(t.terms))
	merged[key] = int(id)
	ix := &t.idx[tm.lang]
	tm.toks = ix.toks(words)
	t.terms = append(t.terms, tm)
	// at is a posting of this term of the given kind.
	at := func(kind postingKind) posting {
		return posting{term: id, topic: int32(tm.topic), scoring: tm.kind == kindScore, kind: kind}
	}
	if tm.exact {
		p := at(postingExact)
		p.words = int32(len(words))
		p.second = tm.toks[0].word
		ix.add(words[0].word, p)
		return int(id)
	}
	for _, s := range words[0].list() {
		p := at(postingPhrase)
		p.words = int32(len(words))
		ix.add(s, p)
	}
	folded := foldPhrase(text)
	if len(words) > 1 {
		// "kerja sama" also matches "kerjasama" (and "bekerjasama").
		joined := stemWord(strings.Join(folded, ""), tm.lang)
		for _, s := range joined.list() {
			ix.add(s, at(postingJoined))
		}
	} else if w := folded[0]; len(w) >= 6 {
		// "kerjasama" also matches "kerja sama": index every split of the
		// word into two parts of three letters or more.
		for k := 3; k <= len(w)-3; k++ {
			first, second := stemWord(w[:k], tm.lang).s[0], stemWord(w[k:], tm.lang).s[0]
			p := at(postingPair)
			p.second = ix.intern(second)
			ix.add(first, p)
		}
	}
	return int(id)
}

// add indexes p under key once, longest matches first so that a phrase is
// tried before the words it contains.
func (ix *index) add(key string, p posting) {
	k := ix.intern(key)
	ps := ix.postings[k]
	for _, q := range ps {
		if q == p {
			return
		}
	}
	ps = append(ps, p)
	slices.SortStableFunc(ps, func(a, b posting) int { return b.span() - a.span() })
	ix.postings[k] = ps
}

// stemKey is the first reading of each word, joined.
func stemKey(ws []stems) string {
	parts := make([]string, len(ws))
	for i := range ws {
		parts[i] = ws[i].s[0]
	}
	return strings.Join(parts, " ")
}
