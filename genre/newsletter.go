package genre

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// A newsletter's edition, re-published in a news feed, is known by its
// headline only, as a gallery is: its kicker names the newsletter ("The
// Download newsletter: …"), or its first segment is only a daily or dated
// briefing's name ("Your Monday Briefing: …", "Morning Briefing, Oct 17").
// A link, a category or a host makes none, and editions cast no vote in
// their feed's genre (OfFeed). A headline that only mentions a newsletter
// is news ("Minister's newsletter angers …", "Hackers hijack charity's
// newsletter: …"), and so is a briefing on a topic ("Weekly briefing: the
// sanctions vote").

// newsletterWord is the word that names a newsletter, in English and in
// the Indonesian press, which borrows it.
const newsletterWord = "newsletter"

// newsletterTitle reads a headline, in its original case, whose kicker
// names a newsletter, as the publisher whose editions our streams hold
// writes it ("Cover Story newsletter: …"): a first segment set apart by a
// colon only, since a dash or a bar also ends a title with a site name
// ("… newsletter - BBC News") or joins two clauses; made of capitalised
// words (a name; a few lower-case function words between them) and then
// "newsletter" in lower case, so a title-cased sentence ("Soal Newsletter:
// …") or one with a verb ("Why I shut down my Substack newsletter: …") is
// news; and no possessive ("Senator's campaign newsletter: …").
func newsletterTitle(title string) Verdict {
	head, _, apart := strings.Cut(title, ":")
	if !apart || !strings.Contains(head, newsletterWord) {
		return Verdict{}
	}
	words := strings.Fields(head)
	n := len(words)
	if n < 2 || words[n-1] != newsletterWord || !isNameWord(words[0]) || !isNameWord(words[n-2]) {
		return Verdict{}
	}
	for i := 1; i < n-2; i++ {
		if !isNameWord(words[i]) && !isNameJoiner(words[i]) {
			return Verdict{}
		}
	}
	return Verdict{Newsletter, "kicker names a newsletter: " + strings.Join(words, " ")}
}

// isNameWord reports whether w is a capitalised word of a name: an
// upper-case letter first and no apostrophe, which would make it a
// possessive ("Senator's").
func isNameWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && !strings.ContainsAny(w, "'’")
}

// isNameJoiner reports whether w is a lower-case word a name may hold
// between its capitalised words ("Checks and Balance").
func isNameJoiner(w string) bool {
	switch w {
	case "and", "of", "the", "on", "in", "for", "&":
		return true
	}
	return false
}

// briefingTitle reads a lower-cased headline whose first segment is only
// a briefing's name (a date in it aside): "your <weekday> briefing", "your
// morning briefing", "your evening briefing" and a weekday's briefing
// ("<weekday> [morning|evening] [news] briefing", after "the" too),
// whatever follows, since a daily newsletter titles its edition by its
// day and the day's lead ("Friday briefing: …", "Thursday Briefing: …");
// or "<morning|evening|daily|weekly> briefing" (after "the" too) with
// nothing but a date after it, since "Weekly briefing: the sanctions vote"
// is a briefing on a topic, a podcast's or a report's.
func briefingTitle(t string) Verdict {
	if !strings.Contains(t, "briefing") {
		return Verdict{}
	}
	k, rest := headlineKicker(t)
	name := strings.TrimPrefix(nameWithoutDate(k), "the ")
	when, ok := strings.CutSuffix(name, " briefing")
	if !ok {
		return Verdict{}
	}
	cue := Verdict{Newsletter, "title is a briefing's name: " + name}
	if w, yours := strings.CutPrefix(when, "your "); yours {
		if isWeekday(w) || w == "morning" || w == "evening" {
			return cue
		}
		return Verdict{}
	}
	if weekdayEdition(when) {
		return cue
	}
	switch {
	case when != "morning" && when != "evening" && when != "daily" && when != "weekly":
		return Verdict{}
	case onlyDate(rest):
		return cue
	}
	return Verdict{}
}

// weekdayEdition reports whether when, a briefing's name without
// "briefing", names a day's edition: a weekday, then at most a time of day
// and "news" ("wednesday", "monday evening", "wednesday evening news").
func weekdayEdition(when string) bool {
	day, rest, _ := strings.Cut(when, " ")
	if !isWeekday(day) {
		return false
	}
	rest = strings.TrimPrefix(strings.TrimPrefix(rest, "morning"), "evening")
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), "news")) == ""
}

// onlyDate reports whether s is nothing but a date: numbers, punctuation,
// months and weekdays (or nothing).
func onlyDate(s string) bool {
	for w := range strings.FieldsSeq(nameWithoutDate(s)) {
		if !isWeekday(w) {
			return false
		}
	}
	return true
}

// isWeekday reports whether w (lower-case) names a day of the week in
// English; the time package owns the names.
func isWeekday(w string) bool {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.EqualFold(w, d.String()) {
			return true
		}
	}
	return false
}

// headlineKicker returns t's first segment, trimmed: what comes before its
// first separator set apart as a kicker's is (a colon, a bar, or a dash
// after a space: " - ", " – ", " — ") and what follows that separator;
// the whole headline when there is none. A dash
// joined to a word ("e-newsletter", "Jakarta-Tokyo") separates nothing.
func headlineKicker(t string) (kicker, rest string) {
	end, next := len(t), len(t)
	if i := strings.IndexAny(t, ":|"); i >= 0 {
		end, next = i, i+1
	}
	for _, dash := range [...]string{" -", " –", " —"} {
		if i := strings.Index(t[:end], dash); i >= 0 {
			end, next = i, i+len(dash)
		}
	}
	return strings.TrimSpace(t[:end]), t[next:]
}

// andEditionTitle reads a headline of two sentences joined by ". And, "
// ("Storm hits the coast. And, a museum reopens"): NPR's Up First edition
// as it titles it, two stories of the day and neither the subject. Each
// side needs three words, and a headline that opens with a quote is a
// quote's sentences ("'We will rebuild. And, we will return,' says
// mayor").
func andEditionTitle(title string) Verdict {
	first, second, ok := strings.Cut(title, ". And, ")
	if !ok || len(strings.Fields(first)) < 3 || len(strings.Fields(second)) < 3 || strings.IndexAny(first, `'"‘“`) == 0 {
		return Verdict{}
	}
	return Verdict{Newsletter, "title joins two stories with \". And,\""}
}
