package publish

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/language"
	"github.com/warta-news/warta/publish/filter"
)

// View narrows a feed to one language or one source and picks a page of
// it. Every view is a feed of its own: its own URL (self link and id) and
// ETag. The same views apply to every feed: ?lang=id, ?source=kompas,
// ?page=2, and combinations.
type View struct {
	// Lang keeps stories whose lead is in this language ("en", "id").
	Lang string
	// Source keeps stories with an article from this source.
	Source string
	// Filter keeps stories that match a filter (package filter's grammar,
	// canonical form), the ?q= of a URL.
	Filter string
	// Page is the 1-based page; 0 means 1.
	Page int
	// Archive, a UTC date (2006-01-02), makes the view the RFC 5005
	// archive document of the stories whose lead was first stored that
	// day.
	Archive string
}

// archiveLayout is the date format of View.Archive.
const archiveLayout = "2006-01-02"

// Query returns the view's canonical query string: parameters in a fixed
// order, page 1 left out, so that one view has one URL.
func (v View) Query() string {
	var parts []string
	if v.Lang != "" {
		parts = append(parts, "lang="+queryEscape(v.Lang))
	}
	if v.Source != "" {
		parts = append(parts, "source="+queryEscape(v.Source))
	}
	if v.Filter != "" {
		parts = append(parts, "q="+queryEscape(v.Filter))
	}
	if v.Page > 1 {
		parts = append(parts, "page="+strconv.Itoa(v.Page))
	}
	if v.Archive != "" {
		parts = append(parts, "archive="+v.Archive)
	}
	return strings.Join(parts, "&")
}

// queryEscape escapes a query parameter's value as little as RFC 3986
// §3.4 allows, so that a URL people write by hand (such as
// ?q=topic:economy+-source:kompas) is the view's own URL: unreserved
// characters, ':', '@', '/', '?' and the sub-delimiters other than '&',
// '=' and '+' (which split or change a form value) and ';' (net/url's
// ParseQuery, so net/http, refuses a pair holding one) stay; a space is
// '+'; anything else is percent-encoded.
func queryEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			strings.IndexByte("-._~:@/?!$'()*,", c) >= 0:
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// filtered reports whether the view narrows the feed.
func (v View) filtered() bool { return v.Lang != "" || v.Source != "" || v.Filter != "" }

// ParseView reads a view from a URL query. Other parameters are ignored
// (readers add cache busters); a malformed lang or page is an error.
func ParseView(q url.Values) (View, error) {
	var v View
	if l := q.Get("lang"); l != "" {
		if validLang(l) == "" {
			return View{}, fmt.Errorf("publish: bad lang %q", l)
		}
		v.Lang = language.Primary(l)
		if err := checkTagged(l, v.Lang); err != nil {
			return View{}, err
		}
	}
	v.Source = strings.TrimSpace(q.Get("source"))
	if raw := q.Get("q"); raw != "" {
		f, err := filter.ParseQuery(raw)
		if err != nil {
			return View{}, fmt.Errorf("publish: bad q: %w", err)
		}
		for i, t := range f.Terms {
			if t.Field != filter.FieldLang {
				continue
			}
			// One view, one URL: lang:in is lang:id's view.
			f.Terms[i].Value = language.Primary(t.Value)
			if err := checkTagged(t.Value, f.Terms[i].Value); err != nil {
				return View{}, fmt.Errorf("publish: bad q: %w", err)
			}
		}
		v.Filter = f.String()
	}
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			return View{}, fmt.Errorf("publish: bad page %q", p)
		}
		v.Page = n
	}
	if v.Page == 1 {
		v.Page = 0
	}
	if a := q.Get("archive"); a != "" {
		d, err := time.Parse(archiveLayout, a)
		if err != nil || d.Format(archiveLayout) != a {
			return View{}, fmt.Errorf("publish: bad archive %q: want a date such as 2026-11-20", a)
		}
		if v.Page != 0 {
			return View{}, fmt.Errorf("publish: an archive is one document: no page")
		}
		v.Archive = a
	}
	return v, nil
}

// checkTagged refuses code, the primary subtag of the requested tag, when
// warta tags no story with it: a typo in a subscribed URL is not an empty
// feed forever.
func checkTagged(tag, code string) error {
	if !language.Tagged(code) {
		return fmt.Errorf("publish: unknown language %q: want an ISO 639 code such as %q (English) or %q (Indonesian)",
			tag, language.English, language.Indonesian)
	}
	return nil
}

// keeps reports whether the view keeps story s; f is v.Filter parsed.
func (v View) keeps(s *article.Story, f filter.Filter) bool {
	if s == nil || s.Lead == nil {
		return false
	}
	if v.Lang != "" && !strings.EqualFold(s.Lead.Language, v.Lang) {
		return false
	}
	if v.Source != "" && !filter.HasSource(s, v.Source) {
		return false
	}
	return f.Match(s)
}

// narrow keeps the stories the view's filters keep, in order, ignoring
// its page and archive.
func (v View) narrow(stories []*article.Story) []*article.Story {
	if !v.filtered() {
		return stories
	}
	// ParseView accepted the filter; its canonical form parses again.
	f, err := filter.Parse(v.Filter)
	if err != nil {
		return nil
	}
	kept := make([]*article.Story, 0, len(stories))
	for _, s := range stories {
		if v.keeps(s, f) {
			kept = append(kept, s)
		}
	}
	return kept
}

// pageOf returns page n (1-based) of stories and the number of pages (at
// least 1); nil when n is past the last page.
func pageOf(stories []*article.Story, n, perPage int) ([]*article.Story, int) {
	pages := max(1, (len(stories)+perPage-1)/perPage)
	n = max(n, 1)
	if n > pages {
		return nil, pages
	}
	lo := (n - 1) * perPage
	return stories[lo:min(lo+perPage, len(stories))], pages
}

// archiveDay is the archive a story belongs to: the UTC day its lead was
// first stored, the order feeds list stories in (a story found late is
// on the first page, and in the archive of the day it arrived, never in
// one already published).
func archiveDay(s *article.Story) string {
	return s.Lead.FirstSeen.UTC().Format(archiveLayout)
}

// archiveGrace is how long after a day ends its archive waits: a story
// stored that day by a cycle that ran past midnight, or by a daemon whose
// clock is behind, still joins it before it is published, and an archive
// does not change once published (RFC 5005 §4).
const archiveGrace = 24 * time.Hour

// archiveCutoff is the first day whose archive waits at now: the days
// before it have archives.
func archiveCutoff(now time.Time) string {
	return now.UTC().Add(-archiveGrace).Truncate(24 * time.Hour).Format(archiveLayout)
}

// archives returns the days with an archive document among stories,
// newest first: days over for archiveGrace at now, and, when the stories
// are a truncated window of the feed, not its oldest day, which may
// continue beyond the window.
func archives(stories []*article.Story, truncated bool, now time.Time) []string {
	cutoff := archiveCutoff(now)
	var days []string
	for _, s := range stories {
		if d := archiveDay(s); d < cutoff && !slices.Contains(days, d) {
			days = append(days, d)
		}
	}
	slices.Sort(days)
	slices.Reverse(days)
	if truncated && len(days) > 0 {
		days = days[:len(days)-1]
	}
	return days
}
