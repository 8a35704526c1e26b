package parse

import (
	"testing"
	"time"
)

// An RSS channel's <ttl> (minutes) is kept; other feeds, and a ttl that is
// not a positive number, say nothing.
func TestFeedTTL(t *testing.T) {
	rssWith := func(ttl string) string {
		return `<?xml version="1.0"?><rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>t</title>` + ttl +
			`<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>1</sy:updateFrequency>` +
			`<item><title>a</title><link>https://news.example/a</link></item></channel></rss>`
	}
	for _, c := range []struct {
		name, body string
		want       time.Duration
	}{
		{"ttl", rssWith("<ttl>45</ttl>"), 45 * time.Minute},
		{"ttl with spaces", rssWith("<ttl> 60 </ttl>"), time.Hour},
		{"no ttl (sy:updatePeriod is not read)", rssWith(""), 0},
		{"zero", rssWith("<ttl>0</ttl>"), 0},
		{"junk", rssWith("<ttl>often</ttl>"), 0},
		{"huge", rssWith("<ttl>99999999999</ttl>"), 366 * 24 * time.Hour},
		{"atom", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id><updated>2026-11-30T00:00:00Z</updated>` +
			`<entry><title>a</title><id>urn:a</id><link href="https://news.example/a"/><updated>2026-11-30T00:00:00Z</updated></entry></feed>`, 0},
	} {
		f, err := Parse([]byte(c.body), "application/xml", fetched)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if f.TTL != c.want {
			t.Errorf("%s: TTL %v, want %v", c.name, f.TTL, c.want)
		}
		if len(f.Items) != 1 {
			t.Errorf("%s: %d items", c.name, len(f.Items))
		}
	}
}

// An RSS item's <source url="…">Outlet</source>, which Google News gives
// every item, names the item's own outlet; an item without one names none.
func TestItemSourceNamesItsOutlet(t *testing.T) {
	body := `<?xml version="1.0"?><rss version="2.0"><channel><title>"x" - Google News</title>` +
		`<item><title>Judul - Tempo.co</title><link>https://news.google.com/rss/articles/CBMi1?oc=5</link>` +
		`<source url="https://www.tempo.co"> Tempo.co </source></item>` +
		`<item><title>b</title><link>https://news.example/b</link></item></channel></rss>`
	f, err := Parse([]byte(body), "application/rss+xml", fetched)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 2 {
		t.Fatalf("%d items", len(f.Items))
	}
	if a := f.Items[0]; a.Outlet != "Tempo.co" || a.OutletURL != "https://www.tempo.co" {
		t.Errorf("outlet %q at %q, want Tempo.co at https://www.tempo.co", a.Outlet, a.OutletURL)
	}
	if a := f.Items[1]; a.Outlet != "" || a.OutletURL != "" {
		t.Errorf("an item without <source>: outlet %q at %q", a.Outlet, a.OutletURL)
	}
}
