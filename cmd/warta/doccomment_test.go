package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// A doc comment opens with the name of what it documents: one that opens
// with another function of its file was left behind when a function was
// put between them (wordModel's above wordVariantIDs, slug's above
// slugProblem, review16), and godoc then shows it on the wrong one while
// the right one has none.
func TestDocCommentsNameTheirFunction(t *testing.T) {
	fset := token.NewFileSet()
	files := 0
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "../.." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		// Tests' comments say what they check, not their names.
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files++
		funcs := map[string]bool{}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				funcs[fd.Name.Name] = true
			}
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Doc == nil {
				continue
			}
			first, _, _ := strings.Cut(strings.TrimSpace(fd.Doc.Text()), " ")
			if first != fd.Name.Name && funcs[first] {
				t.Errorf("%s: the doc comment of %s opens with %s", fset.Position(fd.Pos()), fd.Name.Name, first)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("the walk read %d Go files, not the module's", files)
	}
}
