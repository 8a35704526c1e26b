package publish

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/sqlite"
)

// countingHeads counts how the publisher reads a store's stories.
type countingHeads struct {
	*sqlite.Store
	stories, heads int
}

func (c *countingHeads) Stories(ctx context.Context, topic string, limit int) ([]*article.Story, error) {
	c.stories++
	return c.Store.Stories(ctx, topic, limit)
}

func (c *countingHeads) StoryHeads(ctx context.Context, topic string, limit, full int) ([]*article.Story, error) {
	c.heads++
	return c.Store.StoryHeads(ctx, topic, limit, full)
}

// A publisher that only writes files reads only the first page's stories
// whole from a store that can (StoryHeads), and writes the very files a
// serving one writes: the same entries, the same pages and archive days.
func TestFilesOnlyReadsTheFirstPageWhole(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// 23 stories over six days, one in two about sport, with copies.
	var arts []*article.Article
	for i := range 23 {
		pub := t0.Add(-time.Duration(i) * 6 * time.Hour)
		lead := &article.Article{URL: fmt.Sprintf("https://news.test/%d", i), Source: "src",
			Title: fmt.Sprintf("Story %d", i), Content: fmt.Sprintf("<p>Body %d</p>", i), Text: fmt.Sprintf("Body %d", i),
			Language: "en", Published: pub, Updated: pub, FirstSeen: pub}
		lead.ID, lead.StoryID = article.IDFromURL(lead.URL), article.IDFromURL(lead.URL)
		if i%2 == 0 {
			lead.Topics = []article.TopicMatch{{Slug: "sport", Score: 3,
				Terms: []article.TermHit{{Term: "match", Field: "title", Weight: 3}}}}
		}
		arts = append(arts, lead)
		if i%3 == 0 {
			cp := *lead
			cp.URL = lead.URL + "/copy"
			cp.ID, cp.FirstSeen = article.IDFromURL(cp.URL), pub.Add(time.Minute)
			arts = append(arts, &cp)
		}
	}
	if _, err := st.SaveSource(ctx, "src", store.FetchState{}, arts); err != nil {
		t.Fatal(err)
	}
	feeds := []FeedInfo{{Slug: AllSlug, Title: "All"}, {Slug: "sport", Title: "Sport"}}
	write := func(lister StoryLister, filesOnly bool) map[string][]byte {
		t.Helper()
		dir := t.TempDir()
		opts := Options{BaseURL: testBase + "/", Dir: dir, FilesOnly: filesOnly, MaxItems: 4, Pages: 3,
			Now: func() time.Time { return t0.Add(time.Hour) }}
		p := New(opts, feeds, lister, slog.New(slog.NewTextHandler(testWriter{t}, nil)))
		if err := p.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		for _, f := range feeds {
			b, err := os.ReadFile(filepath.Join(dir, f.Slug+".atom"))
			if err != nil {
				t.Fatal(err)
			}
			files[f.Slug] = b
		}
		return files
	}
	counting := &countingHeads{Store: st}
	only, served := write(counting, true), write(st, false)
	if counting.heads != len(feeds) || counting.stories != 0 {
		t.Errorf("files only: %d StoryHeads and %d Stories reads, want %d and 0", counting.heads, counting.stories, len(feeds))
	}
	for slug, data := range served {
		if !bytes.Contains(data, []byte(`rel="last"`)) || !bytes.Contains(data, []byte(`rel="prev-archive"`)) {
			t.Errorf("%s: no last page or archive link to compare:\n%s", slug, data)
		}
		if !bytes.Equal(only[slug], data) {
			t.Errorf("%s differs:\nfiles only:\n%s\nserving:\n%s", slug, only[slug], data)
		}
	}

	// With a defined feed, "all" is read whole: the defined feed filters it.
	defined := append(feeds, FeedInfo{Slug: "src-only", Title: "src", Filter: "source:src"})
	counting = &countingHeads{Store: st}
	opts := Options{BaseURL: testBase + "/", Dir: t.TempDir(), FilesOnly: true, MaxItems: 4, Pages: 3,
		Now: func() time.Time { return t0.Add(time.Hour) }}
	if err := New(opts, defined, counting, slog.New(slog.NewTextHandler(testWriter{t}, nil))).Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if counting.heads != 1 || counting.stories != 1 {
		t.Errorf("with a defined feed: %d StoryHeads and %d Stories reads, want 1 and 1", counting.heads, counting.stories)
	}
}
