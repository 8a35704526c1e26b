package fetch

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/warta-news/warta/internal/fixtures"
)

// BenchmarkFetch fetches a real 58 KB feed from a local server, plain and
// gzipped, the common case for a polling cycle.
func BenchmarkFetch(b *testing.B) {
	feed, err := fixtures.Read("detik_news_2014-04-29_feedsportal.xml")
	if err != nil {
		b.Fatal(err)
	}
	gz := gzipBytes(b, feed)
	for _, bc := range []struct {
		name     string
		encoding string
		payload  []byte
	}{
		{"plain", "", feed},
		{"gzip", "gzip", gz},
	} {
		b.Run(bc.name, func(b *testing.B) {
			srv := newServer(b, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/rss+xml")
				if bc.encoding != "" {
					w.Header().Set("Content-Encoding", bc.encoding)
				}
				w.Header().Set("Content-Length", strconv.Itoa(len(bc.payload)))
				w.Write(bc.payload)
			})
			f := newFetcher(b, Options{})
			ctx := b.Context()
			b.SetBytes(int64(len(feed)))
			b.ReportAllocs()
			for b.Loop() {
				res, err := f.Fetch(ctx, Request{URL: srv.URL})
				if err != nil || len(res.Body) != len(feed) {
					b.Fatalf("err = %v", err)
				}
			}
		})
	}
	b.Run("not-modified", func(b *testing.B) {
		srv := newServer(b, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("ETag", `"x"`)
			w.WriteHeader(http.StatusNotModified)
		})
		f := newFetcher(b, Options{})
		ctx := b.Context()
		b.ReportAllocs()
		for b.Loop() {
			res, err := f.Fetch(ctx, Request{URL: srv.URL, ETag: `"x"`})
			if err != nil || !res.NotModified {
				b.Fatalf("err = %v", err)
			}
		}
	})
}
