package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// breakAtoms are the elements whose start and end make a line break in the
// plain text: paragraphs, list items, headings, table rows, quotes.
func isBreak(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Br, atom.Div, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Tr, atom.Blockquote, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd, atom.Table,
		atom.Section, atom.Article, atom.Header, atom.Footer, atom.Aside, atom.Figure,
		atom.Figcaption, atom.Hr, atom.Pre, atom.Address, atom.Details, atom.Summary, atom.Caption:
		return true
	}
	return false
}

// isSpacer are inline elements that still separate words ("a<img>b",
// table cells).
func isSpacer(a atom.Atom) bool {
	return a == atom.Td || a == atom.Th || a == atom.Img
}

// isSkipped are elements whose content is never text.
func isSkipped(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Object,
		atom.Svg, atom.Math, atom.Head, atom.Title, atom.Select, atom.Button, atom.Textarea:
		return true
	}
	return false
}

// PlainText extracts the text of an HTML fragment: block elements become
// line breaks, scripts and styles are dropped, entities are decoded,
// whitespace is collapsed within each line and empty lines are removed.
// Lines stay separate so that later stages can drop boilerplate lines
// ("Baca juga: ...") one by one.
func PlainText(s string) string {
	if s == "" {
		return ""
	}
	var raw strings.Builder
	raw.Grow(len(s))
	z := html.NewTokenizer(strings.NewReader(s))
	skip := atom.Atom(0)
	depth := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return collapseLines(raw.String())
		case html.TextToken:
			if depth == 0 {
				raw.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case isSkipped(a):
				// Nested same-name elements (svg in svg) keep a depth;
				// script and style content is raw text to the tokenizer.
				if tt == html.StartTagToken && (depth == 0 || a == skip) {
					skip = a
					depth++
				} else if tt == html.EndTagToken && a == skip && depth > 0 {
					depth--
				}
			case depth > 0:
			case isBreak(a):
				raw.WriteByte('\n')
			case isSpacer(a):
				raw.WriteByte(' ')
			}
		}
	}
}

// sanitizedPlainText is PlainText of HTML that sanitize wrote: read by
// hand (sanitizedText) when it has the shape sanitize gives it, else by
// PlainText. Every article's text is extracted from its sanitised body, so
// this saves a second run of the HTML tokenizer (and its 4 KB buffer) per
// article.
func sanitizedPlainText(s string) string {
	if t, ok := sanitizedText(s); ok {
		return t
	}
	return PlainText(s)
}

// sanitizedText extracts the text of HTML as bluemonday and bounded write
// it, as PlainText does, without the tokenizer: every '<' starts a
// lower-case tag whose attributes are key="escaped value" pairs, and text
// holds no character references but the five EscapeString writes. ok is
// false, leaving the work to PlainText, on anything else, and on the
// elements whose content PlainText skips or the tokenizer reads as raw
// text (which the sanitiser drops).
func sanitizedText(s string) (text string, ok bool) {
	var c collapser
	c.out.Grow(len(s))
	for len(s) > 0 {
		i := strings.IndexAny(s, "<&\r\x00")
		if i < 0 {
			c.text(s)
			break
		}
		c.text(s[:i])
		s = s[i:]
		switch s[0] {
		case '<':
			name, n := scanSanitizedTag(s)
			if n == 0 {
				return "", false
			}
			a := atom.Lookup([]byte(name))
			switch {
			case isSkipped(a) || isRawText(name):
				return "", false
			case isBreak(a):
				c.separate('\n')
			case isSpacer(a):
				c.separate(' ')
			}
			s = s[n:]
		case '&':
			r, n := escapedRef(s)
			if n == 0 {
				return "", false
			}
			c.word(s[:0], r)
			s = s[n:]
		default: // the tokenizer rewrites CR and NUL: PlainText's to do
			return "", false
		}
	}
	return c.out.String(), true
}

// collapser writes text as collapseLines leaves it, a piece at a time:
// the words of a line joined by one space, the lines that hold words by
// one newline.
type collapser struct {
	out strings.Builder
	sep byte // owed before the next word: 0, ' ', or '\n' (which wins)
}

// separate owes sep, ' ' or '\n', before the next word.
func (c *collapser) separate(sep byte) {
	if sep == '\n' || c.sep == 0 {
		c.sep = sep
	}
}

