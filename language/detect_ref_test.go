package language

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/warta-news/warta/internal/fixtures"
)

// detectByRunes reads words as Detect first did, rune by rune with the
// unicode tables: the reference Detect's byte loop is held to.
func detectByRunes(text string) (string, float64) {
	var ev evidence
	var buf [32]byte
	word := buf[:0]
	upper := 0
	for _, r := range scanned(text) {
		if r < utf8.RuneSelf && unicode.IsLetter(r) {
			if len(word) < cap(word) {
				if unicode.IsUpper(r) {
					upper++
				}
				word = append(word, byte(unicode.ToLower(r)))
			}
			continue
		}
		ev.add(word, upper)
		word, upper = word[:0], 0
	}
	ev.add(word, upper)
	return ev.verdict()
}

// charCuesBySearch is charCues as first written, a search per cue.
func charCuesBySearch(s []byte) (en, id float64) {
	has := func(sub string) bool { return bytes.Contains(s, []byte(sub)) }
	pre := func(p string) bool { return bytes.HasPrefix(s, []byte(p)) }
	suf := func(p string) bool { return bytes.HasSuffix(s, []byte(p)) }
	if suf("nya") || suf("kan") || pre("meng") || pre("meny") || pre("ber") && len(s) > 5 ||
		pre("di") && len(s) > 6 && suf("i") || has("ny") {
		id = 0.25
	}
	if has("th") || has("w") && !pre("w") || suf("tion") || suf("ing") || suf("ly") ||
		has("sh") || suf("ed") && len(s) > 4 {
		en = 0.25
	}
	return en, id
}

// checkAsFirstRead holds Detect to detectByRunes on text, and charCues to
// charCuesBySearch on each of its words.
func checkAsFirstRead(t *testing.T, text string) {
	t.Helper()
	gl, gc := Detect(text)
	wl, wc := detectByRunes(text)
	if gl != wl || gc != wc {
		t.Errorf("Detect(%.60q…) = %q %v, reading rune by rune %q %v", text, gl, gc, wl, wc)
	}
	for w := range strings.FieldsFuncSeq(strings.ToLower(text), func(r rune) bool { return r < 'a' || r > 'z' }) {
		ge, gi := charCues([]byte(w))
		we, wi := charCuesBySearch([]byte(w))
		if ge != we || gi != wi {
			t.Errorf("charCues(%q) = %v %v, searching %v %v", w, ge, gi, we, wi)
		}
	}
}

// TestDetectReadsAsFirstWritten holds Detect to its first reading on a
// real article and on what a byte loop could get wrong: non-ASCII letters
// inside and between words, invalid UTF-8, acronyms, words past the
// 32-letter buffer, the cues' digraphs at word edges.
func TestDetectReadsAsFirstWritten(t *testing.T) {
	b, err := fixtures.Read(fixtures.SeedArticle)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		string(b),
		"Café società: the naïve Zoë wrote — with Ürün — nothing",
		"Menyelenggarakan\xff\xfekegiatan di\xc3 Jakarta, PBB dan AS bertemu",
		"WHO UN ASEAN Wow wow sWitch Zwitch nyanyi thanks shy ashes tinted w",
		strings.Repeat("Pneumonoultramicroscopicsilicovolcanoconiosis ", 3) + strings.Repeat("a", 40) + "nya",
		"pertanyaan diberikan mengatakan kebanyakan the with which showed",
		"ÅNGSTRÖM ß İstanbul ǅemal — ПРИВЕТ мир 東京 ok",
	} {
		checkAsFirstRead(t, text)
	}
}

func FuzzDetectReadsAsFirstWritten(f *testing.F) {
	f.Add("Kedua negara sepakat untuk memperkuat kerja sama")
	f.Add("The ministers said théy would meet\xff again")
	f.Fuzz(func(t *testing.T, text string) {
		checkAsFirstRead(t, text)
	})
}
