package publish

import (
	"encoding/xml"
	"io"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"github.com/warta-news/warta/internal/xmlchar"
)

// The rss* wrappers extend gorilla/feeds' RSS types where RSS readers expect
// more than it writes: one <category> per topic (gorilla has a single
// string), <dc:creator> for author names (RSS <author> must be an email
// address) and an atom:link rel=self on the channel. encoding/xml lets a
// shallower field shadow an embedded one with the same element name.
type rssDoc struct {
	XMLName   xml.Name    `xml:"rss"`
	Version   string      `xml:"version,attr"`
	ContentNS string      `xml:"xmlns:content,attr"`
	DCNS      string      `xml:"xmlns:dc,attr"`
	AtomNS    string      `xml:"xmlns:atom,attr"`
	Channel   *rssChannel `xml:"channel"`
}

type rssChannel struct {
	*feeds.RssFeed
	Title   rssTitle   `xml:"title"`
	Links   []atomLink `xml:"atom:link"`
	Archive *fhArchive `xml:"archive,omitempty"`
	Items   []*rssItem `xml:"item"`
}

type rssItem struct {
	*feeds.RssItem
	Title rssTitle `xml:"title"`
	// Link is left out for a story without one: gorilla writes an empty
	// <link>, which RSS forbids (it must be a full URL).
	Link       string   `xml:"link,omitempty"`
	Creator    string   `xml:"dc:creator,omitempty"`
	Categories []string `xml:"category"`
}

// rssTitle is plain text written with the markup characters as hexadecimal
// character references, as the RSS Advisory Board's profile recommends: a
// title is never HTML, and readers that would decode "&amp;lt;" twice get
// the text right.
type rssTitle struct {
	Inner string `xml:",innerxml"`
}

// newRSSTitle escapes text for rssTitle.
func newRSSTitle(text string) rssTitle {
	return rssTitle{Inner: rssTitleEscaper.Replace(text)}
}

var rssTitleEscaper = strings.NewReplacer("&", "&#x26;", "<", "&#x3C;", ">", "&#x3E;")

// WriteRSS writes f as an RSS 2.0 feed, one item per story.
func WriteRSS(w io.Writer, f *Feed) error {
	gf := &feeds.Feed{
		Title:       xmlchar.Clean(f.Title),
		Link:        &feeds.Link{Href: xmlchar.Clean(f.HomeURL())},
		Description: xmlchar.Clean(f.Description),
		Updated:     f.Updated(),
	}
	if gf.Description == "" {
		gf.Description = gf.Title // RSS requires a description
	}
	ch := (&feeds.Rss{Feed: gf}).RssFeed()
	ch.Generator = "warta"
	ch.Items = nil
	channel := &rssChannel{
		RssFeed: ch,
		Title:   newRSSTitle(gf.Title),
		Links: append([]atomLink{{Href: xmlchar.Clean(f.FeedURL("rss")), Rel: "self", Type: "application/rss+xml"}},
			f.navLinks("rss", "application/rss+xml")...),
	}
	if f.View.Archive != "" {
		channel.Archive = &fhArchive{}
	}
	for _, s := range f.stories() {
		lead := s.Lead
		it := &feeds.RssItem{
			Title:       storyTitle(s),
			Link:        articleURL(lead),
			Description: strings.TrimSpace(xmlchar.Clean(lead.Summary)),
			Guid:        &feeds.RssGuid{Id: xmlchar.Clean(StoryEntryID(s)), IsPermaLink: "false"},
		}
		if body := storyBody(s); body != "" {
			it.Content = &feeds.RssContent{Content: body}
			if it.Description == "" {
				it.Description = body
			}
		}
		if t := rssDate(lead.Published, storyUpdated(s)); t != "" {
			it.PubDate = t
		}
		item := &rssItem{RssItem: it, Title: newRSSTitle(it.Title), Link: it.Link, Creator: storyAuthor(s)}
		for _, slug := range s.TopicSlugs() {
			item.Categories = append(item.Categories, xmlchar.Clean(f.Label(slug)))
		}
		channel.Items = append(channel.Items, item)
	}
	doc := rssDoc{
		Version:   "2.0",
		ContentNS: "http://purl.org/rss/1.0/modules/content/",
		DCNS:      "http://purl.org/dc/elements/1.1/",
		AtomNS:    atomNS,
		Channel:   channel,
	}
	return writeXMLDoc(w, "rss", f.Stylesheet, doc)
}

// rssDate formats the first non-zero time as RFC 822 (with a four-digit
// year), as RSS 2.0 wants it.
func rssDate(times ...time.Time) string {
	for _, t := range times {
		if !t.IsZero() {
			return t.UTC().Format(time.RFC1123Z)
		}
	}
	return ""
}
