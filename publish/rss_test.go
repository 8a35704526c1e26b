package publish

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/mmcdole/gofeed"
)

func TestWriteRSSReadsBack(t *testing.T) {
	var b bytes.Buffer
	if err := WriteRSS(&b, testFeed(testStories())); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	checkXMLChars(t, data)
	path := writeTemp(t, "all.rss", data)
	res := feedparserCheck(t, path, 3)
	if res.Version != "rss20" {
		t.Errorf("feedparser version = %q, want rss20", res.Version)
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if feed.FeedType != "rss" || feed.Title != "warta: All stories" || feed.FeedLink != testBase+"/feeds/all.rss" {
		t.Errorf("feed = %q %q self %q", feed.FeedType, feed.Title, feed.FeedLink)
	}
	it := feed.Items[0]
	if it.GUID != "urn:warta:story:s1" || it.Link != "https://tempo.example/news/s1" {
		t.Errorf("item 1 guid/link = %q %q", it.GUID, it.Link)
	}
	// gorilla's RSS item has one category; every topic must be there.
	if want := []string{"International relations", "Ekonomi"}; !slices.Equal(it.Categories, want) {
		t.Errorf("categories = %q, want %q", it.Categories, want)
	}
	if len(it.Authors) != 1 || it.Authors[0].Name != "Budi Santoso" {
		t.Errorf("authors = %+v", it.Authors)
	}
	if it.PublishedParsed == nil || !it.PublishedParsed.Equal(t0) {
		t.Errorf("published = %v, want %v", it.PublishedParsed, t0)
	}
	if feed.Items[1].Title != "Rupiah falls against the dollar" {
		t.Errorf("item 2 title = %q", feed.Items[1].Title)
	}
}

func TestWriteJSONReadsBack(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, testFeed(testStories())); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	var doc struct {
		Version string `json:"version"`
		FeedURL string `json:"feed_url"`
		Items   []struct {
			ID          string   `json:"id"`
			URL         string   `json:"url"`
			Language    string   `json:"language"`
			Tags        []string `json:"tags"`
			ContentHTML string   `json:"content_html"`
			ContentText string   `json:"content_text"`
		} `json:"items"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "https://jsonfeed.org/version/1.1" || doc.FeedURL != testBase+"/feeds/all.json" {
		t.Errorf("version/feed_url = %q %q", doc.Version, doc.FeedURL)
	}
	if len(doc.Items) != 3 {
		t.Fatalf("items = %d", len(doc.Items))
	}
	if doc.Items[0].ID != "urn:warta:story:s1" || doc.Items[0].Language != "id" || doc.Items[1].Language != "en" {
		t.Errorf("item ids/languages = %+v", doc.Items)
	}
	if !slices.Equal(doc.Items[0].Tags, []string{"International relations", "Ekonomi"}) {
		t.Errorf("tags = %q", doc.Items[0].Tags)
	}
	for i, it := range doc.Items {
		if it.ContentHTML == "" && it.ContentText == "" {
			t.Errorf("item %d has neither content_html nor content_text", i)
		}
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if feed.FeedType != "json" || len(feed.Items) != 3 || feed.Items[0].Link != "https://tempo.example/news/s1" {
		t.Errorf("gofeed reads %q with %d items", feed.FeedType, len(feed.Items))
	}
}

func TestEmptyFeedsAreValid(t *testing.T) {
	f := testFeed(nil)
	f.Description = ""
	var rss, js bytes.Buffer
	if err := WriteRSS(&rss, f); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&js, f); err != nil {
		t.Fatal(err)
	}
	feedparserCheck(t, writeTemp(t, "empty.rss", rss.Bytes()), 0)
	var doc map[string]any
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if items, ok := doc["items"].([]any); !ok || len(items) != 0 {
		t.Errorf("empty JSON feed items = %#v, want []", doc["items"])
	}
}

func TestTruncateRunes(t *testing.T) {
	if got := truncateRunes("pendek", 10); got != "pendek" {
		t.Errorf("short = %q", got)
	}
	got := truncateRunes("satu dua tiga empat lima enam", 10)
	if got != "satu dua…" {
		t.Errorf("cut at a space = %q", got)
	}
	if got := truncateRunes("abcdefghijklmnop", 8); got != "abcdefgh…" {
		t.Errorf("cut without a space = %q", got)
	}
}
