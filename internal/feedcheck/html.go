package feedcheck

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/warta-news/warta/internal/testenv"
	"github.com/warta-news/warta/internal/xmlchar"
)

// HTMLDepth reads an HTML fragment as published with Go's XML parser
// (strict), so an unclosed or crossed element fails the test, and returns
// the deepest nesting of its elements. Characters XML cannot carry are
// dropped first, as publishing does.
func HTMLDepth(t testenv.TB, fragment string) int {
	t.Helper()
	fragment = xmlchar.Clean(fragment)
	d := xml.NewDecoder(strings.NewReader("<root>" + fragment + "</root>"))
	depth, deepest := 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return deepest - 1
		}
		if err != nil {
			t.Fatalf("feedcheck: HTML not balanced: %v\n%.300q", err, fragment)
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
			deepest = max(deepest, depth)
		case xml.EndElement:
			depth--
		}
	}
}
