package pipeline

import (
	"context"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/dedupe"
	"github.com/warta-news/warta/store"
)

// The writer trusts a fetch worker's finding that an article is not
// stored only while nothing can have stored it since: after the story
// index caught up with another process's writes (loads moved), or once a
// source of the cycle outside the batch being written was written
// (written moved), it asks the store again, and an article stored
// meanwhile is not new.
func TestWriterAsksAgainWhenTheStoreMayHaveChanged(t *testing.T) {
	cases := []struct {
		name         string
		loadsMoved   bool
		inFlightFrom int // sources written before the batch being written
		wantAsked    bool
	}{
		{"nothing written since", false, 0, false},
		{"another process's writes caught up with", true, 0, true},
		{"a source of the cycle written since", false, 1, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := newSQLiteStore(t)
			counting := &existingCountingStore{Store: st}
			p := newTestPipelineWith(t, counting, "https://news.example/feed")
			now := time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
			a := &article.Article{ID: "embassy", URL: "https://news.example/embassy", Source: "B",
				Title: "Embassy reopens in Kabul", Text: "The embassy reopened on Monday.",
				Language: "en", Published: now, FirstSeen: now}
			// The worker asked before anything was written: not stored.
			r := &sourceResult{source: p.cfg.Sources[0], articles: []*article.Article{a},
				sketches: []dedupe.Sketched{p.sketcher.Sketch(a.Title, a.Text)},
				asked:    storedAsOf{complete: true, written: 0, loads: p.loads.Load()}}
			// Then the same article was stored, by another process or
			// with an earlier source of this cycle.
			stored := *a
			if _, err := st.SaveSource(context.Background(), "B", store.FetchState{}, []*article.Article{&stored}); err != nil {
				t.Fatal(err)
			}
			if c.loadsMoved {
				p.loads.Add(1)
			}
			counting.asked.Store(0)
			d, err := p.decideBatch(context.Background(), []*sourceResult{r}, &Report{}, nil, c.inFlightFrom)
			if err != nil {
				t.Fatal(err)
			}
			if asked := counting.asked.Load() > 0; asked != c.wantAsked {
				t.Fatalf("the writer asked the store: %v, want %v", asked, c.wantAsked)
			}
			if c.wantAsked && len(d.fresh[0]) != 0 {
				t.Errorf("the article stored since the worker asked is new again")
			}
			if !c.wantAsked && len(d.fresh[0]) != 1 {
				t.Errorf("the writer did not trust the worker's answer: %d new", len(d.fresh[0]))
			}
		})
	}
}
