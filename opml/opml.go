// Package opml reads and writes OPML 2.0 subscription lists
// (http://opml.org/spec2.opml), the format feed readers export their
// subscriptions in and import them from: warta publishes its own feeds as
// one, and reads another reader's to add its feeds as sources.
package opml

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"golang.org/x/net/html/charset"
)

// Document is an OPML 2.0 subscription list, as warta writes it.
type Document struct {
	XMLName xml.Name  `xml:"opml"`
	Version string    `xml:"version,attr"`
	Title   string    `xml:"head>title"`
	Docs    string    `xml:"head>docs"`
	Body    []Outline `xml:"body>outline"`
}

// Outline is one feed subscription of a Document.
type Outline struct {
	Type        string `xml:"type,attr"`
	Text        string `xml:"text,attr"`
	Title       string `xml:"title,attr"`
	Description string `xml:"description,attr,omitempty"`
	XMLURL      string `xml:"xmlUrl,attr"`
	HTMLURL     string `xml:"htmlUrl,attr"`
}

// FeedType is the outline type OPML readers expect of any feed, whatever
// its format (RSS, Atom or JSON Feed).
const FeedType = "rss"

// MaxBytes bounds a subscription list read by Read: readers' exports of
// thousands of feeds are a few hundred kilobytes.
const MaxBytes = 16 << 20

// Feed is one subscription read from a list.
type Feed struct {
	// Name is the outline's title, else its text, spaces collapsed; ""
	// when it has neither.
	Name string
	// URL is the feed's address (xmlUrl), trimmed.
	URL string
	// Folder names the outlines it is nested in, outermost first (at most
	// maxFolderDepth), joined by " / "; "" at the top level.
	Folder string
	// Type is the outline's type as written: "rss" for any feed by the
	// spec, or a reader's own (IsFeed).
	Type string
	// Line is the outline's line in the document, for messages.
	Line int
}

// Read returns the feeds of a subscription list, in document order: every
// outline with an xmlUrl, whatever its type, the way readers export them
// (nested in folders or not, the attributes' names in any case). Outlines
// without one are folders, or links and includes, which subscribe to
// nothing. A document that is not OPML, is malformed, or is larger than
// MaxBytes is an error naming its line.
func Read(r io.Reader) ([]Feed, error) {
	lr := &limitedReader{r: r, n: MaxBytes}
	d := xml.NewDecoder(lr)
	d.CharsetReader = charset.NewReaderLabel
	// Readers' exports carry the mistakes feeds do: a bare & in a URL's
	// query, an HTML entity in a title. They are read as meant.
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var (
		feeds   []Feed
		folders []string // the enclosing outlines' names
		root    = true
		inBody  bool
	)
	for {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if root {
				return nil, errors.New("opml: empty document")
			}
			return feeds, nil
		}
		if err != nil {
			if lr.over {
				return nil, fmt.Errorf("opml: larger than %d MiB", MaxBytes>>20)
			}
			if _, ok := errors.AsType[*xml.SyntaxError](err); ok {
				return nil, fmt.Errorf("opml: %w", err) // it names its line
			}
			return nil, fmt.Errorf("opml: line %d: %w", line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root {
				if !strings.EqualFold(t.Name.Local, "opml") {
					return nil, fmt.Errorf("opml: line %d: the document is <%s>, not <opml>", line, t.Name.Local)
				}
				root = false
				continue
			}
			if strings.EqualFold(t.Name.Local, "body") {
				inBody = true
				continue
			}
			if !inBody || !strings.EqualFold(t.Name.Local, "outline") {
				continue
			}
			// The line of the tag's end, where the decoder stands now,
			// is the one a reader looks for: its start for one-line tags.
			at, _ := d.InputPos()
			o := outlineAttrs(t.Attr)
			name := cleanName(o.Title)
			if name == "" {
				name = cleanName(o.Text)
			}
			if url := strings.TrimSpace(o.XMLURL); url != "" {
				folder := strings.Join(folders[:min(len(folders), maxFolderDepth)], " / ")
				feeds = append(feeds, Feed{Name: name, URL: url, Folder: folder, Type: strings.TrimSpace(o.Type), Line: at})
			}
			folders = append(folders, name)
		case xml.EndElement:
			switch {
			case strings.EqualFold(t.Name.Local, "outline") && inBody && len(folders) > 0:
				folders = folders[:len(folders)-1]
			case strings.EqualFold(t.Name.Local, "body"):
				inBody = false
			}
		}
	}
}

// IsFeed reports whether the outline's type is a feed's: the spec's
// "rss" for every format, none, or a format's name. Readers add types of
// their own for what is no feed, such as FreshRSS's "HTML+XPath" for a
// web page it scrapes.
func (f Feed) IsFeed() bool {
	switch strings.ToLower(f.Type) {
	case "", FeedType, "atom", "feed", "json", "jsonfeed":
		return true
	}
	return false
}

// outlineAttrs reads the outline attributes Read uses, by name in any
// case: readers write xmlUrl, xmlURL or xmlurl.
func outlineAttrs(attrs []xml.Attr) Outline {
	var o Outline
	for _, a := range attrs {
		switch strings.ToLower(a.Name.Local) {
		case "type":
			o.Type = a.Value
		case "text":
			o.Text = a.Value
		case "title":
			o.Title = a.Value
		case "xmlurl":
			o.XMLURL = a.Value
		}
	}
	return o
}

// maxNameRunes bounds a feed's name: a title, not a description.
const maxNameRunes = 120

// maxFolderDepth bounds the outlines a feed's Folder names, the outermost
// first: readers nest folders a level or two deep, and a hostile list
// nested thousands deep would have every feed carry every level above it.
const maxFolderDepth = 8

// cleanName collapses a name's spaces and drops what is not printable.
func cleanName(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		if !unicode.IsPrint(r) {
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > maxNameRunes {
		s = strings.TrimSpace(string(r[:maxNameRunes]))
	}
	return s
}

// limitedReader reads at most n bytes and says whether the input had more.
type limitedReader struct {
	r    io.Reader
	n    int64
	over bool
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		// One byte more tells a document of exactly n bytes from a longer one.
		var b [1]byte
		if k, _ := l.r.Read(b[:]); k > 0 {
			l.over = true
			return 0, errors.New("too large")
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	k, err := l.r.Read(p)
	l.n -= int64(k)
	return k, err
}
