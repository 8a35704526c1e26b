package genre

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The cues of this file read formats that news feeds carry beside their
// reports by the headline their publishers give them: a gallery named
// after its day ("…: Tuesday's best photos"), AP's "…, in photos", a
// photographer's "– Name's best photograph", an obituary ("Name
// obituary"), a "today in history" piece that ends with its day's date
// decades ago ("In the Herald: June 20, 1975"), a year's review
// ("Kaleidoskop 2018: …"), a promotion, a call-out,
// a news quiz and a cartoon. Each is the format's name in a fixed place,
// never a word anywhere: "Minister's best photos were staged", "Family
// disputes minister's obituary" and "Cartoon: embassy guarded after
// protest" are news.

// dayGalleryNames are a gallery's names that follow its day ("Tuesday's
// best photos", "the weekend's top photos") as a headline's last segment.
var dayGalleryNames = [...]string{"best photos", "top photos", "best pictures", "top pictures"}

// dayGalleryTitle reads a lower-cased headline whose last segment, after
// a colon, is a day's possessive and a gallery's name: "snake school and
// a parade: wednesday's top photos".
func dayGalleryTitle(t string) Verdict {
	i := strings.LastIndexByte(t, ':')
	if i < 0 {
		return Verdict{}
	}
	seg := strings.TrimSpace(t[i+1:])
	day, name, ok := cutPossessive(seg)
	if !ok || !isWeekday(day) && day != "the weekend" && day != "the week" && day != "today" {
		return Verdict{}
	}
	for _, n := range dayGalleryNames {
		if name == n {
			return Verdict{Gallery, "title ends with a day's gallery: " + seg}
		}
	}
	return Verdict{}
}

// cutPossessive splits s at its first "'s " (either apostrophe): what
// owns and what is owned.
func cutPossessive(s string) (owner, owned string, ok bool) {
	for _, mark := range [...]string{"'s ", "’s "} {
		if owner, owned, ok = strings.Cut(s, mark); ok {
			return owner, strings.TrimSpace(owned), true
		}
	}
	return "", "", false
}

// commaGalleryTitle reads a lower-cased headline that ends ", in photos"
// or ", in pictures": a gallery's title as AP writes it.
func commaGalleryTitle(t string) Verdict {
	for _, end := range [...]string{", in photos", ", in pictures"} {
		if strings.HasSuffix(t, end) {
			return Verdict{Gallery, "title ends with " + strings.TrimPrefix(end, ", ")}
		}
	}
	return Verdict{}
}

// photographTitle reads a lower-cased headline whose last segment, after
// a dash set apart by spaces, is a photographer's "<name>'s best
// photograph": a series of photographers on their best picture.
func photographTitle(t string) Verdict {
	_, rest := lastDashSegment(t)
	if _, owned, ok := cutPossessive(rest); ok && owned == "best photograph" {
		return Verdict{Gallery, "title ends with " + rest}
	}
	return Verdict{}
}

// lastDashSegment splits t at its last dash set apart by spaces (" - ",
// " – ", " — "); rest is "" when there is none.
func lastDashSegment(t string) (head, rest string) {
	return cutLast(t, " - ", " – ", " — ")
}

// cutLast splits t at the last of its separators seps; rest is trimmed,
// and "" when t has none.
func cutLast(t string, seps ...string) (head, rest string) {
	best := -1
	for _, sep := range seps {
		if i := strings.LastIndex(t, sep); i > best {
			best, head, rest = i, t[:i], strings.TrimSpace(t[i+len(sep):])
		}
	}
	return head, rest
}

// maxNameWords is the most words a name before "obituary" has: a
// longer run of capitalised words is a title-cased headline ("Paper
// Daily Paper Retracts Premature Mandela obituary").
const maxNameWords = 4

// obituaryTitle reads a headline that is, in its own case, a name and then
// "obituary" ("Jane Ndlovu obituary"), the Guardian's obituaries. A
// kicker "Obituary:" or "Obituari:" is none: it heads death reports
// ("Obituari: BJ Habibie, Presiden Ketiga RI Wafat di Usia 83").
func obituaryTitle(title, lower string) Verdict {
	if !strings.HasSuffix(lower, " obituary") {
		return Verdict{}
	}
	name, ok := strings.CutSuffix(strings.TrimSpace(title), " obituary")
	if !ok {
		return Verdict{}
	}
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > maxNameWords {
		return Verdict{}
	}
	for _, w := range words {
		if !isNameWord(w) || isAcronym(w) {
			return Verdict{}
		}
	}
	return Verdict{Profile, "title is a name and obituary"}
}

