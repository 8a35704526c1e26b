package genre

import "strings"

// A newsletter's edition, re-published in a news feed, is known by its
// headline only, as a gallery is: its kicker names the newsletter ("The
// Download newsletter: …", "Newsletter: …"), or its first segment
// is only a daily or dated briefing's name ("Your Monday Briefing: …",
// "Morning Briefing, Oct 17"). A link, a category or
// a host makes none, and editions cast no vote in their feed's genre
// (OfFeed). A headline that only mentions a newsletter is news
// ("Minister's newsletter angers …"), and so is a briefing on a topic
// ("Weekly briefing: the sanctions vote").

// newsletterWord is the word that names a newsletter, in English and in
// the Indonesian press, which borrows it.
const newsletterWord = "newsletter"

// newsletterTitle reads a lower-cased headline whose kicker names a
// newsletter: a first segment set apart by a separator (headlineKicker)
// that ends in the word "newsletter". A headline with no separator is a
// sentence that may only mention one ("Inside the senator's newsletter"),
// and a kicker that starts with the word may be a news story's subject
// ("Newsletter row: minister apologises"), so neither marks an edition.
func newsletterTitle(t string) Verdict {
	if !strings.Contains(t, newsletterWord) {
		return Verdict{}
	}
	k, _, apart := headlineKicker(t)
	if apart && (k == newsletterWord || strings.HasSuffix(k, " "+newsletterWord)) {
		return Verdict{Newsletter, "kicker names a newsletter: " + k}
	}
	return Verdict{}
}

// briefingTitle reads a lower-cased headline whose first segment is only
// a briefing's name (a date in it aside): "your <weekday> briefing", "your
// morning briefing", "your evening briefing", whatever follows; or
// "<weekday|morning|evening|daily|weekly> briefing" (after "the" too) with
// nothing but a date after it, since "Weekly briefing: the sanctions vote"
// is a briefing on a topic, a podcast's or a report's.
func briefingTitle(t string) Verdict {
	if !strings.Contains(t, "briefing") {
		return Verdict{}
	}
	k, rest, _ := headlineKicker(t)
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
	switch {
	case !isWeekday(when) && when != "morning" && when != "evening" && when != "daily" && when != "weekly":
		return Verdict{}
	case onlyDate(rest):
		return cue
	}
	return Verdict{}
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
// English.
func isWeekday(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
		return true
	}
	return false
}

// headlineKicker returns t's first segment, trimmed: what comes before its
// first separator set apart as a kicker's is (a colon, a bar, or a dash
// after a space: " - ", " – ", " — "), what follows that separator, and
// whether there was one; the whole headline when there is none. A dash
// joined to a word ("e-newsletter", "Jakarta-Tokyo") separates nothing.
func headlineKicker(t string) (kicker, rest string, apart bool) {
	end, next := len(t), len(t)
	if i := strings.IndexAny(t, ":|"); i >= 0 {
		end, next = i, i+1
	}
	for _, dash := range [...]string{" -", " –", " —"} {
		if i := strings.Index(t[:end], dash); i >= 0 {
			end, next = i, i+len(dash)
		}
	}
	return strings.TrimSpace(t[:end]), t[next:], end < len(t)
}
