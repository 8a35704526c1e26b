package dedupe

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// cutToEnd are markers after which the rest of the line is a credit or a
// related-links block, never story text: outlets put these at the very end.
var cutToEnd = regexp.MustCompile(`(?i)(\(?\s*\b(?:reporting|writing|additional reporting) by\b[^\n]*$)|(\bpewarta\s*:[^\n]*$)|(\b(?:penulis|reporter|editor|redaktur|penyunting)\s*:\s*\p{Lu}[^\n]*$)|(\b(?:copyright|hak cipta)\s*(?:©|\(c\))[^\n]*$)|(©\s*\d{4}[^\n]*$)`)

// readMore matches a related-article line ("Baca juga: …", "Read more: …").
// Within a line it removes the marker and the linked headline up to the end
// of its sentence; a line that starts with it goes entirely.
var readMore = regexp.MustCompile(`(?i)\b(?:baca(?: juga| pula)?|lihat juga|simak juga|read more|read also|also read|see also|related)\s*:\s*[^.!?\n]{0,160}[.!?]?`)

// disclaimers are newsletter, channel and community notices appended by
// outlets and aggregators. Each pattern runs only on lines holding one of
// its keywords: regexps are slow and most lines hold none.
var disclaimers = []guarded{
	{[]string{"whatsapp", "google news", "telegram", "line today"}, regexp.MustCompile(`(?i)\b(?:simak|ikuti|dapatkan|baca)\b[^\n.]{0,80}\b(?:breaking news|berita|update|informasi)\b[^\n]{0,160}?\b(?:whatsapp|google news|telegram|line today)(?: channel)?\b[.!]?`)},
	{[]string{"community adalah"}, regexp.MustCompile(`(?i)\b(?:[\p{L}]+ ){0,3}community adalah\b[^\n]{0,300}?\b(?:tanggung jawab|milik)\b[^\n.]{0,60}[.!]?`)},
	{[]string{"newsletter"}, regexp.MustCompile(`(?i)\bsign up(?: here)? (?:for|to)\b[^\n.]{0,80}\bnewsletter\b[^\n.]{0,120}[.!]?`)},
	{[]string{"our standards"}, regexp.MustCompile(`(?i)\bour standards\s*:\s*the trust principles\.?`)},
	{[]string{"follow us", "ikuti kami"}, regexp.MustCompile(`(?i)\b(?:follow|ikuti) (?:us|kami)\b[^\n.]{0,60}\b(?:twitter|facebook|instagram|whatsapp|telegram|google news)\b[^\n.]{0,40}[.!]?`)},
	{[]string{"all rights reserved", "hak cipta dilindungi"}, regexp.MustCompile(`(?i)\b(?:all rights reserved|hak cipta dilindungi undang-undang)\.?`)},
	{[]string{"reporting by", "writing by", "copyright", "hak cipta", "©", "pewarta:", "penulis:", "reporter:", "editor:", "redaktur:", "penyunting:"}, cutToEnd},
	{[]string{"baca", "lihat juga", "simak juga", "read more", "read also", "also read", "see also", "related"}, readMore},
}

// guarded is a pattern with the lower-case keywords one of which any match
// contains. A keyword ending in ':' is a label: the word, then perhaps
// spaces, then the colon ("Reporter : Budi"), so that a line where
// officials "told reporters" does not run the pattern.
type guarded struct {
	keywords []string
	re       *regexp.Regexp
}

// holds reports whether the lower-cased line holds one of g's keywords.
func (g *guarded) holds(lower string) bool {
	for _, k := range g.keywords {
		if containsKeyword(lower, k) {
			return true
		}
	}
	return false
}

