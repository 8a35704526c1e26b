// Package language tells English from Indonesian text, small and fast: it
// counts function words, which even a short headline carries, and falls back
// on a few character cues typical of each language.
package language

import (
	"bytes"
	"strings"
	"unicode/utf8"

	xlanguage "golang.org/x/text/language"
)

// Language codes returned by Detect and Resolve.
const (
	English    = "en"
	Indonesian = "id"
)

// maxScan bounds how much text Detect reads: a few hundred words settle the
// question, and long bodies must not make detection slow.
const maxScan = 2000

// Function words: closed-class words that carry no topic and occur in almost
// every sentence. Words shared by both languages (e.g. "dan" is not English,
// but "a" is rare in Indonesian prose) are left out.
var enWords = wordSet(`the of and to in is was for that on with as by at from
it its are be has have had were will would not but this which who their they
he she his her an or been after over more than about into new says said
could should may can also than up out we our you your when what there
while being just against only all no under between since before during`)

var idWords = wordSet(`yang dan di ke dari untuk dengan pada ini itu dalam
tidak akan adalah juga oleh sebagai bahwa karena atau ada telah sudah
kata para saat bisa dapat lebih masih kami kita mereka ia dia tersebut
seperti agar hingga sejak setelah namun tetapi tapi bagi antara serta
menjadi hari tahun orang baru belum jika akan kepada terhadap secara pun
lagi sangat saja harus ujar menurut sebuah seorang tak nya`)

// Frequent content words of news headlines, which often carry no function
// word at all ("Iran Balas Dendam, Nekat Serang Pangkalan Militer AS").
// Each counts half a function word.
var enNews = wordSet(`says say new first year years people police president
government world killed war talks oil prices price stocks shares win wins
report plan deal week day night city state states officials official
minister leader leaders court company market sales says help back top
calls call set hit urges warns against amid vows seeks wants two three`)

var idNews = wordSet(`warga makin usai jadi sebut minta buat lalu baru lagi
tiba begini begitu terus mau soal demi bela balas jelang kini bakal punya
sampai luar negeri negara pemerintah rakyat perang serangan bantuan dunia
tahun bulan pekan minggu kota ribuan ratusan puluhan anak pria wanita
perempuan tewas korban kabar berita harga naik turun resmi jalan rumah
gedung kapal pesawat polisi tentara gempa banjir terbaru dukung tolak
kecam serang usir gempur cegah nekat dendam bahas sepakat desak ancam
terpilih menang kalah hadapi sebanyak pertama kedua ketiga begini cara
siap gelar ungkap bikin nih loh kok sih dong jangan hanya`)

// wordCue is what a known word counts for each language.
type wordCue struct{ en, id float64 }

// wordCues is every word of the four sets above with its weight, so that
// Detect looks a word up once: a function word counts one, a headline word
// half, and a word in two sets counts as the first of enWords, idWords,
// enNews, idNews that holds it.
var wordCues = func() map[string]wordCue {
	m := map[string]wordCue{}
	for _, set := range []struct {
		words map[string]struct{}
		cue   wordCue
	}{{idNews, wordCue{id: 0.5}}, {enNews, wordCue{en: 0.5}}, {idWords, wordCue{id: 1}}, {enWords, wordCue{en: 1}}} {
		for w := range set.words { // the earlier sets in Detect's order overwrite
			m[w] = set.cue
		}
	}
	return m
}()

func wordSet(s string) map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(s) {
		m[w] = struct{}{}
	}
	return m
}

// Detect returns "en" or "id" and a confidence in [0,1]; ("", 0) when the
// text gives no evidence either way. Confidence grows with the margin between
// the two languages' cues and with the amount of evidence.
func Detect(text string) (lang string, confidence float64) {
	var ev evidence
	var buf [32]byte
	word := buf[:0]
	upper := 0 // upper-case letters in word
	// Byte by byte: a word is a run of ASCII letters, and any other byte
	// (a non-ASCII letter is a cue for neither language here; a byte of a
	// multi-byte rune is never an ASCII letter) ends one.
	text = scanned(text)
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case 'a' <= c && c <= 'z':
		case 'A' <= c && c <= 'Z':
			if len(word) < cap(word) {
				upper++
			}
			c += 'a' - 'A'
		default:
			ev.add(word, upper)
			word, upper = word[:0], 0
			continue
		}
		if len(word) < cap(word) {
			word = append(word, c)
		}
	}
	ev.add(word, upper)
	return ev.verdict()
}

