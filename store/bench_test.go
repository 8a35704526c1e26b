package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// benchArticle is a realistic-sized article: ~1.5 KB of text and HTML, two
// topics with term reasons.
func benchArticle(n, story int, slugs ...string) *article.Article {
	body := strings.Repeat("Pemerintah dan DPR menyetujui kerja sama ekonomi regional. ", 12)
	a := &article.Article{
		ID:          fmt.Sprintf("%032x", n),
		URL:         fmt.Sprintf("news.example.com/2026/03/%d/some-headline-words", n),
		Link:        fmt.Sprintf("https://news.example.com/2026/03/%d/some-headline-words?utm_source=rss", n),
		GUID:        fmt.Sprint(n),
		Source:      fmt.Sprintf("source-%d", n%40),
		Title:       fmt.Sprintf("Headline number %d about the economy", n),
		Summary:     "<p>" + body[:200] + "</p>",
		Content:     "<p>" + body + "</p>",
		Text:        body,
		Author:      "Reporter",
		Language:    "id",
		Categories:  []string{"Ekonomi", "Nasional"},
		Published:   base.Add(time.Duration(n) * time.Second),
		Updated:     base.Add(time.Duration(n) * time.Second),
		FirstSeen:   base.Add(time.Duration(n) * time.Second),
		StoryID:     fmt.Sprintf("%032x", story),
		Fingerprint: rand.Uint64(),
	}
	for _, s := range slugs {
		a.Topics = append(a.Topics, article.TopicMatch{Slug: s, Score: 1.5,
			Terms: []article.TermHit{{Term: "kerja sama", Field: "body", Weight: 1.5}}})
	}
	return a
}

// BenchmarkSaveSource measures inserts of fresh articles, one transaction
// per batch as the pipeline writes one source, per driver: batches of 50 (a
// typical feed) and of 1000 (bulk throughput).
func BenchmarkSaveSource(b *testing.B) {
	for _, d := range testDrivers() {
		for _, batch := range []int{50, 1000} {
			b.Run(fmt.Sprintf("driver=%s/batch=%d", d.name, batch), func(b *testing.B) {
				benchSaveSource(b, d.open(b), batch)
			})
		}
	}
}

func benchSaveSource(b *testing.B, s Store, batch int) {
	ctx := context.Background()
	n := 0
	for b.Loop() {
		arts := make([]*article.Article, batch)
		for i := range arts {
			n++
			arts[i] = benchArticle(n, n, "economy", "politics")
		}
		if _, err := s.SaveSource(ctx, "src", FetchState{Items: batch}, arts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "inserts/s")
}

// BenchmarkStories measures a page of 100 stories on 100k articles: 70k
// stories, a third of them with copies; "economy" tags ~1/3 of articles,
// "rare" ~1/500. Per driver.
func BenchmarkStories(b *testing.B) {
	for _, d := range testDrivers() {
		b.Run("driver="+d.name, func(b *testing.B) { benchStories(b, d.open(b)) })
	}
}

// loadStories fills s with the articles of BenchmarkStories.
func loadStories(tb testing.TB, s Store) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	const total, batch = 100_000, 5_000
	var leads []int
	arts := make([]*article.Article, 0, batch)
	for n := 1; n <= total; n++ {
		story := n
		if len(leads) > 0 && rng.IntN(10) < 3 {
			// A copy of a recent story.
			story = leads[max(0, len(leads)-1-rng.IntN(50))]
		} else {
			leads = append(leads, n)
		}
		var slugs []string
		switch r := rng.IntN(500); {
		case r == 0:
			slugs = []string{"rare"}
		case r < 170:
			slugs = []string{"economy", "politics"}
		default:
			slugs = []string{fmt.Sprintf("topic-%d", r%12)}
		}
		arts = append(arts, benchArticle(n, story, slugs...))
		if len(arts) == batch {
			if _, err := s.SaveSource(ctx, "src", FetchState{}, arts); err != nil {
				tb.Fatal(err)
			}
			arts = arts[:0]
		}
	}
	if p, ok := s.(*pgStore); ok {
		// As autovacuum would after such a load: plans need statistics.
		if _, err := p.pool.Exec(ctx, "ANALYZE"); err != nil {
			tb.Fatal(err)
		}
	}
}

func benchStories(b *testing.B, s Store) {
	ctx := context.Background()
	loadStories(b, s)
	for _, topic := range []string{"", "economy", "rare"} {
		b.Run("topic="+topic, func(b *testing.B) {
			for b.Loop() {
				st, err := s.Stories(ctx, topic, 100)
				if err != nil {
					b.Fatal(err)
				}
				if len(st) != 100 {
					b.Fatalf("%d stories", len(st))
				}
			}
		})
	}
}

// BenchmarkReadsDuringWrites measures Stories while another goroutine writes
// batches of 500 articles back to back: with the split pools (query-only
// readers beside the one writer, as Open builds them) and, for comparison,
// with everything on the single writer connection, where a read waits for
// the batch in flight.
func BenchmarkReadsDuringWrites(b *testing.B) {
	ctx := context.Background()
	st, _ := openTemp(b)
	split := st.(*sqliteStore)
	single := &sqliteStore{w: split.w, r: split.w}
	n := 0
	next := func(k int) []*article.Article {
		arts := make([]*article.Article, k)
		for i := range arts {
			n++
			arts[i] = benchArticle(n, n, "economy")
		}
		return arts
	}
	if _, err := split.SaveSource(ctx, "src", FetchState{}, next(2000)); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		s    *sqliteStore
	}{{"pools=split", split}, {"pools=single", single}} {
		b.Run(c.name, func(b *testing.B) {
			stop := make(chan struct{})
			done := make(chan error, 1)
			go func() {
				for {
					select {
					case <-stop:
						done <- nil
						return
					default:
					}
					if _, err := split.SaveSource(ctx, "src", FetchState{}, next(500)); err != nil {
						done <- err
						return
					}
				}
			}()
			for b.Loop() {
				if _, err := c.s.Stories(ctx, "economy", 100); err != nil {
					b.Fatal(err)
				}
			}
			close(stop)
			if err := <-done; err != nil {
				b.Fatal(err)
			}
		})
	}
}
