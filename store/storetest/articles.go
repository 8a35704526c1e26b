package storetest

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
)

func fullArticle() *article.Article {
	wib := time.FixedZone("WIB", 7*3600)
	return &article.Article{
		ID:         "0123456789abcdef0123456789abcdef",
		URL:        "example.com/2026/03/story?id=7",
		Link:       "https://www.example.com/2026/03/story?id=7&utm_source=rss#top",
		GUID:       "tag:example.com,2026:7",
		Source:     "example-en",
		Title:      "Ministers agree — “kerja sama” 🇮🇩",
		Summary:    "<p>Summary with <b>HTML</b></p>",
		Content:    "<p>Content body</p>\n<p>Second ' \" paragraph</p>",
		Text:       "Summary with HTML. Content body.",
		Author:     "Siti Rahma",
		Language:   "id",
		Categories: []string{"Politik", "Ekonomi"},
		FeedGenre:  "lesson",
		Outlet:     "Tempo.co",
		OutletURL:  "https://www.tempo.co",
		Published:  time.Date(2026, 3, 14, 16, 0, 0, 123456789, wib),
		Updated:    time.Date(2026, 3, 14, 17, 30, 0, 1, wib),
		FirstSeen:  time.Date(2026, 3, 14, 9, 31, 2, 999999999, time.UTC),
		Topics: []article.TopicMatch{
			{Slug: "politics", Score: 2.718281828459045, Terms: []article.TermHit{
				{Term: "kerja sama", Field: "title", Weight: 1.5},
				{Term: "menteri", Field: "body", Weight: 0.1 + 0.2},
			}},
			{Slug: "indonesia", Score: 1, Forced: true},
		},
		StoryID:     "fedcba9876543210fedcba9876543210",
		Fingerprint: 1<<63 + 0x1234_5678_9abc,
		Sketch:      []byte{1, 0, 0xff, 0x80, 0x7f, 0},
		StoryMatch:  article.StoryMatch{MatchedID: "fedcba9876543210fedcba9876543210", Similarity: 0.921875, Method: "minhash-lead"},
	}
}

// storedCopy is what a store of driver d must give back for a: the same,
// times in UTC and at d's precision.
func storedCopy(d Driver, a *article.Article) *article.Article {
	c := *a
	c.Published, c.Updated, c.FirstSeen = d.stored(a.Published), d.stored(a.Updated), d.stored(a.FirstSeen)
	if a.Source != "" {
		c.CarriedBy = []string{a.Source}
	}
	return &c
}

// storedState is the fetch state d's store gives back for st.
func storedState(d Driver, st store.FetchState) store.FetchState {
	st.LastAttempt, st.LastSuccess, st.NextAttempt = d.stored(st.LastAttempt), d.stored(st.LastSuccess), d.stored(st.NextAttempt)
	return st
}

func testRoundTripEveryField(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	a := fullArticle()
	// A second article with zero times, nil slices and the max fingerprint.
	b := &article.Article{ID: "b", URL: "example.com/b", StoryID: "b", Fingerprint: ^uint64(0)}
	ids, err := s.SaveSource(ctx, "example-en", store.FetchState{}, []*article.Article{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids, []string{a.ID, b.ID}) {
		t.Fatalf("inserted %v", ids)
	}
	for _, want := range []*article.Article{storedCopy(d, a), b} {
		got, err := s.Article(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Article(%s):\n got %+v\nwant %+v", want.ID, got, want)
		}
		if got.Published.Location() != time.UTC {
			t.Errorf("Published location %v, want UTC", got.Published.Location())
		}
	}
}

func testNotFound(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	Save(t, s, &article.Article{ID: "nourl", StoryID: "nourl"})
	if _, err := s.Article(ctx, "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Article(missing) = %v, want store.ErrNotFound", err)
	}
}

func testEmptyStoryIDLeadsItsOwnStory(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	a := Art(1, 1)
	a.StoryID = ""
	Save(t, s, a)
	got, err := s.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.StoryID != a.ID {
		t.Errorf("StoryID = %q, want %q", got.StoryID, a.ID)
	}
	if a.StoryID != "" {
		t.Error("SaveSource modified its input")
	}
}

func testTimeOutOfRangeRefused(t *testing.T, s store.Store, d Driver) {
	a := Art(1, 1)
	a.Published = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := s.SaveSource(context.Background(), "src", store.FetchState{}, []*article.Article{a}); err == nil {
		t.Fatal("year 10000 accepted")
	}
}

