package publish

import (
	"html"
	"net"
	"net/url"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/publicsuffix"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/xmlchar"
	"github.com/warta-news/warta/normalize"
)

// Feed is one feed ready to render in any format: its metadata and stories.
// URLs and ids derive from BaseURL, Slug and the view, so a feed renders
// identically on every run given the same stories.
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
	// View narrows the feed (a language, a source) and picks a page; the
	// zero View is the whole feed's first page.
	View View
	// Pages is the number of pages of the feed in this view (RFC 5005
	// paging); 0 or 1 means no paging links.
	Pages int
	// Archives are the days with an archive document in this view (RFC
	// 5005 archived feeds), newest first: the plain feed links the newest
	// as prev-archive, each archive its neighbours.
	Archives []string
	// Hub is the WebSub hub URL advertised with rel="hub"; "" for none.
	Hub string
	// Stylesheet is the URL of the XSLT stylesheet that makes the Atom and
	// RSS documents readable in a browser; "" for none.
	Stylesheet string
}

// generatorURI identifies warta in generator elements.
const generatorURI = "https://github.com/warta-news/warta"

// FeedURL returns the URL of the feed, in its view, in the format named by
// ext ("atom", "rss" or "json"). It is the feed's self link and Atom id.
func (f *Feed) FeedURL(ext string) string {
	return f.PageURL(ext, f.View.Page)
}

// PageURL returns the URL of page n of the feed's view in format ext.
func (f *Feed) PageURL(ext string, n int) string {
	v := f.View
	v.Page = n
	return f.viewURL(ext, v)
}

// viewURL returns the URL of view v of the feed in format ext.
func (f *Feed) viewURL(ext string, v View) string {
	u := f.BaseURL + feedPath(f.Slug, ext)
	if q := v.Query(); q != "" {
		u += "?" + q
	}
	return u
}

// HomeURL returns the page the feed is an alternate of.
func (f *Feed) HomeURL() string {
	if f.Slug == AllSlug || f.Slug == "" {
		return f.BaseURL + "/"
	}
	return f.BaseURL + "/topics/" + f.Slug
}

// CategoryScheme is the scheme URI of topic categories.
func (f *Feed) CategoryScheme() string { return f.BaseURL + "/topics" }

// Label returns the display label of a topic slug.
func (f *Feed) Label(slug string) string {
	if l := f.Labels[slug]; l != "" {
		return l
	}
	return slug
}

// emptyFeedUpdated is the updated time of a feed with no entries: fixed,
// so that an empty feed's bytes are the same in every process and across
// restarts; not the Unix epoch, which feed validators take for a mistake
// (they refuse dates before 1990).
var emptyFeedUpdated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Updated returns the newest entry's updated time, or emptyFeedUpdated.
func (f *Feed) Updated() time.Time {
	var newest time.Time
	for _, s := range f.stories() {
		if u := storyUpdated(s); u.After(newest) {
			newest = u
		}
	}
	if newest.IsZero() {
		return emptyFeedUpdated
	}
	return newest
}

// pageLink is one RFC 5005 paging link.
type pageLink struct{ Rel, Href string }

// pageLinks returns the RFC 5005 §3 paging links of the feed in format ext:
// first and last always when paged, previous and next where they exist.
func (f *Feed) pageLinks(ext string) []pageLink {
	if f.Pages <= 1 {
		return nil
	}
	page := max(f.View.Page, 1)
	links := []pageLink{{"first", f.PageURL(ext, 1)}}
	if page > 1 {
		links = append(links, pageLink{"previous", f.PageURL(ext, page-1)})
	}
	if page < f.Pages {
		links = append(links, pageLink{"next", f.PageURL(ext, page+1)})
	}
	return append(links, pageLink{"last", f.PageURL(ext, f.Pages)})
}

