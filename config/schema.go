package config

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"

	"github.com/warta-news/warta/topic"
)

// position is a 1-based line and column in the file.
type position struct{ line, col int }

// index maps YAML paths ("sources[3].url") to where they are written, so that
// validation, which works on the decoded structs, can still name a line.
type index struct {
	// at is the position of a mapping key, or of a sequence entry.
	at map[string]position
	// value is the position of a path's scalar value.
	value map[string]position
	// set records paths whose value is present and not null.
	set map[string]bool
	// byPos maps the position of any walked node back to its path, to name
	// the field of a decoder error that only carries a token.
	byPos map[position]string
}

// pos returns the position of path, or of its nearest written ancestor: a
// missing "sources[2].url" is reported at the entry "sources[2]".
func (ix *index) pos(path string) position {
	for path != "" {
		if p, ok := ix.at[path]; ok {
			return p
		}
		path = parentPath(path)
	}
	return position{}
}

// parentPath strips the last ".key" or "[i]" from path.
func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

func joinPath(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

func tokenPos(tk *token.Token) position {
	if tk == nil || tk.Position == nil {
		return position{}
	}
	return position{tk.Position.Line, tk.Position.Column}
}

// schema walks the AST against the Go types of Config. It fills an index
// and reports every unknown key and every scalar of the wrong kind, all at
// once; the decoder alone would stop at the first one, and it reports a bad
// duration without any position.
type schema struct {
	ix      *index
	file    string
	unknown Errors // unknown keys: decoding can go on without them
	types   Errors // wrong kinds: decoding goes on with them left out
	// mistyped are the nodes of types, which leftOut replaces with null.
	mistyped map[ast.Node]bool
	// fields caches yamlFields by struct type: a file lists a thousand
	// sources of one type.
	fields map[reflect.Type]map[string]reflect.Type
}

// typeError records e, the wrong kind of node n.
func (s *schema) typeError(n ast.Node, e *Error) {
	s.types = append(s.types, e)
	if s.mistyped == nil {
		s.mistyped = map[ast.Node]bool{}
	}
	s.mistyped[n] = true
}

func (s *schema) errAt(p position, path, format string, args ...any) *Error {
	return &Error{File: s.file, Line: p.line, Column: p.col, Field: path, Msg: fmt.Sprintf(format, args...)}
}

func (s *schema) walk(n ast.Node, path string, t reflect.Type) {
	switch v := n.(type) {
	case nil, *ast.NullNode:
		return
	case *ast.AnchorNode:
		s.walk(v.Value, path, t)
		return
	case *ast.TagNode:
		s.walk(v.Value, path, t)
		return
	case *ast.AliasNode:
		// The strict decoder checks aliased content; its positions belong to
		// the anchor, not to this path.
		s.ix.set[path] = true
		return
	}
	p := tokenPos(n.GetToken())
	s.ix.set[path] = true
	if _, ok := s.ix.byPos[p]; !ok {
		s.ix.byPos[p] = path
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem() // an optional value: nil when unset
	}
	if t == reflect.TypeFor[time.Duration]() {
		s.duration(n, path, p)
		return
	}
	if t == reflect.TypeFor[topic.Confidence]() {
		s.confidence(n, path, p)
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		s.structure(n, path, p, t)
	case reflect.Map:
		m, ok := n.(ast.MapNode)
		if !ok {
			s.typeError(n, s.errAt(p, path, "want a mapping, got %s", kindName(n)))
			return
		}
		for it := m.MapRange(); it.Next(); {
			key := it.Key()
			name := keyName(key)
			kp := joinPath(path, name)
			s.ix.at[kp] = tokenPos(key.GetToken())
			s.walk(it.Value(), kp, t.Elem())
		}
	case reflect.Slice:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			s.typeError(n, s.errAt(p, path, "want a list, got %s", kindName(n)))
			return
		}
		for i, item := range seq.Values {
			ip := path + "[" + strconv.Itoa(i) + "]"
			s.ix.at[ip] = entryPos(seq, i)
			s.walk(item, ip, t.Elem())
		}
	case reflect.String:
		s.ix.value[path] = p
		if !isScalar(n) {
			s.typeError(n, s.errAt(p, path, "want a string, got %s", kindName(n)))
		}
	case reflect.Int, reflect.Int64:
		switch v := n.(type) {
		case *ast.IntegerNode:
		case *ast.StringNode:
			// The lexer reads an integer too large for int64 as a string.
			if isDigits(strings.TrimPrefix(v.Value, "-")) {
				s.typeError(n, s.errAt(p, path, "integer %s out of range", v.Value))
				return
			}
			s.typeError(n, s.errAt(p, path, "want an integer, got %s", kindName(n)))
		default:
			s.typeError(n, s.errAt(p, path, "want an integer, got %s", kindName(n)))
		}
	case reflect.Float64:
		switch n.(type) {
		case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		default:
			s.typeError(n, s.errAt(p, path, "want a number, got %s", kindName(n)))
		}
	}
}

