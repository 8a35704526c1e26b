package topic

import "strings"

// stemVersion names the stemming rules; it is part of the Fingerprint so
// that stored articles are re-tagged when the rules change.
const stemVersion = "stem-v1"

// stems holds the readings of one word: most words have one; a nasal prefix
// before a vowel or a final -i without a dictionary give up to four.
type stems struct {
	n int
	s [4]string
	// word is the folded word before stemming, for exact terms.
	word string
}

func (v *stems) add(w string) {
	for i := 0; i < v.n; i++ {
		if v.s[i] == w {
			return
		}
	}
	if v.n < len(v.s) {
		v.s[v.n] = w
		v.n++
	}
}

// list returns the readings as a slice backed by v.
func (v *stems) list() []string { return v.s[:v.n] }

// stemID stems an Indonesian word without a dictionary, after the rule-based
// algorithms of Tala (2003) and Nazief–Adriani: particles (-lah, -kah, -tah,
// -pun), possessives (-nya, -ku, -mu), up to two prefixes (meN-, peN-, di-,
// ter-, ber-, ke-, per-, se-…-nya) and a derivational suffix (-kan, -an, -i).
// The first reading is the likeliest; see stemIDAll for the others.
func stemID(w string) string {
	v := stemIDAll(w)
	return v.s[0]
}

// stemIDAll returns every reading of w. Where a nasal prefix swallowed the
// root's first letter no rule can tell which letter it was without a
// dictionary ("mengunjungi" is kunjung, "mengambil" is ambil), nor whether a
// final i after a prefix is the suffix -i (menyetujui) or the root's
// (meneliti). stemIDAll returns each reading; the tagger accepts a match on
// any of them, so the configured terms act as the dictionary.
func stemIDAll(w string) stems {
	var v stems
	stemIDInto(&v, w)
	return v
}

// stemIDInto sets v to the readings of w, as stemIDAll returns them,
// without copying them through return values.
func stemIDInto(v *stems, w string) {
	v.n = 0
	if len(w) <= 3 || !isLetters(w) {
		v.add(w)
		return
	}
	// se-…-nya adverbs (sebaiknya, sebenarnya). Bare se- is left alone: it
	// begins too many roots (setuju, senjata, selatan, sepakat).
	if strings.HasPrefix(w, "se") && strings.HasSuffix(w, "nya") && len(w)-5 >= minRoot && plausibleStart(w[2:]) {
		v.add(w[2 : len(w)-3])
		return
	}
	w = stripParticle(w)
	root, alt, first := stripPrefixes(w)
	for _, r := range [...]string{root, alt} {
		if r == "" {
			continue
		}
		s, keptI := stripSuffix(r, first)
		v.add(s)
		if keptI != "" {
			v.add(keptI)
		}
	}
}

// minRoot is the shortest remainder an affix may leave; shorter remainders
// mean the "affix" was part of the root (berita, perang, bulan).
const minRoot = 4

func stripParticle(w string) string {
	// A particle may only leave a long remainder: masalah and sekolah
	// end in -lah without carrying it. -tah survives only in question
	// words (apatah). Suffixes are compared as byte slices of the word's
	// end: this runs for every word of every article.
	if n := len(w); n >= 3+minRoot+1 {
		switch w[n-3:] {
		case "lah", "kah", "pun":
			w = w[:n-3]
		}
	}
	switch w {
	case "apatah", "siapatah", "manatah":
		w = w[:len(w)-3]
	}
	n := len(w)
	if n >= 3+minRoot-1 && w[n-3:] == "nya" {
		return w[:n-3]
	}
	// -ku and -mu end many roots (bertemu, ilmu): strip them only from long
	// words.
	if n >= 2+6 && (w[n-2:] == "ku" || w[n-2:] == "mu") {
		return w[:n-2]
	}
	return w
}

// protected* are roots that merely look prefixed: loanwords beginning with
// di-/ter-/per- (diplomat is not di+plomat), grouped by their first two
// letters.
var (
	protectedDi = [...]string{
		"diplom", "direk", "diskus", "disipl", "digit", "dinam", "dialog",
		"distrib", "divid", "dimensi", "dinast", "diagno", "diktat", "diesel",
		"diet", "diskon", "diskrim",
	}
	protectedTe = [...]string{"teror", "termin", "teritor", "terapi"}
	protectedPe = [...]string{"perdana", "periode", "performa", "persis", "personal"}
	protectedKe = [...]string{"kelas"}
)