func containsKeyword(lower, k string) bool {
	word, label := strings.CutSuffix(k, ":")
	if !label {
		return strings.Contains(lower, k)
	}
	for i := strings.Index(lower, word); i >= 0; {
		rest := strings.TrimLeft(lower[i+len(word):], " \t\r\f\v")
		if strings.HasPrefix(rest, ":") {
			return true
		}
		j := strings.Index(lower[i+1:], word)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// titleAffix matches decorations outlets add around a headline.
var (
	titlePrefix = regexp.MustCompile(`^(?i:(?:(?:video|foto|photo|photos|galeri|gallery|infografis|update(?: \d+)?|breaking(?: news)?|live|berita|exclusive|eksklusif|analysis|analisis|opini|opinion|watch)\s*[:\-–|]\s*)+)`)
	titleSuffix = regexp.MustCompile(`\s+[\-–—|:]\s+[^\-–—|:]{2,40}$`)
	titleParens = regexp.MustCompile(`\s*\((?i:ap|afp|reuters|antara|upi|ani|dpa|xinhua|bernama|video|foto|update \d+)\)\s*`)
	wireTag     = regexp.MustCompile(`^[A-Z]+ \d+-`)
)

// outletWords are words that, when they make up a title suffix, mark it as
// an outlet name rather than part of the headline.
var outletWords = regexp.MustCompile(`(?i)\b(?:news|online|times|post|daily|media|tv|com|co\.id|net|id|antara|reuters|bbc|cnn|kompas|tempo|detik|republika|tribun|okezone|liputan6|kumparan|sindonews|suara|viva|merdeka|tirto|jakarta|guardian|al jazeera|associated press|ap|afp|nation|herald|tribune|journal|gazette|wire|radio|indonesia)\b`)

// Clean strips boilerplate from a title and a plain-text body: related-article
// lines, credit lines, newsletter and community disclaimers, outlet prefixes
// and suffixes in titles, and trailing truncation marks.
func Clean(title, text string) (cleanTitle, cleanText string) {
	return cleanTitleText(title), cleanBody(text)
}

func cleanTitleText(t string) string {
	t = strings.TrimSpace(t)
	for range 3 {
		before := t
		// Cheap byte tests keep the regexps off most titles.
		if strings.Contains(t, "(") {
			t = strings.TrimSpace(titleParens.ReplaceAllString(t, " "))
		}
		if strings.ContainsAny(t, ":-–|") {
			t = strings.TrimSpace(titlePrefix.ReplaceAllString(t, ""))
			t = strings.TrimSpace(wireTag.ReplaceAllString(t, ""))
			if m := titleSuffix.FindStringIndex(t); m != nil && m[0] > 0 && isOutletSuffix(t[m[0]:]) {
				t = strings.TrimSpace(t[:m[0]])
			}
		}
		t = trimTruncation(t)
		if t == before {
			break
		}
	}
	return t
}

// isOutletSuffix reports whether a " - Name" title tail names an outlet:
// outlet-like words, or a short capitalised name with no verb-like length.
func isOutletSuffix(s string) bool {
	s = strings.TrimLeft(s, " -–—|:")
	if outletWords.MatchString(s) {
		return true
	}
	words := strings.Fields(s)
	if len(words) > 3 {
		return false
	}
	for _, w := range words {
		r := []rune(w)
		if len(r) == 0 || !(r[0] >= 'A' && r[0] <= 'Z' || r[0] >= '0' && r[0] <= '9') {
			return false
		}
	}
	return true
}

// dateline matches a wire dateline opening the body: "JAKARTA (ANTARA) - ",
// "LONDON, Nov 2 (Reuters) - ", "WASHINGTON (AP) — ". Outlets reprinting a
// wire story keep or drop it at will.
var dateline = regexp.MustCompile(`^\p{Lu}[\p{Lu}\p{Lu} .'/-]{1,40}(?:,[^()\n]{1,30})?\s*\([^()\n]{2,30}\)\s*[-–—]+\s*`)

func cleanBody(text string) string {
	text = strings.TrimSpace(text)
	if mayOpenDateline(text) {
		// Anchored at the start, it matches once at most: cut it off
		// rather than copy the body without it.
		if m := dateline.FindStringIndex(text); m != nil {
			text = text[m[1]:]
		}
	}
	lines := strings.Split(text, "\n")
	out := lines[:0]
	for _, l := range lines {
		// Most lines hold no keyword: look for one without lower-casing
		// the line when lower-casing changes nothing but ASCII letters.
		folded := l
		if !foldsAsASCII(l) {
			folded = strings.ToLower(l)
		}
		if disclaimerWords.anyFolded(folded) {
			lower := strings.ToLower(l)
			for i := range disclaimers {
				if g := &disclaimers[i]; g.holds(lower) {
					l = g.re.ReplaceAllString(l, " ")
					lower = strings.ToLower(l)
				}
			}
		}
		if !singleSpaced(l) {
			l = strings.Join(strings.Fields(l), " ")
		}
		if l = trimTruncation(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// mayOpenDateline reports whether text starts as a dateline must: an
// upper-case letter, then an upper-case letter or one of " .'/-". Most
// bodies do not, and this test is cheaper than starting the regexp.
func mayOpenDateline(text string) bool {
	r, n := utf8.DecodeRuneInString(text)
	if !unicode.IsUpper(r) {
		return false
	}
	r, _ = utf8.DecodeRuneInString(text[n:])
	return unicode.IsUpper(r) || strings.ContainsRune(" .'/-", r)
}

// singleSpaced reports whether strings.Join(strings.Fields(s), " ") is s:
// no leading or trailing space, no other space than single ASCII blanks.
func singleSpaced(s string) bool {
	blank := true // before the first word, a blank is a leading one
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case ' ':
				if blank {
					return false
				}
				blank = true
			case '\t', '\n', '\v', '\f', '\r':
				return false
			default:
				blank = false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		blank = false
		i += n
	}
	return !blank || s == ""
}

// disclaimerWords holds the words of every disclaimer keyword, so that a
// line holding none of them (most lines) skips the patterns' keyword
// checks in one pass.
var disclaimerWords = newWordSet(disclaimers)

// wordSet finds whether a text holds one of its words: a bitmap of the
// words' first two bytes, then the words sharing the first byte.
type wordSet struct {
	pairs   [1 << 16 / 64]uint64
	byFirst [256][]string
}

func newWordSet(gs []guarded) *wordSet {
	ws := &wordSet{}
	for _, g := range gs {
		for _, k := range g.keywords {
			w := strings.TrimSuffix(k, ":")
			if len(w) < 2 {
				panic("dedupe: a disclaimer keyword shorter than two bytes: " + k)
			}
			p := uint16(w[0])<<8 | uint16(w[1])
			ws.pairs[p/64] |= 1 << (p % 64)
			ws.byFirst[w[0]] = append(ws.byFirst[w[0]], w)
		}
	}
	return ws
}

// anyFolded reports whether s, its ASCII letters lower-cased as they are
// read, holds one of the words: for an s that foldsAsASCII, whether
// strings.ToLower(s) does (the caller lower-cases other text). It is a
// superset of the guards' holds: a label keyword's word counts without
// its colon.
func (ws *wordSet) anyFolded(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		c := foldByte(s[i])
		p := uint16(c)<<8 | uint16(foldByte(s[i+1]))
		if ws.pairs[p/64]&(1<<(p%64)) == 0 {
			continue
		}
		for _, w := range ws.byFirst[c] {
			if hasPrefixFolded(s[i:], w) {
				return true
			}
		}
	}
	return false
}

// hasPrefixFolded reports whether s, its ASCII letters lower-cased,
// starts with the lower-case prefix.
func hasPrefixFolded(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for k := range len(prefix) {
		if foldByte(s[k]) != prefix[k] {
			return false
		}
	}
	return true
}

func foldByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// foldsAsASCII reports whether strings.ToLower(s) is s with its ASCII
// letters lower-cased: s is valid UTF-8 and lower-casing leaves every
// other character as it is.
func foldsAsASCII(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unicode.ToLower(r) != r {
			return false
		}
		i += n
	}
	return true
}

// trimTruncation drops trailing "…", "..." or "[…]" marks and the space
// before them.
func trimTruncation(s string) string {
	s = strings.TrimRight(s, " \t")
	for {
		t := s
		for _, m := range [...]string{"[…]", "[...]", "…", "..."} {
			t = strings.TrimSuffix(t, m)
		}
		t = strings.TrimRight(t, " \t")
		if t == s {
			return s
		}
		s = t
	}
}