func (s *schema) structure(n ast.Node, path string, p position, t reflect.Type) {
	m, ok := n.(ast.MapNode)
	if !ok {
		s.typeError(n, s.errAt(p, path, "want a mapping, got %s", kindName(n)))
		return
	}
	fields, ok := s.fields[t]
	if !ok {
		fields = yamlFields(t)
		if s.fields == nil {
			s.fields = map[reflect.Type]map[string]reflect.Type{}
		}
		s.fields[t] = fields
	}
	for it := m.MapRange(); it.Next(); {
		key := it.Key()
		if _, merge := key.(*ast.MergeKeyNode); merge {
			continue // "<<: *anchor": the strict decoder checks the merged keys
		}
		name := keyName(key)
		kp := joinPath(path, name)
		kpos := tokenPos(key.GetToken())
		s.ix.at[kp] = kpos
		ft, known := fields[name]
		if !known {
			msg := fmt.Sprintf("unknown field %q", name)
			if near := nearest(name, fields); near != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", near)
			}
			s.unknown = append(s.unknown, s.errAt(kpos, kp, "%s", msg))
			continue
		}
		s.walk(it.Value(), kp, ft)
	}
}

// duration accepts what the decoder accepts ("30s", "72h"), plus a plain 0.
func (s *schema) duration(n ast.Node, path string, p position) {
	switch v := n.(type) {
	case *ast.IntegerNode:
		if v.GetToken().Value == "0" {
			return
		}
	case *ast.StringNode:
		if _, err := time.ParseDuration(v.Value); err == nil {
			return
		}
		s.typeError(n, s.errAt(p, path, "invalid duration %q: want a number with a unit, such as 30s, 15m or 72h", v.Value))
		return
	}
	s.typeError(n, s.errAt(p, path, "want a duration such as 30s, 15m or 72h, got %s %q", kindName(n), n.GetToken().Value))
}

// confidence accepts what topic.Confidence decodes: a number, or a
// mapping of languages to numbers (the languages are topic.Check's to
// judge).
func (s *schema) confidence(n ast.Node, path string, p position) {
	if _, ok := n.(ast.MapNode); ok {
		s.walk(n, path, reflect.TypeFor[map[string]float64]())
		return
	}
	switch n.(type) {
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return
	}
	s.typeError(n, s.errAt(p, path, "want a number or a mapping of languages to numbers, got %s", kindName(n)))
}

// yamlFields maps the yaml keys of struct type t to their field types.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := make(map[string]reflect.Type, t.NumField())
	for f := range t.Fields() {
		tag := f.Tag.Get("yaml")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

// entryPos is where sequence entry i is written: the "-" of a block entry
// holding a mapping, else the value itself.
func entryPos(seq *ast.SequenceNode, i int) position {
	v := seq.Values[i]
	if _, isMap := v.(ast.MapNode); isMap && i < len(seq.Entries) && seq.Entries[i] != nil && seq.Entries[i].Start != nil {
		return tokenPos(seq.Entries[i].Start)
	}
	if m, ok := v.(*ast.MappingNode); ok && len(m.Values) > 0 && !m.IsFlowStyle {
		return tokenPos(m.Values[0].Key.GetToken())
	}
	return tokenPos(v.GetToken())
}

func keyName(k ast.MapKeyNode) string {
	if tk := k.GetToken(); tk != nil {
		return tk.Value
	}
	return k.String()
}

func isScalar(n ast.Node) bool {
	switch n.(type) {
	case ast.MapNode, *ast.SequenceNode:
		return false
	}
	return true
}

func kindName(n ast.Node) string {
	switch n.(type) {
	case ast.MapNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.IntegerNode:
		return "an integer"
	case *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "a number"
	case *ast.BoolNode:
		return "a boolean"
	case *ast.StringNode, *ast.LiteralNode:
		return "a string"
	}
	return "a " + strings.ToLower(n.Type().String())
}

// nearest returns the known key closest to name when it is a likely typo.
func nearest(name string, known map[string]reflect.Type) string {
	best, bestD := "", 3
	for k := range known {
		if d := editDistance(name, k); d < bestD || (d == bestD && k < best) {
			best, bestD = k, d
		}
	}
	if bestD > 2 || bestD >= len(name) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b (bytes; keys are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
