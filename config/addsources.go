package config

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// SourceEntry is a source to add to a config file, with an optional
// comment written above it (a folder's name, say).
type SourceEntry struct {
	Source  Source
	Comment string
}

// FormatSources renders entries as a config's sources: block, each source
// on a line of its own, a comment line above a source whose comment
// differs from the one before.
func FormatSources(entries []SourceEntry) string {
	var b strings.Builder
	b.WriteString("sources:\n")
	writeEntries(&b, "  ", "\n", entries)
	return b.String()
}

// writeEntries writes entries as block sequence lines at indent.
func writeEntries(b *strings.Builder, indent, eol string, entries []SourceEntry) {
	comment := ""
	for _, e := range entries {
		if c := oneLine(e.Comment); c != "" && c != comment {
			b.WriteString(indent + "# " + c + eol)
		}
		comment = oneLine(e.Comment)
		b.WriteString(indent + "- " + flowSource(e.Source) + eol)
	}
}

// flowSource is a source as a one-line flow mapping of its name and URL
// (the keys an added source has; the rest are judged from its feed),
// double-quoted so that no character of theirs is YAML syntax. Go's
// quoting escapes only with escapes YAML's double-quoted style has.
func flowSource(s Source) string {
	return "{name: " + strconv.Quote(s.Name) + ", url: " + strconv.Quote(s.URL) + "}"
}

// oneLine keeps a comment on its line.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }), " ")
}

// AddSources returns a config file's bytes with entries added at the end
// of its sources list, in the list's own indentation, the rest of the
// file (comments included) byte for byte as it was. The file must load
// (Parse) before and after: the result is checked to hold the file's
// sources followed by the entries', or nothing is returned but an error.
// A sources list written in flow style ([…]) is refused: its entries
// cannot be added a line each.
func AddSources(filename string, data []byte, entries []SourceEntry) ([]byte, error) {
	before, err := Parse(filename, data)
	if err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		return data, nil
	}
	at, indent, err := sourcesEnd(filename, data)
	if err != nil {
		return nil, err
	}
	eol := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		eol = "\r\n"
	}
	var b strings.Builder
	b.Write(data[:at])
	if at > 0 && data[at-1] != '\n' {
		b.WriteString(eol) // a last line without its line end
	}
	writeEntries(&b, indent, eol, entries)
	b.Write(data[at:])
	out := []byte(b.String())

	after, err := Parse(filename, out)
	if err != nil {
		return nil, fmt.Errorf("%s: the sources added would not load (nothing written): %w", filename, err)
	}
	want := append(append([]Source(nil), before.Sources...), sourcesOf(entries)...)
	if len(after.Sources) != len(want) {
		return nil, fmt.Errorf("%s: adding to its sources list would give %d sources, not %d (nothing written)", filename, len(after.Sources), len(want))
	}
	for i, s := range after.Sources {
		if !sameSource(s, want[i]) {
			return nil, fmt.Errorf("%s: adding to its sources list would change sources[%d] (nothing written)", filename, i)
		}
	}
	return out, nil
}

// sameSource reports whether a and b are one source wherever written.
func sameSource(a, b Source) bool {
	a.Line, b.Line = 0, 0
	return reflect.DeepEqual(a, b)
}

func sourcesOf(entries []SourceEntry) []Source {
	out := make([]Source, len(entries))
	for i, e := range entries {
		out[i] = e.Source
	}
	return out
}

// sourcesEnd finds where a line added to the file's sources list goes:
// the byte offset after the list's last line that is neither blank nor a
// comment (comments after it may open the next key), and the indentation
// of the list's dashes.
func sourcesEnd(filename string, data []byte) (int, string, error) {
	f, err := parser.ParseBytes(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), 0)
	if err != nil {
		return 0, "", fmt.Errorf("%s: %w", filename, err)
	}
	if len(f.Docs) == 0 {
		return 0, "", fmt.Errorf("%s: an empty file", filename)
	}
	body, ok := f.Docs[0].Body.(ast.MapNode)
	if !ok {
		return 0, "", fmt.Errorf("%s: the file is not a mapping of keys", filename)
	}
	var (
		seq      *ast.SequenceNode
		keyLine  int
		nextLine int // the line of the key after sources; 0 when none
	)
	for it := body.MapRange(); it.Next(); {
		line := it.Key().GetToken().Position.Line
		if seq != nil {
			nextLine = line
			break
		}
		if it.Key().GetToken().Value != "sources" {
			continue
		}
		keyLine = line
		value := it.Value()
		if a, ok := value.(*ast.AnchorNode); ok {
			value = a.Value
		}
		s, ok := value.(*ast.SequenceNode)
		if !ok {
			return 0, "", fmt.Errorf("%s:%d: sources is not a list written here (an alias?); add the printed entries by hand", filename, line)
		}
		if s.IsFlowStyle {
			return 0, "", fmt.Errorf("%s:%d: sources is written as a flow list ([…]); add the printed entries to it by hand", filename, line)
		}
		seq = s
	}
	if seq == nil || seq.Start == nil {
		return 0, "", fmt.Errorf("%s: no sources list", filename)
	}
	indent := strings.Repeat(" ", max(seq.Start.Position.Column-1, 0))

	// Line starts, 1-based: starts[l-1] is the offset of line l.
	starts := []int{0}
	for i, c := range data {
		if c == '\n' && i+1 < len(data) {
			starts = append(starts, i+1)
		}
	}
	last := len(starts)
	if nextLine > 0 {
		last = nextLine - 1
	}
	for l := last; l > keyLine; l-- {
		end := len(data)
		if l < len(starts) {
			end = starts[l]
		}
		text := strings.TrimSpace(string(data[starts[l-1]:end]))
		if text != "" && !strings.HasPrefix(text, "#") {
			return end, indent, nil
		}
	}
	return 0, "", fmt.Errorf("%s:%d: the sources list has no entry to add after", filename, keyLine)
}