// archiveLinks returns the RFC 5005 §4 links of the feed in format ext:
// for the subscription document (the plain first page) prev-archive to the
// newest archive; for an archive, current, and prev-archive and
// next-archive to its neighbours.
func (f *Feed) archiveLinks(ext string) []pageLink {
	v := f.View
	v.Page = 0
	at := func(day string) string {
		w := v
		w.Archive = day
		return f.viewURL(ext, w)
	}
	if f.View.Archive == "" {
		if f.View.Page > 1 || len(f.Archives) == 0 {
			return nil
		}
		return []pageLink{{"prev-archive", at(f.Archives[0])}}
	}
	links := []pageLink{{"current", at("")}}
	i := slices.Index(f.Archives, f.View.Archive)
	if i >= 0 && i+1 < len(f.Archives) {
		links = append(links, pageLink{"prev-archive", at(f.Archives[i+1])})
	}
	if i > 0 {
		links = append(links, pageLink{"next-archive", at(f.Archives[i-1])})
	}
	return links
}

// sourceID returns the id of the atom:source of an article: a URN of its
// source's name, the same for every entry of the source and across
// runs. Not the configured feed URL, which may carry the operator's
// credentials or access token, nor an article's site, which varies
// between the entries of one source.
func sourceID(a *article.Article) string {
	return "urn:warta:source:" + escapeURN(xmlchar.Clean(a.Source))
}

// escapeURN percent-encodes name for a URN's specific string: every byte
// but letters, digits and "-_.$+:=@", the bytes url.PathEscape left as
// they are (so ids of names without "&" or "~" are unchanged) less "&"
// and "~", which the W3C validator refuses in a URN. A "~" is written
// "!7E": its percent-encoding would not be canonical (it decodes to an
// unreserved "~"), and a "!" of the name is percent-encoded, so the two
// never meet.
func escapeURN(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.$+:=@", c) >= 0:
			b.WriteByte(c)
		case c == '~':
			b.WriteString("!7E")
		default:
			writeEscape(&b, c)
		}
	}
	return b.String()
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
	return "urn:warta:story:" + s.Identifier()
}

// storyUpdated is when the entry last changed: the lead's own Updated, or
// the arrival (FirstSeen) or Updated of a later copy the entry shows
// (shownCopies), which changes the entry's content; a copy it does not
// show changes nothing a reader sees. The lead's FirstSeen does not count:
// an article found days after it was published was not updated then.
func storyUpdated(s *article.Story) time.Time {
	var t time.Time
	if s.Lead != nil {
		t = s.Lead.Updated
		if s.Lead.Published.After(t) {
			t = s.Lead.Published
		}
	}
	for _, c := range shownCopies(s) {
		if c.a.Updated.After(t) {
			t = c.a.Updated
		}
		if c.a.FirstSeen.After(t) {
			t = c.a.FirstSeen
		}
	}
	if t.IsZero() {
		for _, a := range s.Articles() {
			if a.FirstSeen.After(t) {
				t = a.FirstSeen
			}
		}
	}
	return t.UTC()
}

// articleURL is where an article is read: the canonical URL when it is an
// absolute http(s) URL, else the link as published; characters a URI may
// not hold are percent-encoded (escapeURI). The stored URL, the article's
// identity, keeps them as they are.
func articleURL(a *article.Article) string {
	for _, u := range []string{a.URL, a.Link} {
		if isWebURL(u) {
			return escapeURI(xmlchar.Clean(u))
		}
	}
	return ""
}

