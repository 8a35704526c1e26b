package topic

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/warta-news/warta/language"
)

// Language indexes of the compiled rules.
const (
	langEN = iota
	langID
	numLangs
)

// langIndex maps a BCP 47 tag to a rules language; -1 when it is neither.
func langIndex(tag string) int {
	switch language.Primary(tag) {
	case language.English:
		return langEN
	case language.Indonesian:
		return langID
	}
	return -1
}

func langName(l int) string {
	if l == langEN {
		return "en"
	}
	return "id"
}

// termKind says what a compiled term is for.
type termKind uint8

const (
	kindScore   termKind = iota // adds its weight to the score
	kindRequire                 // one of these must match
	kindExclude                 // any of these vetoes the topic
	kindExpr                    // a leaf of the topic's expression
)

// term is one configured term or phrase, compiled for one language.
type term struct {
	topic  int
	lang   int
	kind   termKind
	raw    string  // as written in the config, without the weight
	weight float64 // 1 unless written "term^w"
	toks   []tok   // the readings of each word, interned in the index of lang
	// exact terms, written "=word", match the folded word itself, not its
	// stem: "=perusahaan" (company) must not match "berusaha" (to try),
	// which shares its stem.
	exact bool
	// supporting terms, written "~word", count only when a term of their
	// topic that is not supporting (and weighs more than 0) matched too:
	// "~falcons" is sport beside "quarterback", birds alone.
	supporting bool
}

// termMarks splits the marks off a term's text: "~" (supporting) and "="
// (exact), in either order, and returns the words that remain.
func termMarks(text string) (words string, exact, supporting bool) {
	words = text
	for {
		switch {
		case strings.HasPrefix(words, "="):
			exact, words = true, words[1:]
		case strings.HasPrefix(words, "~"):
			supporting, words = true, words[1:]
		default:
			return words, exact, supporting
		}
	}
}

// parseTerm splits a term written "word", "a phrase" or "word^2.5" into
// its text and weight (1 when no "^weight" suffix is given). The text is
// trimmed and keeps its marks, a leading "=" (match the word exactly,
// unstemmed) and "~" (supporting: see term); it must hold a word. The weight must be a finite non-zero number: a negative
// weight counts against the topic ("bank^-1").
func parseTerm(raw string) (text string, weight float64, err error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", 0, errors.New("empty term")
	}
	text, weight = s, 1
	if i := strings.LastIndexByte(s, '^'); i >= 0 {
		text = strings.TrimSpace(s[:i])
		w := strings.TrimSpace(s[i+1:])
		weight, err = strconv.ParseFloat(w, 64)
		if err != nil || math.IsNaN(weight) || math.IsInf(weight, 0) || weight == 0 {
			return "", 0, fmt.Errorf("term %q: bad weight %q: want a non-zero number, as in \"sanksi^2\" or \"bank^-1\"", s, w)
		}
	}
	if !hasWords(text) {
		return "", 0, fmt.Errorf("term %q has no words", s)
	}
	return text, weight, nil
}

// hasWords reports whether a term's text (with its marks) has a word to
// match.
func hasWords(text string) bool {
	words, _, _ := termMarks(text)
	return len(foldPhrase(words)) > 0
}

// stemWord returns the readings of a folded word in language l.
func stemWord(w string, l int) stems {
	var v stems
	stemInto(&v, w, l)
	return v
}

// stemInto sets v to the readings of a folded word in language l.
func stemInto(v *stems, w string, l int) {
	if l == langID {
		stemIDInto(v, w)
		return
	}
	v.n = 0
	v.add(stemEN(w))
}

// stemSeq tokenizes and stems text, collapsing reduplication: a hyphenated
// repeat ("negara-negara", "bermain-main") counts as one word.
func stemSeq(text string, l int, stem func(string, int) stems, words []word, dst []stems) ([]word, []stems) {
	words = tokenize(text, words[:0])
	for _, w := range words {
		v := stem(w.text, l)
		if w.joined && len(dst) > 0 && dst[len(dst)-1].s[0] == v.s[0] {
			continue
		}
		v.word = w.text
		dst = append(dst, v)
	}
	return words, dst
}

// compileWords stems a configured term's words.
func compileWords(raw string, l int) []stems {
	_, seq := stemSeq(raw, l, stemWord, nil, nil)
	return seq
}

// compileExact folds a configured exact term's words without stemming.
func compileExact(raw string) []stems {
	ws := foldPhrase(raw)
	out := make([]stems, len(ws))
	for i, w := range ws {
		out[i].add(w)
		out[i].word = w
	}
	return out
}
