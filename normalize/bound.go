package normalize

import (
	"errors"
	"html"
	"io"
	"net/url"
	"strings"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Default caps on what one article keeps (Options.MaxHTMLBytes and
// MaxTextBytes). Long-form news runs to some 60 KB of text and a few times
// that in HTML; anything longer is cut, with a link to the original.
const (
	DefaultMaxHTMLBytes = 256 << 10
	DefaultMaxTextBytes = 64 << 10
)

// Caps of the short fields, which no real feed comes near.
const (
	maxTitleBytes    = 2 << 10
	maxAuthorBytes   = 512
	maxCategoryBytes = 256
	maxCategories    = 64
	// maxURLBytes caps a link or GUID; a longer link is not used.
	maxURLBytes = 4 << 10
)

// maxDepth is the deepest nesting of elements kept in sanitised HTML.
// Articles nest a dozen deep at most; 200,000 nested <div> would make
// readers' parsers (and any tree walk) pay for every level.
const maxDepth = 64

// ellipsis marks where text or HTML was cut.
const ellipsis = "…"

// writeBounded reads sanitised HTML from r and writes it balanced (every
// element kept is closed, in order; stray end tags are dropped; void
// elements are written self-closed, so the result is also well-formed
// XML), nested at most maxDepth deep (deeper tags are dropped, their text
// kept), with links fixed by fixTag, and at most maxBytes long. It reads
// no further than the cap: a cut HTML ends in "…" at the cut and, when
// original is set, a link to it.
func writeBounded(r io.Reader, base *url.URL, maxBytes int, original string) string {
	var link string
	if original != "" {
		o := html.EscapeString(original)
		link = `<p><a href="` + o + `" rel="nofollow noopener">` + o + `</a></p>`
		if len(link) > maxBytes/4 {
			link = ""
		}
	}
	b := bounded{budget: maxBytes - len(ellipsis) - len(link)}
	cut := b.copy(r, base)
	if cut {
		b.out.WriteString(ellipsis)
	}
	for len(b.open) > 0 {
		b.closeTop()
	}
	if cut {
		b.out.WriteString(link)
	}
	return b.out.String()
}

// bounded is the state of writeBounded.
type bounded struct {
	out    strings.Builder
	budget int
	// open are the kept elements not yet closed, outermost first;
	// closing costs the bytes of their end tags.
	open     []string
	closing  int
	overflow int // start tags dropped for depth, not yet ended
}

// copy writes r's tokens until the budget runs out; it reports whether it
// stopped before the end.
func (b *bounded) copy(r io.Reader, base *url.URL) (cut bool) {
	z := xhtml.NewTokenizer(r)
	// No token is buffered past the cap: a longer text is cut anyway, and
	// a longer tag would not fit.
	z.SetMaxBuf(b.budget + 1)
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			if errors.Is(z.Err(), xhtml.ErrBufferExceeded) {
				if raw := z.Raw(); len(raw) > 0 && raw[0] != '<' {
					b.text(raw)
				}
			}
			return !errors.Is(z.Err(), io.EOF)
		case xhtml.TextToken:
			if !b.text(z.Raw()) {
				return true
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := fixTag(string(z.Raw()), base)
			if tag != "" && !b.start(string(name), tag, tt == xhtml.SelfClosingTagToken) {
				return true
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			b.end(string(name))
		}
	}
}

func (b *bounded) fits(n int) bool { return b.out.Len()+n+b.closing <= b.budget }

// text writes escaped text, or as much of it as fits, cut at a word.
func (b *bounded) text(raw []byte) bool {
	if b.fits(len(raw)) {
		b.out.Write(raw)
		return true
	}
	b.out.WriteString(cutEscaped(string(raw), b.budget-b.closing-b.out.Len()))
	return false
}

// start writes a start tag (tag, as fixTag left it) and opens its element.
func (b *bounded) start(name, tag string, selfClosing bool) bool {
	if isVoid(atom.Lookup([]byte(name))) {
		if !strings.HasSuffix(tag, "/>") {
			tag = strings.TrimSuffix(tag, ">") + "/>"
		}
		if !b.fits(len(tag)) {
			return false
		}
		b.out.WriteString(tag)
		return true
	}
	if len(b.open) >= maxDepth {
		if !selfClosing {
			b.overflow++
		}
		return true
	}
	endTag := "</" + name + ">"
	if selfClosing {
		// <div/> opens a div in HTML: write it as an empty element.
		tag = strings.TrimSuffix(strings.TrimSuffix(tag, ">"), "/") + ">"
	}
	if !b.fits(len(tag) + len(endTag)) {
		return false
	}
	b.out.WriteString(tag)
	if selfClosing {
		b.out.WriteString(endTag)
		return true
	}
	b.open = append(b.open, name)
	b.closing += len(endTag)
	return true
}

// end closes the innermost open element called name and any left open
// inside it; an end tag that closes nothing is dropped.
func (b *bounded) end(name string) {
	if isVoid(atom.Lookup([]byte(name))) {
		return
	}
	if b.overflow > 0 {
		b.overflow--
		return
	}
	for i := len(b.open) - 1; i >= 0; i-- {
		if b.open[i] == name {
			for len(b.open) > i {
				b.closeTop()
			}
			return
		}
	}
}

func (b *bounded) closeTop() {
	name := b.open[len(b.open)-1]
	b.open = b.open[:len(b.open)-1]
	b.closing -= len(name) + 3
	b.out.WriteString("</" + name + ">")
}

// isVoid reports the elements that have no content and no end tag.
func isVoid(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

// cutEscaped cuts escaped HTML text to at most n bytes: never inside a
// character reference or a UTF-8 sequence, and at the last space when
// there is one in the second half.
func cutEscaped(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if len(s) <= n {
		return s
	}
	s = s[:n]
	if amp := strings.LastIndexByte(s, '&'); amp >= 0 && !strings.Contains(s[amp:], ";") {
		s = s[:amp]
	}
	return cutAtWord(s)
}

// cutAtWord cuts s after its last whole word when the last space is in the
// second half, else after its last whole character.
func cutAtWord(s string) string {
	s = cutAtRune(s)
	if sp := strings.LastIndexAny(s, " \n\t"); sp >= len(s)/2 {
		s = s[:sp]
	}
	return s
}

// cutAtRune drops a partial UTF-8 sequence left at the end of s by a cut.
func cutAtRune(s string) string {
	for i := 0; i < utf8.UTFMax && len(s) > 0; i++ {
		r, size := utf8.DecodeLastRuneInString(s)
		if r != utf8.RuneError || size != 1 {
			break
		}
		s = s[:len(s)-1]
	}
	return s
}

// truncateText cuts plain text to at most n bytes, at a word, and marks
// the cut with "…".
func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.TrimRight(cutAtWord(s[:max(n-len(ellipsis), 0)]), " \n\t") + ellipsis
}
