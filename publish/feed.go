package publish

import (
	"html"
	"net/url"
	"strings"
	"time"

	"github.com/warta-news/warta/article"
)

// Feed is one feed ready to render in any format: its metadata and stories.
// URLs and ids derive from BaseURL and Slug, so a feed renders identically
// on every run given the same stories.
type Feed struct {
	// Slug names the feed in URLs and file names ("all" for every story).
	Slug string
	// Title is the full feed title; Description becomes the subtitle.
	Title       string
	Description string
	// BaseURL is the public URL warta is served at, without trailing slash.
	BaseURL string
	// Author names the publisher; it is the feed-level author so entries
	// without an author of their own are still valid Atom.
	Author string
	// Labels maps topic slugs to titles for entry categories; a slug
	// missing from it is labelled with itself.
	Labels map[string]string
	// Stories are the feed's entries, in the order given.
	Stories []*article.Story
}

// generatorURI identifies warta in generator elements.
const generatorURI = "https://github.com/warta-news/warta"

// FeedURL returns the URL of the feed in the format named by ext ("atom",
// "rss" or "json").
func (f *Feed) FeedURL(ext string) string {
	return f.BaseURL + "/feeds/" + f.Slug + "." + ext
}

// HomeURL returns the page the feed is an alternate of.
func (f *Feed) HomeURL() string { return f.BaseURL + "/" }

// CategoryScheme is the scheme URI of topic categories.
func (f *Feed) CategoryScheme() string { return f.BaseURL + "/topics" }

// Label returns the display label of a topic slug.
func (f *Feed) Label(slug string) string {
	if l := f.Labels[slug]; l != "" {
		return l
	}
	return slug
}

// Updated returns the newest entry's updated time, or the Unix epoch for an
// empty feed: a fixed value keeps an empty feed's bytes, and so its ETag,
// the same from one render to the next.
func (f *Feed) Updated() time.Time {
	var newest time.Time
	for _, s := range f.stories() {
		if u := storyUpdated(s); u.After(newest) {
			newest = u
		}
	}
	if newest.IsZero() {
		return time.Unix(0, 0).UTC()
	}
	return newest
}

// stories returns the stories that can be rendered: those with a lead.
func (f *Feed) stories() []*article.Story {
	out := make([]*article.Story, 0, len(f.Stories))
	for _, s := range f.Stories {
		if s != nil && s.Lead != nil {
			out = append(out, s)
		}
	}
	return out
}

// StoryEntryID returns the published id of a story. It depends on the story
// id alone, so an entry keeps its id across runs, restarts and later copies.
func StoryEntryID(s *article.Story) string {
	return "urn:warta:story:" + storyID(s)
}

// storyID is the story's id, falling back to its lead's for stories built
// without one.
func storyID(s *article.Story) string {
	if s.ID != "" {
		return s.ID
	}
	if s.Lead != nil {
		if s.Lead.StoryID != "" {
			return s.Lead.StoryID
		}
		return s.Lead.ID
	}
	return ""
}

// storyUpdated is when the entry last changed: the lead's own Updated, or
// the arrival (FirstSeen) or Updated of a later copy, which changes the
// entry's content. The lead's FirstSeen does not count: an article found
// days after it was published was not updated then.
func storyUpdated(s *article.Story) time.Time {
	var t time.Time
	if s.Lead != nil {
		t = s.Lead.Updated
		if s.Lead.Published.After(t) {
			t = s.Lead.Published
		}
	}
	for _, a := range s.Copies {
		if a == nil {
			continue
		}
		if a.Updated.After(t) {
			t = a.Updated
		}
		if a.FirstSeen.After(t) {
			t = a.FirstSeen
		}
	}
	if t.IsZero() {
		for _, a := range storyArticles(s) {
			if a.FirstSeen.After(t) {
				t = a.FirstSeen
			}
		}
	}
	return t.UTC()
}

// storyArticles returns the story's non-nil articles, lead first.
func storyArticles(s *article.Story) []*article.Article {
	out := make([]*article.Article, 0, 1+len(s.Copies))
	if s.Lead != nil {
		out = append(out, s.Lead)
	}
	for _, c := range s.Copies {
		if c != nil {
			out = append(out, c)
		}
	}
	return out
}

