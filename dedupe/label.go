package dedupe

import (
	"net/url"
	"strings"
	"unicode"
)

// isLabel reports whether a cleaned title, split into its words
// (headlineWords), is a label rather than a headline: fewer than two
// content words (a desk or section name that a feed gives every item of
// it, "Ekonomi").
func isLabel(words []headlineWord) bool {
	content := 0
	for _, w := range words {
		if w.num != "" || !w.stop {
			content++
		}
	}
	return content < 2
}

// namesSection reports whether a cleaned title names the article's own
// section rather than its story ("Politik dan Hukum" over a link under
// /politik-dan-hukum/): written as a slug, the title is one of the feed's
// categories for the article, or a directory of its link. A directory is
// a path segment of fewer words than the link's longest, which is the
// article's own name when the link has one: a headline whose slug is its
// link's name stays a headline, wherever that name lies in the path.
func namesSection(title, link string, categories []string) bool {
	slug := slugOf(title)
	if slug == "" {
		return false
	}
	for _, c := range categories {
		if slugOf(c) == slug {
			return true
		}
	}
	// Most links hold not even the title's first word: no path to split.
	first, _, _ := strings.Cut(slug, "-")
	u, err := url.Parse(link)
	if err != nil || !strings.Contains(strings.ToLower(u.Path), first) {
		return false
	}
	segments := strings.Split(u.Path, "/")
	longest, matched := 0, -1
	for _, s := range segments {
		s = slugOf(s)
		if s == "" {
			continue
		}
		n := strings.Count(s, "-") + 1
		longest = max(longest, n)
		if s == slug {
			matched = n
		}
	}
	return matched > 0 && matched < longest
}

// slugOf writes s as a link's path writes a name: its letters and digits,
// lower-cased, each run of anything else one hyphen between them.
func slugOf(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			gap = b.Len() > 0
			continue
		}
		if gap {
			b.WriteByte('-')
			gap = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
