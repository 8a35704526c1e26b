package genre

import "strings"

// A newsletter's edition, re-published in a news feed, is known by its
// headline only, as a gallery is: its kicker names the newsletter ("The
// Download newsletter: …", "Newsletter Harian: …"). A link, a category or
// a host makes none, and editions cast no vote in their feed's genre
// (OfFeed). A headline that only mentions a newsletter is news
// ("Minister's newsletter angers …").

// newsletterWord is the word that names a newsletter, in English and in
// the Indonesian press, which borrows it.
const newsletterWord = "newsletter"

// newsletterTitle reads a lower-cased headline whose kicker names a
// newsletter: its first segment (headlineKicker) ends in the word
// "newsletter" (English order, also as the whole headline), or, set apart
// by a separator, starts with it (Indonesian order: "Newsletter Harian:").
func newsletterTitle(t string) Verdict {
	if !strings.Contains(t, newsletterWord) {
		return Verdict{}
	}
	k, apart := headlineKicker(t)
	if k == newsletterWord || strings.HasSuffix(k, " "+newsletterWord) {
		return Verdict{Newsletter, "kicker names a newsletter: " + k}
	}
	if apart && strings.HasPrefix(k, newsletterWord+" ") {
		return Verdict{Newsletter, "kicker names a newsletter: " + k}
	}
	return Verdict{}
}

// headlineKicker returns t's first segment, trimmed: what comes before its
// first separator set apart as a kicker's is (a colon, a bar, or a dash
// after a space: " - ", " – ", " — "), and whether there was one; the
// whole headline when there is none. A dash joined to a word
// ("e-newsletter", "Jakarta-Tokyo") separates nothing.
func headlineKicker(t string) (kicker string, apart bool) {
	end := len(t)
	if i := strings.IndexAny(t, ":|"); i >= 0 {
		end = i
	}
	for _, dash := range [...]string{" -", " –", " —"} {
		if i := strings.Index(t[:end], dash); i >= 0 {
			end = i
		}
	}
	return strings.TrimSpace(t[:end]), end < len(t)
}