func isProtected(w string) bool {
	if len(w) < 4 {
		return false
	}
	var list []string
	switch w[:2] {
	case "di":
		list = protectedDi[:]
	case "te":
		list = protectedTe[:]
	case "pe":
		list = protectedPe[:]
	case "ke":
		list = protectedKe[:]
	default:
		return false
	}
	for _, p := range list {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// stripPrefixes removes up to two prefixes and returns the remainder, an
// alternative reading when a prefix swallowed or may have swallowed the
// root's first letter, and the first prefix removed (its kind decides which
// suffixes may follow).
func stripPrefixes(w string) (root, alt, first string) {
	for range 2 {
		if isProtected(w) {
			break
		}
		rest, kind, other := stripPrefix(w, first)
		if kind == "" {
			break
		}
		if first == "" {
			first = kind
		}
		w = rest
		if other != "" {
			// A recoded root keeps its first letter: "menyetujui" is
			// setuju, not se+tuju.
			return w, other, first
		}
	}
	return w, "", first
}

// nasalPrefix is one form of meN- or peN-: the letters a root may start
// with after it (strip), and the letters it may have swallowed before a
// vowel (vowel, cons).
type nasalPrefix struct{ pfx, kind, strip, vowel, cons string }

// nasalMe and nasalPe are the forms of meN- and peN-, longest first.
var (
	nasalMe = [...]nasalPrefix{
		{"meng", "me", "ghkq", "", "k"},
		{"meny", "me", "", "s", "ny"},
		{"men", "me", "cdjz", "t", "n"},
		{"mem", "me", "bfpv", "p", "m"},
	}
	nasalPe = [...]nasalPrefix{
		{"peng", "pe", "ghkq", "", "k"},
		{"peny", "pe", "", "s", "ny"},
		{"pen", "pe", "cdjz", "t", "n"},
		{"pem", "pe", "bfpv", "p", "m"},
	}
)

// stripPrefix removes one prefix. kind is "me", "pe", "di", "ter", "ber",
// "ke", "per" or "se", "" when there is none; alt is a second reading of the
// root when the prefix is ambiguous.
func stripPrefix(w, prev string) (rest, kind, alt string) {
	if len(w) < 4 || strings.IndexByte("mpdktb", w[0]) < 0 {
		// No prefix begins with another letter.
		return "", "", ""
	}
	ok := func(r string) bool { return len(r) >= minRoot && plausibleStart(r) }
	// bel- occurs only in belajar, pel- in pelajar/pelajaran.
	if strings.HasPrefix(w, "belajar") || strings.HasPrefix(w, "pelajar") {
		return w[3:], w[:2] + "r", ""
	}
	nasal := func(pfx, k string, strip string, vowel, consonant string) (string, string, string) {
		r := w[len(pfx):]
		if len(r) == 0 {
			return "", "", ""
		}
		if isVowel(r[0]) && vowel != "" {
			if len(r)+1 >= minRoot {
				// Recoding: the nasal replaced the root's first letter.
				return vowel + r, k, consonant + r
			}
			return "", "", ""
		}
		if strings.IndexByte(strip, r[0]) >= 0 && ok(r) {
			return r, k, ""
		}
		return "", "", ""
	}
	if (prev == "" || prev == "di" || prev == "ke") && w[1] == 'e' && (w[0] == 'm' || w[0] == 'p') {
		// meN- and peN- come first in a word, or after di-/ke-
		// (diperdagangkan, kepemimpinan).
		list := nasalMe[:]
		if w[0] == 'p' {
			list = nasalPe[:]
		}
		for _, p := range list {
			if !strings.HasPrefix(w, p.pfx) {
				continue
			}
			if p.pfx == "meng" || p.pfx == "peng" {
				// meng+vowel: the root starts with the vowel (ambil) or
				// with a swallowed k (kunjung).
				r := w[4:]
				if len(r) > 0 && isVowel(r[0]) && len(r) >= minRoot-1 {
					return r, p.kind, "k" + r
				}
			}
			if r, k, a := nasal(p.pfx, p.kind, p.strip, p.vowel, p.cons); k != "" {
				return r, k, a
			}
		}
		if len(w) > 2 && (strings.HasPrefix(w, "me") || strings.HasPrefix(w, "pe") && !strings.HasPrefix(w, "per")) &&
			strings.IndexByte("lmnrwy", w[2]) >= 0 && ok(w[2:]) {
			return w[2:], w[:2], ""
		}
	}
	switch {
	case strings.HasPrefix(w, "di") && prev == "" && ok(w[2:]):
		return w[2:], "di", ""
	case strings.HasPrefix(w, "ke") && prev == "" && ok(w[2:]):
		return w[2:], "ke", ""
	case strings.HasPrefix(w, "ter") && ok(w[3:]):
		return w[3:], "ter", ""
	case strings.HasPrefix(w, "ber") && ok(w[3:]):
		// ber+vowel may be be+r-root: berunding is runding, berada ada.
		if isVowel(w[3]) {
			return w[3:], "ber", w[2:]
		}
		return w[3:], "ber", ""
	case strings.HasPrefix(w, "per") && ok(w[3:]):
		if isVowel(w[3]) {
			return w[3:], "per", w[2:]
		}
		return w[3:], "per", ""
	case len(w) > 5 && (strings.HasPrefix(w, "be") || strings.HasPrefix(w, "pe")) &&
		!isVowel(w[2]) && w[3:5] == "er" && ok(w[2:]):
		// be-/pe- before a syllable in -er: bekerja, pekerja.
		return w[2:], w[:2], ""
	case strings.HasPrefix(w, "pe") && prev == "" && len(w) > 2 && !isVowel(w[2]) && w[2] != 'r' && ok(w[2:]):
		// pe- before a non-nasal consonant: petani, pedagang.
		return w[2:], "pe", ""
	}
	return "", "", ""
}

// stripSuffix removes one derivational suffix, honouring the prefix–suffix
// pairs Indonesian does not form (ke-…-kan, di-/me-/ter-…-an, ber-/ke-…-i):
// kebijakan is ke+bijak+an, not ke+bija+kan. -kan needs a verbal prefix and
// -i any prefix, so loanwords like sanksi and ekonomi keep their final i.
// When -i is removed the reading that keeps it is returned as keptI: the i
// may be the root's (meneliti, mencari).
func stripSuffix(w, first string) (stem, keptI string) {
	const minStem = 3
	verbal := first != "" && first != "ke" && first != "se"
	if strings.HasSuffix(w, "kan") && verbal && len(w)-3 >= minStem {
		return w[:len(w)-3], ""
	}
	if strings.HasSuffix(w, "an") && first != "di" && first != "me" && first != "ter" &&
		len(w)-2 >= minRoot-boolInt(first != "") {
		return w[:len(w)-2], ""
	}
	if strings.HasSuffix(w, "i") && first != "" && first != "ber" && first != "ke" &&
		len(w)-1 >= minStem && !strings.HasSuffix(w, "ii") {
		return w[:len(w)-1], w
	}
	return w, ""
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// plausibleStart reports whether w can begin an Indonesian root: a vowel, a
// consonant and a vowel, or one of the clusters loanwords bring (pr, tr, kl,
// st, sp …). "kerjasama" is not ke+rjasama.
func plausibleStart(w string) bool {
	if len(w) < 2 {
		return false
	}
	if isVowel(w[0]) || isVowel(w[1]) {
		return true
	}
	switch w[:2] {
	case "pr", "tr", "kr", "br", "dr", "gr", "fr", "pl", "kl", "bl", "gl", "fl",
		"sl", "st", "sp", "sk", "sm", "sn", "sw", "ny", "ng", "kh", "sy":
		return true
	}
	return false
}

func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// stemEN is a light English stemmer: plurals (-s, -es, -ies), -ing and -ed,
// and a final silent e, so that trade, trades, traded and trading share a
// stem. The possessive 's is removed by the tokenizer.
func stemEN(w string) string {
	if len(w) <= 3 || !isLetters(w) {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"),
		strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zes"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") &&
		!strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	case strings.HasSuffix(w, "ing") && hasVowel(w[:len(w)-3]) && len(w)-3 >= 3:
		w = undouble(w[:len(w)-3])
	case strings.HasSuffix(w, "ed") && hasVowel(w[:len(w)-2]) && len(w)-2 >= 3:
		w = undouble(w[:len(w)-2])
	}
	// A final silent e goes (trade, traded); agree and agreed meet at agr.
	for len(w) > 3 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1]
	}
	return w
}

func hasVowel(w string) bool {
	return strings.ContainsAny(w, "aeiouy")
}

// undouble turns "runn" (from running) into "run"; ll, ss and zz stay, and
// so does a three-letter stem (inning → inn, not in).
func undouble(w string) string {
	n := len(w)
	if n >= 4 && w[n-1] == w[n-2] && !isVowel(w[n-1]) && strings.IndexByte("lsz", w[n-1]) < 0 {
		return w[:n-1]
	}
	return w
}
