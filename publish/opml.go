package publish

import (
	"encoding/xml"
	"io"

	"github.com/warta-news/warta/internal/xmlchar"
)

// opmlDoc is an OPML 2.0 subscription list.
type opmlDoc struct {
	XMLName xml.Name      `xml:"opml"`
	Version string        `xml:"version,attr"`
	Title   string        `xml:"head>title"`
	Docs    string        `xml:"head>docs"`
	Body    []opmlOutline `xml:"body>outline"`
}

// opmlOutline is one feed subscription.
type opmlOutline struct {
	Type        string `xml:"type,attr"`
	Text        string `xml:"text,attr"`
	Title       string `xml:"title,attr"`
	Description string `xml:"description,attr,omitempty"`
	XMLURL      string `xml:"xmlUrl,attr"`
	HTMLURL     string `xml:"htmlUrl,attr"`
}

// writeOPML renders the list of feeds, "all" first, for one-click import.
func (p *Publisher) writeOPML(w io.Writer, states []*feedState) error {
	doc := opmlDoc{
		Version: "2.0",
		Title:   xmlchar.Clean(p.opts.Title) + " feeds",
		Docs:    "http://opml.org/spec2.opml",
	}
	for _, fs := range states {
		f := p.feed(fs, View{})
		doc.Body = append(doc.Body, opmlOutline{
			Type:        "rss", // OPML readers use "rss" for any feed format
			Text:        xmlchar.Clean(f.Title),
			Title:       xmlchar.Clean(f.Title),
			Description: xmlchar.Clean(f.Description),
			XMLURL:      xmlchar.Clean(f.FeedURL("atom")),
			HTMLURL:     xmlchar.Clean(f.HomeURL()),
		})
	}
	return writeXMLDoc(w, "opml", "", doc)
}
