package parse

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/mmcdole/gofeed"
)

// MaxDepth is how deeply elements may nest in a feed. gofeed reads
// extension elements recursively, so a document nested a million deep
// overflows the goroutine stack: a fatal error no recover catches, which
// takes the daemon down on every fetch of that feed. Short of that, deep
// nesting costs gigabytes. Real feeds nest a few levels, and XHTML content
// a few dozen.
const MaxDepth = 256

// maxOpen is how many elements may be open at once when unescaped HTML's
// void elements ("<br>") and elements whose end tag HTML lets authors omit
// ("<p>") are counted too. The decoder gofeed uses keeps them open until
// an end tag closes them, so they are not nesting in a description, but a
// flood of them where gofeed reads elements recursively would be.
// gofeed's recursion is safe this deep.
const maxOpen = 1 << 16

// ErrTooDeep reports a document whose elements nest deeper than MaxDepth.
// Test with errors.Is.
var ErrTooDeep = errors.New("parse: nested too deep")

// checkDepth reports ErrTooDeep when b's elements nest deeper than
// MaxDepth, not counting unescaped HTML's void and optional-end elements,
// or when over maxOpen elements are open counting them. It follows what
// the lenient decoder gofeed uses does: an end
// tag closes the open elements down to the one it names (unescaped HTML's
// "<br>" is closed by its parent's end tag), and one naming no open
// element closes nothing. Comments, CDATA sections, processing
// instructions, declarations and quoted attribute values are skipped. It
// is one pass over b that allocates only the stack of open names.
func checkDepth(b []byte) error {
	// open is the stack of open elements; depth counts those that are
	// not HTML's void or optional-end elements.
	var open []openElement
	depth := 0
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return nil
		}
		i += j + 1
		rest := b[i:]
		next, unparsed := skipUnparsed(b, i)
		switch {
		case unparsed:
			i = next
		case bytes.HasPrefix(rest, []byte("!")):
			i = skipDecl(b, i+1)
		case bytes.HasPrefix(rest, []byte("/")):
			name := tagName(b[i+1:])
			for k := len(open) - 1; k >= 0; k-- {
				if bytes.Equal(open[k].name, name) {
					for _, e := range open[k:] {
						if !e.html {
							depth--
						}
					}
					open = open[:k]
					break
				}
			}
			i = skipTag(b, i+1+len(name))
		default:
			name := tagName(rest)
			if len(name) == 0 {
				continue // a stray "<" in text
			}
			end := skipTag(b, i+len(name))
			if end >= 2 && b[end-2] == '/' {
				i = end
				continue
			}
			html := looseHTML(name)
			switch {
			case !html && depth == MaxDepth:
				return fmt.Errorf("%w: over %d levels", ErrTooDeep, MaxDepth)
			case len(open) == maxOpen:
				return fmt.Errorf("%w: over %d open elements", ErrTooDeep, maxOpen)
			}
			if !html {
				depth++
			}
			open = append(open, openElement{name, html})
			i = end
		}
		if i >= len(b) {
			return nil
		}
	}
}

// openElement is an element checkDepth has seen open: its name and
// whether it is one of unescaped HTML's void or optional-end elements.
type openElement struct {
	name []byte
	html bool
}

// looseHTML reports whether name is an HTML element an author may leave
// unclosed: a void element (encoding/xml's HTMLAutoClose: "br", "img") or
// one whose end tag HTML makes optional ("p", "li").
func looseHTML(name []byte) bool {
	var buf [len("basefont")]byte
	if len(name) > len(buf) {
		return false
	}
	lower := buf[:len(name)]
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	for _, void := range xml.HTMLAutoClose {
		if string(lower) == void {
			return true
		}
	}
	switch string(lower) {
	case "p", "li", "dt", "dd", "option", "tr", "td", "th":
		return true
	}
	return false
}

// tagName is the element name at the start of b.
func tagName(b []byte) []byte {
	n := 0
	for n < len(b) {
		switch b[n] {
		case ' ', '\t', '\r', '\n', '/', '>', '<':
			return b[:n]
		}
		n++
	}
	return b[:n]
}

// skipTag returns the index just past the '>' ending the tag whose
// attributes start at b[i], or len(b).
func skipTag(b []byte, i int) int {
	for i < len(b) {
		switch c := b[i]; c {
		case '>':
			return i + 1
		case '"', '\'':
			k := bytes.IndexByte(b[i+1:], c)
			if k < 0 {
				return len(b)
			}
			i += k + 2
		default:
			i++
		}
	}
	return len(b)
}

// skipUnparsed returns the index just past the comment, CDATA section or
// processing instruction whose '<' is at b[i-1], and false when none
// starts there: markup in them is text to the depth check and the
// entity expansion alike.
func skipUnparsed(b []byte, i int) (int, bool) {
	switch rest := b[i:]; {
	case bytes.HasPrefix(rest, []byte("!--")):
		return skipPast(b, i+3, "-->"), true
	case bytes.HasPrefix(rest, []byte("![CDATA[")):
		return skipPast(b, i+8, "]]>"), true
	case bytes.HasPrefix(rest, []byte("?")):
		return skipPast(b, i+1, "?>"), true
	}
	return 0, false
}

// skipPast returns the index just past the first end at or after b[i], or
// len(b).
func skipPast(b []byte, i int, end string) int {
	k := bytes.Index(b[i:], []byte(end))
	if k < 0 {
		return len(b)
	}
	return i + k + len(end)
}

// skipDecl returns the index just past a declaration such as DOCTYPE
// whose text after "<!" starts at b[i]. It ends where the decoder gofeed
// uses ends a directive: at the first '>' outside quoted strings, comments
// and nested "<...>" declarations. Brackets do not count, so a '[' quoted
// in an entity value or inside a comment cannot hide the rest of the
// document from the depth check.
func skipDecl(b []byte, i int) int {
	nested := 0
	for i < len(b) {
		switch c := b[i]; {
		case c == '"' || c == '\'':
			k := bytes.IndexByte(b[i+1:], c)
			if k < 0 {
				return len(b)
			}
			i += k + 2
		case bytes.HasPrefix(b[i:], []byte("<!--")):
			i = skipPast(b, i+4, "-->")
		case c == '<':
			nested++
			i++
		case c == '>':
			if nested == 0 {
				return i + 1
			}
			nested--
			i++
		default:
			i++
		}
	}
	return len(b)
}

// checkXMLDepth is checkDepth for an XML document: a JSON Feed (HTML in
// its strings is not markup) passes, and an HTML page too deep is reported
// as the page it is (ErrHTMLPage), not as a feed nested too deep.
func checkXMLDepth(b []byte) error {
	if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		return nil
	}
	err := checkDepth(b)
	if err != nil && gofeed.DetectFeedType(bytes.NewReader(b)) == gofeed.FeedTypeUnknown && isHTMLPage(b) {
		return ErrHTMLPage
	}
	return err
}

// isHTMLPage reports whether b, which is no feed gofeed recognises, is an
// HTML page (a site's front page or an error page where a feed was
// expected).
func isHTMLPage(b []byte) bool {
	return strings.HasPrefix(http.DetectContentType(b), "text/html")
}
