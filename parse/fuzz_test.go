package parse

import "testing"

// FuzzParse checks that no input makes Parse panic and that every
// returned feed has non-nil items.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		rss("id", `<item><title>a</title><pubDate>Senin, 28 Agu 2022 10:00 WIB</pubDate></item>`),
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title></entry></feed>`,
		`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1"}]}`,
		"\xEF\xBB\xBFjunk<?xml version=\"1.0\"?><rss><channel><item><title>\xe9</title></item>",
	} {
		f.Add([]byte(s), "text/xml; charset=iso-8859-1")
	}
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		feed, err := Parse(body, contentType, fetched)
		if err == nil && feed.Items == nil {
			t.Fatal("nil items without error")
		}
	})
}
