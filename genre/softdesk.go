package genre

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The cues of this file read an item's structure rather than its words:
// where its publisher files it (a desk of soft news, by its link) and the
// shape of its headline. A list of things ("7 steps to …", "5 Penyebab …")
// filed under a lifestyle, travel or culture desk is a service piece, not a
// report; the same count under a news desk ("5 killed as …") is news.

// softDeskListicle reads an item whose headline opens with a count and
// whose link files it under a soft desk.
func softDeskListicle(title, link string) Verdict {
	if !countOpening(title) {
		return Verdict{}
	}
	if desk := softDeskOf(link); desk != "" {
		return Verdict{Guide, "a list filed under the soft desk " + desk}
	}
	return Verdict{}
}

// countOpening reports whether a headline opens with a count: digits, a
// space, then a word ("7 steps …", "5 Penyebab …"); a year or a figure
// with a unit ("2023 …", "5% …", "10.000 …") is none.
func countOpening(title string) bool {
	t := strings.TrimSpace(title)
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 || i > 3 || i >= len(t) || t[i] != ' ' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t[i+1:])
	return unicode.IsLetter(r)
}

// softDeskOf returns the soft desk a link files its item under: a section
// of its path before the slug ("/travel/2026/…/slug") or the first label
// of its host ("lifestyle.example.com"); "" when it names none.
func softDeskOf(link string) string {
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		return ""
	}
	labels := strings.Split(hostOf(u), ".")
	if len(labels) >= 3 && isSoftDesk(labels[0]) {
		return labels[0]
	}
	segs := strings.Split(strings.Trim(strings.ToLower(u.Path), "/"), "/")
	for _, seg := range segs[:len(segs)-1] {
		if isSoftDesk(seg) {
			return seg
		}
	}
	return ""
}

// isSoftDesk reports whether a path section or host label (lower-case)
// names a desk of soft news: the arts and entertainment, lifestyle,
// travel, food and health desks, in English and Indonesian.
func isSoftDesk(name string) bool {
	switch name {
	case "arts", "culture", "entertainment", "film", "music", "books", "stage", "tv",
		"fashion", "style", "beauty", "lifestyle", "lifeandstyle", "life-and-style",
		"travel", "food", "wellness", "health",
		"hiburan", "gaya-hidup", "seleb", "wisata", "kuliner", "kesehatan":
		return true
	}
	return false
}
