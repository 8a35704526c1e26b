// Package normalize cleans one parsed article: canonical URL and ID, plain
// title, sanitised HTML, plain text, language tag and dates.
package normalize

import (
	"net/url"
	"strings"
	"time"

	"github.com/microcosm-cc/bluemonday"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/language"
)

// futureSlack is how far ahead of Now a Published date may be before it is
// treated as wrong. A day covers any real time-zone mistake (the worst
// offsets are 14 hours) while rejecting dates that would pin an article to
// the top of every feed for days.
const futureSlack = 24 * time.Hour

// earliestYear is the first year (in UTC) a Published or Updated date may
// fall in. Earlier dates are placeholders ("Sat, 01 Jan 0000", the Unix
// epoch) or typos, not news; they are treated as missing. Year 0 is also
// refused by RFC 4287's schema, so keeping it would break the Atom output.
const earliestYear = 1990

// Options describe the source an article came from and the current time.
type Options struct {
	// Now is the time of the fetch; it dates articles without a date.
	Now time.Time
	// SourceName is the configured source name, stored in Article.Source.
	SourceName string
	// SourceLanguage is the configured language; it overrides the feed's.
	SourceLanguage string
	// BaseURL resolves relative item links: the feed's own URL or its
	// site link. Optional. Links resolved against it are published, so it
	// must carry no secret (a source URL's userinfo or token query).
	BaseURL string
	// Shared are canonical URLs that name no single item of the feed
	// (SharedURLs): items whose link is one of them are identified as if
	// they had no link. Optional.
	Shared map[string]bool
}

// Caps bound what is kept of one article, so that memory and feeds do not
// grow with what a source sends.
type Caps struct {
	// MaxHTMLBytes caps each of Summary and Content; 0 means
	// DefaultMaxHTMLBytes.
	MaxHTMLBytes int
	// MaxTextBytes caps Text; 0 means DefaultMaxTextBytes.
	MaxTextBytes int
}

// Normalizer cleans articles. It holds the sanitising policy, which is
// costly to build; one Normalizer is safe for concurrent use.
type Normalizer struct {
	policy *bluemonday.Policy
	caps   Caps
}

// New returns a Normalizer that keeps at most caps of each article.
func New(caps Caps) *Normalizer {
	if caps.MaxHTMLBytes <= 0 {
		caps.MaxHTMLBytes = DefaultMaxHTMLBytes
	}
	if caps.MaxTextBytes <= 0 {
		caps.MaxTextBytes = DefaultMaxTextBytes
	}
	return &Normalizer{policy: newPolicy(), caps: caps}
}

// Article normalises a in place:
//
//   - Source is opts.SourceName.
//   - URL is the canonical form of Link, resolved against opts.BaseURL.
//     With no usable Link, an absolute http(s) GUID is used instead; so is
//     the GUID when Link goes through a feed redirector (feedsportal,
//     feedburner) and the GUID is the article's own URL.
//   - ID is article.IDFromURL(IdentityKey(URL)). A URL in opts.Shared (the
//     site's home page, or one link several stories of the feed share) is
//     no item's own, and counts as no URL.
//   - With no URL, URL stays empty and the ID is a hash of the source, the
//     GUID and the plain title (the plain text when there is no title): a
//     GUID alone cannot be trusted (feeds reuse "1".."20" for new stories),
//     but an item that carries nothing else must still not be lost, and
//     scoping it by source keeps one feed's GUIDs from colliding with
//     another's. With no GUID either (a bulletin feed), the ID is a hash of
//     the source, the plain title and the plain text, as Miniflux does: the
//     same bulletin fetched again is the same article, and nothing is
//     dropped. PreviousID gives the ID builds before the title was part of
//     it gave such an item; LinklessID the ID an item with a URL of its
//     own had while its link was shared.
//   - Outlet and OutletURL are kept only for an aggregator's item (its
//     link's host is an AggregatorHost: Google News, a redirector).
//   - Title, Author and Outlet are plain text; Summary and Content are sanitised
//     HTML with absolute links, balanced and nested at most 64 deep; Text is
//     the plain text of the longer of the two, one line per block.
//   - Nothing grows with the item: Summary and Content are cut at
//     Caps.MaxHTMLBytes each, Text at Caps.MaxTextBytes, at a word, with
//     "…" (and, in HTML, a link to URL); titles, authors, outlets, categories, links
//     and GUIDs have fixed caps.
//   - Language is opts.SourceLanguage, else the feed's, reduced to a
//     lower-case primary subtag ("id-ID" → "id", legacy "in" → "id").
//   - A zero Published becomes opts.Now, and so does one before 1990 (a
//     placeholder) or more than a day after opts.Now (a broken clock or zone
//     must not keep an item on top); a zero Updated becomes Published, and
//     Updated is never before Published; a zero FirstSeen becomes opts.Now.
//
// The only error is an article with no usable link and no GUID, title or
// text.
func (n *Normalizer) Article(a *article.Article, opts Options) error {
	a.Source = opts.SourceName
	// Only an aggregator's item names an outlet of its own: another feed's
	// <source> is a name it gives itself, or any name it likes.
	identified := identify(a, opts)
	if !aggregatorLink(a.Link) && !aggregatorLink(a.URL) {
		a.Outlet, a.OutletURL = "", ""
	}

	var base *url.URL
	if a.URL != "" {
		base, _ = url.Parse(a.URL)
	} else if opts.BaseURL != "" {
		base, _ = url.Parse(opts.BaseURL)
	}
	// A link-less item's ID reads its title and text before the bidi
	// stripping, as builds before it did: stored items keep their IDs.
	var key identityKey
	if !identified {
		key.title = cutText(identityText(a.Title), maxTitleBytes)
	}
	a.Title = truncateText(InlineText(a.Title), maxTitleBytes)
	a.Author = truncateText(InlineText(a.Author), maxAuthorBytes)
	a.Outlet = truncateText(InlineText(a.Outlet), maxAuthorBytes)
	a.Link, a.GUID, a.OutletURL = storedRef(a.Link), storedRef(a.GUID), storedRef(a.OutletURL)
	maxHTML, maxText := n.caps.MaxHTMLBytes, n.caps.MaxTextBytes
	// Feeds without full text repeat the description as content; sanitise
	// it once.
	same := a.Content == a.Summary
	more := originalLink(a.URL, maxHTML)
	a.Summary = n.sanitize(a.Summary, base, maxHTML, more)
	if same {
		a.Content = a.Summary
	} else {
		a.Content = n.sanitize(a.Content, base, maxHTML, more)
	}
	body := a.Content
	if len(a.Summary) > len(body) {
		body = a.Summary
	}
	// The link to the original is for readers, not part of the text.
	plain := sanitizedPlainText(strings.TrimSuffix(body, more))
	a.Text = truncateText(plain, maxText)
	if !identified {
		key.text = cutText(plain, maxText)
	}
	a.Categories = cleanCategories(a.Categories)

	lang := opts.SourceLanguage
	if strings.TrimSpace(lang) == "" {
		lang = a.Language
	}
	a.Language = Language(lang)

	fixDates(a, opts.Now)
	if !identified {
		id, err := linklessID(a.GUID, key, opts.SourceName)
		if err != nil {
			return err
		}
		a.ID, a.URL = id, ""
	}
	return nil
}

