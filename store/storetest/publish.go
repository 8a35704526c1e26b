package storetest

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
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

// testCarriedBy: a source listing an article another stored (or that a
// source's earlier name stored) is recorded as carrying it, is counted
// for it by ArticlesBySource, and moves the feeds' version the first
// time only; an ID not stored is ignored.
func testCarriedBy(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	Save(t, s, Art(1, 1), Art(2, 2))
	version := func() string {
		v, _, err := s.Meta(ctx, store.MetaFeedsVersion)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	before := version()
	carry := store.SourceWrite{Source: "aggregator", Carried: []string{Art(1, 1).ID, "not-stored"}}
	if _, err := s.SaveSources(ctx, []store.SourceWrite{carry}); err != nil {
		t.Fatal(err)
	}
	if version() == before {
		t.Error("a carrier recorded did not move the feeds' version")
	}
	a, err := s.Article(ctx, Art(1, 1).ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Source != "src" || !slices.Equal(a.CarriedBy, []string{"aggregator", "src"}) {
		t.Errorf("article 1: source %q, carried by %q; want src, carried by aggregator and src", a.Source, a.CarriedBy)
	}
	stories, err := s.Stories(ctx, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range stories {
		want := []string{"src"}
		if st.ID == Art(1, 1).ID {
			want = []string{"aggregator", "src"}
		}
		if !slices.Equal(st.Lead.CarriedBy, want) {
			t.Errorf("Stories: %s carried by %q, want %q", st.ID, st.Lead.CarriedBy, want)
		}
	}
	got, err := s.ArticlesBySource(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"src": 2, "aggregator": 1}; !maps.Equal(got, want) {
		t.Errorf("ArticlesBySource = %v, want %v", got, want)
	}
	again := version()
	if _, err := s.SaveSources(ctx, []store.SourceWrite{carry}); err != nil {
		t.Fatal(err)
	}
	if version() != again {
		t.Error("a carrier recorded before moved the feeds' version again")
	}
	// A renamed source takes over what its earlier name carried, once.
	v := version()
	if n, err := s.CarryAs(ctx, "src", "renamed"); err != nil || n != 2 {
		t.Errorf("CarryAs(src, renamed) = %d, %v; want 2", n, err)
	}
	if version() == v {
		t.Error("CarryAs recording carriers did not move the feeds' version")
	}
	v = version()
	if n, err := s.CarryAs(ctx, "src", "renamed"); err != nil || n != 0 {
		t.Errorf("CarryAs again = %d, %v; want 0", n, err)
	}
	if version() != v {
		t.Error("CarryAs recording nothing moved the feeds' version")
	}
	if got, _ := s.ArticlesBySource(ctx); got["renamed"] != 2 {
		t.Errorf("after CarryAs ArticlesBySource = %v, want renamed 2", got)
	}
	// Pruned, an article takes its carriers with it.
	if _, err := s.Prune(ctx, time.Now().Add(time.Hour), nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ArticlesBySource(ctx); len(got) != 0 {
		t.Errorf("after pruning everything ArticlesBySource = %v, want none", got)
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
// order, the first full of them as Stories reads them but for what no
// feed document shows (the articles' plain text and sketches, the topics'
// matched terms: a driver may leave them out) and the others as their
// lead's ID, publication time and arrival (FirstSeen) only; with or without a topic.
func testStoryHeads(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	// storyFixture's stories, with every field a document shows or not.
	rich := func(n, storyN int, topics ...string) *article.Article {
		a := Art(n, storyN, topics...)
		a.Summary, a.Content = fmt.Sprintf("Summary %d", n), fmt.Sprintf("<p>Content %d</p>", n)
		a.Text, a.Sketch = fmt.Sprintf("Content %d", n), []byte{byte(n), 1, 2, 3}
		a.Author, a.Language, a.Categories = "A. Writer", "en", []string{"c"}
		for i := range a.Topics {
			a.Topics[i].Terms = []article.TermHit{{Term: "vote", Field: "body", Weight: float64(n)}}
		}
		return a
	}
	a7 := rich(7, 7, "sport")
	a7.Published, a7.FirstSeen = Art(6, 6).Published, Art(6, 6).FirstSeen
	Save(t, s, rich(1, 1, "politics"), rich(3, 3), rich(4, 1), rich(6, 6, "sport"))
	Save(t, s, rich(2, 1), rich(5, 3, "politics"), a7)
	// shown is a story as a feed document shows it.
	shown := func(st *article.Story) *article.Story {
		out := &article.Story{ID: st.ID}
		for _, a := range st.Articles() {
			c := *a
			c.Text, c.Sketch = "", nil
			c.Topics = nil
			for _, tm := range a.Topics {
				tm.Terms = nil
				c.Topics = append(c.Topics, tm)
			}
			if a == st.Lead {
				out.Lead = &c
			} else {
				out.Copies = append(out.Copies, &c)
			}
		}
		return out
	}
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
					if w.Lead.Text == "" || len(w.Lead.Sketch) == 0 {
						t.Fatalf("%q: Stories read story %d without its text or sketch", topic, i)
					}
					if !reflect.DeepEqual(shown(st), shown(w)) {
						t.Errorf("%q full %d: story %d = %+v, want %+v", topic, full, i, shown(st), shown(w))
					}
					continue
				}
				head := &article.Story{ID: w.ID, Lead: &article.Article{ID: w.ID, StoryID: w.ID,
					Published: w.Lead.Published, FirstSeen: w.Lead.FirstSeen}}
				if !reflect.DeepEqual(st, head) {
					t.Errorf("%q full %d: story %d = %+v, want its head %+v", topic, full, i, st, head)
				}
			}
		}
	}
}

// hourCount is one count ArticlesPerHour reports.
type hourCount struct {
	hour          time.Time
	source, topic string
}

// testArticlesPerHour: the articles first seen from t on, counted by UTC
// hour per source and per topic, as the status charts show them; an
// article before t is not counted.
func testArticlesPerHour(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	h0 := base.UTC().Truncate(time.Hour)
	at := func(n int, source string, seen time.Duration, topics ...string) *article.Article {
		a := Art(n, n, topics...)
		a.Source, a.FirstSeen = source, h0.Add(seen)
		return a
	}
	Save(t, s, at(1, "src", 10*time.Minute, "politics", "sport"), at(2, "src", 50*time.Minute, "politics"),
		at(3, "tempo", 65*time.Minute, "sport"), at(4, "src", -time.Minute, "politics"))
	got := map[hourCount]int{}
	err := s.ArticlesPerHour(ctx, h0, func(hour time.Time, source, topic string, n int) error {
		if (source == "") == (topic == "") {
			t.Errorf("count %d at %v names source %q and topic %q: want one of them", n, hour, source, topic)
		}
		got[hourCount{hour.UTC(), source, topic}] += n
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[hourCount]int{
		{h0, "src", ""}: 2, {h0.Add(time.Hour), "tempo", ""}: 1,
		{h0, "", "politics"}: 2, {h0, "", "sport"}: 1, {h0.Add(time.Hour), "", "sport"}: 1,
	}
	if !maps.Equal(got, want) {
		t.Errorf("ArticlesPerHour = %v, want %v", got, want)
	}
	stop := fmt.Errorf("stop")
	if err := s.ArticlesPerHour(ctx, h0, func(time.Time, string, string, int) error { return stop }); err != stop {
		t.Errorf("an error from fn: ArticlesPerHour returned %v, want it", err)
	}
}

// testCarriersOfALargeBatch: a batch whose sources list more articles than
// SQLite takes variables in one statement records each stored one for
// each source that listed it, once, and ignores the others.
func testCarriersOfALargeBatch(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	Save(t, s, Art(1, 1), Art(2, 2), Art(3, 3))
	listed := make([]string, 0, 33_010)
	for i := range 33_000 {
		listed = append(listed, fmt.Sprintf("not-stored-%d", i))
	}
	listed = append(listed, Art(1, 1).ID, Art(3, 3).ID, Art(1, 1).ID)
	batch := []store.SourceWrite{{Source: "a", Carried: listed}, {Source: "b", Carried: []string{Art(2, 2).ID, Art(3, 3).ID}}}
	if _, err := s.SaveSources(ctx, batch); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{Art(1, 1).ID: {"a", "src"}, Art(2, 2).ID: {"b", "src"}, Art(3, 3).ID: {"a", "b", "src"}}
	for id, sources := range want {
		a, err := s.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a.CarriedBy, sources) {
			t.Errorf("%s carried by %q, want %q", id, a.CarriedBy, sources)
		}
	}
	if got, want := mustBySource(t, s), map[string]int{"src": 3, "a": 2, "b": 2}; !maps.Equal(got, want) {
		t.Errorf("ArticlesBySource = %v, want %v", got, want)
	}
}

func mustBySource(t *testing.T, s store.Store) map[string]int {
	t.Helper()
	got, err := s.ArticlesBySource(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return got
}
