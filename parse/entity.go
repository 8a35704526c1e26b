package parse

import (
	"bytes"
	"errors"
	"fmt"
)

// maxEntityValue is the longest value a declared entity may have, in
// bytes. Feeds declare entities for a character ("&#160;") or a short
// name; a longer value is how a document that is small on the wire grows
// large once expanded.
const maxEntityValue = 1024

// minEntityGrowth is how many bytes expanding entities may always add; a
// document larger than it may grow by its own size, no more.
const minEntityGrowth = 1 << 20

// ErrEntityDecl reports a document whose DOCTYPE declares an entity warta
// does not expand: an external or parameter entity, one whose value
// references another declared entity (a "billion laughs"), holds markup or
// is over maxEntityValue bytes, or entities whose expansion would more
// than double the document. Plain text entities are expanded. Test with
// errors.Is.
var ErrEntityDecl = errors.New("parse: the document declares entities warta does not expand")

// expandEntities replaces the references to the entities b's DOCTYPE
// declares by their values, outside comments, CDATA sections and
// processing instructions, as an XML parser would: gofeed expands none
// itself, so a feed declaring "&nbsp;" or its own name would otherwise
// keep "&name;" in its text. b is returned as is when it declares none.
func expandEntities(b []byte) ([]byte, error) {
	subset, end := doctype(b)
	if !bytes.Contains(subset, []byte("<!ENTITY")) {
		return b, nil
	}
	values, err := entityValues(subset)
	if err != nil {
		return nil, err
	}
	growth := max(len(b), minEntityGrowth)
	out := make([]byte, 0, len(b)+len(b)/8)
	out = append(out, b[:end]...)
	for i := end; i < len(b); {
		j := bytes.IndexAny(b[i:], "<&")
		if j < 0 {
			out = append(out, b[i:]...)
			break
		}
		out = append(out, b[i:i+j]...)
		i += j
		if b[i] == '<' {
			next, unparsed := skipUnparsed(b, i+1)
			if !unparsed {
				next = i + 1
			}
			out = append(out, b[i:next]...)
			i = next
			continue
		}
		name, ok := refName(b[i:])
		value, declared := values[string(name)]
		if !ok || !declared {
			out = append(out, '&')
			i++
			continue
		}
		out = append(out, value...)
		i += len(name) + 2
		if len(out)-i > growth {
			return nil, fmt.Errorf("%w: expanding them would add over %d bytes", ErrEntityDecl, growth)
		}
	}
	return out, nil
}

// doctype returns the DOCTYPE declaration of b's prolog and the index just
// past it; nil when the prolog has none.
func doctype(b []byte) (decl []byte, end int) {
	for i := 0; i < len(b); {
		switch rest := b[i:]; {
		case rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\r' || rest[0] == '\n':
			i++
		case bytes.HasPrefix(rest, []byte("<?")):
			i = skipPast(b, i+2, "?>")
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skipPast(b, i+4, "-->")
		case bytes.HasPrefix(rest, []byte("<!DOCTYPE")):
			end := skipDecl(b, i+2)
			return b[i:end], end
		default:
			return nil, 0
		}
	}
	return nil, 0
}

// entityValues reads the general entities subset declares, refusing those
// expandEntities may not expand. Each value is made safe to insert in an
// attribute value too: its quotes become character references.
func entityValues(subset []byte) (map[string][]byte, error) {
	values := map[string][]byte{}
	for rest := subset; ; {
		k := bytes.Index(rest, []byte("<!ENTITY"))
		if k < 0 {
			break
		}
		rest = bytes.TrimLeft(rest[k+len("<!ENTITY"):], " \t\r\n")
		if len(rest) > 0 && rest[0] == '%' {
			return nil, fmt.Errorf("%w: a parameter entity", ErrEntityDecl)
		}
		name := tagName(rest)
		rest = bytes.TrimLeft(rest[len(name):], " \t\r\n")
		if len(name) == 0 || len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
			return nil, fmt.Errorf("%w: %q is external or malformed", ErrEntityDecl, name)
		}
		n := bytes.IndexByte(rest[1:], rest[0])
		if n < 0 {
			return nil, fmt.Errorf("%w: %q has no closing quote", ErrEntityDecl, name)
		}
		value := rest[1 : 1+n]
		switch {
		case len(value) > maxEntityValue:
			return nil, fmt.Errorf("%w: %q is over %d bytes", ErrEntityDecl, name, maxEntityValue)
		case bytes.ContainsAny(value, "<%"):
			return nil, fmt.Errorf("%w: %q holds markup", ErrEntityDecl, name)
		}
		if _, dup := values[string(name)]; !dup { // XML: the first declaration binds
			value = bytes.ReplaceAll(value, []byte(`"`), []byte("&#34;"))
			values[string(name)] = bytes.ReplaceAll(value, []byte("'"), []byte("&#39;"))
		}
		rest = rest[1+n+1:]
	}
	for name, value := range values {
		for at := bytes.IndexByte(value, '&'); at >= 0; {
			if ref, ok := refName(value[at:]); ok {
				if _, declared := values[string(ref)]; declared {
					return nil, fmt.Errorf("%w: %q references %q", ErrEntityDecl, name, ref)
				}
			}
			next := bytes.IndexByte(value[at+1:], '&')
			if next < 0 {
				break
			}
			at += 1 + next
		}
	}
	return values, nil
}

// refName is the name of the entity reference at the start of b ("&name;"),
// false when b does not start with one (a character reference, a stray
// '&').
func refName(b []byte) ([]byte, bool) {
	end := bytes.IndexByte(b[:min(len(b), maxEntityName+2)], ';')
	if end < 2 || b[1] == '#' {
		return nil, false
	}
	name := b[1:end]
	if bytes.ContainsAny(name, " \t\r\n<>&\"'") {
		return nil, false
	}
	return name, true
}

// maxEntityName bounds how far refName looks for the ';' ending a name.
const maxEntityName = 64
