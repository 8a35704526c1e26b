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
	"sync"
	"testing"
	"time"
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
// http.FileServer serving the same bytes from a file. The two alternate in
// short rounds within one run, so that a busy machine slows both alike;
// the ratio is the figure to compare. Compression is off on both sides so
// that the bytes are the same.
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
	file := filepath.Join(dir, "feeds", "topic-03.atom")
	if err := os.WriteFile(file, body, 0o644); err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(file)
	if err != nil {
		b.Fatal(err)
	}
	type server struct {
		url  string
		cond func(*http.Request) // makes a request conditional
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 64}}
	start := func(h http.Handler) string {
		ts := httptest.NewServer(h)
		b.Cleanup(ts.Close)
		return ts.URL + path
	}
	warta := server{url: start(p.Handler())}
	resp, err := client.Get(warta.url)
	if err != nil {
		b.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Equal(got, body) {
		b.Fatal("the publisher serves other bytes")
	}
	etag := resp.Header.Get("ETag")
	warta.cond = func(r *http.Request) { r.Header.Set("If-None-Match", etag) }
	files := server{url: start(http.FileServer(http.Dir(dir))), cond: func(r *http.Request) {
		r.Header.Set("If-Modified-Since", fi.ModTime().UTC().Format(http.TimeFormat))
	}}
	// round sends n requests from 4 clients at once and returns the time.
	const clients, perRound = 4, 64
	round := func(s server, conditional bool, want int) time.Duration {
		begin := time.Now()
		var wg sync.WaitGroup
		for range clients {
			wg.Go(func() {
				for range perRound / clients {
					req, _ := http.NewRequest("GET", s.url, nil)
					if conditional {
						s.cond(req)
					}
					resp, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != want {
						b.Errorf("%s: %d, want %d", s.url, resp.StatusCode, want)
					}
				}
			})
		}
		wg.Wait()
		return time.Since(begin)
	}
	for _, tc := range []struct {
		name        string
		conditional bool
		want        int
	}{{"200", false, http.StatusOK}, {"304", true, http.StatusNotModified}} {
		b.Run(tc.name, func(b *testing.B) {
			var tw, tf time.Duration
			for b.Loop() {
				tw += round(warta, tc.conditional, tc.want)
				tf += round(files, tc.conditional, tc.want)
			}
			n := float64(b.N * perRound)
			b.ReportMetric(n/tw.Seconds(), "warta-req/s")
			b.ReportMetric(n/tf.Seconds(), "fileserver-req/s")
			b.ReportMetric(tf.Seconds()/tw.Seconds(), "ratio")
			b.ReportMetric(float64(len(body)), "feed-bytes")
		})
	}
}