// scanned is the part of text Detect reads: maxScan bytes at most, cut
// where a rune starts.
func scanned(text string) string {
	if len(text) > maxScan {
		cut := maxScan
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	return text
}

// evidence sums what the words read say of each language.
type evidence struct{ en, id float64 }

// add counts one word, its letters lower-cased (upper of them were
// upper-case in the text); an empty one counts nothing.
func (ev *evidence) add(word []byte, upper int) {
	if upper == len(word) && len(word) <= 3 {
		// An acronym (AS, UN, PBB) says nothing about the language
		// around it.
		return
	}
	// m[string(b)] does not allocate.
	if cue, ok := wordCues[string(word)]; ok {
		ev.en += cue.en
		ev.id += cue.id
		return
	}
	e, i := charCues(word)
	ev.en += e
	ev.id += i
}

// verdict is the language the evidence favours and the confidence.
func (ev evidence) verdict() (lang string, confidence float64) {
	total := ev.en + ev.id
	if total == 0 {
		return "", 0
	}
	margin := ev.en - ev.id
	if margin < 0 {
		margin = -margin
	}
	// Evidence saturates: two function words are already telling.
	confidence = (margin / total) * (total / (total + 1))
	switch {
	case ev.en > ev.id:
		return English, confidence
	case ev.id > ev.en:
		return Indonesian, confidence
	}
	return "", 0
}

// charCues scores a content word by spelling patterns: Indonesian words
// often carry the affixes me-/ber-/di-/-kan/-nya and the digraph "ny";
// English has "th", "w", "sh" and endings -tion/-ing/-ly which Indonesian
// spelling lacks. Each cue weighs less than a function word.
func charCues(s []byte) (en, id float64) {
	const cue = 0.25
	pre := func(p string) bool { return bytes.HasPrefix(s, []byte(p)) }
	suf := func(p string) bool { return bytes.HasSuffix(s, []byte(p)) }
	// The digraphs and the w, in one pass over the word.
	var ny, th, sh, w bool
	for i, c := range s {
		switch {
		case c == 'w':
			w = true
		case c == 'y' && i > 0 && s[i-1] == 'n':
			ny = true
		case c == 'h' && i > 0 && s[i-1] == 't':
			th = true
		case c == 'h' && i > 0 && s[i-1] == 's':
			sh = true
		}
	}
	switch {
	case ny, suf("kan"), pre("meng"), // "-nya" and "meny-" hold "ny"
		pre("ber") && len(s) > 5,
		pre("di") && len(s) > 6 && suf("i"):
		id += cue
	}
	switch {
	case th, w && s[0] != 'w',
		suf("tion"), suf("ing"), suf("ly"), sh,
		suf("ed") && len(s) > 4:
		en += cue
	}
	return en, id
}

// Confident is the detection confidence above which Resolve overrides a
// declared language: many Indonesian feeds declare "en" for every item.
const Confident = 0.6

// minDetect is the confidence Resolve needs to name a language that was not
// declared at all.
const minDetect = 0.2

// Resolve returns the language to use for an article: the declared language
// when detection does not confidently disagree (see Decide), otherwise the
// detected language, or "" when neither is known.
func Resolve(declared, title, text string) string {
	lang, conf := Detect(Sample(title, text))
	return Decide(declared, lang, conf)
}

// Sample is the text Resolve detects the language of: the title and the
// text, as far as Detect reads (a byte past maxScan, where Detect finds
// its cut), so that a long body is not copied whole.
func Sample(title, text string) string {
	if text == "" {
		return title
	}
	if keep := max(0, maxScan-len(title)); len(text) > keep {
		text = text[:keep]
	}
	return title + "\n" + text
}

// Decide is Resolve for a caller that has already run Detect on
// Sample(title, text).
//
// A declared language is kept unless the detector confidently finds
// another. That holds for languages the detector does not know too (it
// knows English and Indonesian function words): German shares enough of
// English's letters and short words to look like it at low confidence,
// and a declared "de" or "fr" says more than that guess. Only an
// undeclared item (or one declared undetermined: und, mul, zxx) is
// guessed from a weaker reading.
func Decide(declared, detected string, confidence float64) string {
	d := Primary(declared)
	switch d {
	case "", "und", "mul", "zxx", "mis":
		if confidence >= minDetect {
			return detected
		}
		return ""
	}
	if detected != "" && detected != d && confidence >= Confident {
		return detected
	}
	return d
}

// Tagged reports whether code, a primary subtag (Primary), is a language
// a story can carry: English, Indonesian (the detector's) or any other
// ISO 639 language a source or feed declares (Decide keeps it). A view or
// filter of a code that is no language ("xx", "english") would be empty
// forever.
func Tagged(code string) bool {
	if code == English || code == Indonesian {
		return true
	}
	switch code {
	case "und", "mul", "zxx", "mis":
		return false
	}
	base, err := xlanguage.ParseBase(code)
	return err == nil && base.String() == code
}

// Primary lower-cases a BCP 47 tag and keeps its primary subtag ("en-US",
// "en_US" → "en"), mapping the withdrawn codes to their successors: "in" →
// "id" (still common in Indonesian feeds), "iw" → "he", "ji" → "yi", and
// three-letter terminology codes to their two-letter form ("ind" → "id"). It is the
// one reading of a language tag every stage uses.
func Primary(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	switch tag {
	case "in":
		return Indonesian
	case "iw":
		return "he"
	case "ji":
		return "yi"
	case "", "und", "mul", "zxx", "mis":
		return tag
	}
	// A three-letter ISO 639-2/T or 639-3 code ("ind", "eng", "deu") is read as
	// its two-letter form where CLDR has one, so a feed declaring "ind"
	// is Indonesian; a code with none ("haw") stays as written.
	if len(tag) == 3 {
		if base, err := xlanguage.ParseBase(tag); err == nil {
			return base.String()
		}
	}
	return tag
}
