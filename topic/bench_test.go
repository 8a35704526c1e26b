package topic

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"testing"

	"github.com/warta-news/warta/actor"
	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/shared"
)

// benchArticles reads realistic news items (a title and a summary of a few
// hundred characters, English and Indonesian) from the dev data.
func benchArticles(b *testing.B) []*article.Article {
	b.Helper()
	f, err := os.Open(shared.Path(b, "data", "topics-dev.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out []*article.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() && len(out) < 2000 {
		var it struct{ Title, Summary, Language string }
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			b.Fatal(err)
		}
		if len(it.Summary) < 300 {
			continue
		}
		out = append(out, &article.Article{Title: it.Title, Text: it.Summary, Language: it.Language})
	}
	if len(out) == 0 {
		b.Fatal("no articles")
	}
	return out
}

// BenchmarkTag tags articles with the default topics; articles/s is the
// figure to watch (target: 20,000 on one core).
func BenchmarkTag(b *testing.B) {
	tg := defaultTagger(b)
	arts := benchArticles(b)
	chars := 0
	for _, a := range arts {
		chars += len(a.Title) + len(a.Text)
	}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		tg.Tag(arts[n%len(arts)], Hints{})
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(chars)/float64(len(arts)), "chars/article")
}

// BenchmarkTagUnknownLanguage tags articles without a language: both rule
// sets run.
func BenchmarkTagUnknownLanguage(b *testing.B) {
	tg := defaultTagger(b)
	arts := benchArticles(b)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		a := *arts[n%len(arts)]
		a.Language = ""
		tg.Tag(&a, Hints{})
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkStreamTag tags with the stream model after it learned from the
// articles: what the daemon and `warta tag` do.
func BenchmarkStreamTag(b *testing.B) {
	tg := defaultTagger(b)
	arts := benchArticles(b)
	st := tg.NewStream()
	st.Learn(arts, Hints{})
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		st.Tag(arts[n%len(arts)], Hints{})
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkStreamObserve is the cost of learning from one article.
func BenchmarkStreamObserve(b *testing.B) {
	tg := defaultTagger(b)
	arts := benchArticles(b)
	st := tg.NewStream()
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		st.Observe(arts[n%len(arts)], Hints{})
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkStreamSnapshotLoad loads the snapshot of a stream model that
// learned from the bench articles: what a start costs instead of learning
// again from the stored articles' text.
func BenchmarkStreamSnapshotLoad(b *testing.B) {
	tg := defaultTagger(b)
	learned := tg.NewStream()
	arts := benchArticles(b)
	learned.Learn(arts, Hints{})
	snap, err := learned.MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := tg.NewStream().UnmarshalBinary(snap); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(snap)), "snapshot-bytes")
	b.ReportMetric(float64(len(arts)), "articles")
}

// BenchmarkLearnLeaderFullBook is a stream learning a new name when it
// keeps nearly StreamMaxLeaders names: the write lock Tag waits on.
func BenchmarkLearnLeaderFullBook(b *testing.B) {
	st := fullLeaderStream()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n++
		if n%freshLeaders == 0 {
			b.StopTimer()
			st = fullLeaderStream()
			b.StartTimer()
		}
		st.learnLeaders([]actor.Anchor{{Name: fmt.Sprintf("fresh%d person%d", n, n), State: "FR"}})
	}
}

// BenchmarkNew compiles the built-in topics, as every warta process does
// at start. retained-B is what one compiled Tagger keeps live (the heap
// after collections, with four of them kept and without, over four), which
// the collector's pace multiplies in a process's peak RSS.
func BenchmarkNew(b *testing.B) {
	specs := builtinSpecs(b)
	live := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	const kept = 4
	before := live()
	taggers := make([]*Tagger, kept)
	for i := range taggers {
		tg, err := New(specs)
		if err != nil {
			b.Fatal(err)
		}
		taggers[i] = tg
	}
	retained := (live() - before) / kept
	runtime.KeepAlive(taggers)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := New(specs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(retained), "retained-B")
}