func testSaveSourceFirstCopyWins(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	if ids := Save(t, s, Art(1, 1)); !slices.Equal(ids, []string{"id00001"}) {
		t.Fatalf("first save inserted %v", ids)
	}
	again := Art(1, 1)
	again.Title = "changed"
	b1, b2 := Art(2, 2, "x"), Art(2, 2, "y")
	b2.Title = "second copy in batch"
	ids := Save(t, s, again, b1, b2, Art(3, 3))
	if !slices.Equal(ids, []string{"id00002", "id00003"}) {
		t.Errorf("inserted %v, want [id00002 id00003]", ids)
	}
	if got, _ := s.Article(ctx, "id00001"); got.Title != "Title 1" {
		t.Errorf("stored article overwritten: title %q", got.Title)
	}
	got, err := s.Article(ctx, "id00002")
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Title 2" || len(got.Topics) != 1 || got.Topics[0].Slug != "x" {
		t.Errorf("in-batch duplicate: got title %q topics %+v, want the first copy", got.Title, got.Topics)
	}
	ex, err := s.Existing(ctx, []string{"id00001", "id00002", "nope"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ex, map[string]bool{"id00001": true, "id00002": true}) {
		t.Errorf("Existing = %v", ex)
	}
}

func testSaveSourceIsOneTransaction(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	old := store.FetchState{ETag: `"v1"`, Items: 1, LastSuccess: base}
	if _, err := s.SaveSource(ctx, "src", old, []*article.Article{Art(1, 1)}); err != nil {
		t.Fatal(err)
	}
	// The second half of the batch reuses article 1's URL under another ID:
	// the unique URL index rejects it, after article 2 was inserted.
	bad := Art(4, 4)
	bad.URL = Art(1, 1).URL
	newState := store.FetchState{ETag: `"v2"`, Items: 3, LastSuccess: base.Add(time.Hour)}
	_, err := s.SaveSource(ctx, "src", newState, []*article.Article{Art(2, 2, "t"), Art(3, 3), bad})
	if err == nil {
		t.Fatal("SaveSource with a duplicate URL succeeded")
	}
	ex, err := s.Existing(ctx, []string{"id00002", "id00003", "id00004"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ex) != 0 {
		t.Errorf("part of a failed batch was written: %v", ex)
	}
	st := fetchState(t, s, "src")
	if !reflect.DeepEqual(st, storedState(d, old)) {
		t.Errorf("fetch state after failed batch = %+v, want %+v", st, old)
	}
	if stories, _ := s.Stories(ctx, "t", 10); len(stories) != 0 {
		t.Errorf("topics of a failed batch were written: %v", StoryShape(stories))
	}

	// A cancelled context writes nothing either.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.SaveSource(cctx, "other", newState, []*article.Article{Art(5, 5)}); err == nil {
		t.Fatal("SaveSource with a cancelled context succeeded")
	}
	if ex, _ := s.Existing(ctx, []string{"id00005"}); len(ex) != 0 {
		t.Error("cancelled batch was written")
	}
	if st := fetchState(t, s, "other"); st != (store.FetchState{}) {
		t.Errorf("cancelled batch wrote fetch state %+v", st)
	}
}

func testSaveSourceRejectsArticleWithoutID(t *testing.T, s store.Store, d Driver) {
	_, err := s.SaveSource(context.Background(), "src", store.FetchState{}, []*article.Article{Art(1, 1), {URL: "x"}})
	if err == nil {
		t.Fatal("article without ID accepted")
	}
	if ex, _ := s.Existing(context.Background(), []string{"id00001"}); len(ex) != 0 {
		t.Error("batch with an invalid article was partly written")
	}
}

