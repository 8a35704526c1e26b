package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
)

// BenchArticle is a realistic-sized article: ~1.5 KB of text and HTML, two
// topics with term reasons.
func BenchArticle(n, story int, slugs ...string) *article.Article {
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

// Bench runs the benchmarks that compare drivers on d, as sub-benchmarks.
// SaveSource measures inserts of fresh articles, one transaction per batch
// as the pipeline writes one source: batches of 50 (a typical feed) and of
// 1000 (bulk throughput). Sketches measures the walk that rebuilds the
// story index at start, over 20,000 fixture-sized articles. StatusCharts
// compares reading those 20,000 whole (walk) with the store counting them
// per hour (count), the status charts' two ways. Stories measures a page of 100 stories on 100k
// articles: 70k stories, a third of them with copies; "economy" tags ~1/3
// of articles, "rare" ~1/500.
func Bench(b *testing.B, d Driver) {
	for _, batch := range []int{50, 1000} {
		b.Run(fmt.Sprintf("SaveSource/batch=%d", batch), func(b *testing.B) {
			benchSaveSource(b, d.fresh(b), batch)
		})
	}
	b.Run("SaveSources/25x20", func(b *testing.B) {
		benchSaveSources(b, d.fresh(b), 25, 20)
	})
	b.Run("SaveSources/carried=100x20", func(b *testing.B) {
		benchCarried(b, d.fresh(b), 100, 20)
	})
	b.Run("Sketches/20000", func(b *testing.B) {
		s := d.fresh(b)
		loadSketched(b, s, 20_000)
		benchSketches(b, s, 20_000)
	})
	b.Run("StatusCharts/20000", func(b *testing.B) {
		s := d.fresh(b)
		loadSketched(b, s, 20_000)
		benchStatusCharts(b, s, 20_000)
	})
	b.Run("ReadersWork", func(b *testing.B) {
		s := d.fresh(b)
		loadReadersWork(b, s)
		if d.Analyze != nil {
			d.Analyze(b, s)
		}
		benchReadersWork(b, s)
	})
	b.Run("Stories", func(b *testing.B) {
		s := d.fresh(b)
		loadStories(b, s)
		if d.Analyze != nil {
			d.Analyze(b, s)
		}
		benchStories(b, s)
	})
}

func benchSaveSource(b *testing.B, s store.Store, batch int) {
	ctx := context.Background()
	n := 0
	for b.Loop() {
		arts := make([]*article.Article, batch)
		for i := range arts {
			n++
			arts[i] = BenchArticle(n, n, "economy", "politics")
		}
		if _, err := s.SaveSource(ctx, "src", store.FetchState{Items: batch}, arts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "inserts/s")
}

// benchSaveSources writes ScatteredBatches of sources × items.
func benchSaveSources(b *testing.B, s store.Store, sources, items int) {
	ctx := context.Background()
	n := 0
	for b.Loop() {
		if _, err := s.SaveSources(ctx, ScatteredBatch(&n, sources, items)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "inserts/s")
}

// benchCarried writes what a refresh of sources × items writes when the
// feeds list only stored articles: their states and the carriers, every one
// recorded already.
func benchCarried(b *testing.B, s store.Store, sources, items int) {
	ctx := context.Background()
	n := 0
	batch := ScatteredBatch(&n, sources, items)
	if _, err := s.SaveSources(ctx, batch); err != nil {
		b.Fatal(err)
	}
	for i := range batch {
		for _, a := range batch[i].Articles {
			batch[i].Carried = append(batch[i].Carried, a.ID)
		}
		batch[i].Articles = nil
	}
	for b.Loop() {
		if _, err := s.SaveSources(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
}

// ScatteredBatch is a batch of sources × items fresh BenchArticles, as a
// first cycle over many feeds writes, numbered on from *n (which it
// advances). Sources are named after their articles' numbers, so every
// batch's are new too. IDs are scattered over the key space, as hashes of
// URLs are, so index inserts land on random pages.
func ScatteredBatch(n *int, sources, items int) []store.SourceWrite {
	batch := make([]store.SourceWrite, sources)
	for i := range batch {
		w := &batch[i]
		w.Source = fmt.Sprintf("source-%d", *n+1)
		w.State = store.FetchState{ETag: `"x"`, Items: items, LastSuccess: base}
		for range items {
			*n++
			a := BenchArticle(*n, *n, "economy", "politics")
			a.ID = fmt.Sprintf("%016x%016x", uint64(*n)*0x9e3779b97f4a7c15, *n)
			a.StoryID = a.ID
			a.URL = "news.example.com/" + a.ID
			w.Articles = append(w.Articles, a)
		}
	}
	return batch
}

// loadSketched stores n fixture-sized articles, each with a sketch of the
// size the story index stores.
func loadSketched(tb testing.TB, s store.Store, n int) {
	const batch = 2_000
	arts := make([]*article.Article, 0, batch)
	for i := 1; i <= n; i++ {
		a := BenchArticle(i, i, "economy", "politics")
		a.Sketch = make([]byte, 160)
		for j := range a.Sketch {
			a.Sketch[j] = byte(i + j)
		}
		arts = append(arts, a)
		if len(arts) == batch || i == n {
			if _, err := s.SaveSource(context.Background(), "src", store.FetchState{}, arts); err != nil {
				tb.Fatal(err)
			}
			arts = arts[:0]
		}
	}
}

// benchSketches walks the sketches of the n stored articles.
func benchSketches(b *testing.B, s store.Store, n int) {
	ctx := context.Background()
	for b.Loop() {
		got := 0
		if err := s.Sketches(ctx, time.Time{}, func(a *article.Article) error {
			if len(a.Sketch) == 0 {
				return fmt.Errorf("article %s without its sketch", a.ID)
			}
			got++
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		if got != n {
			b.Fatalf("%d sketches, want %d", got, n)
		}
	}
}

// benchStatusCharts compares the two reads of the status charts over n
// stored articles: a walk over every whole article (Since, what the
// charts read before review 16) and the store's count (ArticlesPerHour).
func benchStatusCharts(b *testing.B, s store.Store, n int) {
	ctx := context.Background()
	b.Run("walk", func(b *testing.B) {
		for b.Loop() {
			got := 0
			if err := s.Since(ctx, time.Time{}, func(*article.Article) error { got++; return nil }); err != nil {
				b.Fatal(err)
			}
			if got != n {
				b.Fatalf("%d articles, want %d", got, n)
			}
		}
	})
	b.Run("count", func(b *testing.B) {
		for b.Loop() {
			got := 0
			if err := s.ArticlesPerHour(ctx, time.Time{}, func(_ time.Time, source, _ string, k int) error {
				if source != "" {
					got += k
				}
				return nil
			}); err != nil {
				b.Fatal(err)
			}
			if got != n {
				b.Fatalf("%d articles, want %d", got, n)
			}
		}
	})
}

// loadStories fills s with the articles of the Stories benchmark.
func loadStories(tb testing.TB, s store.Store) {
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
		arts = append(arts, BenchArticle(n, story, slugs...))
		if len(arts) == batch {
			if _, err := s.SaveSource(ctx, "src", store.FetchState{}, arts); err != nil {
				tb.Fatal(err)
			}
			arts = arts[:0]
		}
	}
}

func benchStories(b *testing.B, s store.Store) {
	ctx := context.Background()
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

// readersWorkStories is how many stories loadReadersWork labels, each on
// five topics, and joins in pairs: a store whose readers have been busy
// for years.
const readersWorkStories = 2000

// loadReadersWork stores readersWorkStories stories, labels each on five
// topics and joins every second one into the one before it.
func loadReadersWork(tb testing.TB, s store.Store) {
	ctx := context.Background()
	arts := make([]*article.Article, readersWorkStories)
	for i := range arts {
		arts[i] = BenchArticle(i+1, i+1, "economy")
	}
	Save(tb, s, arts...)
	for i, a := range arts {
		for _, topic := range []string{"economy", "politics", "sport", "world", "science"} {
			if err := s.SetLabel(ctx, article.Label{Story: a.ID, Topic: topic, Of: i%2 == 0, At: a.FirstSeen}); err != nil {
				tb.Fatal(err)
			}
		}
		if i%2 == 1 {
			if _, err := s.JoinStory(ctx, article.Join{Story: a.ID, Into: arts[i-1].ID, At: a.FirstSeen}); err != nil {
				tb.Fatal(err)
			}
		}
	}
}

// benchReadersWork reads what a story's page shows of the readers' work,
// one story's labels and joins, against reading every label and join as
// the page did before StoryLabels and StoryJoins.
func benchReadersWork(b *testing.B, s store.Store) {
	ctx := context.Background()
	story := BenchArticle(readersWorkStories/2+1, readersWorkStories/2+1).ID
	for _, c := range []struct {
		name string
		read func() (int, error)
	}{
		{"Labels/every", func() (int, error) { ls, err := s.Labels(ctx); return len(ls), err }},
		{"Labels/story", func() (int, error) { ls, err := s.StoryLabels(ctx, story); return len(ls), err }},
		{"Joins/every", func() (int, error) { js, err := s.Joins(ctx); return len(js), err }},
		{"Joins/story", func() (int, error) { js, err := s.StoryJoins(ctx, story); return len(js), err }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if n, err := c.read(); err != nil || n == 0 {
					b.Fatalf("%s: %d read, %v", c.name, n, err)
				}
			}
		})
	}
}