// storyTopics is article.Story.TopicSlugs tolerant of a missing lead.
func storyTopics(s *article.Story) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range storyArticles(s) {
		for _, t := range a.Topics {
			if t.Slug != "" && !seen[t.Slug] {
				seen[t.Slug] = true
				out = append(out, t.Slug)
			}
		}
	}
	return out
}

// articleURL is where an article is read: the canonical URL when it is an
// absolute http(s) URL, else the link as published.
func articleURL(a *article.Article) string {
	for _, u := range []string{a.URL, a.Link} {
		if isWebURL(u) {
			return cleanText(u)
		}
	}
	return ""
}

// isWebURL reports whether u is an absolute http or https URL.
func isWebURL(u string) bool {
	p, err := url.Parse(strings.TrimSpace(u))
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

// siteURL returns the scheme and host of an article's URL, the best stand-in
// for its outlet's home page.
func siteURL(a *article.Article) string {
	p, err := url.Parse(articleURL(a))
	if err != nil || p.Host == "" {
		return ""
	}
	return p.Scheme + "://" + p.Host + "/"
}

// storyTitle is the lead's title, falling back to its URL: an entry always
// needs something a reader can show.
func storyTitle(s *article.Story) string {
	if s.Lead == nil {
		return ""
	}
	if t := strings.TrimSpace(cleanText(s.Lead.Title)); t != "" {
		return t
	}
	return articleURL(s.Lead)
}

// storyAuthor is the lead's author, else its outlet's name.
func storyAuthor(s *article.Story) string {
	if s.Lead == nil {
		return ""
	}
	if a := strings.TrimSpace(cleanText(s.Lead.Author)); a != "" {
		return a
	}
	return strings.TrimSpace(cleanText(s.Lead.Source))
}

// otherCopy is one other outlet's copy of a story.
type otherCopy struct {
	Source string
	URL    string
}

// storyCopies lists the copies worth linking: one per other outlet, in
// order, skipping copies without a URL or with the lead's own URL.
func storyCopies(s *article.Story) []otherCopy {
	lead, leadSource := "", ""
	if s.Lead != nil {
		lead = articleURL(s.Lead)
		leadSource = strings.TrimSpace(cleanText(s.Lead.Source))
	}
	// The lead's own outlet is not "also" reporting: its later copies are
	// re-posts of the lead.
	seenSource := map[string]bool{}
	if leadSource != "" {
		seenSource[leadSource] = true
	}
	seenURL := map[string]bool{lead: true}
	var out []otherCopy
	for _, c := range s.Copies {
		if c == nil {
			continue
		}
		u := articleURL(c)
		name := strings.TrimSpace(cleanText(c.Source))
		if name == "" {
			name = strings.TrimPrefix(strings.TrimPrefix(siteURL(c), "https://"), "http://")
			name = strings.TrimSuffix(name, "/")
		}
		if u == "" || seenURL[u] || seenSource[name] {
			continue
		}
		seenURL[u] = true
		seenSource[name] = true
		out = append(out, otherCopy{Source: name, URL: u})
	}
	return out
}

// storyBody is the HTML body of an entry: the lead's content (or summary)
// followed by "Also reported by" links to the other outlets' copies.
func storyBody(s *article.Story) string {
	var b strings.Builder
	if s.Lead != nil {
		body := s.Lead.Content
		if strings.TrimSpace(body) == "" {
			body = s.Lead.Summary
		}
		b.WriteString(cleanText(body))
	}
	copies := storyCopies(s)
	if len(copies) == 0 {
		return b.String()
	}
	b.WriteString("\n<p>Also reported by: ")
	for i, c := range copies {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`<a href="`)
		b.WriteString(html.EscapeString(c.URL))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(c.Source))
		b.WriteString("</a>")
	}
	b.WriteString("</p>")
	return b.String()
}

// rfc3339 formats t in UTC as Atom and JSON Feed dates want it.
func rfc3339(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}
