package storetest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/publish"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/internal/schema"
)

// storyFixture: stories 1, 3, 6 (leads), copies 2, 4 of story 1 and 5 of
// story 3; article 7 is a lead published and first seen at the same
// instant as 6.
func storyFixture(t *testing.T, s store.Store) {
	t.Helper()
	a7 := Art(7, 7, "sport")
	a7.Published, a7.FirstSeen = Art(6, 6).Published, Art(6, 6).FirstSeen
	// Copy 4 is saved before copy 2 but was first seen later.
	Save(t, s, Art(1, 1, "politics"), Art(3, 3), Art(4, 1), Art(6, 6, "sport"))
	Save(t, s, Art(2, 1), Art(5, 3, "politics"), a7)
}

func testStoriesOrderingLimitTopic(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	storyFixture(t, s)
	cases := []struct {
		topic string
		limit int
		want  []string
	}{
		// Last arrived lead first; 6 and 7 tie on FirstSeen, ID descending.
		{"", 10, []string{"id00007:id00007[]", "id00006:id00006[]", "id00003:id00003[id00005]", "id00001:id00001[id00002,id00004]"}},
		{"", 2, []string{"id00007:id00007[]", "id00006:id00006[]"}},
		// Story 3 qualifies through its copy 5.
		{"politics", 10, []string{"id00003:id00003[id00005]", "id00001:id00001[id00002,id00004]"}},
		{"politics", 1, []string{"id00003:id00003[id00005]"}},
		{"sport", 10, []string{"id00007:id00007[]", "id00006:id00006[]"}},
		{"nothing", 10, nil},
		{"", 0, nil},
	}
	for _, c := range cases {
		stories, err := s.Stories(ctx, c.topic, c.limit)
		if err != nil {
			t.Fatal(err)
		}
		if got := StoryShape(stories); !slices.Equal(got, c.want) {
			t.Errorf("Stories(%q, %d) = %v, want %v", c.topic, c.limit, got, c.want)
		}
	}
	// Articles in stories are complete, topics included.
	stories, _ := s.Stories(ctx, "politics", 1)
	if c := stories[0].Copies[0]; c.Title != "Title 5" || !c.HasTopic("politics") || c.StoryID != "id00003" {
		t.Errorf("copy loaded as %+v", c)
	}
}

