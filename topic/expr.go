package topic

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// node is a compiled boolean expression over terms: a leaf holds the index
// of the term it tests; inner nodes are AND, OR or NOT.
type node struct {
	op    byte // 't' term, '&' and, '|' or, '!' not
	leaf  string
	kids  []*node
	terms [2]int // compiled term per language (langEN, langID), set by New
}

// eval reports whether the expression holds given which terms matched.
func (n *node) eval(hit func(term int) bool, lang int) bool {
	switch n.op {
	case 't':
		return hit(n.terms[lang])
	case '!':
		return !n.kids[0].eval(hit, lang)
	case '&':
		for _, k := range n.kids {
			if !k.eval(hit, lang) {
				return false
			}
		}
		return true
	default:
		for _, k := range n.kids {
			if k.eval(hit, lang) {
				return true
			}
		}
		return false
	}
}

// leaves calls f for every term leaf.
func (n *node) leaves(f func(*node)) {
	if n.op == 't' {
		f(n)
		return
	}
	for _, k := range n.kids {
		k.leaves(f)
	}
}

// String renders the expression in a canonical form, for the fingerprint.
func (n *node) String() string {
	switch n.op {
	case 't':
		return fmt.Sprintf("%q", n.leaf)
	case '!':
		return "NOT " + n.kids[0].String()
	}
	op := " AND "
	if n.op == '|' {
		op = " OR "
	}
	parts := make([]string, len(n.kids))
	for i, k := range n.kids {
		parts[i] = k.String()
	}
	return "(" + strings.Join(parts, op) + ")"
}

// parseExpr parses `(sanction OR "peace talks") AND NOT football`.
// Operators AND, OR and NOT are case-insensitive; NOT binds tightest, then
// AND, then OR; a quoted string is one phrase. An error is an *exprError
// that knows where in s the problem is.
func parseExpr(s string) (*node, error) {
	toks, err := lexExpr(s)
	if err != nil {
		return nil, err
	}
	p := &exprParser{src: s, toks: toks}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) {
		return nil, p.errAt(p.toks[p.pos].at, "unexpected %q", p.toks[p.pos].text)
	}
	return n, nil
}

// exprError is a problem in an expression at a 1-based column (counted in
// characters), or 0 when it has no place, such as an empty expression.
type exprError struct {
	column int
	msg    string
}

func (e *exprError) Error() string { return e.msg }

// newExprError places msg at byte offset at of s.
func newExprError(s string, at int, format string, args ...any) *exprError {
	return &exprError{column: utf8.RuneCountInString(s[:at]) + 1, msg: fmt.Sprintf(format, args...)}
}

// termToken is the token of term (a word or a quoted phrase) at byte
// offset at of s. A term marked "~" is refused: "~" marks a score term
// that counts only beside the topic's other terms, and an expression's
// terms are tests, not scores.
func termToken(s string, at int, term string) (exprToken, error) {
	if _, _, supporting := termMarks(term); supporting {
		return exprToken{}, newExprError(s, at, "term %q: \"~\" is for the topic's terms, not its expression", term)
	}
	return exprToken{kind: 't', text: term, at: at}, nil
}

type exprToken struct {
	kind byte // '(' ')' '&' '|' '!' or 't' for a term
	text string
	at   int // byte offset in the expression
}

func lexExpr(s string) ([]exprToken, error) {
	var toks []exprToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(' || c == ')':
			toks = append(toks, exprToken{kind: c, text: string(c), at: i})
			i++
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return nil, newExprError(s, i, "unterminated quote")
			}
			phrase := strings.TrimSpace(s[i+1 : i+1+j])
			if phrase == "" {
				return nil, newExprError(s, i, "empty quoted phrase")
			}
			if !hasWords(phrase) {
				return nil, newExprError(s, i, "phrase %q has no words", phrase)
			}
			tok, err := termToken(s, i, phrase)
			if err != nil {
				return nil, err
			}
			toks = append(toks, tok)
			i += j + 2
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t\r\n()\"", rune(s[j])) {
				j++
			}
			w := s[i:j]
			switch strings.ToUpper(w) {
			case "AND":
				toks = append(toks, exprToken{kind: '&', text: w, at: i})
			case "OR":
				toks = append(toks, exprToken{kind: '|', text: w, at: i})
			case "NOT":
				toks = append(toks, exprToken{kind: '!', text: w, at: i})
			default:
				if !hasWords(w) {
					return nil, newExprError(s, i, "bad term %q", w)
				}
				tok, err := termToken(s, i, w)
				if err != nil {
					return nil, err
				}
				toks = append(toks, tok)
			}
			i = j
		}
	}
	if len(toks) == 0 {
		return nil, &exprError{msg: "empty expression"}
	}
	return toks, nil
}

type exprParser struct {
	src  string
	toks []exprToken
	pos  int
}

func (p *exprParser) errAt(at int, format string, args ...any) error {
	return newExprError(p.src, at, format, args...)
}

// here is the byte offset of the next token, or the end of the expression.
func (p *exprParser) here() int {
	if p.pos < len(p.toks) {
		return p.toks[p.pos].at
	}
	return len(strings.TrimRight(p.src, " \t\r\n"))
}

func (p *exprParser) peek() byte {
	if p.pos < len(p.toks) {
		return p.toks[p.pos].kind
	}
	return 0
}

func (p *exprParser) or() (*node, error) {
	return p.chain('|', p.and)
}

func (p *exprParser) and() (*node, error) {
	return p.chain('&', p.not)
}

func (p *exprParser) chain(op byte, next func() (*node, error)) (*node, error) {
	n, err := next()
	if err != nil {
		return nil, err
	}
	kids := []*node{n}
	for p.peek() == op {
		p.pos++
		k, err := next()
		if err != nil {
			return nil, err
		}
		kids = append(kids, k)
	}
	if len(kids) == 1 {
		return n, nil
	}
	return &node{op: op, kids: kids}, nil
}

func (p *exprParser) not() (*node, error) {
	if p.peek() == '!' {
		p.pos++
		k, err := p.not()
		if err != nil {
			return nil, err
		}
		return &node{op: '!', kids: []*node{k}}, nil
	}
	return p.primary()
}

func (p *exprParser) primary() (*node, error) {
	if p.pos >= len(p.toks) {
		return nil, p.errAt(p.here(), "unexpected end of expression")
	}
	t := p.toks[p.pos]
	switch t.kind {
	case 't':
		p.pos++
		return &node{op: 't', leaf: t.text}, nil
	case '(':
		p.pos++
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.peek() != ')' {
			return nil, p.errAt(p.here(), "missing ) to close the ( at column %d", utf8.RuneCountInString(p.src[:t.at])+1)
		}
		p.pos++
		return n, nil
	}
	return nil, p.errAt(t.at, "unexpected %q", t.text)
}
