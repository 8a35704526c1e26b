package topic

import (
	"fmt"
	"slices"
	"testing"

	"github.com/warta-news/warta/internal/asciicase"
)

// lex is lexWith without a memo or stem offsets, of text as the tagger
// lowers it: the reading the memo must not change.
func (t *Tagger) lex(text string, l int, dst []tok, feats, pairs *[]uint64) []tok {
	return t.lexWith(nil, text, asciicase.Lower(text), l, dst, feats, pairs, nil)
}

// lexTexts mix what the fast paths of lex must treat like stemSeq:
// capitals, digits, hyphenated repeats, apostrophes, possessives,
// diacritics and non-Latin letters.
var lexTexts = []string{
	"Presiden Joko Widodo MENANDATANGANI perjanjian kerja sama di Jakarta",
	"Negara-negara ASEAN bermain-main; Kuba-Rusia - damai, Jum'at 12-13",
	"Indonesia's GDP grows 5.1% as exports of coal and nickel rise",
	"Café São Paulo: Bolsonaro’s allies, résumé naïve ÉLAN",
	"Pemerintah menyetujui kebijakan baru; perusahaan berusaha, diplomat",
	"Москва and 東京 talks — CEO's pay; the teams' wins",
	"",
}

// TestLexMatchesStemSeq checks that lex, which lower-cases up front,
// filters lookups and keeps only ids, yields the words and readings of
// stemSeq, each mapped to its id in the vocabulary.
func TestLexMatchesStemSeq(t *testing.T) {
	tg := defaultTagger(t)
	id := func(ix *index, s string) int32 {
		if v, ok := ix.ids[s]; ok {
			return v
		}
		return noID
	}
	hits := 0
	for l := range numLangs {
		ix := &tg.idx[l]
		for _, text := range lexTexts {
			_, want := stemSeq(text, l, stemWord, nil, nil)
			got := tg.lex(text, l, nil, nil, nil)
			if len(got) != len(want) {
				t.Fatalf("lang %d, %q: lex gave %d words, stemSeq %d", l, text, len(got), len(want))
			}
			for i := range want {
				w, g := &want[i], got[i]
				if int(g.n) != w.n {
					t.Errorf("lang %d, %q, word %q: %d readings, want %d", l, text, w.word, g.n, w.n)
					continue
				}
				for j, s := range w.list() {
					if g.id[j] != id(ix, s) {
						t.Errorf("lang %d, %q, word %q: reading %q has id %d, want %d", l, text, w.word, s, g.id[j], id(ix, s))
					}
					if g.id[j] != noID {
						hits++
					}
				}
				if g.word != id(ix, w.word) {
					t.Errorf("lang %d, %q: word %q has id %d, want %d", l, text, w.word, g.word, id(ix, w.word))
				}
			}
		}
	}
	if hits == 0 {
		t.Error("no reading found in the vocabulary: the check is vacuous")
	}
}

// TestProtectedGroups checks that each protected root sits in the group of
// its first two letters, which is all isProtected consults.
func TestProtectedGroups(t *testing.T) {
	for prefix, list := range map[string][]string{
		"di": protectedDi[:], "te": protectedTe[:], "pe": protectedPe[:], "ke": protectedKe[:],
	} {
		for _, p := range list {
			if p[:2] != prefix {
				t.Errorf("protected root %q is in group %q", p, prefix)
			}
			if !isProtected(p) {
				t.Errorf("isProtected(%q) = false", p)
			}
		}
	}
}

// TestLexWithMemoIsLex checks that lex reading its words through a memo,
// empty and then filled by the same texts, yields lex's words and
// features.
func TestLexWithMemoIsLex(t *testing.T) {
	tg := defaultTagger(t)
	var memo wordMemo
	for pass := range 2 {
		for l := range numLangs {
			for _, text := range lexTexts {
				var feats, pairs, memoFeats, memoPairs []uint64
				want := tg.lex(text, l, nil, &feats, &pairs)
				got := tg.lexWith(&memo, text, asciicase.Lower(text), l, nil, &memoFeats, &memoPairs, nil)
				if !slices.Equal(got, want) || !slices.Equal(memoFeats, feats) || !slices.Equal(memoPairs, pairs) {
					t.Errorf("pass %d, lang %d, %q: with a memo %v %x %x, want %v %x %x", pass, l, text, got, memoFeats, memoPairs, want, feats, pairs)
				}
			}
		}
	}
	if len(memo.langs[langID].entries) == 0 {
		t.Error("the memo holds no word")
	}
}

// TestWordMemoStartsAfresh reads more words than a memo keeps: each read,
// before and after it starts afresh, is readWord's.
func TestWordMemoStartsAfresh(t *testing.T) {
	tg := defaultTagger(t)
	var memo wordMemo
	words := []string{"perang", "menyetujui", "negara", "trades"}
	for i := range maxMemoWords + 10 {
		words = append(words, fmt.Sprintf("kata%d", i), words[i%4])
	}
	for _, w := range words {
		var want wordReading
		tg.readWord(&want, w, langID)
		if got := memo.read(tg, w, langID); *got != want {
			t.Fatalf("%q: read %+v, want %+v", w, *got, want)
		}
	}
	if n := len(memo.langs[langID].entries); n >= maxMemoWords {
		t.Errorf("the memo holds %d words, more than %d", n, maxMemoWords)
	}
}
