package parse

import (
	"testing"
	"time"
)

// FuzzParse checks that no input makes Parse panic and that every
// returned feed has non-nil items.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		rss("id", `<item><title>a</title><pubDate>Senin, 28 Agu 2022 10:00 WIB</pubDate></item>`),
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title></entry></feed>`,
		`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1"}]}`,
		"\xEF\xBB\xBFjunk<?xml version=\"1.0\"?><rss><channel><item><title>\xe9</title></item>",
		rss("en", `<item><title>a&#1;b&#xFFFE;</title><pubDate>Sat, 01 Jan 0000 00:00:00 +0000</pubDate></item>`),
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

// FuzzParseDate checks that ParseDate never panics and that a date it
// accepts survives a round trip through RFC 3339, the form feeds are
// written in.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"Senin, 28 Agu 2022 10:00:00 +0700",
		"28 Agustus 2022 10:00 WIB",
		"Sat, 01 Jan 0000 00:00:00 +0000",
		"2022-08-28T10:00:00.123+07:00",
		"Jumat, 14/04/2017 15.30 WITA",
		"28 Agu 23:59",
		"Thu, 28 Apr 2017 09:55:12 -14:00",
		"1 Jan 99 00:00",
	} {
		f.Add(s)
	}
	ref := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseDate(s, jakarta(), ref)
		if !ok {
			if !got.IsZero() {
				t.Fatalf("ParseDate(%q) = %v, false: want the zero time", s, got)
			}
			return
		}
		if got.Year() < 0 || got.Year() > 9999 {
			return // no RFC 3339 form; normalize treats it as missing
		}
		back, ok := ParseDate(got.Format(time.RFC3339Nano), nil, ref)
		if !ok || !back.Equal(got) {
			t.Fatalf("ParseDate(%q) = %v; its RFC 3339 form reads back as %v, %v", s, got, back, ok)
		}
	})
}
