package publish

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/warta-news/warta/article"
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
}

// Query returns the view's canonical query string: parameters in a fixed
// order, page 1 left out, so that one view has one URL.
func (v View) Query() string {
	var parts []string
	if v.Lang != "" {
		parts = append(parts, "lang="+url.QueryEscape(v.Lang))
	}
	if v.Source != "" {
		parts = append(parts, "source="+url.QueryEscape(v.Source))
	}
	if v.Filter != "" {
		parts = append(parts, "q="+url.QueryEscape(v.Filter))
	}
	if v.Page > 1 {
		parts = append(parts, "page="+strconv.Itoa(v.Page))
	}
	return strings.Join(parts, "&")
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
		v.Lang = strings.ToLower(l)
	}
	v.Source = strings.TrimSpace(q.Get("source"))
	if raw := q.Get("q"); raw != "" {
		f, err := filter.Parse(raw)
		if err != nil {
			return View{}, fmt.Errorf("publish: bad q: %w", err)
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
	return v, nil
}

// keeps reports whether the view keeps story s; f is v.Filter parsed.
func (v View) keeps(s *article.Story, f filter.Filter) bool {
	if s == nil || s.Lead == nil {
		return false
	}
	if v.Lang != "" && !strings.EqualFold(s.Lead.Language, v.Lang) {
		return false
	}
	if v.Source != "" && !slices.ContainsFunc(storyArticles(s), func(a *article.Article) bool { return a.Source == v.Source }) {
		return false
	}
	return f.Match(s)
}

// apply narrows stories to the view and returns the view's page of them
// and the number of pages (at least 1).
func (v View) apply(stories []*article.Story, perPage int) (page []*article.Story, pages int) {
	kept := stories
	if v.filtered() {
		// ParseView accepted the filter; its canonical form parses again.
		f, err := filter.Parse(v.Filter)
		if err != nil {
			return nil, 1
		}
		kept = make([]*article.Story, 0, len(stories))
		for _, s := range stories {
			if v.keeps(s, f) {
				kept = append(kept, s)
			}
		}
	}
	pages = max(1, (len(kept)+perPage-1)/perPage)
	n := max(v.Page, 1)
	if n > pages {
		return nil, pages
	}
	lo := (n - 1) * perPage
	hi := min(lo+perPage, len(kept))
	return kept[lo:hi], pages
}
