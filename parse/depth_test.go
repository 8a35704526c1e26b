package parse

import (
	"errors"
	"fmt"
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

// A DOCTYPE declaring plain text entities is a valid feed: the review's
// "&nbsp;" declared as "&#160;" reads as a no-break space, and an entity
// of the feed's own reads as its text, in elements and attributes alike.
func TestParseExpandsPlainEntities(t *testing.T) {
	nbsp := `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>` +
		`<rss version="2.0"><channel><title>x</title><item><title>Hello&nbsp;world</title><link>https://a.example/1</link></item></channel></rss>`
	f, err := Parse([]byte(nbsp), "", fetched)
	if err != nil || len(f.Items) != 1 || f.Items[0].Title != "Hello\u00a0world" {
		t.Fatalf("declared &nbsp;: %v, %+v", err, f)
	}
	own := `<?xml version="1.0"?><!DOCTYPE rss [<!-- names --><!ENTITY site 'Warta "Harian"'><!ENTITY dom "a.example">]>` +
		`<rss version="2.0"><channel><title>&site;</title><item><title>Kabar &site; hari ini</title><link>https://&dom;/1</link>` +
		`<description><![CDATA[tetap &site;]]></description></item></channel></rss>`
	f, err = Parse([]byte(own), "", fetched)
	if err != nil || len(f.Items) != 1 {
		t.Fatalf("own entities: %v, %+v", err, f)
	}
	if it := f.Items[0]; f.Title != `Warta "Harian"` || it.Title != `Kabar Warta "Harian" hari ini` || it.Link != "https://a.example/1" || it.Summary != "tetap &site;" {
		t.Errorf("own entities: feed %q, item %q at %q, summary %q", f.Title, it.Title, it.Link, it.Summary)
	}
}

// What stays refused: entities that reference other entities (the billion
// laughs above), one value over
// maxEntityValue, and a plain entity referenced so often that expanding it
// would more than double a large document.
func TestParseRefusesHarmfulEntities(t *testing.T) {
	item := `<rss version="2.0"><channel><title>x</title><item><title>%s</title><link>https://a.example/1</link></item></channel></rss>`
	for name, body := range map[string]string{
		"long":      `<!DOCTYPE rss [<!ENTITY x "` + strings.Repeat("ha", maxEntityValue) + `">]>` + fmt.Sprintf(item, "&x;"),
		"markup":    `<!DOCTYPE rss [<!ENTITY x "<b>y</b>">]>` + fmt.Sprintf(item, "&x;"),
		"quadratic": `<!DOCTYPE rss [<!ENTITY x "` + strings.Repeat("h", maxEntityValue) + `">]>` + fmt.Sprintf(item, strings.Repeat("&x;", 1<<20/maxEntityValue*2+8)),
		"later":     `<!DOCTYPE rss [<!ENTITY j "&a;&a;"><!ENTITY a "ha">]>` + fmt.Sprintf(item, "&j;"),
	} {
		if _, err := Parse([]byte(body), "", fetched); !errors.Is(err, ErrEntityDecl) {
			t.Errorf("%s: err %v, want ErrEntityDecl", name, err)
		}
	}
}

// Unescaped HTML in a description: the review's "line<br>" 300 times, and
// as many images and unclosed paragraphs, are closed by the description's
// end tag and parse. So many void elements that gofeed's recursion would
// be at risk (under a default namespace every "<br>" is an extension
// element it reads recursively) are still refused.
func TestParseUnescapedHTMLIsNotNesting(t *testing.T) {
	for name, html := range map[string]string{
		"br":  strings.Repeat("line<br>", 300),
		"img": strings.Repeat(`foto <img src="a.jpg"> `, 300),
		"p":   strings.Repeat("<p>paragraf ", 300),
		"li":  "<ul>" + strings.Repeat("<li>butir ", 300) + "</ul>",
		"mix": strings.Repeat("<P>satu<BR>dua<hr><li>tiga", 300),
	} {
		body := deepHead + "<item><title>Kabar</title><link>https://deep.example/a</link><description>" + html + "</description></item></channel></rss>"
		f, err := Parse([]byte(body), "application/rss+xml", fetched)
		if err != nil || len(f.Items) != 1 || f.Items[0].Summary == "" {
			t.Errorf("%s: %v, %+v", name, err, f)
		}
	}
	underNS := `<?xml version="1.0"?><rss version="2.0"><channel xmlns="http://x.example/"><title>t</title>`
	if _, err := Parse([]byte(underNS+strings.Repeat("<br>", maxOpen-8)), "application/rss+xml", fetched); errors.Is(err, ErrTooDeep) {
		t.Errorf("%d unclosed <br>: err %v, want a syntax error (the document is cut short)", maxOpen-8, err)
	}
	flood := `<?xml version="1.0"?><rss version="2.0"><channel xmlns="http://x.example/"><title>t</title>` + strings.Repeat("<br>", 1950000)
	if _, err := Parse([]byte(flood), "application/rss+xml", fetched); !errors.Is(err, ErrTooDeep) {
		t.Errorf("1.95M unclosed <br>: err %v, want ErrTooDeep", err)
	}
}

// A '[' quoted in an entity value or inside a comment in the internal
// subset is not a bracket of the DOCTYPE: the depth check still reads the
// document after it (two million nested extension elements overflowed
// gofeed's stack when it did not), and the entities are still expanded.
func TestParseDoctypeQuotedAndCommentedBrackets(t *testing.T) {
	deep := `<rss version="2.0" xmlns:a="http://a.example/"><channel><title>t</title>` + strings.Repeat("<a:x>", 2000000)
	for name, doctype := range map[string]string{
		"quoted":    `<!DOCTYPE rss [<!ENTITY a "[">]>`,
		"commented": `<!DOCTYPE rss [<!-- [x -->]>`,
	} {
		if err := checkDepth([]byte(doctype + deep)); !errors.Is(err, ErrTooDeep) {
			t.Fatalf("%s: checkDepth %v, want ErrTooDeep", name, err)
		}
		if _, err := Parse([]byte(doctype+deep), "", fetched); !errors.Is(err, ErrTooDeep) {
			t.Errorf("%s: err %v, want ErrTooDeep", name, err)
		}
	}
	doc := `<!DOCTYPE rss [<!-- [x --><!ENTITY site "Warta"><!ENTITY b "[">]>` +
		`<rss version="2.0"><channel><title>&site;&b;</title><item><title>t</title><link>https://a.example/1</link></item></channel></rss>`
	f, err := Parse([]byte(doc), "", fetched)
	if err != nil || f.Title != "Warta[" {
		t.Errorf("entities after a commented '[': %v, %+v", err, f)
	}
}
