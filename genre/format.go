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
// obituary", "Obituary: …") and a "today in history" piece led by a date
// decades before its publication ("20 Juni 1963: …"). Each is the
// format's name in a fixed place, never a word anywhere: "Minister's best
// photos were staged" and "Family disputes minister's obituary" are news.

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
			return Verdict{Gallery, "title ends" + end}
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
	best := -1
	for _, dash := range [...]string{" - ", " – ", " — "} {
		if i := strings.LastIndex(t, dash); i > best {
			best, head, rest = i, t[:i], strings.TrimSpace(t[i+len(dash):])
		}
	}
	return head, rest
}

// obituaryTitle reads a headline that opens with the kicker "Obituary:"
// or "Obituari:" (in lower, the headline lower-cased and trimmed), or is,
// in its own case, a name and then "obituary" ("Jane Ndlovu obituary").
func obituaryTitle(title, lower string) Verdict {
	if !strings.Contains(lower, "obituar") {
		return Verdict{}
	}
	for _, k := range [...]string{"obituary:", "obituari:"} {
		if strings.HasPrefix(lower, k) {
			return Verdict{Profile, "title is marked " + strings.TrimSuffix(k, ":")}
		}
	}
	name, ok := strings.CutSuffix(strings.TrimSpace(title), " obituary")
	if !ok {
		return Verdict{}
	}
	words := strings.Fields(name)
	if len(words) == 0 {
		return Verdict{}
	}
	for _, w := range words {
		if !isNameWord(w) {
			return Verdict{}
		}
	}
	return Verdict{Profile, "title is a name and obituary"}
}

// historyYears is how long before its publication the date that leads a
// headline must be for the item to retell history: a report's dates are
// of its days, an anniversary's decades old.
const historyYears = 10

// pastDateTitle reads a lower-cased headline whose first or last segment
// (colon-separated) is only a full date — day, month name and year —
// historyYears or more before published ("20 juni 1963: …", "in the
// herald: september 4, 1966"). With no publication date there is no cue.
func pastDateTitle(t string, published time.Time) Verdict {
	first, _, ok := strings.Cut(t, ":")
	if published.IsZero() || !ok {
		return Verdict{}
	}
	for _, seg := range [...]string{first, t[strings.LastIndexByte(t, ':')+1:]} {
		if y, ok := fullDateYear(seg); ok && y <= published.Year()-historyYears {
			return Verdict{History, "title is led by a past date: " + strings.TrimSpace(seg)}
		}
	}
	return Verdict{}
}

// fullDateYear returns the year of s when s is only a full date: a day,
// a month's name and a year of four digits, in either order of day and
// month ("20 juni 1963", "september 4, 1966").
func fullDateYear(s string) (int, bool) {
	// The longest such date, "31 september, 1966", has 18 bytes.
	if len(s) > 24 || !strings.ContainsAny(s, "0123456789") {
		return 0, false
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) != 3 {
		return 0, false
	}
	day, month := words[0], words[1]
	if isMonth(day) {
		day, month = month, day
	}
	d, err := strconv.Atoi(day)
	if err != nil || d < 1 || d > 31 || !isMonth(month) || utf8.RuneCountInString(words[2]) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(words[2])
	return y, err == nil
}

// itemOnly reports whether g is known by each item's own marker only and
// casts no vote in its feed's genre (OfFeed): a feed with galleries,
// editions, notices, puzzles or cartoons among its reports is a news feed.
func (g Genre) itemOnly() bool {
	switch g {
	case Gallery, Newsletter, Notice, Puzzle, Cartoon:
		return true
	}
	return false
}

// linkOnlySection is the genre of the items under a link's path segment
// seg that names a section only links have: an organisation's pages on
// its people's appearances in others' media ("/in-the-news/"), and a
// quiz's slug ("news-quiz-…"). Not categories: a news site's category "In
// the news" may hold reports.
func linkOnlySection(seg string) Genre {
	switch seg {
	case "in-the-news", "in-the-media", "media-mentions":
		return Notice
	}
	if strings.HasPrefix(seg, "news-quiz-") {
		return Puzzle
	}
	return News
}

// signUpTitle reads a lower-cased headline whose segment after a
// separator opens "sign up": an outlet's promotion of its newsletter or
// service ("World Briefing: sign up for …", "… - sign up and start the
// day …").
func signUpTitle(t string) Verdict {
	if !strings.Contains(t, "sign up") {
		return Verdict{}
	}
	for _, sep := range [...]string{":", "|", " - ", " – ", " — "} {
		if _, rest, ok := strings.Cut(t, sep); ok && strings.HasPrefix(strings.TrimSpace(rest), "sign up") {
			return Verdict{Notice, "title promotes: " + strings.TrimSpace(rest)}
		}
	}
	return Verdict{}
}
