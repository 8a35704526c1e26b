package normalize

import (
	"errors"
	"html"
	"net/url"
	"strings"
	"unicode/utf8"
)

// Default caps on what one article keeps (see Caps). Long-form news runs to some 60 KB of text and a few times
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
	// maxURLBytes caps a link or GUID; a longer link, or a canonical URL
	// longer than this, is not used (the item has no URL of its own).
	// Every store must index the URL: PostgreSQL's btree takes index rows
	// of at most 2,704 bytes, and a URL of random tokens does not compress.
	maxURLBytes = 2 << 10
)

// maxDepth is the deepest nesting of elements kept in sanitised HTML.
// Articles nest a dozen deep at most; 200,000 nested <div> would make
// readers' parsers (and any tree walk) pay for every level.
const maxDepth = 64

// ellipsis marks where text or HTML was cut.
const ellipsis = "…"

// bounded receives bluemonday's output (it is the io.Writer bluemonday
// writes to) and keeps it balanced (every element kept is closed, in
// order; stray end tags are dropped; void elements are written
// self-closed, so the result is also well-formed XML), nested at most
// maxDepth deep (deeper tags are dropped, their text kept), with links
// fixed by fixTag, and at most maxBytes long. Once the cap is reached its
// Write fails, which stops bluemonday: the rest of a long fragment is
// never sanitised or held. A cut fragment ends in "…" at the cut, followed
// by a trailer (see originalLink).
//
// Scanning by hand is safe because bluemonday writes every tag as
// <name key="escaped value" ...> and escapes '<', '>' and '"' everywhere
// else: each '<' starts a tag and the next '>' ends it.
type bounded struct {
	out     strings.Builder
	base    *url.URL
	budget  int // bytes the kept HTML may take, closing tags included
	trailer string
	// open are the kept elements not yet closed, outermost first;
	// closing costs the bytes of their end tags.
	open     []string
	closing  int
	overflow int    // start tags dropped for depth, not yet ended
	carry    string // a tag or reference left unfinished by the last write
	skipping bool   // inside a tag longer than the cap: drop up to its '>'
	cut      bool
}

// errCapReached stops bluemonday once an article's HTML is at its cap.
var errCapReached = errors.New("normalize: html cap reached")

func newBounded(base *url.URL, maxBytes int, trailer string) *bounded {
	return &bounded{base: base, budget: maxBytes - len(ellipsis) - len(trailer), trailer: trailer}
}

// Write takes the next piece of sanitised HTML.
func (b *bounded) Write(p []byte) (int, error) { return b.WriteString(string(p)) }

// WriteString takes the next piece of sanitised HTML; bluemonday writes
// one token at a time.
func (b *bounded) WriteString(p string) (int, error) {
	n := len(p)
	if b.cut {
		return 0, errCapReached
	}
	if b.carry != "" {
		p, b.carry = b.carry+p, ""
	}
	for len(p) > 0 {
		if b.skipping {
			i := strings.IndexByte(p, '>')
			if i < 0 {
				return n, nil
			}
			b.skipping, p = false, p[i+1:]
			continue
		}
		if p[0] == '<' {
			i := strings.IndexByte(p, '>')
			if i < 0 {
				if len(p) > b.budget {
					b.skipping = true // could never fit
				} else {
					b.carry = strings.Clone(p)
				}
				return n, nil
			}
			if !b.tag(p[:i+1]) {
				b.cut = true
				return n, errCapReached
			}
			p = p[i+1:]
			continue
		}
		i := strings.IndexByte(p, '<')
		if i < 0 {
			i = len(p)
			// The text may go on in the next write: keep back a
			// character reference it has not finished.
			if amp := strings.LastIndexByte(p, '&'); amp >= 0 && len(p)-amp < 32 && strings.IndexByte(p[amp:], ';') < 0 {
				b.carry, i = strings.Clone(p[amp:]), amp
			}
		}
		if !b.text(p[:i]) {
			b.cut = true
			return n, errCapReached
		}
		p = p[i:]
		if b.carry != "" {
			return n, nil
		}
	}
	return n, nil
}

// finish closes what is open and returns the HTML.
func (b *bounded) finish() string {
	if b.cut {
		b.out.WriteString(ellipsis)
	}
	for len(b.open) > 0 {
		b.closeTop()
	}
	if b.cut {
		b.out.WriteString(b.trailer)
	}
	return b.out.String()
}

// originalLink is the paragraph that ends a cut HTML body: a link to the
// original article at url, or "" when there is none (or it would take a
// quarter of the cap).
func originalLink(url string, maxBytes int) string {
	if url == "" {
		return ""
	}
	u := html.EscapeString(url)
	link := `<p><a href="` + u + `" rel="nofollow noopener">` + u + `</a></p>`
	if len(link) > maxBytes/4 {
		return ""
	}
	return link
}

func (b *bounded) fits(n int) bool { return b.out.Len()+n+b.closing <= b.budget }

// text writes escaped text, or as much of it as fits, cut at a word.
func (b *bounded) text(raw string) bool {
	if b.fits(len(raw)) {
		b.out.WriteString(raw)
		return true
	}
	room := max(0, b.budget-b.closing-b.out.Len())
	b.out.WriteString(cutEscaped(raw[:min(len(raw), room)]))
	return false
}

// tag handles one whole tag as bluemonday wrote it.
func (b *bounded) tag(t string) bool {
	if strings.HasPrefix(t, "</") {
		b.end(strings.TrimSpace(t[2 : len(t)-1]))
		return true
	}
	nameEnd := strings.IndexAny(t[1:], " />")
	if nameEnd < 0 {
		return true
	}
	name := t[1 : 1+nameEnd]
	selfClosing := strings.HasSuffix(t, "/>")
	if t = fixTag(t, b.base); t == "" {
		return true
	}
	return b.start(name, t, selfClosing)
}

// start writes a start tag (tag, as fixTag left it) and opens its element.
func (b *bounded) start(name, tag string, selfClosing bool) bool {
	if isVoidName(name) {
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
	endLen := len(name) + 3
	if selfClosing {
		// <div/> opens a div in HTML: write it as an empty element.
		tag = strings.TrimSuffix(strings.TrimSuffix(tag, ">"), "/") + ">"
	}
	if !b.fits(len(tag) + endLen) {
		return false
	}
	b.out.WriteString(tag)
	if selfClosing {
		writeEndTag(&b.out, name)
		return true
	}
	b.open = append(b.open, name)
	b.closing += endLen
	return true
}

// end closes the innermost open element called name and any left open
// inside it; an end tag that closes nothing is dropped.
func (b *bounded) end(name string) {
	if isVoidName(name) {
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
	writeEndTag(&b.out, name)
}

func writeEndTag(out *strings.Builder, name string) {
	out.WriteString("</")
	out.WriteString(name)
	out.WriteByte('>')
}

// isVoidName reports the elements that have no content and no end tag.
func isVoidName(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr":
		return true
	}
	return false
}

// cutEscaped ends escaped HTML text that was cut short: never inside a
// character reference or a UTF-8 sequence, and at the last space when
// there is one in the second half.
func cutEscaped(s string) string {
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
// the cut with "…"; a bidi control whose closing the cut removed goes too
// (balanceBidi).
func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return balanceBidi(cutText(s, n))
}

// cutText is truncateText keeping the bidi controls, as identity keys
// read titles (identityText).
func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.TrimRight(cutAtWord(s[:max(n-len(ellipsis), 0)]), " \n\t") + ellipsis
}
