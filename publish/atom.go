package publish

import (
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/xmlchar"
)

// atomNS is the Atom namespace.
const atomNS = "http://www.w3.org/2005/Atom"

// The atom* types mirror RFC 4287 closely enough to express what
// gorilla/feeds cannot: several categories per entry, a feed id distinct
// from its links, rel=self beside rel=alternate, published and xml:lang.
type atomFeed struct {
	XMLName   xml.Name      `xml:"feed"`
	Xmlns     string        `xml:"xmlns,attr"`
	Lang      string        `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID        string        `xml:"id"`
	Title     atomText      `xml:"title"`
	Subtitle  *atomText     `xml:"subtitle,omitempty"`
	Updated   string        `xml:"updated"`
	Links     []atomLink    `xml:"link"`
	Author    *atomPerson   `xml:"author,omitempty"`
	Generator atomGenerator `xml:"generator"`
	Archive   *fhArchive    `xml:"archive,omitempty"`
	Entries   []atomEntry   `xml:"entry"`
}

// fhArchive is RFC 5005's <fh:archive/>: this document is an archive.
type fhArchive struct {
	XMLName xml.Name `xml:"http://purl.org/syndication/history/1.0 archive"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomLink struct {
	Href  string `xml:"href,attr"`
	Rel   string `xml:"rel,attr,omitempty"`
	Type  string `xml:"type,attr,omitempty"`
	Title string `xml:"title,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomGenerator struct {
	URI  string `xml:"uri,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomCategory struct {
	Term   string `xml:"term,attr"`
	Scheme string `xml:"scheme,attr,omitempty"`
	Label  string `xml:"label,attr,omitempty"`
}

type atomSource struct {
	ID      string     `xml:"id"`
	Title   string     `xml:"title,omitempty"`
	Updated string     `xml:"updated"`
	Links   []atomLink `xml:"link"`
}

type atomEntry struct {
	Lang       string         `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Links      []atomLink     `xml:"link"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Author     *atomPerson    `xml:"author,omitempty"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    *atomText      `xml:"content,omitempty"`
	Source     *atomSource    `xml:"source,omitempty"`
}

// navLinks are the links beside self and alternate, for the document in
// format ext of mediaType: the WebSub hub, RFC 5005 pages and archives.
func (f *Feed) navLinks(ext, mediaType string) []atomLink {
	var out []atomLink
	if f.Hub != "" {
		out = append(out, atomLink{Href: xmlchar.Clean(f.Hub), Rel: "hub"})
	}
	for _, l := range append(f.pageLinks(ext), f.archiveLinks(ext)...) {
		out = append(out, atomLink{Href: xmlchar.Clean(l.Href), Rel: l.Rel, Type: mediaType})
	}
	return out
}

// writeXMLDoc writes doc as an indented XML document ending in a newline,
// after the XML declaration and, when stylesheet is set, the processing
// instruction that lets browsers show a feed as a page (feed readers
// ignore it). format names the document in errors ("atom").
func writeXMLDoc(w io.Writer, format, stylesheet string, doc any) error {
	var head strings.Builder
	head.WriteString(xml.Header)
	if stylesheet != "" {
		head.WriteString(`<?xml-stylesheet type="text/xsl" href="`)
		xml.EscapeText(&head, []byte(stylesheet))
		head.WriteString("\"?>\n")
	}
	if _, err := io.WriteString(w, head.String()); err != nil {
		return fmt.Errorf("publish: write %s: %w", format, err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("publish: write %s: %w", format, err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("publish: write %s: %w", format, err)
	}
	return nil
}

// WriteAtom writes f as an RFC 4287 Atom feed, one entry per story.
func WriteAtom(w io.Writer, f *Feed) error {
	doc := atomFeed{
		Xmlns:   atomNS,
		Lang:    validLang(f.View.Lang),
		ID:      xmlchar.Clean(f.FeedURL("atom")),
		Title:   atomText{Body: xmlchar.Clean(f.Title)},
		Updated: rfc3339(f.Updated()),
		Links: []atomLink{
			{Href: xmlchar.Clean(f.FeedURL("atom")), Rel: "self", Type: "application/atom+xml"},
			{Href: xmlchar.Clean(f.HomeURL()), Rel: "alternate", Type: "text/html"},
		},
		Generator: atomGenerator{URI: generatorURI, Body: "warta"},
	}
	doc.Links = append(doc.Links, f.navLinks("atom", "application/atom+xml")...)
	if f.View.Archive != "" {
		doc.Archive = &fhArchive{}
	}
	if d := strings.TrimSpace(xmlchar.Clean(f.Description)); d != "" {
		doc.Subtitle = &atomText{Body: d}
	}
	author := strings.TrimSpace(xmlchar.Clean(f.Author))
	if author == "" {
		author = "warta"
	}
	doc.Author = &atomPerson{Name: author, URI: xmlchar.Clean(f.BaseURL + "/")}
	for _, s := range f.stories() {
		doc.Entries = append(doc.Entries, atomStoryEntry(f, s))
	}
	return writeXMLDoc(w, "atom", f.Stylesheet, doc)
}

// atomTitle carries a plain-text title: as a text construct (RFC 4287
// §3.1.1.1), where XML escaping alone carries "&" and "<", so readers
// and the stylesheet show the characters as written; but text that reads
// as markup (an end tag, an entity or character reference: looksLikeMarkup)
// as type="html", escaped once more, so that no reader or validator takes
// it for HTML.
func atomTitle(text string) atomText {
	if looksLikeMarkup.MatchString(text) {
		return atomText{Type: "html", Body: html.EscapeString(text)}
	}
	return atomText{Body: text}
}

// looksLikeMarkup matches text a reader may take for HTML: an end tag
// ("</b>"), a character reference ("&#38;") or an entity, written with
// its ";" or one of those often written without ("&amp").
var looksLikeMarkup = regexp.MustCompile(`</[A-Za-z]|&#|&[A-Za-z][A-Za-z0-9]*;|&(?:amp|lt|gt|quot|apos|nbsp)\b`)

// atomStoryEntry renders one story as an entry.
func atomStoryEntry(f *Feed, s *article.Story) atomEntry {
	lead := s.Lead
	e := atomEntry{
		Lang:    validLang(lead.Language),
		ID:      xmlchar.Clean(StoryEntryID(s)),
		Title:   atomTitle(storyTitle(s)),
		Updated: rfc3339(storyUpdated(s)),
	}
	if !lead.Published.IsZero() {
		e.Published = rfc3339(lead.Published)
	}
	if u := articleURL(lead); u != "" {
		e.Links = append(e.Links, atomLink{Href: u, Rel: "alternate", Type: "text/html"})
	}
	for _, c := range storyCopies(s) {
		e.Links = append(e.Links, atomLink{Href: c.URL, Rel: "related", Type: "text/html", Title: c.Source})
	}
	if a := storyAuthor(s); a != "" {
		e.Author = &atomPerson{Name: a}
	}
	for _, slug := range s.TopicSlugs() {
		e.Categories = append(e.Categories, atomCategory{
			Term:   xmlchar.Clean(slug),
			Scheme: xmlchar.Clean(f.CategoryScheme()),
			Label:  xmlchar.Clean(f.Label(slug)),
		})
	}
	if sum := strings.TrimSpace(xmlchar.Clean(lead.Summary)); sum != "" {
		e.Summary = &atomText{Type: "html", Body: sum}
	}
	// An entry without an alternate link needs content to be valid, even
	// empty content.
	if body := storyBody(s); body != "" || len(e.Links) == 0 || e.Links[0].Rel != "alternate" {
		e.Content = &atomText{Type: "html", Body: body}
	}
	if name := strings.TrimSpace(xmlchar.Clean(lead.Source)); name != "" {
		// RFC 4287 §4.2.11: a copied entry's source keeps the origin
		// feed's id and updated time; warta's copy was made when it first
		// saw the lead.
		copied := lead.FirstSeen
		if copied.IsZero() {
			copied = storyUpdated(s)
		}
		src := &atomSource{ID: sourceID(lead), Title: name, Updated: rfc3339(copied)}
		if site := siteURL(lead); site != "" {
			src.Links = []atomLink{{Href: site, Rel: "alternate", Type: "text/html"}}
		}
		e.Source = src
	}
	return e
}
