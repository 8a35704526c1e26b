package publish

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
)

// benchTopics are 12 topics: with "all", 13 feeds.
func benchTopics() ([]FeedInfo, []string) {
	var feeds []FeedInfo
	var slugs []string
	for i := range 12 {
		slug := fmt.Sprintf("topic-%02d", i)
		feeds = append(feeds, FeedInfo{Slug: slug, Title: "Topik " + slug, Description: "Berita tentang " + slug})
		slugs = append(slugs, slug)
	}
	return feeds, slugs
}

// BenchmarkRefresh renders 13 feeds of 100 stories each in three formats,
// gzipped, plus the index and OPML.
func BenchmarkRefresh(b *testing.B) {
	feeds, slugs := benchTopics()
	// 12 topics × 100 stories each; every story has two topics.
	lister := &fakeLister{stories: manyStories(600, slugs)}
	p := New(Options{BaseURL: testBase, MaxItems: 100}, feeds, lister, nil)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := p.Refresh(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkServeFeed serves a cached 100-story feed, gzipped.
func BenchmarkServeFeed(b *testing.B) {
	feeds, slugs := benchTopics()
	p := New(Options{BaseURL: testBase}, feeds, &fakeLister{stories: manyStories(600, slugs)}, nil)
	if err := p.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	h := p.Handler()
	req := httptest.NewRequest("GET", "/feeds/all.atom", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}
