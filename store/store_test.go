package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
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
		StoryMatch:  article.StoryMatch{MatchedID: "fedcba9876543210fedcba9876543210", Similarity: 0.921875, Method: "simhash"},
	}
}

// storedCopy is what a store of driver d must give back for a: the same,
// times in UTC and at d's precision.
func storedCopy(d testDriver, a *article.Article) *article.Article {
	c := *a
	c.Published, c.Updated, c.FirstSeen = d.stored(a.Published), d.stored(a.Updated), d.stored(a.FirstSeen)
	return &c
}

// storedState is the fetch state d's store gives back for st.
func storedState(d testDriver, st FetchState) FetchState {
	st.LastAttempt, st.LastSuccess, st.NextAttempt = d.stored(st.LastAttempt), d.stored(st.LastSuccess), d.stored(st.NextAttempt)
	return st
}

func TestRoundTripEveryField(t *testing.T) {
	eachStore(t, testRoundTripEveryField)
}

func testRoundTripEveryField(t *testing.T, s Store, d testDriver) {
	ctx := context.Background()
	a := fullArticle()
	// A second article with zero times, nil slices and the max fingerprint.
	b := &article.Article{ID: "b", URL: "example.com/b", StoryID: "b", Fingerprint: ^uint64(0)}
	ids, err := s.SaveSource(ctx, "example-en", FetchState{}, []*article.Article{a, b})
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
		byURL, err := s.ArticleByURL(ctx, want.URL)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(byURL, want) {
			t.Errorf("ArticleByURL(%s) differs: %+v", want.URL, byURL)
		}
	}
}

func TestNotFound(t *testing.T) {
	eachStore(t, testNotFound)
}

func testNotFound(t *testing.T, s Store, d testDriver) {
	ctx := context.Background()
	save(t, s, &article.Article{ID: "nourl", StoryID: "nourl"})
	if _, err := s.Article(ctx, "missing"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(missing) = %v, want ErrNotFound", err)
	}
	for _, u := range []string{"example.com/missing", ""} {
		if _, err := s.ArticleByURL(ctx, u); !errors.Is(err, ErrNotFound) {
			t.Errorf("ArticleByURL(%q) = %v, want ErrNotFound", u, err)
		}
	}
}

func TestEmptyStoryIDLeadsItsOwnStory(t *testing.T) {
	eachStore(t, testEmptyStoryIDLeadsItsOwnStory)
}

