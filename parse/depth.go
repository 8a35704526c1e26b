package parse

import (
	"bytes"
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

// ErrTooDeep reports a document whose elements nest deeper than MaxDepth.
// Test with errors.Is.
var ErrTooDeep = errors.New("parse: nested too deep")

// checkDepth reports ErrTooDeep when b's elements nest deeper than
// MaxDepth. It follows what the lenient decoder gofeed uses does: an end
// tag closes the open elements down to the one it names (unescaped HTML's
// "<br>" is closed by its parent's end tag), and one naming no open
// element closes nothing. Comments, CDATA sections, processing
// instructions, declarations and quoted attribute values are skipped. It
// is one pass over b that allocates only the stack of open names.
func checkDepth(b []byte) error {
	var open [][]byte
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return nil
		}
		i += j + 1
		rest := b[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("!--")):
			i = skipPast(b, i+3, "-->")
		case bytes.HasPrefix(rest, []byte("![CDATA[")):
			i = skipPast(b, i+8, "]]>")
		case bytes.HasPrefix(rest, []byte("?")):
			i = skipPast(b, i+1, "?>")
		case bytes.HasPrefix(rest, []byte("!")):
			i = skipDecl(b, i+1)
		case bytes.HasPrefix(rest, []byte("/")):
			name := tagName(b[i+1:])
			for k := len(open) - 1; k >= 0; k-- {
				if bytes.Equal(open[k], name) {
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
			if len(open) == MaxDepth {
				return fmt.Errorf("%w: over %d levels", ErrTooDeep, MaxDepth)
			}
			open = append(open, name)
			i = end
		}
		if i >= len(b) {
			return nil
		}
	}
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

// skipPast returns the index just past the first end at or after b[i], or
// len(b).
func skipPast(b []byte, i int, end string) int {
	k := bytes.Index(b[i:], []byte(end))
	if k < 0 {
		return len(b)
	}
	return i + k + len(end)
}

// skipDecl returns the index just past a declaration such as DOCTYPE,
// whose internal subset in brackets may hold '>'.
func skipDecl(b []byte, i int) int {
	brackets := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '[':
			brackets++
		case ']':
			brackets--
		case '>':
			if brackets <= 0 {
				return i + 1
			}
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
	if err != nil && gofeed.DetectFeedType(bytes.NewReader(b)) == gofeed.FeedTypeUnknown &&
		strings.HasPrefix(http.DetectContentType(b), "text/html") {
		return ErrHTMLPage
	}
	return err
}
