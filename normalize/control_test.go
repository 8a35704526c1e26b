package normalize

import (
	"strings"
	"testing"
	"unicode"

	"github.com/warta-news/warta/parse"
)

// controlsIn returns the control characters of s other than tab and
// newline (by unicode.IsControl, not by the rule under test).
func controlsIn(s string) string {
	var found strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) && r != '\t' && r != '\n' {
			found.WriteRune(r)
		}
	}
	return found.String()
}

// A feed can carry terminal escapes (ESC, BEL, the C1 CSI) in any field,
// and JSON Feed's \u escapes reach past the XML reader's control filter:
// every format's articles come out without control characters, tab and
// newline aside.
func TestControlCharactersRemovedInEveryFormat(t *testing.T) {
	evil := `Normal \u001b[2J\u001b[31mRED\u001b]0;pwned\u0007 \u009b31m\u007f title`
	feeds := map[string]string{
		"json feed": `{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{
			"id": "1", "url": "https://x.test/1", "title": "` + evil + `",
			"summary": "` + evil + `",
			"content_html": "<p>` + evil + ` &#27;[1m &#x9b;1m</p>",
			"authors": [{"name": "` + evil + `"}],
			"tags": ["` + evil + `"]}]}`,
		"rss": "<rss version=\"2.0\"><channel><title>t</title><item><link>https://x.test/2</link>" +
			"<title>C1 \u009b31m CSI and DEL \u007f</title>" +
			"<description>&lt;p&gt;ref &amp;#27;[1m and &amp;#x9b;1m&lt;/p&gt;</description>" +
			"<category>tag \u0085 \u009b</category></item></channel></rss>",
	}
	n := New(Caps{})
	for name, body := range feeds {
		t.Run(name, func(t *testing.T) {
			f, err := parse.Parse([]byte(body), "", now)
			if err != nil || len(f.Items) != 1 {
				t.Fatalf("parse: %v, %d items", err, len(f.Items))
			}
			a := f.Items[0]
			if err := n.Article(a, Options{Now: now, SourceName: "s"}); err != nil {
				t.Fatal(err)
			}
			fields := map[string]string{"title": a.Title, "author": a.Author, "summary": a.Summary, "content": a.Content, "text": a.Text,
				"categories": strings.Join(a.Categories, "|")}
			for field, v := range fields {
				if c := controlsIn(v); c != "" {
					t.Errorf("%s %q keeps control characters %q", field, v, c)
				}
			}
			if !strings.Contains(a.Title, "31m") {
				t.Errorf("title %q lost its text", a.Title)
			}
		})
	}
}