func testEmptyStoryIDLeadsItsOwnStory(t *testing.T, s Store, d testDriver) {
	ctx := context.Background()
	a := art(1, 1)
	a.StoryID = ""
	save(t, s, a)
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

func TestTimeOutOfRangeRefused(t *testing.T) {
	eachStore(t, testTimeOutOfRangeRefused)
}

func testTimeOutOfRangeRefused(t *testing.T, s Store, d testDriver) {
	a := art(1, 1)
	a.Published = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := s.SaveSource(context.Background(), "src", FetchState{}, []*article.Article{a}); err == nil {
		t.Fatal("year 10000 accepted")
	}
}

func TestSaveSourceFirstCopyWins(t *testing.T) {
	eachStore(t, testSaveSourceFirstCopyWins)
}

func testSaveSourceFirstCopyWins(t *testing.T, s Store, d testDriver) {
	ctx := context.Background()
	if ids := save(t, s, art(1, 1)); !slices.Equal(ids, []string{"id00001"}) {
		t.Fatalf("first save inserted %v", ids)
	}
	again := art(1, 1)
	again.Title = "changed"
	b1, b2 := art(2, 2, "x"), art(2, 2, "y")
	b2.Title = "second copy in batch"
	ids := save(t, s, again, b1, b2, art(3, 3))
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

func TestSaveSourceIsOneTransaction(t *testing.T) {
	eachStore(t, testSaveSourceIsOneTransaction)
}

func testSaveSourceIsOneTransaction(t *testing.T, s Store, d testDriver) {
	ctx := context.Background()
	old := FetchState{ETag: `"v1"`, Items: 1, LastSuccess: base}
	if _, err := s.SaveSource(ctx, "src", old, []*article.Article{art(1, 1)}); err != nil {
		t.Fatal(err)
	}
	// The second half of the batch reuses article 1's URL under another ID:
	// the unique URL index rejects it, after article 2 was inserted.
	bad := art(4, 4)
	bad.URL = art(1, 1).URL
	newState := FetchState{ETag: `"v2"`, Items: 3, LastSuccess: base.Add(time.Hour)}
	_, err := s.SaveSource(ctx, "src", newState, []*article.Article{art(2, 2, "t"), art(3, 3), bad})
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
	st, err := s.FetchState(ctx, "src")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(st, storedState(d, old)) {
		t.Errorf("fetch state after failed batch = %+v, want %+v", st, old)
	}
	if stories, _ := s.Stories(ctx, "t", 10); len(stories) != 0 {
		t.Errorf("topics of a failed batch were written: %v", storyShape(stories))
	}

	// A cancelled context writes nothing either.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.SaveSource(cctx, "other", newState, []*article.Article{art(5, 5)}); err == nil {
		t.Fatal("SaveSource with a cancelled context succeeded")
	}
	if ex, _ := s.Existing(ctx, []string{"id00005"}); len(ex) != 0 {
		t.Error("cancelled batch was written")
	}
	if st, _ := s.FetchState(ctx, "other"); st != (FetchState{}) {
		t.Errorf("cancelled batch wrote fetch state %+v", st)
	}
}

func TestSaveSourceRejectsArticleWithoutID(t *testing.T) {
	eachStore(t, testSaveSourceRejectsArticleWithoutID)
}

func testSaveSourceRejectsArticleWithoutID(t *testing.T, s Store, d testDriver) {
	_, err := s.SaveSource(context.Background(), "src", FetchState{}, []*article.Article{art(1, 1), {URL: "x"}})
	if err == nil {
		t.Fatal("article without ID accepted")
	}
	if ex, _ := s.Existing(context.Background(), []string{"id00001"}); len(ex) != 0 {
		t.Error("batch with an invalid article was partly written")
	}
}

func TestFetchState(t *testing.T) {
	eachStore(t, testFetchState)
}

func testFetchState(t *testing.T, s Store, d testDriver) {
	ctx := context.Background()
	st, err := s.FetchState(ctx, "unknown")
	if err != nil || st != (FetchState{}) {
		t.Fatalf("unknown source: %+v, %v", st, err)
	}
	a := FetchState{
		ETag: `W/"abc"`, LastModified: "Sat, 14 Mar 2026 09:00:00 GMT",
		LastAttempt: base, LastSuccess: base.Add(-time.Hour), NextAttempt: base.Add(15 * time.Minute),
		Failures: 2, LastStatus: 503, LastError: "fetch: 503 Service Unavailable", Items: 20,
	}
	b := FetchState{LastAttempt: base.In(time.FixedZone("X", -5*3600)), LastStatus: 200}
	if err := s.SaveFetchState(ctx, "a", a); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveFetchState(ctx, "b", FetchState{Failures: 9}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveFetchState(ctx, "b", b); err != nil { // replaces
		t.Fatal(err)
	}
	all, err := s.FetchStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a, b = storedState(d, a), storedState(d, b)
	want := map[string]FetchState{"a": a, "b": b}
	if !reflect.DeepEqual(all, want) {
		t.Errorf("FetchStates =\n %+v\nwant\n %+v", all, want)
	}
	if got, _ := s.FetchState(ctx, "a"); !reflect.DeepEqual(got, a) {
		t.Errorf("FetchState(a) = %+v", got)
	}
}

func TestMeta(t *testing.T) {
	eachStore(t, testMeta)
}

func testMeta(t *testing.T, s Store, d testDriver) {
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
}

func TestOpenUnknownDriver(t *testing.T) {
	if _, err := Open(context.Background(), "mysql", "x"); err == nil {
		t.Error("unknown driver accepted")
	}
	if _, err := Open(context.Background(), "sqlite", ""); err == nil {
		t.Error("empty dsn accepted")
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err := Open(context.Background(), "sqlite", filepath.Join(file, "warta.db")); err == nil {
		s.Close()
		t.Error("database under a regular file opened")
	}
	if s, err := Open(context.Background(), "sqlite", file); err == nil {
		s.Close()
		t.Error("a file that is not a database opened")
	}
}

func TestMemory(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, "sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	save(t, s, art(1, 1, "x"), art(2, 1, "y"))
	// Since's callback may use the store even on the single connection.
	n := 0
	err = s.Since(ctx, time.Time{}, func(a *article.Article) error {
		n++
		_, err := s.Article(ctx, a.ID)
		return err
	})
	if err != nil || n != 2 {
		t.Fatalf("Since: %d articles, %v", n, err)
	}
	stories, err := s.Stories(ctx, "y", 5)
	if err != nil {
		t.Fatal(err)
	}
	if got := storyShape(stories); !slices.Equal(got, []string{"id00001:id00001[id00002]"}) {
		t.Errorf("Stories = %v", got)
	}
}
