package publish

import (
	"io"

	"github.com/warta-news/warta/internal/xmlchar"
	"github.com/warta-news/warta/opml"
)

// writeOPML renders the list of feeds, "all" first, for one-click import.
func (p *Publisher) writeOPML(w io.Writer, states []*feedState) error {
	doc := opml.Document{
		Version: "2.0",
		Title:   xmlchar.Clean(p.opts.Title) + " feeds",
		Docs:    "http://opml.org/spec2.opml",
	}
	for _, fs := range states {
		f := p.feed(fs, View{})
		doc.Body = append(doc.Body, opml.Outline{
			Type:        opml.FeedType,
			Text:        xmlchar.Clean(f.Title),
			Title:       xmlchar.Clean(f.Title),
			Description: xmlchar.Clean(f.Description),
			XMLURL:      xmlchar.Clean(f.FeedURL("atom")),
			HTMLURL:     xmlchar.Clean(f.HomeURL()),
		})
	}
	return writeXMLDoc(w, "opml", "", doc)
}
