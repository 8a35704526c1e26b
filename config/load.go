package config

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
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
// used in messages only. Unknown keys are errors. Defaults are applied to
// unset fields, Source.Line and Topic.Line are filled in, and every problem
// found is reported at once as Errors, each *Error naming file, line,
// column and field. On error the returned *Config is nil.
func Parse(filename string, data []byte) (*Config, error) {
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

	ix := &index{at: map[string]position{}, set: map[string]bool{}, byPos: map[position]string{}}
	sc := &schema{ix: ix, file: filename}
	sc.walk(body, "", reflect.TypeFor[Config]())
	if len(sc.types) > 0 {
		errs := append(sc.unknown, sc.types...)
		sortErrors(errs)
		return nil, errs
	}

	cfg := &Config{}
	if body != nil {
		opts := []yaml.DecodeOption{yaml.CustomUnmarshaler(decodeDuration)}
		// Unknown keys already found are reported with the rest; decoding
		// without them lets validation report the other problems too.
		if len(sc.unknown) == 0 {
			opts = append(opts, yaml.Strict())
		}
		if err := yaml.NodeToValue(body, cfg, opts...); err != nil {
			errs := append(sc.unknown, yamlError(filename, err, ix))
			sortErrors(errs)
			return nil, errs
		}
	}
	cfg.Path = filename
	fillLines(cfg, ix)
	baseURLDefaulted := applyDefaults(cfg, ix)

	v := &validator{cfg: cfg, ix: ix, file: filename, baseURLDefaulted: baseURLDefaulted}
	v.validate()
	errs := append(sc.unknown, v.errs...)
	if len(errs) > 0 {
		sortErrors(errs)
		return nil, errs
	}
	return cfg, nil
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

// fillLines records where each source and topic entry is written.
func fillLines(cfg *Config, ix *index) {
	for i := range cfg.Sources {
		cfg.Sources[i].Line = ix.pos(fmt.Sprintf("sources[%d]", i)).line
	}
	for i := range cfg.Topics {
		cfg.Topics[i].Line = ix.pos(fmt.Sprintf("topics[%d]", i)).line
	}
}
