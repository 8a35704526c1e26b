package genre

import (
	"strings"
	"time"
	"unicode"
)

// The cues of this file find what news feeds carry beside their reports:
// sponsored content, "today in history" pieces, profiles, service pieces
// and photo galleries. They read the markers publishers put on such items —
// a kicker before or after the headline ("Sponsored:", "[ADV]",
// "(Advertorial)", "Hari Ini dalam Sejarah:", "FOTO:", "– in pictures"), a
// category, a section in the link's path (a gallery only by its headline) — and never a
// word alone: news that mentions a sponsor, a profile, history or photos
// stays news ("Leaked photos show …", "Foto Viral …"). Profiles and service pieces are known by narrow
// openings only ("Biodata …", "Resep …", "Cara Mudah …"), since a listicle
// of facts about a current event is news.

// kicker is a marker that labels an item as one genre when it stands
// before or after the headline, set apart by a separator or brackets.
type kicker struct {
	mark string // lower-case
	g    Genre
}

// kickers are the markers publishers set as kickers (a gallery's also as its
// whole headline with a date: "Foto Hari Ini"; a daily newsletter's name),
// in English and Indonesian ("pariwara" and "konten kerja sama" are the
// Indonesian press's words for paid content).
var kickers = [...]kicker{
	{"sponsored", Sponsored}, {"sponsored content", Sponsored}, {"sponsored post", Sponsored},
	{"advertorial", Sponsored}, {"advetorial", Sponsored}, {"adv", Sponsored},
	{"paid post", Sponsored}, {"paid content", Sponsored}, {"promoted", Sponsored},
	{"partner content", Sponsored}, {"brand story", Sponsored}, {"branded content", Sponsored},
	{"konten kerja sama", Sponsored}, {"konten bersponsor", Sponsored}, {"pariwara", Sponsored},
	{"today in history", History}, {"this day in history", History}, {"on this day", History},
	{"hari ini dalam sejarah", History}, {"sejarah hari ini", History},
	{"photos", Gallery}, {"photo", Gallery}, {"foto", Gallery}, {"pictures", Gallery},
	{"in pictures", Gallery}, {"in picture", Gallery}, {"in photos", Gallery}, {"galeri", Gallery}, {"galeri foto", Gallery},
	{"picture essay", Gallery},
	{"gallery", Gallery}, {"photo gallery", Gallery}, {"photo essay", Gallery}, {"photo story", Gallery},
	{"today's gallery", Gallery}, {"photos of the day", Gallery}, {"photo of the day", Gallery},
	{"pictures of the day", Gallery}, {"picture of the day", Gallery}, {"photos of the week", Gallery},
	{"pictures of the week", Gallery}, {"top photos", Gallery}, {"top photos of the day", Gallery},
	{"foto hari ini", Gallery}, {"foto pilihan", Gallery}, {"foto pekan ini", Gallery},
	// Daily newsletters and digests whose names carry neither "newsletter"
	// nor a day's briefing: the Guardian's "First Thing" (as a kicker or
	// after a bar) and "TechScape", the FT's "FirstFT", NPR's "Up First",
	// Defense One's "The D Brief", Reuters' "Morning Bid" and "The Week in
	// Breakingviews", NBC News' "Morning Rundown".
	{"first thing", Newsletter}, {"firstft", Newsletter}, {"up first", Newsletter},
	{"up first briefing", Newsletter}, {"the d brief", Newsletter}, {"morning bid", Newsletter},
	{"morning rundown", Newsletter},
	{"the week in breakingviews", Newsletter}, {"techscape", Newsletter},
}