// isAcronym reports whether w is three or more capitals, an
// organisation's initials ("BBC Pulls Premature obituary", review 34): a
// person's initials are one or two ("AS Byatt obituary").
func isAcronym(w string) bool {
	return utf8.RuneCountInString(w) >= 3 && strings.ToUpper(w) == w && strings.ToLower(w) != w
}

// historyYears is how long before its publication the date that ends a
// headline must be for the item to retell history: a report's dates are
// of its days, an anniversary's decades old.
const historyYears = 10

// pastDateTitle reads a headline whose last segment (after a colon) is
// only a full date — day, month name and year — historyYears or more
// before published and on its day and month, give or take a day, and
// whose part before that colon is a column's name in the headline's own
// case ("In the Herald: June 20, 1975" published on 20 June): a "today
// in history" column. Before the date a sentence is an anniversary
// report ("Srebrenica remembered: July 11, 1995", review 34), and a date
// that leads a headline is none either: it heads anniversary reports and
// news of old cases ("12 Mei 1998: Keluarga Korban Tagih Janji …"). With
// no publication date there is no cue.
func pastDateTitle(title string, published time.Time) Verdict {
	i := strings.LastIndexByte(title, ':')
	if published.IsZero() || i < 0 || !isColumnName(title[:i]) {
		return Verdict{}
	}
	seg := strings.ToLower(title[i+1:])
	y, m, d, ok := fullDate(seg)
	if !ok || y > published.Year()-historyYears || !nearDay(published, m, d) {
		return Verdict{}
	}
	return Verdict{History, "title ends with a past date on its day: " + strings.TrimSpace(seg)}
}

// isColumnName reports whether s, in its own case, is a column's name:
// capitalised words, the first of them leading, with a name's joiners
// between them ("In the Herald", "On This Day").
func isColumnName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || !isNameWord(words[0]) {
		return false
	}
	for _, w := range words {
		if !isNameWord(w) && !isNameJoiner(w) {
			return false
		}
	}
	return true
}

// nearDay reports whether day d of month m falls within a day of
// published's day, in published's year or the one beside it (31
// December for 1 January).
func nearDay(published time.Time, m time.Month, d int) bool {
	p := time.Date(published.Year(), published.Month(), published.Day(), 0, 0, 0, 0, time.UTC)
	for _, y := range [...]int{p.Year() - 1, p.Year(), p.Year() + 1} {
		if diff := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(p); diff >= -24*time.Hour && diff <= 24*time.Hour {
			return true
		}
	}
	return false
}

// fullDate returns the year, month and day of s when s is only a full
// date: a day, a month's name and a year of four digits, in either order
// of day and month ("20 juni 1963", "september 4, 1966").
func fullDate(s string) (year int, month time.Month, day int, ok bool) {
	// The longest such date, "31 september, 1966", has 18 bytes; the
	// bound allows the segment's spaces around it.
	if len(s) > 24 || !strings.ContainsAny(s, "0123456789") {
		return 0, 0, 0, false
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) != 3 {
		return 0, 0, 0, false
	}
	dw, mw := words[0], words[1]
	if isMonth(dw) {
		dw, mw = mw, dw
	}
	d, err := strconv.Atoi(dw)
	m := monthOf(mw)
	if err != nil || d < 1 || d > 31 || m == 0 || utf8.RuneCountInString(words[2]) != 4 {
		return 0, 0, 0, false
	}
	y, err := strconv.Atoi(words[2])
	return y, m, d, err == nil
}

// linkOnlySection is the genre of the items under a link's path segment
// seg that names a section only links have: an organisation's pages on
// its people's appearances in others' media ("/in-the-news/"), and a
// quiz's section or slug ("/quizzes/", "news-quiz-…"). Not categories: a
// news site's category "In the news" may hold reports. Its limit (review
// 34): a news site's link section of these names, or a report's slug
// that opens "news-quiz-" ("news-quiz-host-fired-…"), is read as the
// format too; no narrower shape of these paths is known that keeps the
// organisations' and quizzes' pages.
func linkOnlySection(seg string) Genre {
	switch seg {
	case "in-the-news", "in-the-media", "media-mentions":
		return Notice
	case "quiz", "quizzes":
		return Puzzle
	}
	if strings.HasPrefix(seg, "news-quiz-") {
		return Puzzle
	}
	return News
}

