package parse

import (
	"bytes"
	"os"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/warta-news/warta/internal/fixtures"
)

// BenchmarkParse reports items/s on the largest fixture (Viva, 200 items,
// 206 KB). The gofeed sub-benchmarks measure what disabling the content
// image scan saves.
func BenchmarkParse(b *testing.B) {
	benchFixture := "viva_all_2017-04-28.xml"
	if f := os.Getenv("WARTA_BENCH_FIXTURE"); f != "" {
		benchFixture = f
	}
	body, err := fixtures.Read(benchFixture)
	if err != nil {
		b.Fatal(err)
	}
	run := func(b *testing.B, parse func() (int, error)) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		items := 0
		for b.Loop() {
			n, err := parse()
			if err != nil {
				b.Fatal(err)
			}
			items += n
		}
		b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
	}
	b.Run("Parse", func(b *testing.B) {
		run(b, func() (int, error) {
			f, err := Parse(body, "application/rss+xml", fetched)
			if err != nil {
				return 0, err
			}
			return len(f.Items), nil
		})
	})
	b.Run("gofeed-image-scan", func(b *testing.B) {
		run(b, func() (int, error) {
			f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
			if err != nil {
				return 0, err
			}
			return len(f.Items), nil
		})
	})
	b.Run("gofeed-no-image-scan", func(b *testing.B) {
		run(b, func() (int, error) {
			p := gofeed.NewParser()
			p.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
			f, err := p.Parse(bytes.NewReader(body))
			if err != nil {
				return 0, err
			}
			return len(f.Items), nil
		})
	})
}

// BenchmarkCheckDepth is the depth pre-scan alone on the same fixture,
// to set against BenchmarkParse/Parse, which includes it.
func BenchmarkCheckDepth(b *testing.B) {
	body, err := fixtures.Read("viva_all_2017-04-28.xml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := checkDepth(body); err != nil {
			b.Fatal(err)
		}
	}
}