// openings are the starts of headlines that only a profile or a service
// piece has: a biography's, a recipe's, a how-to's. "Profil:" and "Tips"
// are none: readers of the streams took a background piece on an actor in
// the news and a tips piece for news.
var openings = [...]kicker{
	{"biodata ", Profile}, {"biografi ", Profile}, {"biography of ", Profile},
	{"resep ", Guide}, {"recipe:", Guide},
	{"cara mudah ", Guide}, {"cara membuat ", Guide}, {"cara mendaftar ", Guide}, {"cara daftar ", Guide},
	{"cara cek ", Guide}, {"cara mengecek ", Guide}, {"cara membayar ", Guide}, {"cara bayar ", Guide},
	{"cara mengurus ", Guide}, {"cara mengunduh ", Guide}, {"cara download ", Guide},
	{"cara menghitung ", Guide}, {"cara mendapatkan ", Guide}, {"cara menggunakan ", Guide},
	{"cara memasak ", Guide}, {"cara merawat ", Guide},
	{"how to watch ", Guide}, {"how to stream ", Guide}, {"where to watch ", Guide},
	// A puzzle column's answer. Its question, "Can you solve it?", is
	// none: an appeal for witnesses opens so too ("Can you solve it?
	// Police appeal over cold case murder", review 34).
	{"did you solve it?", Puzzle},
	// A page of a song's chords, named "Chord Gitar …" or "Kunci Gitar
	// Lagu …". "Lirik Lagu …", "Chord Lagu …" and "Kunci Gitar …" before
	// another word are none: news of a song or a guitar opens so too
	// ("Lirik Lagu Kampanye Dipersoalkan Bawaslu", "Chord Lagu Ciptaan
	// Ahmad Dhani Digugat ke Pengadilan", "Kunci Gitar Iwan Fals
	// Dilelang …").
	{"chord gitar ", Guide}, {"kunci gitar lagu ", Guide},
}

// phrases are what only a profile, a guide to places or a programme's
// whole edition says anywhere in its headline.
var phrases = [...]kicker{
	{"profil dan biodata", Profile}, {"biodata dan profil", Profile}, {"biodata lengkap", Profile},
	{"profil lengkap", Profile},
	{"where to eat", Guide}, {"tempat makan enak", Guide}, {"rekomendasi tempat makan", Guide},
	{"rekomendasi kuliner", Guide},
	// A broadcast programme's whole edition, a video of many reports
	// ("Nightly News Full Broadcast (November 7th)", "… Full Episode").
	{"full broadcast", Video}, {"full episode", Video},
}

// markedTitle reads a headline's marker: a kicker, an opening or a
// phrase, or a gallery's name. Most are read in lower (the title
// lower-cased); a newsletter's name is read in the title's own case.
func markedTitle(title, lower string) Verdict {
	t := strings.TrimSpace(lower)
	if t == "" {
		return Verdict{}
	}
	if k, ok := findKicker(t); ok {
		return Verdict{k.g, "title is marked " + k.mark}
	}
	if v := galleryTitle(t); !v.IsNews() {
		return v
	}
	trimmed := strings.TrimSpace(title)
	if v := newsletterTitle(trimmed); !v.IsNews() {
		return v
	}
	if v := briefingTitle(t); !v.IsNews() {
		return v
	}
	if v := andEditionTitle(trimmed); !v.IsNews() {
		return v
	}
	if v := obituaryTitle(title, t); !v.IsNews() {
		return v
	}
	for _, read := range [...]func(string) Verdict{signUpTitle, callOutTitle, newsQuizTitle, cartoonTitle, yearReviewTitle} {
		if v := read(t); !v.IsNews() {
			return v
		}
	}
	for _, k := range openings {
		if t[0] == k.mark[0] && strings.HasPrefix(t, k.mark) {
			return Verdict{k.g, "title opens with " + strings.TrimSpace(k.mark)}
		}
	}
	for _, k := range phrases {
		if strings.Contains(t, k.mark) {
			return Verdict{k.g, "title says " + k.mark}
		}
	}
	return Verdict{}
}

// sponsoredText reads the marks of paid content in a text: a kicker before
// its first words ("ADVERTORIAL - …") or the closing mark the Indonesian
// press puts after its last ("… warga. (adv)").
func sponsoredText(text string) string {
	const span = 40
	if k, ok := kickerAtStart(strings.TrimSpace(text[:min(len(text), span)])); ok && k.g == Sponsored {
		return "text is marked " + k.mark
	}
	if k, ok := kickerInBrackets(strings.TrimRight(text[max(0, len(text)-span):], " .\n")); ok && k.g == Sponsored {
		return "text closes with (" + k.mark + ")"
	}
	return ""
}

// findKicker returns the kicker s (in any case) has before a headline
// (kickerAtStart) or after it (in brackets, or after a separator: "…
// (Advertorial)", "… - Advertorial"). A title that is the mark alone has
// none ("Profile").
func findKicker(s string) (kicker, bool) {
	if k, ok := kickerAtStart(s); ok {
		return k, true
	}
	tail := strings.TrimRight(s, " .")
	if k, ok := kickerInBrackets(tail); ok && !oneWordGallery(k) {
		return k, true
	}
	// Each mark is compared only where its last byte matches, so a
	// headline with no kicker costs a byte comparison per mark.
	for _, k := range kickers {
		m := k.mark
		if len(tail) > len(m) && lowerByte(tail[len(tail)-1]) == m[len(m)-1] && strings.EqualFold(tail[len(tail)-len(m):], m) &&
			endsWithSeparator(strings.TrimRight(tail[:len(tail)-len(m)], " ")) &&
			// A gallery's mark after a hyphen with no space is a word's
			// end ("Foto-foto").
			(k.g != Gallery || tail[len(tail)-len(m)-1] == ' ') && !oneWordGallery(k) {
			return k, true
		}
	}
	return kicker{}, false
}