// identityKey is the title and plain text a link-less item's ID is over.
type identityKey struct{ title, text string }

// linklessID is the ID of a normalised article with no URL of its own,
// with GUID guid and key: see Article.
func linklessID(guid string, key identityKey, source string) (string, error) {
	guid = strings.TrimSpace(guid)
	title, text := key.title, key.text
	switch {
	case guid != "" && title != "":
		return article.IDFromURL("guid:" + source + ":" + guid + "\n" + title), nil
	case guid != "" && text != "":
		return article.IDFromURL("guid:" + source + ":" + guid + "\n\n" + text), nil
	case guid != "":
		// The GUID is all there is: the rule of builds before the
		// title was part of it.
		return article.IDFromURL("guid:" + source + ":" + guid), nil
	case title == "" && text == "":
		return "", errNoIdentity
	}
	return article.IDFromURL("text:" + source + "\n" + title + "\n" + text), nil
}

// LinklessID is the ID Article would have given a, an article it
// normalised with a URL of its own, had a's link been shared by another
// story of the feed: an item whose link was shared in an earlier fetch
// was stored under it. ok is false when a has no URL of its own, or when
// that ID would rest on its GUID alone (feeds reuse GUIDs: it names no
// one story).
func LinklessID(a *article.Article, opts Options) (id string, ok bool) {
	if a.URL == "" || (a.Title == "" && a.Text == "") {
		return "", false
	}
	id, err := linklessID(a.GUID, identityKey{a.Title, a.Text}, opts.SourceName)
	return id, err == nil
}

// ID is the ID Article gives a, computed without normalising the rest
// (no sanitising): ok is false when a has no URL of its own, so that its
// title or text is part of its identity. It leaves a as it is.
func ID(a *article.Article, opts Options) (id string, ok bool) {
	c := article.Article{Link: a.Link, GUID: a.GUID}
	if !identify(&c, opts) {
		return "", false
	}
	return c.ID, true
}

// PreviousID is the ID builds before the title was part of it gave a, an
// item with no URL of its own (see Article): its link's, however many items
// shared it, or "guid:"+source+":"+GUID. ok is false when that rule gives
// the ID Article gives (an item with a URL of its own) or none. It lets a
// caller recognise the articles those builds stored.
func PreviousID(a *article.Article, opts Options) (id string, ok bool) {
	if _, own := ID(a, opts); own {
		return "", false
	}
	c := article.Article{Link: a.Link, GUID: a.GUID}
	opts.Shared = nil
	if identify(&c, opts) {
		return c.ID, true
	}
	if guid := strings.TrimSpace(a.GUID); guid != "" {
		return article.IDFromURL("guid:" + opts.SourceName + ":" + guid), true
	}
	return "", false
}

