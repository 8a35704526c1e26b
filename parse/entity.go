package parse

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"
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
// does not expand: one whose value references another declared entity (a
// "billion laughs"), holds markup or is over maxEntityValue bytes, or
// entities whose expansion would add more than the document's own size
// (at least minEntityGrowth). Plain text
// entities are expanded; external and parameter entities are skipped.
// Test with errors.Is.
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

// entityValues reads the plain general entities the DOCTYPE decl
// declares, refusing those expandEntities may not expand. Parameter and
// external entities are skipped: warta reads no other file, so their
// references are left to the decoder's HTML entities ("&eacute;" from the
// XHTML Latin-1 include). The five predefined entities are never rebound
// (XML §4.6 only lets a document redeclare them with their own meaning).
// Comments, processing instructions and other declarations are stepped
// over, quoted strings in them included.
func entityValues(decl []byte) (map[string][]byte, error) {
	values := map[string][]byte{}
	for i := len("<!DOCTYPE"); i < len(decl); {
		switch rest := decl[i:]; {
		case rest[0] == '"' || rest[0] == '\'':
			k := bytes.IndexByte(rest[1:], rest[0])
			if k < 0 {
				return values, nil
			}
			i += k + 2
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skipPast(decl, i+4, "-->")
		case bytes.HasPrefix(rest, []byte("<?")):
			i = skipPast(decl, i+2, "?>")
		case bytes.HasPrefix(rest, []byte("<!ENTITY")):
			next, err := entityDecl(decl, i+len("<!ENTITY"), values)
			if err != nil {
				return nil, err
			}
			i = next
		case rest[0] == '<':
			i = skipTag(decl, i+1)
		default:
			i++
		}
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

// entityDecl reads the entity declaration whose text after "<!ENTITY"
// starts at decl[i] into values when it is a plain general entity, and
// returns the index just past it.
func entityDecl(decl []byte, i int, values map[string][]byte) (int, error) {
	rest := bytes.TrimLeft(decl[i:], " \t\r\n")
	i = len(decl) - len(rest)
	if len(rest) > 0 && rest[0] == '%' {
		return skipTag(decl, i), nil // a parameter entity
	}
	name := tagName(rest)
	rest = bytes.TrimLeft(rest[len(name):], " \t\r\n")
	i = len(decl) - len(rest)
	switch {
	case len(name) > 0 && (bytes.HasPrefix(rest, []byte("SYSTEM")) || bytes.HasPrefix(rest, []byte("PUBLIC"))):
		return skipTag(decl, i), nil // an external entity
	case len(name) == 0 || len(rest) == 0 || rest[0] != '"' && rest[0] != '\'':
		return 0, fmt.Errorf("%w: %q is malformed", ErrEntityDecl, name)
	}
	n := bytes.IndexByte(rest[1:], rest[0])
	if n < 0 {
		return 0, fmt.Errorf("%w: %q has no closing quote", ErrEntityDecl, name)
	}
	literal := rest[1 : 1+n]
	switch {
	case len(literal) > maxEntityValue:
		return 0, fmt.Errorf("%w: %q is over %d bytes", ErrEntityDecl, name, maxEntityValue)
	case bytes.ContainsAny(literal, "<%"):
		return 0, fmt.Errorf("%w: %q holds markup", ErrEntityDecl, name)
	}
	_, dup := values[string(name)] // XML: the first declaration binds
	if !dup && !predefinedEntity(name) {
		values[string(name)] = replacementText(literal)
	}
	return skipTag(decl, i+1+n+1), nil
}

// predefinedEntity reports whether name is one of the five entities every
// XML document has.
func predefinedEntity(name []byte) bool {
	switch string(name) {
	case "amp", "lt", "gt", "quot", "apos":
		return true
	}
	return false
}

// replacementText is the literal value of an entity as it is inserted
// where the entity is referenced. Its character references are expanded
// first (XML §4.5: "&#38;#169;" stands for "&#169;", which the decoder then
// reads as "©"); what that leaves is escaped so that it reads as text in
// elements and attribute values alike: '<' and quotes become character
// references, and so does a '&' that starts no reference.
func replacementText(literal []byte) []byte {
	var text []byte
	for i := 0; i < len(literal); {
		if bytes.HasPrefix(literal[i:], []byte("&#")) {
			if ref, ok := charRef(literal[i:]); ok {
				if isXMLCharRef(ref.code) { // one XML forbids is dropped, as repairCharRefs does
					text = utf8.AppendRune(text, rune(ref.code))
				}
				i += ref.length
				continue
			}
		}
		text = append(text, literal[i])
		i++
	}
	out := make([]byte, 0, len(text))
	for i, c := range text {
		switch c {
		case '<':
			out = append(out, "&#60;"...)
		case '"':
			out = append(out, "&#34;"...)
		case '\'':
			out = append(out, "&#39;"...)
		case '&':
			if !startsReference(text[i:]) {
				out = append(out, "&#38;"...)
				continue
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out
}

// startsReference reports whether b starts with an entity or character
// reference.
func startsReference(b []byte) bool {
	if _, ok := refName(b); ok {
		return true
	}
	if bytes.HasPrefix(b, []byte("&#")) {
		ref, ok := charRef(b)
		return ok && isXMLCharRef(ref.code)
	}
	return false
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
