package language

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/warta-news/warta/internal/fixtures"
)

// detectByRunes is Detect as first written, rune by rune with the unicode
// tables and a search per cue: the reference the byte loop is held to.
func detectByRunes(text string) (string, float64) {
	if len(text) > maxScan {
		cut := maxScan
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	var en, id float64
	var buf [32]byte
	word := buf[:0]
	upper := 0
	flush := func() {
		if len(word) == 0 {
			return
		}
		if upper == len(word) && len(word) <= 3 {
			word, upper = word[:0], 0
			return
		}
		if cue, ok := wordCues[string(word)]; ok {
			en += cue.en
			id += cue.id
		} else {
			s := word
			has := func(sub string) bool { return bytes.Contains(s, []byte(sub)) }
			pre := func(p string) bool { return bytes.HasPrefix(s, []byte(p)) }
			suf := func(p string) bool { return bytes.HasSuffix(s, []byte(p)) }
			if suf("nya") || suf("kan") || pre("meng") || pre("meny") || pre("ber") && len(s) > 5 ||
				pre("di") && len(s) > 6 && suf("i") || has("ny") {
				id += 0.25
			}
			if has("th") || has("w") && !pre("w") || suf("tion") || suf("ing") || suf("ly") ||
				has("sh") || suf("ed") && len(s) > 4 {
				en += 0.25
			}
		}
		word, upper = word[:0], 0
	}
	for _, r := range text {
		if unicode.IsLetter(r) {
			if r < utf8.RuneSelf {
				if len(word) < cap(word) {
					if 'A' <= r && r <= 'Z' {
						upper++
					}
					word = append(word, byte(unicode.ToLower(r)))
				}
			} else {
				flush()
			}
			continue
		}
		flush()
	}
	flush()
	total := en + id
	if total == 0 {
		return "", 0
	}
	margin := max(en-id, id-en)
	confidence := (margin / total) * (total / (total + 1))
	switch {
	case en > id:
		return English, confidence
	case id > en:
		return Indonesian, confidence
	}
	return "", 0
}

func checkDetectByRunes(t *testing.T, text string) {
	t.Helper()
	gl, gc := Detect(text)
	wl, wc := detectByRunes(text)
	if gl != wl || gc != wc {
		t.Errorf("Detect(%.60q…) = %q %v, reading rune by rune %q %v", text, gl, gc, wl, wc)
	}
}

// TestDetectReadsAsRuneByRune holds Detect to detectByRunes on a real
// article and on what a byte loop could get wrong: non-ASCII letters
// inside and between words, invalid UTF-8, acronyms, words past the
// 32-letter buffer, the cues' digraphs at word edges.
func TestDetectReadsAsRuneByRune(t *testing.T) {
	b, err := fixtures.Read(fixtures.SeedArticle)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		string(b),
		"Café società: the naïve Zoë wrote — with Ürün — nothing",
		"Menyelenggarakan\xff\xfekegiatan di\xc3 Jakarta, PBB dan AS bertemu",
		"WHO UN ASEAN Wow wow sWitch nyanyi thanks shy ashes tinted",
		strings.Repeat("Pneumonoultramicroscopicsilicovolcanoconiosis ", 3) + strings.Repeat("a", 40) + "nya",
		"pertanyaan diberikan mengatakan kebanyakan the with which showed",
		"ÅNGSTRÖM ß İstanbul ǅemal — ПРИВЕТ мир 東京 ok",
	} {
		checkDetectByRunes(t, text)
	}
}

func FuzzDetectReadsAsRuneByRune(f *testing.F) {
	f.Add("Kedua negara sepakat untuk memperkuat kerja sama")
	f.Add("The ministers said théy would meet\xff again")
	f.Fuzz(func(t *testing.T, text string) {
		checkDetectByRunes(t, text)
	})
}
