package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Load reads the file at path and parses it with Parse. Relative paths in
// the result (storage.dsn, publish.dir) are kept as written: they are
// relative to the working directory of the process, not to the file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(path, data)
}

// Parse decodes and validates a configuration file's bytes. filename is
// used in messages only. Unknown keys are errors. The file's topics are
// applied to the built-in ones (topic.BuiltinYAML: generated into
// builtin_gen.go by `go generate ./config`, decoded the same way as the file
// when the YAML is not the one generated from), defaults are applied to unset fields, Source.Line is filled in, and
// every problem found is reported at once as Errors, each *Error naming
// file, line, column and field. On error the returned *Config is nil.
func Parse(filename string, data []byte) (*Config, error) {
	builtin, generated := builtinTopics()
	var bdoc *document
	var berrs Errors
	if !generated {
		// Only when topic/defaults.yaml changed since `go generate ./config`
		// (TestBuiltinTopicsGenerated fails then): slower, the same result.
		builtin, bdoc, berrs = decodeBuiltin()
	}
	cfg := &Config{}
	doc, errs := decodeFile(filename, data, cfg)
	if doc == nil {
		return nil, errs
	}
	if !generated && (bdoc == nil || len(berrs) > 0) {
		return nil, append(errs, berrs...)
	}
	cfg.Path = filename
	fillLines(cfg, doc.ix)
	baseURLDefaulted := applyDefaults(cfg, doc.ix)

	v := &validator{cfg: cfg, doc: doc, builtin: builtin, builtinDoc: bdoc, baseURLDefaulted: baseURLDefaulted}
	v.validate()
	for _, e := range v.errs {
		if !spoiledBy(e, doc.leftOut) {
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		sortErrors(errs)
		return nil, errs
	}
	return cfg, nil
}

// document is a decoded YAML file: its name and bytes, and where each of
// its paths is written.
type document struct {
	file string
	src  []byte
	ix   *index
	// leftOut are the paths whose values, of the wrong kind, were
	// decoded as unset.
	leftOut []string
}

// decodeFile decodes data into out (a pointer to a struct), checking it
// against out's type first. It returns the document and the unknown keys
// found, which do not stop decoding; or a nil document and the errors that
// did.
func decodeFile(filename string, data []byte, out any) (*document, Errors) {
	// YAML allows a leading byte order mark (Windows editors write one);
	// the parser would read it as part of the first key.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, Errors{yamlError(filename, err, nil)}
	}
	var body ast.Node
	if len(f.Docs) > 0 {
		body = f.Docs[0].Body
	}
	if len(f.Docs) > 1 && f.Docs[1].Body != nil {
		p := tokenPos(f.Docs[1].Start)
		if p.line == 0 {
			p = tokenPos(f.Docs[1].Body.GetToken())
		}
		return nil, Errors{{File: filename, Line: p.line, Column: p.col, Msg: "more than one YAML document; warta reads one"}}
	}

	ix := &index{at: map[string]position{}, value: map[string]position{}, set: map[string]bool{}, byPos: map[position]string{}}
	sc := &schema{ix: ix, file: filename}
	sc.walk(body, "", reflect.TypeOf(out).Elem())
	// A value of the wrong kind is reported, and decoding goes on with it
	// left out (as unset), so that the rest of the file is checked too.
	found := append(sc.unknown, sc.types...)
	if len(sc.types) > 0 && !leaveOut(body, sc.mistyped) {
		sortErrors(found)
		return nil, found
	}
	if body != nil {
		// The parser has refused a key written twice in one mapping; what
		// the decoder would call a duplicate is a key overriding one merged
		// in with "<<: *anchor", which YAML lets the mapping's own key win.
		// The decoder lets the later one win: merges go first.
		mergesFirst(body)
		opts := []yaml.DecodeOption{yaml.CustomUnmarshaler(decodeDuration), yaml.AllowDuplicateMapKey()}
		// Unknown keys already found are reported with the rest; decoding
		// without them lets validation report the other problems too.
		if len(sc.unknown) == 0 {
			opts = append(opts, yaml.Strict())
		}
		if err := yaml.NodeToValue(body, out, opts...); err != nil {
			errs := append(found, yamlError(filename, err, ix))
			sortErrors(errs)
			return nil, errs
		}
	}
	doc := &document{file: filename, src: data, ix: ix}
	for _, e := range sc.types {
		doc.leftOut = append(doc.leftOut, e.Field)
	}
	return doc, found
}

