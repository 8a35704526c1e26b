package storetest

import (
	"context"
	"maps"
	"reflect"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/publish"
	"github.com/warta-news/warta/store"
)

// testCountStories: the count is what Stories lists without a limit.
func testCountStories(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	storyFixture(t, s)
	// A copy whose lead is not stored is no story.
	Save(t, s, Art(9, 8, "politics"))
	for _, topic := range []string{"", "politics", "sport", "nothing"} {
		n, err := s.CountStories(ctx, topic)
		if err != nil {
			t.Fatal(err)
		}
		stories, err := s.Stories(ctx, topic, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if n != len(stories) {
			t.Errorf("CountStories(%q) = %d, Stories lists %d", topic, n, len(stories))
		}
	}
	if n, _ := s.CountStories(ctx, "politics"); n != 2 {
		t.Errorf("politics stories = %d, want 2 (one through a copy)", n)
	}
}

// testArticlesBySource counts every stored article under its source.
func testArticlesBySource(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	other := func(n, story int) *article.Article { a := Art(n, story); a.Source = "tempo"; return a }
	Save(t, s, Art(1, 1), Art(2, 1), other(3, 3))
	if _, err := s.SaveSource(ctx, "tempo", store.FetchState{}, []*article.Article{other(4, 1)}); err != nil {
		t.Fatal(err)
	}
	got, err := s.ArticlesBySource(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"src": 2, "tempo": 2}; !maps.Equal(got, want) {
		t.Errorf("ArticlesBySource = %v, want %v", got, want)
	}
}

// testSubscriptions: insert, replace by (topic, callback), delete, and
// survive reopening.
func testSubscriptions(t *testing.T, d Driver) {
	ctx := context.Background()
	dsn := d.NewDSN(t)
	s := d.Open(t, dsn)
	a := store.Subscription{Topic: "http://w.test/feeds/all.atom", Callback: "https://sub.example/cb?id=1", Secret: "s3cret",
		Expires: base.Add(7 * 24 * time.Hour), Delivered: "abc"}
	b := store.Subscription{Topic: "http://w.test/feeds/all.atom", Callback: "https://other.example/cb", Expires: base}
	c := store.Subscription{Topic: "http://w.test/feeds/economy.rss?lang=id", Callback: a.Callback, Expires: base}
	for _, sub := range []store.Subscription{a, b, c} {
		if err := s.SaveSubscription(ctx, sub); err != nil {
			t.Fatal(err)
		}
	}
	a.Failures, a.Delivered, a.Expires = 3, "def", base.Add(time.Hour)
	if err := s.SaveSubscription(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSubscription(ctx, b.Topic, b.Callback); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSubscription(ctx, "http://w.test/none", b.Callback); err != nil {
		t.Errorf("deleting an unknown subscription: %v", err)
	}
	if err := s.SaveSubscription(ctx, store.Subscription{Topic: "t", Callback: "c", Expires: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}); err == nil {
		t.Error("a lease past year 9999 was stored")
	}
	a.Expires, c.Expires = d.stored(a.Expires), d.stored(c.Expires)
	want := []store.Subscription{a, c}
	got, err := s.Subscriptions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Subscriptions = %+v, want %+v", got, want)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := d.Open(t, dsn).Subscriptions(ctx)
	if err != nil || !reflect.DeepEqual(again, want) {
		t.Errorf("after reopening: %+v, %v", again, err)
	}
}

// testStoryHeads: StoryHeads lists the stories Stories lists, in its
// order, the first full of them as Stories reads them and the others as
// their lead's ID and publication time only; with or without a topic.
func testStoryHeads(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	storyFixture(t, s)
	heads, ok := s.(publish.StoryHeads)
	if !ok {
		t.Fatalf("%T does not read story heads (publish.StoryHeads)", s)
	}
	for _, topic := range []string{"", "politics", "nothing"} {
		want, err := s.Stories(ctx, topic, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, full := range []int{0, 1, 3, 9} {
			got, err := heads.StoryHeads(ctx, topic, 3, full)
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