// escapeURI percent-encodes the bytes of u that RFC 3986 allows nowhere
// in a URI (space, `"<>\^{|}` and the backquote, controls, non-ASCII as
// its UTF-8 bytes), "[" and "]" past the host, and a "%" that starts no
// escape; canonical URLs keep such bytes in their query. Every other byte,
// escapes included, is kept, so a valid URI comes back unchanged.
func escapeURI(u string) string {
	host := 0 // the end of the authority, where an IPv6 literal's brackets are
	if i := strings.Index(u, "://"); i >= 0 {
		host = len(u)
		if j := strings.IndexAny(u[i+3:], "/?#"); j >= 0 {
			host = i + 3 + j
		}
	}
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
		case (c == '[' || c == ']') && i >= host,
			c == '%', c <= ' ', c >= 0x7f, strings.IndexByte("\"<>\\^`{|}", c) >= 0:
			writeEscape(&b, c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// writeEscape writes c percent-encoded, as url's escapes are written.
func writeEscape(b *strings.Builder, c byte) {
	const upperhex = "0123456789ABCDEF"
	b.WriteByte('%')
	b.WriteByte(upperhex[c>>4])
	b.WriteByte(upperhex[c&15])
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
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

// storyTitle is the lead's title (articleTitle); "" without a lead.
func storyTitle(s *article.Story) string {
	if s.Lead == nil {
		return ""
	}
	return articleTitle(s.Lead)
}

// articleTitle is a's title without a site's name after it, falling back
// to its URL: an entry always needs something a reader can show.
func articleTitle(a *article.Article) string {
	if t := strings.TrimSpace(xmlchar.Clean(a.Title)); t != "" {
		return trimSiteSuffix(t, a)
	}
	return articleURL(a)
}

// siteSuffixSeps are the separators before a site's name after a headline.
var siteSuffixSeps = []string{" | ", " - ", " – ", " — "}

// minTitleWordsLeft is the fewest words a title keeps once its site
// suffix is cut; with fewer it is shown whole.
const minTitleWordsLeft = 3

// trimSiteSuffix drops a headline's trailing " | tempo.co" (after " | ",
// " - ", " – " or " — ") when that segment, case-folded and without
// "www.", is the registrable domain of one of the article's own URLs
// (outletDomains), and at least minTitleWordsLeft words remain. It works
// at render time only: the stored title is part of a link-less item's
// identity and of correction detection. Another outlet's name ("- Reuters"
// on a link elsewhere) or a bare site name ("| Tempo") is kept: only the
// full domain is proof.
func trimSiteSuffix(title string, a *article.Article) string {
	cut := -1
	var tail string
	for _, sep := range siteSuffixSeps {
		if i := strings.LastIndex(title, sep); i > cut {
			cut, tail = i, title[i+len(sep):]
		}
	}
	if cut <= 0 {
		return title
	}
	tail = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(tail)), "www.")
	if !slices.Contains(outletDomains(a), tail) {
		return title
	}
	rest := strings.TrimSpace(title[:cut])
	if len(strings.Fields(rest)) < minTitleWordsLeft {
		return title
	}
	return rest
}

// outletDomains are the registrable domains of an article's own web
// addresses (canonical URL, link as published, the outlet's address its
// feed names), aggregators' hosts left out.
func outletDomains(a *article.Article) []string {
	var out []string
	for _, raw := range []string{a.URL, a.Link, a.OutletURL} {
		if d := urlDomain(raw); d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

// storyAuthor is the lead's author, else its outlet's name.
func storyAuthor(s *article.Story) string {
	if s.Lead == nil {
		return ""
	}
	if a := strings.TrimSpace(xmlchar.Clean(s.Lead.Author)); a != "" {
		return a
	}
	return outletName(s.Lead)
}

// outletName is the name of an article's outlet: the one its feed names as
// the item's own (article.Outlet: a Google News item's <source>), else its
// source's configured name.
func outletName(a *article.Article) string {
	if name := strings.TrimSpace(xmlchar.Clean(a.Outlet)); name != "" {
		return name
	}
	return strings.TrimSpace(xmlchar.Clean(a.Source))
}

// otherCopy is one other outlet's copy of a story.
type otherCopy struct {
	Source string
	URL    string
}

// storyCopies lists the copies worth linking (shownCopies).
func storyCopies(s *article.Story) []otherCopy {
	shown := shownCopies(s)
	out := make([]otherCopy, 0, len(shown))
	for _, c := range shown {
		out = append(out, c.otherCopy)
	}
	return out
}

// shownCopy is a copy an entry links, with its article.
type shownCopy struct {
	otherCopy
	a *article.Article
}

// shownCopies lists the copies an entry links: one per other outlet, in
// order, skipping copies without a URL or with the lead's own URL. An
// outlet is a name (outletName: the item's own outlet, else its source's)
// and also a site (outletSite): one outlet's two feeds are two sources
// with two names, and its re-post in its other feed is no other outlet's
// report; one Google News source carries many outlets.
func shownCopies(s *article.Story) []shownCopy {
	lead, leadSource, leadSite := "", "", ""
	if s.Lead != nil {
		lead = articleURL(s.Lead)
		leadSource = outletName(s.Lead)
		leadSite = outletSite(s.Lead)
	}
	// The lead's own outlet is not "also" reporting: its later copies are
	// re-posts of the lead.
	seenSource := map[string]bool{}
	if leadSource != "" {
		seenSource[leadSource] = true
	}
	seenSite := map[string]bool{}
	if leadSite != "" {
		seenSite[leadSite] = true
	}
	seenURL := map[string]bool{lead: true}
	var out []shownCopy
	for _, c := range s.Copies {
		if c == nil {
			continue
		}
		u := articleURL(c)
		name := outletName(c)
		if name == "" {
			name = strings.TrimPrefix(strings.TrimPrefix(siteURL(c), "https://"), "http://")
			name = strings.TrimSuffix(name, "/")
		}
		site := outletSite(c)
		if u == "" || seenURL[u] || seenSource[name] || site != "" && seenSite[site] {
			continue
		}
		seenURL[u] = true
		seenSource[name] = true
		if site != "" {
			seenSite[site] = true
		}
		out = append(out, shownCopy{otherCopy{Source: name, URL: u}, c})
	}
	return out
}

// outletSite is the registrable domain of an article's own link ("a.example"
// for https://www.a.example/x and https://regional.a.example/x), the
// outlet whichever of its feeds carried the article: its canonical URL,
// or its link as published when the canonical URL is an aggregator's
// (normalize.AggregatorHost: Google News, FeedBurner), which many outlets
// share, or else the address of the outlet the item names as its own
// (article.OutletURL: Google News's <source url>). An aggregator's link alone, an IP address or a one-label host
// (localhost) names no outlet: a test site or an intranet serves many from
// one host; those are told apart by name alone.
func outletSite(a *article.Article) string {
	for _, raw := range []string{a.URL, a.Link, a.OutletURL} {
		host, ok := webHost(raw)
		if !ok {
			continue
		}
		return siteOf(host)
	}
	return ""
}

// webHost is the lower-cased host of a web address, ok false when raw is
// no web URL or its host is an aggregator's.
func webHost(raw string) (host string, ok bool) {
	p, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return "", false
	}
	host = strings.ToLower(p.Hostname())
	if normalize.AggregatorHost(host) {
		return "", false
	}
	return host, true
}

// siteOf is a host's registrable domain (publicsuffix), the host itself
// when it has none, and "" for an IP address or a one-label host.
func siteOf(host string) string {
	if net.ParseIP(host) != nil || !strings.Contains(host, ".") {
		return ""
	}
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return d
	}
	return host
}

// urlDomain is the registrable domain of a web address (webHost, siteOf),
// "" when it has none.
func urlDomain(raw string) string {
	host, ok := webHost(raw)
	if !ok {
		return ""
	}
	return siteOf(host)
}

// storyBody is the HTML body of an entry: the lead's content (or summary,
// or else a link to the story at its outlet: an entry needs text a reader
// can show) followed by "Also reported by" links to the other outlets'
// copies.
func storyBody(s *article.Story) string {
	var b strings.Builder
	if s.Lead != nil {
		body := s.Lead.Content
		if strings.TrimSpace(body) == "" {
			body = s.Lead.Summary
		}
		if strings.TrimSpace(body) == "" {
			if u := articleURL(s.Lead); u != "" {
				name := outletName(s.Lead)
				if name == "" {
					name = u
				}
				body = `<p>Read the story at <a href="` + html.EscapeString(u) + `">` + html.EscapeString(name) + "</a>.</p>"
			}
		}
		b.WriteString(xmlchar.Clean(body))
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
