package parse

import (
	"bytes"
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/fixtures"
)

// One character reference XML 1.0 forbids, in one title of a real feed,
// must not lose the other nineteen items (nor that one).
func TestForbiddenCharacterReferenceIsRepaired(t *testing.T) {
	raw, err := fixtures.Read("antara_jambi_terkini_2022-08-28.xml")
	if err != nil {
		t.Fatal(err)
	}
	const title = "<title>Malisya Deslilian lulus"
	if !bytes.Contains(raw, []byte(title)) {
		t.Fatalf("the snapshot no longer has %q: the reference would go nowhere", title)
	}
	for _, ref := range []string{"&#1;", "&#x1F;", "&#xFFFE;", "&#xD800;", "&#0;", "&#99999999999;"} {
		t.Run(ref, func(t *testing.T) {
			body := bytes.Replace(raw, []byte(title), []byte("<title>Malisya"+ref+" Deslilian lulus"), 1)
			f, err := Parse(body, "application/rss+xml", fetched)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(f.Items) != 20 {
				t.Fatalf("%d items, want 20", len(f.Items))
			}
			if got := f.Items[0].Title; got != "Malisya Deslilian lulus Fakultas Kedokteran Unisba pada usia 20 tahun" {
				t.Errorf("title %q", got)
			}
		})
	}
}

func TestRepairCharRefs(t *testing.T) {
	for in, want := range map[string]string{
		"a&#1;b":                           "ab",
		"a&#x1;b&#X1f;c":                   "abc",
		"keep &#9;&#10;&#13;":              "keep &#9;&#10;&#13;",
		"keep &#8217;&#x1F600;":            "keep &#8217;&#x1F600;",
		"a&#xFFFF;&#xDFFF;&#1114112;b":     "ab",
		"not a ref: &#; &#x; &#12 & &amp;": "not a ref: &#; &#x; &#12 & &amp;",
	} {
		if got := repairCharRefs([]byte(in)); string(got) != want {
			t.Errorf("repairCharRefs(%q) = %q, want %q", in, got, want)
		}
	}
	if s := strings.Repeat("&#", 1000); string(repairCharRefs([]byte(s))) != s {
		t.Error("changed unterminated references")
	}
}
