package pipeline

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/store/sqlite"
	"github.com/warta-news/warta/topic"
)

// BenchmarkCycle measures a whole cycle — fetch, parse, normalise, stories,
// topics, store — over 10 local feeds of 50 new articles each, with the
// repository's default topics. It reports articles/s end to end.
func BenchmarkCycle(b *testing.B) {
	cfg, err := config.Load(filepath.Join("..", "config.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	tagger, err := topic.New(cfg.Topics)
	if err != nil {
		b.Fatal(err)
	}
	const feeds, perFeed = 10, 50
	round := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var sb strings.Builder
		sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>bench</title><language>id</language>`)
		for i := range perFeed {
			fmt.Fprintf(&sb, `<item><title>Menteri luar negeri %[1]d bertemu duta besar %[2]s membahas kerja sama %[3]d</title>
<link>https://news.example%[2]s/%[4]d/%[1]d</link><pubDate>Fri, 20 Nov 2026 10:%02[5]d:00 +0700</pubDate>
<description>&lt;p&gt;Pertemuan ke-%[1]d di Jakarta membahas perdagangan, investasi dan pendidikan antara kedua negara pada putaran %[4]d.&lt;/p&gt;&lt;p&gt;Baca juga: berita lain %[1]d&lt;/p&gt;</description></item>`,
				i, r.URL.Path, i*7+round, round, i%60)
		}
		sb.WriteString(`</channel></rss>`)
		w.Write([]byte(sb.String()))
	}))
	defer srv.Close()
	cfg.Sources = nil
	for i := range feeds {
		cfg.Sources = append(cfg.Sources, config.Source{Name: fmt.Sprint("feed", i), URL: fmt.Sprintf("%s/f%d", srv.URL, i)})
	}
	cfg.Storage.DSN = filepath.Join(b.TempDir(), "bench.db")
	cfg.Storage.Retention = 0
	st, err := sqlite.Open(context.Background(), cfg.Storage.DSN)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	p := New(cfg, Deps{Fetcher: fetch.New(fetch.Options{}, nil), Tagger: tagger, Store: st,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err := p.Init(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		round++
		rep, err := p.RunCycle(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if rep.New != feeds*perFeed {
			b.Fatalf("cycle stored %d new articles, want %d", rep.New, feeds*perFeed)
		}
	}
	b.ReportMetric(float64(b.N*feeds*perFeed)/time.Since(start).Seconds(), "articles/s")
}