// text writes s: newlines separate lines, other white space (as
// strings.Fields knows it) words.
func (c *collapser) text(s string) {
	for i := 0; i < len(s); {
		j := i
		for j < len(s) {
			if b := s[j]; b < utf8.RuneSelf {
				if asciiSpace(b) {
					break
				}
				j++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		if j > i {
			c.word(s[i:j], 0)
			i = j
			continue
		}
		if s[i] == '\n' {
			c.separate('\n')
			i++
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		c.separate(' ')
		i += n
	}
}

// word writes w, then the byte b unless 0, after the separator owed.
func (c *collapser) word(w string, b byte) {
	if c.sep != 0 && c.out.Len() > 0 {
		c.out.WriteByte(c.sep)
	}
	c.sep = 0
	c.out.WriteString(w)
	if b != 0 {
		c.out.WriteByte(b)
	}
}

func asciiSpace(b byte) bool {
	switch b {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return false
}

// scanSanitizedTag reads the tag that starts s in the form sanitize writes
// (<name key="value" ...>, <name .../>, </name>) and returns its name and
// length; n is 0 when s does not start with such a tag.
func scanSanitizedTag(s string) (name string, n int) {
	i := 1
	end := len(s) > 1 && s[1] == '/'
	if end {
		i++
	}
	start := i
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || i > start && s[i] >= '0' && s[i] <= '9') {
		i++
	}
	if i == start || i == len(s) {
		return "", 0
	}
	name = s[start:i]
	if end {
		if s[i] != '>' {
			return "", 0
		}
		return name, i + 1
	}
	for i < len(s) {
		switch {
		case s[i] == '>':
			return name, i + 1
		case s[i] == '/' && i+1 < len(s) && s[i+1] == '>':
			return name, i + 2
		case s[i] != ' ':
			return "", 0
		}
		i++
		k := i
		for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] == '-') {
			i++
		}
		if i == k || !strings.HasPrefix(s[i:], `="`) {
			return "", 0
		}
		q := strings.IndexByte(s[i+2:], '"')
		if q < 0 {
			return "", 0
		}
		i += 2 + q + 1
	}
	return "", 0
}

// escapedRef decodes the character reference that starts s when it is one
// of the five html.EscapeString writes; n is 0 otherwise.
func escapedRef(s string) (r byte, n int) {
	for _, ref := range [...]struct {
		ref string
		r   byte
	}{{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&#39;", '\''}, {"&#34;", '"'}} {
		if strings.HasPrefix(s, ref.ref) {
			return ref.r, len(ref.ref)
		}
	}
	return 0, 0
}

// isRawText reports the elements whose content the HTML tokenizer reads as
// raw text or RCDATA, up to their end tag, that isSkipped leaves out.
func isRawText(name string) bool {
	switch name {
	case "xmp", "noembed", "noframes", "plaintext":
		return true
	}
	return false
}

// collapseLines collapses runs of white space inside each line (including
// non-breaking spaces) and drops empty lines.
func collapseLines(s string) string {
	var out strings.Builder
	out.Grow(len(s))
	for line := range strings.SplitSeq(s, "\n") {
		first := true
		for w := range strings.FieldsSeq(line) {
			if first {
				if out.Len() > 0 {
					out.WriteByte('\n')
				}
				first = false
			} else {
				out.WriteByte(' ')
			}
			out.WriteString(w)
		}
	}
	return out.String()
}

// InlineText is PlainText on one line: for titles and names, where any
// tags are dropped, every break becomes a space, control characters
// (IsControl) and unpaired bidi controls (balanceBidi) go.
func InlineText(s string) string {
	return balanceBidi(identityText(s))
}

// identityText is InlineText keeping unpaired bidi controls: the title
// link-less items' IDs are over, as builds before the stripping cleaned it,
// so that stored items keep their IDs.
func identityText(s string) string {
	if s == "" {
		return ""
	}
	if strings.ContainsAny(s, "<&") {
		s = PlainText(s)
	}
	words := strings.Fields(s)
	if indexControl(s) >= 0 {
		// Word by word, so that a control character between two spaces
		// leaves one.
		kept := words[:0]
		for _, w := range words {
			if w = StripControl(w); w != "" {
				kept = append(kept, w)
			}
		}
		words = kept
	}
	return strings.Join(words, " ")
}