// oneWordGallery reports whether k is a gallery's one-word mark ("Photos",
// "Foto"), which sets a gallery apart only before its headline: after a
// report's headline, "(Photos)" or "| Foto" marks a photo embed.
func oneWordGallery(k kicker) bool {
	return k.g == Gallery && !strings.Contains(k.mark, " ")
}

// kickerAtStart returns the kicker s (in any case) opens with, set apart
// from what follows: in brackets, or followed by a separator; "on this day
// in 1945" too.
func kickerAtStart(s string) (kicker, bool) {
	head := strings.TrimLeft(s, "[( ")
	if head == "" {
		return kicker{}, false
	}
	opened := len(head) < len(s)
	first := lowerByte(head[0])
	for _, k := range kickers {
		m := k.mark
		if first == m[0] && len(head) > len(m) && strings.EqualFold(head[:len(m)], m) && setApart(head[len(m):], opened, k.g) {
			return k, true
		}
	}
	return kicker{}, false
}

// kickerInBrackets returns the kicker s (in any case) ends with in
// brackets: "(adv)", "[Advertorial]".
func kickerInBrackets(s string) (kicker, bool) {
	if s == "" || s[len(s)-1] != ')' && s[len(s)-1] != ']' {
		return kicker{}, false
	}
	i := strings.LastIndexAny(s, "([")
	if i < 0 {
		return kicker{}, false
	}
	inner := strings.TrimSpace(s[i+1 : len(s)-1])
	for _, k := range kickers {
		if len(inner) == len(k.mark) && strings.EqualFold(inner, k.mark) {
			return k, true
		}
	}
	return kicker{}, false
}

// setApart reports whether rest, what follows a mark of genre g at a
// headline's start, sets the mark apart: a closing bracket when the mark
// opened with one, a separator, or for history with year " in 1945". A
// gallery's mark joined to the next word by a hyphen is a word ("Foto-foto",
// "Photo-op"), not a kicker.
func setApart(rest string, opened bool, g Genre) bool {
	if opened && (rest[0] == ']' || rest[0] == ')') {
		return true
	}
	if g == Gallery && rest[0] == '-' {
		return false
	}
	rest = strings.TrimLeft(rest, " ")
	if g == History {
		if r, ok := strings.CutPrefix(rest, "in "); ok && r != "" && isDigit(r[0]) {
			return true
		}
	}
	return strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "|") || strings.HasPrefix(rest, "-") ||
		strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "—")
}

// endsWithSeparator reports whether s ends with a colon, a bar or a dash.
func endsWithSeparator(s string) bool {
	return strings.HasSuffix(s, ":") || strings.HasSuffix(s, "|") || strings.HasSuffix(s, "-") ||
		strings.HasSuffix(s, "–") || strings.HasSuffix(s, "—")
}