func testSetTopics(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	storyFixture(t, s)
	terms := []article.TermHit{{Term: "bola", Field: "title", Weight: 2}}
	err := s.SetTopics(ctx, map[string][]article.TopicMatch{
		"id00001": {{Slug: "sport", Score: 2, Terms: terms}, {Slug: "economy", Score: 0.5}},
		"id00003": nil, // untagged
		"id00005": nil,
		"missing": {{Slug: "sport"}}, // ignored
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.Article(ctx, "id00001")
	if err != nil {
		t.Fatal(err)
	}
	want := []article.TopicMatch{{Slug: "sport", Score: 2, Terms: terms}, {Slug: "economy", Score: 0.5}}
	if !reflect.DeepEqual(a.Topics, want) {
		t.Errorf("topics = %+v, want %+v", a.Topics, want)
	}
	stories, err := s.Stories(ctx, "politics", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) != 0 {
		t.Errorf("politics still has %v", StoryShape(stories))
	}
	stories, _ = s.Stories(ctx, "sport", 10)
	if got := StoryShape(stories); len(got) != 3 || got[2] != "id00001:id00001[id00002,id00004]" {
		t.Errorf("sport stories = %v", got)
	}
	if _, err := s.Article(ctx, "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Error("SetTopics created an article")
	}
}

// testStoryByID: Story reads one story whole, its copies in the order
// they were first seen (not saved), each with its topics; a copy's ID or
// an unknown one is no story, nor is a pruned one.
func testStoryByID(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	storyFixture(t, s)
	for id, want := range map[string]string{"id00001": "id00001:id00001[id00002,id00004]", "id00003": "id00003:id00003[id00005]", "id00007": "id00007:id00007[]"} {
		st, err := s.Story(ctx, id)
		if err != nil {
			t.Fatalf("Story(%s): %v", id, err)
		}
		if got := StoryShape([]*article.Story{st}); got[0] != want {
			t.Errorf("Story(%s) = %s, want %s", id, got[0], want)
		}
	}
	st, _ := s.Story(ctx, "id00003")
	if len(st.Copies) != 1 || !st.Copies[0].HasTopic("politics") || st.Lead.Title == "" {
		t.Errorf("Story(id00003) read its articles without their topics or text: %+v", st)
	}
	for _, id := range []string{"id00002", "missing"} {
		if _, err := s.Story(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Story(%s) = %v, want ErrNotFound", id, err)
		}
	}
	// Pruned with its copies, a story is gone; one with a newer copy stays.
	if _, err := s.Prune(ctx, Art(5, 5).FirstSeen, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Story(ctx, "id00001"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Story(id00001) after prune = %v, want ErrNotFound", err)
	}
	if st, err := s.Story(ctx, "id00003"); err != nil || StoryShape([]*article.Story{st})[0] != "id00003:id00003[id00005]" {
		t.Errorf("Story(id00003) after prune = %+v, %v", st, err)
	}
}

func testPrune(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	storyFixture(t, s)
	for _, story := range []string{"id00001", "id00003"} {
		if err := s.SetLabel(ctx, article.Label{Story: story, Topic: "sport", At: base}); err != nil {
			t.Fatal(err)
		}
	}
	// Cut at article 5: 1-4 are older. Lead 1 has no copy at or after the
	// cut (2, 4 are older), so it goes; lead 3 keeps its newer copy 5.
	n, err := s.Prune(ctx, Art(5, 5).FirstSeen, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("pruned %d, want 3", n)
	}
	ex, _ := s.Existing(ctx, []string{"id00001", "id00002", "id00003", "id00004", "id00005", "id00006", "id00007"})
	for id, want := range map[string]bool{"id00001": false, "id00002": false, "id00003": true, "id00004": false, "id00005": true, "id00006": true, "id00007": true} {
		if ex[id] != want {
			t.Errorf("after prune %s stored = %v, want %v", id, ex[id], want)
		}
	}
	// The pruned articles' topics went with them.
	if st, _ := s.Stories(ctx, "politics", 10); !slices.Equal(StoryShape(st), []string{"id00003:id00003[id00005]"}) {
		t.Errorf("politics after prune = %v", StoryShape(st))
	}
	// The labels of the story no longer stored went; the other's stayed.
	if ls, err := s.Labels(ctx); err != nil || len(ls) != 1 || ls[0].Story != "id00003" {
		t.Errorf("labels after prune = %+v, %v; want id00003's alone", ls, err)
	}
	if n, err := s.Prune(ctx, time.Time{}, nil); err != nil || n != 0 {
		t.Errorf("Prune(zero) = %d, %v", n, err)
	}
}

// testPruneKeeps: an article keep keeps stays past the cut, and so does
// the lead of its story, with no newer copy.
func testPruneKeeps(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	storyFixture(t, s)
	var asked []string
	keep := func(id, source string) bool {
		asked = append(asked, id+"/"+source)
		return id == "id00004" && source == "src"
	}
	n, err := s.Prune(ctx, Art(5, 5).FirstSeen, keep)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("pruned %d, want 1 (id00002)", n)
	}
	slices.Sort(asked)
	if want := []string{"id00001/src", "id00002/src", "id00003/src", "id00004/src"}; !slices.Equal(asked, want) {
		t.Errorf("keep asked about %v, want %v", asked, want)
	}
	ex, _ := s.Existing(ctx, []string{"id00001", "id00002", "id00003", "id00004"})
	for id, want := range map[string]bool{"id00001": true, "id00002": false, "id00003": true, "id00004": true} {
		if ex[id] != want {
			t.Errorf("after prune %s stored = %v, want %v", id, ex[id], want)
		}
	}
}

func testSince(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	// More than two pages, with many articles sharing a FirstSeen so that
	// the ID tiebreak is exercised across page boundaries.
	var arts []*article.Article
	for i := 1; i <= 2*schema.SincePage+37; i++ {
		a := Art(i, i)
		a.FirstSeen = base.Add(time.Duration(i/10) * time.Second)
		arts = append(arts, a)
	}
	slices.Reverse(arts)
	Save(t, s, arts...)
	from := base.Add(3 * time.Second) // articles 30 onwards
	var got []string
	var last time.Time
	err := s.Since(ctx, from, func(a *article.Article) error {
		if a.FirstSeen.Before(last) {
			t.Errorf("%s out of order", a.ID)
		}
		last = a.FirstSeen
		got = append(got, a.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2*schema.SincePage+37-29 || got[0] != "id00030" || !slices.IsSorted(got) {
		t.Errorf("Since: %d articles, first %s, sorted %v", len(got), got[0], slices.IsSorted(got))
	}
	stop := errors.New("stop")
	n := 0
	err = s.Since(ctx, time.Time{}, func(*article.Article) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("Since stopped after %d with %v", n, err)
	}
}

// testConcurrentReadersWhileWriting runs readers beside a writer; run with
// -race. Every read must succeed (no SQLITE_BUSY) and see whole batches.
func testConcurrentReadersWhileWriting(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	const batches, per = 20, 10
	var wg sync.WaitGroup
	done := make(chan struct{})
	errs := make(chan error, 16)
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(done)
		for b := range batches {
			var arts []*article.Article
			for i := range per {
				n := b*per + i + 1
				arts = append(arts, Art(n, b*per+1, "t"))
			}
			if _, err := s.SaveSource(ctx, "src", store.FetchState{Items: b}, arts); err != nil {
				errs <- err
				return
			}
			if err := s.SetMeta(ctx, "batch", "x"); err != nil {
				errs <- err
				return
			}
		}
	}()
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				stories, err := s.Stories(ctx, "t", 100)
				if err != nil {
					errs <- err
					return
				}
				for _, st := range stories {
					if st.Lead == nil || len(st.Copies) != per-1 {
						errs <- errors.New("a reader saw half a batch")
						return
					}
				}
				if err := s.Since(ctx, base, func(*article.Article) error { return nil }); err != nil {
					errs <- err
					return
				}
				if _, err := s.FetchStates(ctx); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	stories, err := s.Stories(ctx, "", 1000)
	if err != nil || len(stories) != batches {
		t.Errorf("after writes: %d stories, %v", len(stories), err)
	}
}

// denseFixture is how many articles testStoriesDenseAndSparseTopics stores:
// 90% of them carry the dense topic, well above the 1000 tagged articles
// from which the SQLite store walks its leads index instead.
const denseFixture = 1400

// testStoriesDenseAndSparseTopics checks both plans of the SQLite store's
// story page (a topic with many tagged articles and a rare one) against a brute
// force over all articles, with arrival-minute and date ties and copies
// across batches.
func testStoriesDenseAndSparseTopics(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 9))
	var leads []int
	var batch []*article.Article
	for n := 1; n <= denseFixture; n++ {
		story := n
		if len(leads) > 3 && rng.IntN(3) == 0 {
			story = leads[rng.IntN(len(leads))]
		} else {
			leads = append(leads, n)
		}
		var slugs []string
		if rng.IntN(10) < 9 {
			slugs = append(slugs, "dense")
		}
		if rng.IntN(40) == 0 {
			slugs = append(slugs, "sparse")
		}
		a := Art(n, story, slugs...)
		// base is 53.589 s past its minute: up to 6 s more stay in it.
		a.FirstSeen = base.Add(time.Duration(rng.IntN(500))*time.Minute + time.Duration(rng.IntN(7))*time.Second)
		a.Published = base.Add(-time.Duration(rng.IntN(50)) * time.Minute)
		a.Updated = a.Published
		batch = append(batch, a)
		if len(batch) == 100 {
			Save(t, s, batch...)
			batch = batch[:0]
		}
	}
	Save(t, s, batch...)

	var all []*article.Article
	if err := s.Since(ctx, time.Time{}, func(a *article.Article) error { all = append(all, a); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, topic := range []string{"dense", "sparse", ""} {
		tagged := map[string]bool{}
		for _, a := range all {
			if topic == "" || a.HasTopic(topic) {
				tagged[a.StoryID] = true
			}
		}
		var want []*article.Story
		byID := map[string]*article.Story{}
		for _, a := range all { // all is in FirstSeen order: copies come out sorted
			if !tagged[a.StoryID] {
				continue
			}
			st := byID[a.StoryID]
			if st == nil {
				st = &article.Story{ID: a.StoryID}
				byID[a.StoryID] = st
				want = append(want, st)
			}
			if a.ID == a.StoryID {
				st.Lead = a
			} else {
				st.Copies = append(st.Copies, a)
			}
		}
		slices.SortFunc(want, func(x, y *article.Story) int { return arrivalOrder(x.Lead, y.Lead) })
		want = want[:min(len(want), 60)]
		got, err := s.Stories(ctx, topic, 60)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(StoryShape(got), StoryShape(want)) {
			t.Errorf("Stories(%q):\n got %v\nwant %v", topic, StoryShape(got), StoryShape(want))
		}
		if len(want) < 10 {
			t.Fatalf("fixture too small: %d %q stories", len(want), topic)
		}
	}
}

// arrivalOrder compares two leads as feeds list their stories: the minute
// the lead arrived (FirstSeen in UTC), the last first, then Published, the
// newest first, then ID, descending in byte order.
func arrivalOrder(x, y *article.Article) int {
	if c := y.FirstSeen.UTC().Truncate(time.Minute).Compare(x.FirstSeen.UTC().Truncate(time.Minute)); c != 0 {
		return c
	}
	if c := y.Published.Compare(x.Published); c != 0 {
		return c
	}
	return strings.Compare(y.ID, x.ID)
}

// testStoriesIDOrderIsByteOrder ties leads on FirstSeen with IDs whose
// order differs between byte order and a linguistic collation: stories and
// Since must follow byte order, as Go compares strings, on every driver.
func testStoriesIDOrderIsByteOrder(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	ids := []string{"b", "B", "a", "é", "A-1", "a1"}
	var arts []*article.Article
	for i, id := range ids {
		arts = append(arts, &article.Article{ID: id, StoryID: id, URL: fmt.Sprint("example.com/", i),
			Published: base, FirstSeen: base})
	}
	Save(t, s, arts...)
	want := slices.Clone(ids)
	slices.Sort(want)
	var since []string
	if err := s.Since(ctx, time.Time{}, func(a *article.Article) error { since = append(since, a.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(since, want) {
		t.Errorf("Since order %q, want %q", since, want)
	}
	stories, err := s.Stories(ctx, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, st := range stories {
		got = append(got, st.ID)
	}
	slices.Reverse(want)
	if !slices.Equal(got, want) {
		t.Errorf("Stories order %q, want %q", got, want)
	}
}

// testStoriesByArrival: a story stored after others dated later (a feed
// that dates items late, a source back from a backoff, a new source) comes
// first, so that a feed's first page, which readers poll, shows it: the
// newest stories are the last to arrive, by their lead's FirstSeen, then
// ID, whatever their dates; StoryHeads lists them so too, the later ones
// with their lead's arrival (review 16: 3).
func testStoriesByArrival(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	Save(t, s, Art(1, 1, "politics"), Art(2, 2, "politics"), Art(3, 3, "politics"))
	late := Art(4, 4, "politics")
	late.Published = base.Add(-24 * time.Hour)
	late.Updated = late.Published
	Save(t, s, late)
	heads, ok := s.(publish.StoryHeads)
	if !ok {
		t.Fatalf("%T does not read story heads (publish.StoryHeads)", s)
	}
	for _, topic := range []string{"", "politics"} {
		stories, err := s.Stories(ctx, topic, 2)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := StoryShape(stories), []string{"id00004:id00004[]", "id00003:id00003[]"}; !slices.Equal(got, want) {
			t.Errorf("Stories(%q, 2) = %v, want the last stored first: %v", topic, got, want)
		}
		got, err := heads.StoryHeads(ctx, topic, 3, 1)
		if err != nil || len(got) != 3 {
			t.Fatalf("StoryHeads(%q, 3, 1) = %d stories, %v", topic, len(got), err)
		}
		for i, id := range []string{"id00004", "id00003", "id00002"} {
			if got[i].ID != id {
				t.Errorf("StoryHeads(%q) story %d = %s, want %s", topic, i, got[i].ID, id)
			}
		}
		if seen, want := got[2].Lead.FirstSeen, stories[1].Lead.FirstSeen.Add(-time.Minute); !seen.Equal(want) {
			t.Errorf("StoryHeads(%q): a later story's lead first seen %v, want %v", topic, seen, want)
		}
	}
}

// testStoriesByArrivalMinute: one cycle stamps its articles' FirstSeen
// microseconds apart in the order it decided them, which follows the feeds'
// fetch order, not their news: a first ingest whose last fetched feed holds
// the oldest items must still list the newest news first. Stories come by
// the minute their lead arrived, the last first, then by the lead's
// Published, the newest first; a story of a later cycle, dated before all
// of them, still comes first (review 16: 3; brief arrival).
func testStoriesByArrivalMinute(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	cycle := base.Add(100 * time.Minute) // 53.589 s past its minute: the cycle stays in it
	n := 0
	arrive := func(at time.Time, published time.Duration) *article.Article {
		n++
		a := Art(n, n, "politics")
		a.FirstSeen = at.Add(time.Duration(n) * time.Microsecond)
		a.Published = base.Add(published)
		a.Updated = a.Published
		return a
	}
	// The first fetched feed brings the newest news, the last fetched one
	// news days old.
	Save(t, s, arrive(cycle, 99*time.Minute), arrive(cycle, 98*time.Minute))
	Save(t, s, arrive(cycle, -72*time.Hour), arrive(cycle, -73*time.Hour))
	heads, ok := s.(publish.StoryHeads)
	if !ok {
		t.Fatalf("%T does not read story heads (publish.StoryHeads)", s)
	}
	check := func(want ...string) {
		t.Helper()
		for _, topic := range []string{"", "politics"} {
			stories, err := s.Stories(ctx, topic, len(want))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, st := range stories {
				got = append(got, st.ID)
			}
			if !slices.Equal(got, want) {
				t.Errorf("Stories(%q, %d) = %v, want %v", topic, len(want), got, want)
			}
			hs, err := heads.StoryHeads(ctx, topic, len(want), 1)
			if err != nil {
				t.Fatal(err)
			}
			got = got[:0]
			for _, st := range hs {
				got = append(got, st.ID)
			}
			if !slices.Equal(got, want) {
				t.Errorf("StoryHeads(%q, %d, 1) = %v, want %v", topic, len(want), got, want)
			}
		}
	}
	check("id00001", "id00002")
	check("id00001", "id00002", "id00003", "id00004")
	// The next cycle, a minute later, finds a story dated before all.
	Save(t, s, arrive(cycle.Add(time.Minute), -96*time.Hour))
	check("id00005", "id00001", "id00002")
}
