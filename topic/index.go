package topic

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// posting points from a stem (or, for exact terms, a folded word) to a term
// that may start there.
type posting struct {
	term  int32
	kind  postingKind
	words int // the term's word count
	// second is the stem the next word must have, for postingPair.
	second string
}

type postingKind uint8

const (
	postingPhrase postingKind = iota // the term's words, stemmed, from here
	postingJoined                    // a phrase written as one word: "kerjasama" for "kerja sama"
	postingPair                      // a one-word term written as two: "kerja sama" for "kerjasama"
	postingExact                     // an exact term's words, unstemmed
)

// index maps the first stem or word of every term of one language to its
// postings, so that scanning an article costs a map lookup per word.
type index struct {
	first map[string][]posting
}

// addTerm compiles a term, indexes it and returns its number. A term that
// stems like one already given for the same topic, language and purpose
// ("team" and "teams") is merged into it, keeping the larger weight, so one
// word in the text never counts twice.
func (t *Tagger) addTerm(tm term, merged map[string]int) int {
	if word, ok := strings.CutPrefix(tm.raw, "="); ok {
		tm.exact = true
		tm.words = compileExact(word)
	} else {
		tm.words = compileWords(tm.raw, tm.lang)
	}
	key := fmt.Sprintf("%d|%d|%d|%t|%s", tm.topic, tm.lang, tm.kind, tm.exact, stemKey(tm.words))
	if id, ok := merged[key]; ok {
		if math.Abs(tm.weight) > math.Abs(t.terms[id].weight) {
			t.terms[id].weight = tm.weight
		}
		return id
	}
	id := int32(len(t.terms))
	merged[key] = int(id)
	t.terms = append(t.terms, tm)
	ix := &t.idx[tm.lang]
	if tm.exact {
		ix.add(tm.words[0].word, posting{term: id, kind: postingExact, words: len(tm.words)})
		return int(id)
	}
	for _, s := range tm.words[0].list() {
		ix.add(s, posting{term: id, words: len(tm.words)})
	}
	folded := foldPhrase(tm.raw)
	if len(tm.words) > 1 {
		// "kerja sama" also matches "kerjasama" (and "bekerjasama").
		joined := stemWord(strings.Join(folded, ""), tm.lang)
		for _, s := range joined.list() {
			ix.add(s, posting{term: id, kind: postingJoined})
		}
	} else if w := folded[0]; len(w) >= 6 {
		// "kerjasama" also matches "kerja sama": index every split of the
		// word into two parts of three letters or more.
		for k := 3; k <= len(w)-3; k++ {
			first, second := stemWord(w[:k], tm.lang).s[0], stemWord(w[k:], tm.lang).s[0]
			ix.add(first, posting{term: id, kind: postingPair, second: second})
		}
	}
	return int(id)
}

// add indexes p under key once, longest matches first so that a phrase is
// tried before the words it contains.
func (ix *index) add(key string, p posting) {
	ps := ix.first[key]
	for _, q := range ps {
		if q == p {
			return
		}
	}
	ps = append(ps, p)
	slices.SortStableFunc(ps, func(a, b posting) int { return b.span() - a.span() })
	ix.first[key] = ps
}

// stemKey is the first reading of each word, joined.
func stemKey(ws []stems) string {
	parts := make([]string, len(ws))
	for i := range ws {
		parts[i] = ws[i].s[0]
	}
	return strings.Join(parts, " ")
}
