package parse

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// prepare turns a fetched body into bytes gofeed can parse: UTF-8 (or a
// declared encoding gofeed understands), no BOM, no junk before the document,
// no characters XML forbids, raw or as references. It copies only when it has to change something.
func prepare(body []byte, contentType string) ([]byte, error) {
	b := body
	// A UTF-16 byte-order mark names the encoding unambiguously.
	if bytes.HasPrefix(b, []byte{0xFE, 0xFF}) || bytes.HasPrefix(b, []byte{0xFF, 0xFE}) {
		out, err := decode(unicode.UTF16(unicode.BigEndian, unicode.UseBOM), b)
		if err != nil {
			return nil, err
		}
		b = dropDecl(out)
	}
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	b = skipJunk(b)
	if len(b) == 0 {
		return nil, fmt.Errorf("parse: empty document")
	}

	declared := declEncoding(b)
	header := headerCharset(contentType)
	switch {
	case isLatin1Name(declared) && utf8.Valid(b) && hasMultibyte(b):
		// Valid multi-byte UTF-8 is next to impossible in real Latin-1
		// text: the declaration was copied from an old template and the
		// bytes are UTF-8. Believing it would turn "é" into "Ã©".
		b = dropDecl(b)
	case declared != "" && !isUTF8Name(declared):
		// gofeed transcodes declared encodings itself.
	case declared == "" && isLatin1Name(header) && utf8.Valid(b) && hasMultibyte(b):
		// Same reasoning for servers that label everything ISO-8859-1
		// (an old Apache default).
	case declared == "" && header != "" && !isUTF8Name(header):
		// The HTTP header is the only statement of the encoding.
		enc, _ := charset.Lookup(header)
		if enc == nil {
			return nil, fmt.Errorf("parse: unknown charset %q in Content-Type", header)
		}
		out, err := decode(enc, b)
		if err != nil {
			return nil, err
		}
		b = dropDecl(out)
	case !utf8.Valid(b):
		b = repairUTF8(b)
	}
	return repairCharRefs(stripControl(b)), nil
}

// declEncoding returns the lower-cased encoding named by a leading XML
// declaration, or "".
func declEncoding(b []byte) string {
	if !bytes.HasPrefix(b, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(b, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := b[:end]
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if len(rest) == 0 || rest[0] != '=' {
		return ""
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	q := rest[0]
	j := bytes.IndexByte(rest[1:], q)
	if j < 0 {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(string(rest[1 : 1+j])))
}

func isLatin1Name(name string) bool {
	switch name {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "windows-1252", "cp1252", "iso-8859-15":
		return true
	}
	return false
}

// hasMultibyte reports whether b holds any byte outside ASCII.
func hasMultibyte(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// decode transcodes b to UTF-8.
func decode(enc encoding.Encoding, b []byte) ([]byte, error) {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return nil, fmt.Errorf("parse: transcode: %w", err)
	}
	return out, nil
}

// repairUTF8 handles a body that claims (or defaults to) UTF-8 but is not.
// A body with real multi-byte UTF-8 in it is UTF-8 with a few stray bytes:
// those become U+FFFD. A body without any is almost always windows-1252
// (a superset of Latin-1 in practice), and its declaration is dropped once
// transcoded so the XML parser does not re-decode it.
func repairUTF8(b []byte) []byte {
	valid, invalid := 0, 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			invalid++
		case n > 1:
			valid++
		}
		i += n
	}
	if valid > 0 && valid >= invalid {
		return bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	return dropDecl(out)
}

// skipJunk drops whitespace and anything else (PHP notices, stray text)
// before the document: the XML declaration if there is one, else the first
// tag, or the opening brace of a JSON Feed.
func skipJunk(b []byte) []byte {
	b = bytes.TrimLeft(b, " \t\r\n\f\x00")
	if len(b) == 0 || b[0] == '<' || b[0] == '{' {
		if len(b) > 0 && b[0] == '<' && !bytes.HasPrefix(b, []byte("<?xml")) {
			// Junk can also be a tag-like line before the declaration.
			if i := bytes.Index(b[:min(len(b), 1024)], []byte("<?xml")); i > 0 {
				return b[i:]
			}
		}
		return b
	}
	if i := bytes.Index(b, []byte("<?xml")); i >= 0 {
		return b[i:]
	}
	if i := bytes.IndexByte(b, '<'); i >= 0 {
		return b[i:]
	}
	return b
}

// dropDecl removes a leading XML declaration, whose encoding no longer
// describes bytes that have been transcoded to UTF-8.
func dropDecl(b []byte) []byte {
	b = bytes.TrimLeft(b, " \t\r\n")
	if !bytes.HasPrefix(b, []byte("<?xml")) {
		return b
	}
	if i := bytes.Index(b, []byte("?>")); i >= 0 {
		return b[i+2:]
	}
	return b
}

// stripControl removes the C0 control characters XML 1.0 forbids (all but
// tab, newline and carriage return). Real feeds carry them pasted in from
// word processors, and one of them makes the whole document unparseable.
func stripControl(b []byte) []byte {
	bad := func(c byte) bool { return c < 0x20 && c != '\t' && c != '\n' && c != '\r' }
	i := 0
	for i < len(b) && !bad(b[i]) {
		i++
	}
	if i == len(b) {
		return b
	}
	out := make([]byte, 0, len(b))
	out = append(out, b[:i]...)
	for _, c := range b[i:] {
		if !bad(c) {
			out = append(out, c)
		}
	}
	return out
}

// headerCharset returns the lower-cased charset parameter of a Content-Type.
func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.ToLower(strings.Trim(params["charset"], `"' `))
}

func isUTF8Name(name string) bool {
	return name == "utf-8" || name == "utf8" || name == "us-ascii" || name == "ascii"
}
