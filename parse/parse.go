// Package parse turns fetched feed bytes (RSS 0.9x/1.0/2.0, Atom, JSON Feed)
// into raw articles. It wraps gofeed and repairs what gofeed gets wrong on
// real Indonesian and English news feeds: undeclared charsets, junk before
// the document, Indonesian day and month names, and the WIB/WITA/WIT zones.
package parse

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/language"
)

// ErrHTMLPage reports a web page where a feed was expected: the configured
// URL is usually the site's page, not its feed. Test with errors.Is.
var ErrHTMLPage = errors.New("parse: an HTML page, not a feed")

// Feed is one parsed feed.
type Feed struct {
	// Title and Link are the feed's own, FeedLink its link to itself (Atom
	// rel="self").
	Title, Link, FeedLink string
	// Language is the feed's declared language, exactly as given.
	Language string
	// TTL is how long the feed says it may be cached before it is fetched
	// again (RSS <ttl>); 0 when it does not say.
	TTL time.Duration
	// ITunes is set when the channel carries podcast tags (iTunes or
	// Podcasting 2.0), and AudioItems counts the items with an audio
	// enclosure: what tells a podcast's feed (package genre).
	ITunes     bool
	AudioItems int
	// Items hold raw values: Title, Summary and Content are unsanitised
	// (Summary is the description, Content is content:encoded or, when
	// absent, the description too), Published and Updated are zero when
	// the feed gives no readable date, Language is the feed's.
	Items []*article.Article
}

// Parse parses one feed document. contentType is the HTTP Content-Type
// (its charset is used when the document declares none); fetchedAt dates
// items whose date omits the year.
//
// A date without a zone is read as Western Indonesian Time (UTC+7) when the
// feed declares an Indonesian language or the date itself uses Indonesian
// names, else as UTC: Indonesian sites print local wall-clock time, and
// UTC is the only neutral guess for everyone else.
//
// A feed with no items is not an error; a document that is not a feed, or
// is cut short, is.
func Parse(body []byte, contentType string, fetchedAt time.Time) (feed *Feed, err error) {
	// gofeed parses untrusted input; a panic in it must not take down a
	// whole cycle.
	defer func() {
		if r := recover(); r != nil {
			feed, err = nil, fmt.Errorf("parse: parser panic: %v", r)
		}
	}()
	b, err := prepare(body, contentType)
	if err != nil {
		return nil, err
	}
	if b, err = expandEntities(b); err != nil {
		return nil, err
	}
	if err := checkXMLDepth(b); err != nil {
		return nil, err
	}
	p := gofeed.NewParser()
	// The content image scan HTML-parses every description to find an
	// image warta never uses; it is most of gofeed's cost.
	p.RSSTranslator = &rssTranslator{gofeed.DefaultRSSTranslator{DisableContentImageScan: true}}
	gf, err := p.Parse(bytes.NewReader(b))
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) && isHTMLPage(b) {
		return nil, ErrHTMLPage
	}
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	feed = &Feed{
		Title:    strings.TrimSpace(gf.Title),
		Link:     strings.TrimSpace(gf.Link),
		Language: strings.TrimSpace(gf.Language),
		TTL:      feedTTL(gf),
		Items:    make([]*article.Article, 0, len(gf.Items)),

		FeedLink: strings.TrimSpace(gf.FeedLink),
		ITunes:   gf.ITunesExt != nil || gf.Extensions["podcast"] != nil,
	}
	indonesian := language.Primary(feed.Language) == language.Indonesian
	feedAuthor := personName(gf.Authors)
	for _, it := range gf.Items {
		if it == nil {
			continue
		}
		feed.Items = append(feed.Items, convert(it, feed.Language, feedAuthor, indonesian, fetchedAt))
		if hasAudio(it.Enclosures) {
			feed.AudioItems++
		}
	}
	return feed, nil
}

// convert maps one gofeed item to a raw article.
func convert(it *gofeed.Item, lang, feedAuthor string, indonesian bool, fetchedAt time.Time) *article.Article {
	a := &article.Article{
		Link:     strings.TrimSpace(it.Link),
		GUID:     strings.TrimSpace(it.GUID),
		Title:    it.Title,
		Summary:  it.Description,
		Content:  it.Content,
		Language: lang,
		// The outlet the item names as its own (RSS <source>).
		Outlet:    it.Custom[customOutlet],
		OutletURL: strings.TrimSpace(it.Custom[customOutletURL]),
	}
	if a.Link == "" {
		for _, l := range it.Links {
			if l = strings.TrimSpace(l); l != "" {
				a.Link = l
				break
			}
		}
	}
	if strings.TrimSpace(a.Content) == "" {
		a.Content = a.Summary
	}
	a.Author = personName(it.Authors)
	if a.Author == "" {
		a.Author = feedAuthor
	}
	// As the feed gives them: normalize makes them plain text and drops
	// empty and repeated ones.
	a.Categories = it.Categories
	a.Published = itemDate(it.Published, it.PublishedParsed, indonesian, fetchedAt)
	a.Updated = itemDate(it.Updated, it.UpdatedParsed, indonesian, fetchedAt)
	return a
}

// hasAudio reports whether one of an item's enclosures is audio, by its
// declared type or, undeclared, its file's extension.
func hasAudio(encs []*gofeed.Enclosure) bool {
	for _, e := range encs {
		if e == nil {
			continue
		}
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(e.Type)), "audio/") {
			return true
		}
		if u, err := url.Parse(strings.TrimSpace(e.URL)); err == nil {
			switch strings.ToLower(path.Ext(u.Path)) {
			case ".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus":
				return true
			}
		}
	}
	return false
}

// itemDate prefers ParseDate's reading of the raw string and falls back on
// gofeed's, which covers rarer layouts but misreads Indonesian zones and
// names.
func itemDate(raw string, parsed *time.Time, indonesian bool, fetchedAt time.Time) time.Time {
	def := time.UTC
	if indonesian || namesIndonesian(raw) {
		def = jakarta()
	}
	if t, ok := ParseDate(raw, def, fetchedAt); ok {
		return t
	}
	if parsed != nil {
		return *parsed
	}
	return time.Time{}
}

// personName gives the first author's name, or its e-mail address when the
// feed gives no name.
func personName(ps []*gofeed.Person) string {
	for _, p := range ps {
		if p == nil {
			continue
		}
		if n := strings.TrimSpace(p.Name); n != "" {
			return n
		}
		if e := strings.TrimSpace(p.Email); e != "" {
			return e
		}
	}
	return ""
}

// KeepNewest keeps at most n of the feed's items, the newest by date (an
// undated item counts as older than any dated one; items of one date keep
// the feed's order), and returns how many it left out. n <= 0 keeps all.
func (f *Feed) KeepNewest(n int) (dropped int) {
	if n <= 0 || len(f.Items) <= n {
		return 0
	}
	slices.SortStableFunc(f.Items, func(a, b *article.Article) int {
		return latestDate(b).Compare(latestDate(a))
	})
	dropped = len(f.Items) - n
	f.Items = f.Items[:n]
	return dropped
}

// latestDate is the later of an item's published and updated dates.
func latestDate(a *article.Article) time.Time {
	if a.Updated.After(a.Published) {
		return a.Updated
	}
	return a.Published
}
