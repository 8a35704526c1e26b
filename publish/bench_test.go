package publish

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
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

// BenchmarkServeVsFileServer measures requests/s over loopback HTTP for a
// 100-entry topic feed, 200 and 304, served by the publisher and by
// http.FileServer serving the same bytes from a file, in the same run.
// Compression is off on both sides so that the bytes are the same.
func BenchmarkServeVsFileServer(b *testing.B) {
	feeds, slugs := benchTopics()
	p := New(Options{BaseURL: testBase, MaxItems: 100}, feeds, &fakeLister{stories: manyStories(600, slugs)}, nil)
	if err := p.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	const path = "/feeds/topic-03.atom"
	body := p.snap.Load().resources[path].body
	dir := b.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "feeds"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "feeds", "topic-03.atom"), body, 0o644); err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, "feeds", "topic-03.atom"))
	if err != nil {
		b.Fatal(err)
	}
	servers := []struct {
		name string
		h    http.Handler
	}{{"warta", p.Handler()}, {"fileserver", http.FileServer(http.Dir(dir))}}
	for _, srv := range servers {
		ts := httptest.NewServer(srv.h)
		client := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 64}}
		first, err := client.Get(ts.URL + path)
		if err != nil {
			b.Fatal(err)
		}
		got, _ := io.ReadAll(first.Body)
		first.Body.Close()
		if !bytes.Equal(got, body) {
			b.Fatalf("%s serves other bytes", srv.name)
		}
		etag := first.Header.Get("ETag")
		for _, cond := range []bool{false, true} {
			name, want := srv.name+"/200", http.StatusOK
			if cond {
				name, want = srv.name+"/304", http.StatusNotModified
			}
			b.Run(name, func(b *testing.B) {
				b.SetParallelism(4)
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						req, _ := http.NewRequest("GET", ts.URL+path, nil)
						if cond {
							if etag != "" {
								req.Header.Set("If-None-Match", etag)
							} else {
								req.Header.Set("If-Modified-Since", fi.ModTime().UTC().Format(http.TimeFormat))
							}
						}
						resp, err := client.Do(req)
						if err != nil {
							b.Fatal(err)
						}
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if resp.StatusCode != want {
							b.Fatalf("%d, want %d", resp.StatusCode, want)
						}
					}
				})
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
			})
		}
		ts.Close()
	}
}