// SharedURLs returns the canonical URLs that name no single item among
// items: siteLink (the feed's own link, the site's home page) and any link
// two stories share (see otherStory). A link many stories point at
// identifies none of them; one article a feed lists twice, under two
// GUIDs, is still one article.
func SharedURLs(items []*article.Article, siteLink string, opts Options) map[string]bool {
	shared := map[string]bool{}
	if siteLink != "" {
		if c, err := CanonicalURL(siteLink, opts.BaseURL); err == nil {
			shared[c] = true
		}
	}
	opts.Shared = nil
	first := make(map[string]*article.Article, len(items))
	for _, a := range items {
		c := article.Article{Link: a.Link, GUID: a.GUID}
		if !identify(&c, opts) || c.URL == "" {
			continue
		}
		if b, ok := first[c.URL]; ok {
			if otherStory(a, b) {
				shared[c.URL] = true
			}
			continue
		}
		first[c.URL] = a
	}
	return shared
}

// otherStory reports whether a and b, two items with one link, are two
// stories: their titles differ, or under one title their texts do (a
// rubric such as a daily photo reuses its title and link; one article
// listed twice has one text), or with no titles their GUIDs do. A missing
// text tells nothing, so it differs from none.
func otherStory(a, b *article.Article) bool {
	ta, tb := InlineText(a.Title), InlineText(b.Title)
	if ta != tb {
		return true
	}
	if ta == "" {
		return strings.TrimSpace(a.GUID) != strings.TrimSpace(b.GUID)
	}
	xa, xb := bodyText(a), bodyText(b)
	return xa != "" && xb != "" && xa != xb
}

// bodyText is the plain text of an item's body as given, the longer of
// its summary and content as in Article, to compare two items by.
func bodyText(a *article.Article) string {
	body := a.Content
	if len(a.Summary) > len(body) {
		body = a.Summary
	}
	return PlainText(body)
}

// identify sets URL and ID from the link or, when it is an absolute URL,
// the GUID. It reports false when neither gives a URL of the item's own;
// Article then identifies the item by its GUID and title or its text.
func identify(a *article.Article, opts Options) bool {
	link := strings.TrimSpace(a.Link)
	guid := strings.TrimSpace(a.GUID)
	if len(link) > maxURLBytes {
		link = ""
	}
	if link == "" && guid == "" {
		return false
	}
	canon, err := "", error(nil)
	if link != "" {
		canon, err = CanonicalURL(link, opts.BaseURL)
		if err == nil && guid != "" && guidIsURL(guid) {
			if u, perr := url.Parse(canon); perr == nil && isRedirectorHost(u.Hostname()) {
				if g, gerr := CanonicalURL(guid, ""); gerr == nil {
					canon = g
				}
			}
		}
	}
	if (link == "" || err != nil) && guidIsURL(guid) {
		canon, err = CanonicalURL(guid, "")
	}
	if err != nil || canon == "" || len(canon) > maxURLBytes || opts.Shared[canon] {
		return false
	}
	a.URL = canon
	a.ID = article.IDFromURL(IdentityKey(canon))
	return true
}

// guidIsURL reports a GUID usable as the article's URL.
func guidIsURL(guid string) bool {
	return len(guid) <= maxURLBytes && absoluteHTTP(guid)
}

// storedRef is a raw link or GUID as it is stored: as given, but
// StorableText, and capped.
func storedRef(s string) string {
	s = StorableText(s)
	if len(s) <= maxURLBytes {
		return s
	}
	return cutAtRune(s[:maxURLBytes])
}

// fixDates applies the date defaults described on Article.
func fixDates(a *article.Article, now time.Time) {
	if tooEarly(a.Published) || (!now.IsZero() && a.Published.After(now.Add(futureSlack))) {
		a.Published = now
	}
	if a.Updated.IsZero() || a.Updated.Before(a.Published) ||
		(!now.IsZero() && a.Updated.After(now.Add(futureSlack))) {
		a.Updated = a.Published
	}
	if a.FirstSeen.IsZero() {
		a.FirstSeen = now
	}
}

// tooEarly reports a date that is missing or before earliestYear.
func tooEarly(t time.Time) bool {
	return t.IsZero() || t.UTC().Year() < earliestYear
}

// cleanCategories makes categories plain text and drops empty and repeated
// ones; it keeps at most maxCategories.
func cleanCategories(cs []string) []string {
	if len(cs) == 0 {
		return cs
	}
	out := cs[:0]
	seen := make(map[string]bool, len(cs))
	for _, c := range cs {
		if len(out) == maxCategories {
			break
		}
		c = truncateText(InlineText(c), maxCategoryBytes)
		if c == "" || seen[c] {
			continue
		}
		seen[c] = true
		out = append(out, c)
	}
	return out
}

// Language reduces a language tag to its primary subtag (language.Primary:
// "id-ID" → "id", withdrawn "in" → "id"). Anything that is not a 2–3 letter
// tag gives "".
func Language(tag string) string {
	tag = language.Primary(tag)
	if len(tag) < 2 || len(tag) > 3 {
		return ""
	}
	for _, r := range tag {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	return tag
}