// lowerByte lower-cases an ASCII letter.
func lowerByte(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// historySlugs are the words of a "today in history" piece's link, found
// anywhere in its slug.
var historySlugs = [...]string{"hari-ini-dalam-sejarah", "today-in-history", "this-day-in-history"}

// historySlug returns the history slug words path (lower-case) holds, or "".
func historySlug(path string) string {
	for _, s := range historySlugs {
		if strings.Contains(path, s) {
			return s
		}
	}
	return ""
}

// sections are the names of sections and categories of items that are
// not reports besides the kickers: how links spell some of those
// ("paidpost", "onthisday"), and the sections of profiles and service
// pieces.
var sections = [...]kicker{
	{"advertorials", Sponsored}, {"partnercontent", Sponsored}, {"paidpost", Sponsored},
	{"brandstory", Sponsored}, {"brandstories", Sponsored}, {"brand stories", Sponsored},
	{"onthisday", History},
	{"profil", Profile}, {"profile", Profile}, {"profiles", Profile}, {"biodata", Profile},
	{"biografi", Profile}, {"biography", Profile},
	{"tips", Guide}, {"resep", Guide}, {"recipe", Guide}, {"recipes", Guide}, {"how to", Guide}, {"howto", Guide},
}

// sectionNames maps the names of sections and categories of items that
// are not reports — the kickers but a gallery's and the sections, each with its words
// apart by spaces (a category "konten kerja sama") and by hyphens (a link's
// "/konten-kerja-sama/") — to their genres.
func sectionNames() map[string]Genre {
	names := make(map[string]Genre, 2*(len(kickers)+len(sections)))
	for _, list := range [...][]kicker{kickers[:], sections[:]} {
		for _, k := range list {
			if k.g == Gallery { // a gallery is known by its headline only
				continue
			}
			names[k.mark] = k.g
			names[strings.ReplaceAll(k.mark, " ", "-")] = k.g
		}
	}
	return names
}

// sectionGenre is the genre of the items of a section or category named
// name (lower-case) when it names a kicker or one of the sections; News
// otherwise.
func (d *Detector) sectionGenre(name string) Genre {
	if g, ok := d.sections[name]; ok {
		return g
	}
	return News
}

// galleryTitle reads a lower-cased headline that names a gallery: one
// ending "in pictures" ("The year in pictures"), one that is only a
// gallery's name with a date or a number ("Today's Gallery (2026.02.20)",
// "Foto Hari Ini"; the names are the gallery kickers), or one that names
// its format in a fixed place (format.go).
func galleryTitle(t string) Verdict {
	if !strings.Contains(t, "galler") && !strings.Contains(t, "photo") && !strings.Contains(t, "pictur") &&
		!strings.Contains(t, "foto") && !strings.Contains(t, "galeri") {
		return Verdict{}
	}
	for _, end := range [...]string{" in pictures", " in photos"} {
		if p, ok := strings.CutSuffix(t, end); ok && isPeriod(nameWithoutDate(p)) {
			return Verdict{Gallery, "title ends" + end}
		}
	}
	if mark, ok := galleryNames[nameWithoutDate(t)]; ok {
		return Verdict{Gallery, "title is the name " + mark}
	}
	for _, read := range [...]func(string) Verdict{dayGalleryTitle, commaGalleryTitle, photographTitle} {
		if v := read(t); !v.IsNews() {
			return v
		}
	}
	return Verdict{}
}

// galleryNames maps each gallery kicker's name without a date to the
// kicker, read once: a headline that is only that name (and a date) is a
// gallery. Never written after.
var galleryNames = func() map[string]string {
	names := map[string]string{}
	for _, k := range kickers {
		if n := nameWithoutDate(k.mark); k.g == Gallery {
			if _, ok := names[n]; !ok {
				names[n] = k.mark
			}
		}
	}
	return names
}()

// isPeriod reports whether name, a headline's start without its date,
// names only a period ("the year", "week", "" for "2025"), as the start
// of a gallery's "… in pictures" does.
func isPeriod(name string) bool {
	switch strings.TrimPrefix(name, "the ") {
	case "", "year", "month", "week", "day":
		return true
	}
	return false
}

// nameWithoutDate is s's words without numbers, punctuation and month
// names, one space apart: "today's gallery (2026.02.20)" is "today s
// gallery". A month that is also a word ("may", "march") is a month only
// beside a number.
func nameWithoutDate(s string) string {
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	numbered := strings.ContainsFunc(s, unicode.IsDigit)
	kept := words[:0]
	for _, w := range words {
		if !isMonth(w) || !numbered && (w == "may" || w == "march" || w == "mar") {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// isMonth reports whether w (lower-case) names a month, in English or
// Indonesian, in full or short.
func isMonth(w string) bool {
	return monthOf(w) != 0
}

// monthOf is the month w (lower-case) names, in English or Indonesian, in
// full or short; 0 when it names none.
func monthOf(w string) time.Month {
	switch w {
	case "january", "januari", "jan":
		return time.January
	case "february", "februari", "feb":
		return time.February
	case "march", "maret", "mar":
		return time.March
	case "april", "apr":
		return time.April
	case "may", "mei":
		return time.May
	case "june", "juni", "jun":
		return time.June
	case "july", "juli", "jul":
		return time.July
	case "august", "agustus", "aug", "agu", "agt":
		return time.August
	case "september", "sep", "sept":
		return time.September
	case "october", "oktober", "oct", "okt":
		return time.October
	case "november", "nov":
		return time.November
	case "december", "desember", "dec", "des":
		return time.December
	}
	return 0
}