func testFetchState(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	if st := fetchState(t, s, "unknown"); st != (store.FetchState{}) {
		t.Fatalf("unknown source: %+v", st)
	}
	a := store.FetchState{
		ETag: `W/"abc"`, LastModified: "Sat, 14 Mar 2026 09:00:00 GMT",
		LastAttempt: base, LastSuccess: base.Add(-time.Hour), NextAttempt: base.Add(15 * time.Minute),
		Failures: 2, LastStatus: 503, LastError: "fetch: 503 Service Unavailable", Items: 20,
		ItemVotes: "0123456789abcdefen fedcba9876543210",
	}
	b := store.FetchState{LastAttempt: base.In(time.FixedZone("X", -5*3600)), LastStatus: 200}
	if err := saveState(s, "a", a); err != nil {
		t.Fatal(err)
	}
	if err := saveState(s, "b", store.FetchState{Failures: 9}); err != nil {
		t.Fatal(err)
	}
	if err := saveState(s, "b", b); err != nil { // replaces
		t.Fatal(err)
	}
	all, err := s.FetchStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a, b = storedState(d, a), storedState(d, b)
	want := map[string]store.FetchState{"a": a, "b": b}
	if !reflect.DeepEqual(all, want) {
		t.Errorf("FetchStates =\n %+v\nwant\n %+v", all, want)
	}
	if got := fetchState(t, s, "a"); !reflect.DeepEqual(got, a) {
		t.Errorf("FetchState(a) = %+v", got)
	}
}

// A model is stored whole with its version and replaced whole; bytes of
// every value survive, and a model is apart from the others and from meta.
func testModels(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	if v, data, ok, err := s.Model(ctx, "stream"); err != nil || ok || v != "" || data != nil {
		t.Fatalf("missing model: %q %v %v %v", v, data, ok, err)
	}
	big := make([]byte, 3<<20) // a grown stream model is megabytes
	for i := range big {
		big[i] = byte(i * 7)
	}
	if err := s.SetModel(ctx, "stream", "v1", big); err != nil {
		t.Fatal(err)
	}
	if err := s.SetModel(ctx, "other", "w", nil); err != nil {
		t.Fatal(err)
	}
	if v, data, ok, err := s.Model(ctx, "stream"); err != nil || !ok || v != "v1" || !bytes.Equal(data, big) {
		t.Fatalf("Model(stream) = %q, %d bytes, %v, %v; want v1 and the %d bytes stored", v, len(data), ok, err, len(big))
	}
	if err := s.SetModel(ctx, "stream", "v2", []byte{0, 1, 0xff}); err != nil {
		t.Fatal(err)
	}
	if v, data, ok, err := s.Model(ctx, "stream"); err != nil || !ok || v != "v2" || !bytes.Equal(data, []byte{0, 1, 0xff}) {
		t.Errorf("Model(stream) after replacing = %q %v %v %v", v, data, ok, err)
	}
	if v, data, ok, err := s.Model(ctx, "other"); err != nil || !ok || v != "w" || len(data) != 0 {
		t.Errorf("Model(other) = %q %v %v %v", v, data, ok, err)
	}
	if _, ok, err := s.Meta(ctx, "stream"); err != nil || ok {
		t.Errorf("a model shows in meta: %v %v", ok, err)
	}
}

func testMeta(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	if v, ok, err := s.Meta(ctx, "rules"); err != nil || ok || v != "" {
		t.Fatalf("missing key: %q %v %v", v, ok, err)
	}
	if err := s.SetMeta(ctx, "rules", "sha256:1"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetMeta(ctx, "rules", "sha256:2"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetMeta(ctx, "empty", ""); err != nil {
		t.Fatal(err)
	}
	if v, ok, err := s.Meta(ctx, "rules"); err != nil || !ok || v != "sha256:2" {
		t.Errorf("Meta(rules) = %q %v %v", v, ok, err)
	}
	if v, ok, err := s.Meta(ctx, "empty"); err != nil || !ok || v != "" {
		t.Errorf("Meta(empty) = %q %v %v", v, ok, err)
	}
	// A key replaced since it was read is not deleted.
	if done, err := s.DeleteMeta(ctx, "rules", "sha256:1"); err != nil || done {
		t.Errorf("DeleteMeta(rules, an old value) = %v %v, want not deleted", done, err)
	}
	if v, ok, err := s.Meta(ctx, "rules"); err != nil || !ok || v != "sha256:2" {
		t.Errorf("after deleting an old value: Meta(rules) = %q %v %v", v, ok, err)
	}
	if done, err := s.DeleteMeta(ctx, "rules", "sha256:2"); err != nil || !done {
		t.Errorf("DeleteMeta(rules, its value) = %v %v, want deleted", done, err)
	}
	if v, ok, err := s.Meta(ctx, "rules"); err != nil || ok {
		t.Errorf("after DeleteMeta: Meta(rules) = %q %v %v, want none", v, ok, err)
	}
}
