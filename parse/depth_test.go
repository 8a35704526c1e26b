package parse

import (
	"errors"
	"strings"
	"testing"
)

const deepHead = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:x="http://x.example/"><channel><title>Deep</title><link>https://deep.example/</link>`

// A feed of nearly two million unclosed extension elements overflowed
// gofeed's recursion: a fatal error, not a panic recover catches. Closed
// nesting 900k deep did not crash but cost over a gigabyte. Both are
// refused before gofeed sees them.
func TestParseRefusesDeepNesting(t *testing.T) {
	for name, body := range map[string]string{
		"unclosed":  deepHead + strings.Repeat("<x:a>", 1950000),
		"closed":    deepHead + "<item><title>t</title>" + strings.Repeat("<x:a>", 900000) + strings.Repeat("</x:a>", 900000) + "</item></channel></rss>",
		"just over": deepHead + "<item><title>t</title>" + strings.Repeat("<x:a>", MaxDepth) + strings.Repeat("</x:a>", MaxDepth) + "</item></channel></rss>",
	} {
		_, err := Parse([]byte(body), "application/rss+xml", fetched)
		if !errors.Is(err, ErrTooDeep) {
			t.Errorf("%s: err %v, want ErrTooDeep", name, err)
		}
	}
}

// What the depth check must let through: nesting up to the limit,
// unescaped HTML whose void elements its parent's end tag closes, markup
// in comments and CDATA, '>' in attribute values, and a JSON Feed.
func TestParseKeepsShallowFeeds(t *testing.T) {
	var items strings.Builder
	for range 300 {
		items.WriteString(`<item><title>Kabar</title><link>https://deep.example/a</link><description><p>satu<br>dua<img src="x.jpg" alt="a>b"></p></description>` +
			`<!-- <x:a><x:a> --><x:b><![CDATA[<x:a><x:a>]]></x:b></item>`)
	}
	nearLimit := deepHead + "<item><title>t</title>" + strings.Repeat("<x:a>", MaxDepth-4) + strings.Repeat("</x:a>", MaxDepth-4) + "</item></channel></rss>"
	for name, body := range map[string]string{
		"html in items": deepHead + items.String() + "</channel></rss>",
		"near limit":    nearLimit,
		"json":          `{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","url":"https://j.example/1","content_html":"` + strings.Repeat("<br>", 1000) + `"}]}`,
	} {
		f, err := Parse([]byte(body), "", fetched)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(f.Items) == 0 {
			t.Errorf("%s: no items", name)
		}
	}
	page := "<!DOCTYPE html><html><body>" + strings.Repeat("<p>baris<br>", 400) + "</body></html>"
	if _, err := Parse([]byte(page), "text/html", fetched); !errors.Is(err, ErrHTMLPage) {
		t.Errorf("deep HTML page: err %v, want ErrHTMLPage", err)
	}
}

// A feed declaring its own entities (here a small "billion laughs") is
// refused with a reason, not stored with "&j;" as its title; a DOCTYPE that
// declares none, like RSS 0.91's, is fine.
func TestParseRefusesEntityDeclarations(t *testing.T) {
	laughs := `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "ha"><!ENTITY j "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>` +
		`<rss version="2.0"><channel><title>x</title><item><title>&j;</title><link>https://a.example/1</link></item></channel></rss>`
	if _, err := Parse([]byte(laughs), "", fetched); !errors.Is(err, ErrEntityDecl) {
		t.Errorf("entity declarations: err %v, want ErrEntityDecl", err)
	}
	netscape := `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">` +
		`<rss version="0.91"><channel><title>x</title><item><title>Caf&eacute; dibuka</title><link>https://a.example/1</link></item></channel></rss>`
	f, err := Parse([]byte(netscape), "", fetched)
	if err != nil || len(f.Items) != 1 || f.Items[0].Title != "Café dibuka" {
		t.Errorf("RSS 0.91 DOCTYPE: %v, %+v", err, f)
	}
}