// signUpTitle reads a lower-cased headline whose last segment is an
// outlet's promotion of its own newsletter: "sign up for" or "sign up
// to", then "our" and a newsletter, an email or a briefing within
// maxPromotedWords words ("World Briefing: sign up for our daily email"),
// or "the" and a name that ends the segment with one of them ("Daily
// Digest | Sign up to the morning briefing"). A sign-up that is news takes
// none of these ("Conscription: sign up deadline extended …", "Police:
// sign up for the email alert to report scams", "Voters urged: sign up
// for a briefing on new ID rules"). A bare "Sign up for our newsletter",
// one segment, is missed.
func signUpTitle(t string) Verdict {
	if !strings.Contains(t, "sign up") {
		return Verdict{}
	}
	_, seg := cutLast(t, ":", "|", " - ", " – ", " — ")
	rest, ok := strings.CutPrefix(seg, "sign up for ")
	if !ok {
		rest, ok = strings.CutPrefix(seg, "sign up to ")
	}
	if !ok {
		return Verdict{}
	}
	det, rest, _ := strings.Cut(rest, " ")
	words := strings.Fields(rest)
	switch {
	case det == "our":
		for i, w := range words {
			if i < maxPromotedWords && isPromoted(w) {
				return Verdict{Notice, "title promotes: " + seg}
			}
		}
	case det == "the" && len(words) > 0 && len(words) <= maxPromotedWords && isPromoted(words[len(words)-1]):
		return Verdict{Notice, "title promotes: " + seg}
	}
	return Verdict{}
}

// maxPromotedWords is how many words after "our" or "the" a sign-up's
// promoted newsletter is named in: its name's ("the First Edition
// newsletter") and no news clause's.
const maxPromotedWords = 3

// isPromoted reports whether w names what an outlet promotes as its own:
// a newsletter, an email or a briefing.
func isPromoted(w string) bool {
	return strings.HasPrefix(w, "newsletter") || strings.HasPrefix(w, "email") || strings.HasPrefix(w, "briefing")
}

// callOutTitle reads a lower-cased headline that calls on readers: the
// kicker "Tell us:" before a question put to them ("Tell us: how has the
// heatwave changed your commute?"), or "Tell us about your …", each with
// no clause after a comma. News takes the words otherwise ("Tell us:
// minister told to reveal China deal", "Tell us about your donors,
// watchdog orders ruling party"), and a quote as kicker names its speaker
// after a comma ("Tell us: why are you blocking the ceasefire, Ukraine
// asks Hungary", review 34).
func callOutTitle(t string) Verdict {
	if rest, ok := strings.CutPrefix(t, "tell us:"); ok && addressesReader(rest) && !strings.Contains(rest, ",") {
		return Verdict{Notice, "title calls on readers: tell us"}
	}
	if strings.HasPrefix(t, "tell us about your ") && !strings.Contains(t, ",") {
		return Verdict{Notice, "title calls on readers: tell us about your"}
	}
	return Verdict{}
}

// addressesReader reports whether s, a lower-cased headline's words,
// speak to its reader: a "you" or "your" among them.
func addressesReader(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if w == "you" || w == "your" {
			return true
		}
	}
	return false
}

// newsQuizTitle reads a lower-cased headline led by the kicker "News
// quiz" set apart ("News quiz: the summit, the storm and the strike"). A
// "Quiz:" or "Puzzle:" alone is none: it heads reports too ("Quiz: MPs
// grill foreign minister …").
func newsQuizTitle(t string) Verdict {
	if rest, ok := strings.CutPrefix(t, "news quiz"); ok && rest != "" && setApart(rest, false, Puzzle) {
		return Verdict{Puzzle, "title is marked news quiz"}
	}
	return Verdict{}
}

// cartoonTitle reads a lower-cased headline whose last segment, after a
// dash set apart by spaces, is "cartoon" or "a cartoon" ("The
// chancellor's budget - cartoon"). "Cartoon:" before a headline is none:
// it heads reports of a cartoon's row.
func cartoonTitle(t string) Verdict {
	if !strings.HasSuffix(t, "cartoon") {
		return Verdict{}
	}
	if _, rest := lastDashSegment(t); rest == "cartoon" || rest == "a cartoon" {
		return Verdict{Cartoon, "title ends with " + rest}
	}
	return Verdict{}
}

// yearReviewTitle reads a lower-cased headline that opens with
// "kaleidoskop", a year and a colon, comma or dash ("kaleidoskop 2018:
// …", "kaleidoskop 2018, …"): the Indonesian press's name for its
// year-end retrospectives. "Kaleidoskop" before anything else names an
// event or a show ("Kaleidoskop Jakarta Fair Dibuka").
func yearReviewTitle(t string) Verdict {
	rest, ok := strings.CutPrefix(t, "kaleidoskop ")
	if !ok || len(rest) < 4 {
		return Verdict{}
	}
	year := rest[:4]
	if !isDigits(year) {
		return Verdict{}
	}
	after := strings.TrimLeft(rest[4:], " ")
	for _, sep := range [...]string{":", ",", "-", "–", "—"} {
		if strings.HasPrefix(after, sep) {
			return Verdict{History, "title is a year's review: kaleidoskop " + year}
		}
	}
	return Verdict{}
}