// leaveOut replaces each mistyped node under n, a mapping's value or a
// list's entry, with null, and reports whether it found them all (not,
// say, the whole document).
func leaveOut(n ast.Node, mistyped map[ast.Node]bool) bool {
	bare := func(v ast.Node) ast.Node {
		for {
			switch w := v.(type) {
			case *ast.AnchorNode:
				v = w.Value
			case *ast.TagNode:
				v = w.Value
			default:
				return v
			}
		}
	}
	null := func(v ast.Node) ast.Node {
		return ast.Null(token.New("null", "null", v.GetToken().Position))
	}
	left := 0
	for _, m := range ast.Filter(ast.MappingValueType, n) {
		mv := m.(*ast.MappingValueNode)
		if mistyped[bare(mv.Value)] {
			mv.Value = null(mv.Value)
			left++
		}
	}
	for _, s := range ast.Filter(ast.SequenceType, n) {
		seq := s.(*ast.SequenceNode)
		for i, v := range seq.Values {
			if mistyped[bare(v)] {
				seq.Values[i] = null(v)
				left++
			}
		}
	}
	return left == len(mistyped)
}

// spoiledBy reports whether e is about a path a value of the wrong kind
// was left out of, and so says nothing more than the type error does.
func spoiledBy(e *Error, leftOut []string) bool {
	for _, p := range leftOut {
		if e.Field == p || strings.HasPrefix(e.Field, p+".") || strings.HasPrefix(e.Field, p+"[") {
			return true
		}
	}
	return false
}

// mergesFirst moves the merge keys ("<<") of every mapping under n before
// its other keys, so that a decoder applying keys in order lets the
// mapping's own keys override the merged ones wherever the merge is
// written.
func mergesFirst(n ast.Node) {
	for _, m := range ast.Filter(ast.MappingType, n) {
		values := m.(*ast.MappingNode).Values
		slices.SortStableFunc(values, func(a, b *ast.MappingValueNode) int {
			switch am, bm := a.Key.IsMergeKey(), b.Key.IsMergeKey(); {
			case am == bm:
				return 0
			case am:
				return -1
			}
			return 1
		})
	}
}

// decodeDuration decodes "30s"-style durations and a plain 0, which the
// decoder's own duration support rejects.
func decodeDuration(d *time.Duration, b []byte) error {
	var v any
	if err := yaml.Unmarshal(b, &v); err != nil {
		return err
	}
	switch v := v.(type) {
	case string:
		parsed, err := time.ParseDuration(v)
		if err != nil {
			return err
		}
		*d = parsed
		return nil
	case uint64:
		if v == 0 {
			*d = 0
			return nil
		}
	case int64:
		if v == 0 {
			*d = 0
			return nil
		}
	}
	return fmt.Errorf("invalid duration %v: want a number with a unit, such as 30s", v)
}

// yamlError turns a go-yaml error into an *Error with the position of its
// token and, when ix knows it, the field path there.
func yamlError(file string, err error, ix *index) *Error {
	e := &Error{File: file, Msg: err.Error()}
	var ye yaml.Error
	if errors.As(err, &ye) {
		e.Msg = ye.GetMessage()
		p := tokenPos(ye.GetToken())
		e.Line, e.Column = p.line, p.col
		if ix != nil {
			e.Field = ix.byPos[p]
		}
	}
	return e
}

// fillLines records where each source and feed entry is written.
func fillLines(cfg *Config, ix *index) {
	for i := range cfg.Sources {
		cfg.Sources[i].Line = ix.pos(fmt.Sprintf("sources[%d]", i)).line
	}
	for i := range cfg.Feeds {
		cfg.Feeds[i].Line = ix.pos(fmt.Sprintf("feeds[%d]", i)).line
	}
}
