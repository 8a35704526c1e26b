package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
)

// StoryHeads lists the stories Stories lists, in its order, the first
// full of them as Stories reads them and the others as their lead's ID
// and publication time only; with or without a topic.
func TestStoryHeads(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	base := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	var arts []*article.Article
	for i := range 7 {
		pub := base.Add(-time.Duration(i) * time.Hour)
		a := &article.Article{URL: fmt.Sprintf("https://news.test/%d", i), Source: "src", Title: fmt.Sprint("Story ", i),
			Text: "Body", Language: "en", Published: pub, Updated: pub, FirstSeen: pub}
		a.ID = article.IDFromURL(a.URL)
		a.StoryID = a.ID
		if i%2 == 1 {
			a.Topics = []article.TopicMatch{{Slug: "sport", Score: 2}}
		}
		arts = append(arts, a)
		if i == 1 {
			cp := *a
			cp.URL += "/copy"
			cp.ID, cp.FirstSeen = article.IDFromURL(cp.URL), pub.Add(time.Minute)
			arts = append(arts, &cp)
		}
	}
	if _, err := s.SaveSource(ctx, "src", store.FetchState{}, arts); err != nil {
		t.Fatal(err)
	}
	for _, topic := range []string{"", "sport"} {
		want, err := s.Stories(ctx, topic, 5)
		if err != nil || len(want) == 0 {
			t.Fatalf("Stories(%q): %d, %v", topic, len(want), err)
		}
		for _, full := range []int{0, 2, 5, 9} {
			got, err := s.StoryHeads(ctx, topic, 5, full)
			if err != nil || len(got) != len(want) {
				t.Fatalf("StoryHeads(%q, full %d): %d stories, %v; want %d", topic, full, len(got), err, len(want))
			}
			for i, st := range got {
				w := want[i]
				if i < full {
					if !reflect.DeepEqual(st, w) {
						t.Errorf("%q full %d: story %d = %+v, want %+v", topic, full, i, st, w)
					}
					continue
				}
				head := &article.Story{ID: w.ID, Lead: &article.Article{ID: w.ID, StoryID: w.ID, Published: w.Lead.Published}}
				if !reflect.DeepEqual(st, head) {
					t.Errorf("%q full %d: story %d = %+v, want its head %+v", topic, full, i, st, head)
				}
			}
		}
	}
}
