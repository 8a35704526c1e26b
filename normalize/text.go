package normalize

import (
	"strings"

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
// tags are dropped and every break becomes a space.
func InlineText(s string) string {
	if s == "" {
		return ""
	}
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(s), " ")
	}
	return strings.Join(strings.Fields(PlainText(s)), " ")
}
