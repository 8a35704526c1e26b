package genre

import "testing"

// BenchmarkOfFeed judges a news feed of 50 items, as every fetched feed
// is judged once when it is prepared.
func BenchmarkOfFeed(b *testing.B) {
	d := New()
	items := news(50)
	f := Feed{Title: "World news | Example Times", URLs: []string{"https://www.example.com/world/rss", "https://www.example.com/world"}, Items: 50}
	b.ReportAllocs()
	for b.Loop() {
		if d.OfFeed(f, items).Genre != News {
			b.Fatal("not news")
		}
	}
}
