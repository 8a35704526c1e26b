package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/genre"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/sqlite"
	"github.com/warta-news/warta/store/storetest"
	"github.com/warta-news/warta/topic"
)

// hardWorld is a hard-news topic (IPTC politics) for the genre tests.
var hardWorld = topic.Spec{Slug: "world", Title: "World", IPTC: "medtop:11000000",
	Terms: map[string][]string{"en": {"embassy^5"}, "id": {"kedutaan^5"}}}

// The feeds are written for the test in the shapes real feeds have: a
// language-lesson feed whose lessons retell news stories, and a radio
// station's news feed with an audio clip on every report.
const (
	lessonFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Belajar Bahasa Inggris</title><link>https://lessons.example.com/</link>
<item><title>Embassy reopens in Kabul</title><link>https://lessons.example.com/1</link><description>The embassy reopened on Monday. Words: reopen, envoy.</description></item>
<item><title>Embassy staff return</title><link>https://lessons.example.com/2</link><description>The embassy staff returned. Words: staff, return.</description></item>
</channel></rss>`
	radioFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>City Radio</title><link>https://radio.example.com/</link>
<item><title>Embassy reopens in Kabul</title><link>https://radio.example.com/1</link><description>The embassy reopened on Monday, officials said.</description><enclosure url="https://radio.example.com/1.mp3" length="1" type="audio/mpeg"/></item>
<item><title>Embassy staff return to Kabul</title><link>https://radio.example.com/2</link><description>The embassy staff returned on Tuesday.</description><enclosure url="https://radio.example.com/2.mp3" length="1" type="audio/mpeg"/></item>
</channel></rss>`
)

// genreFeeds serves lessonFeed at /lessons and radioFeed at /radio.
func genreFeeds(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/lessons":
			w.Write([]byte(lessonFeed))
		case "/radio":
			w.Write([]byte(radioFeed))
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// newSQLiteStore opens a new SQLite store, closed when the test ends.
func newSQLiteStore(t *testing.T) store.Store {
	t.Helper()
	return storetest.Open(t, sqlite.Open, filepath.Join(t.TempDir(), "w.db"))
}

// cycleGenreFeeds runs a cycle over sources on a new SQLite store, tagging
// with hardWorld.
func cycleGenreFeeds(t *testing.T, sources []config.Source) (*Pipeline, store.Store) {
	t.Helper()
	ctx := context.Background()
	st := newSQLiteStore(t)
	p := newTestPipelineSources(t, st, []topic.Spec{hardWorld}, sources)
	if rep, err := p.RunCycle(ctx); err != nil || rep.Fetched != len(sources) {
		t.Fatalf("cycle: %+v, %v", rep, err)
	}
	return p, st
}

// A feed that is not news gives all its items its genre, which keeps them
// out of hard-news topics, in the cycle that stores them and when stored
// articles are re-tagged; a news feed with audio clips keeps its topics.
func TestFeedGenreKeepsLessonsOutOfHardNews(t *testing.T) {
	srv := genreFeeds(t)
	ctx := context.Background()
	p, st := cycleGenreFeeds(t, []config.Source{{Name: "lessons", URL: srv.URL + "/lessons"}, {Name: "radio", URL: srv.URL + "/radio"}})
	check := func(when string) {
		t.Helper()
		n := 0
		err := st.Since(ctx, time.Time{}, func(a *article.Article) error {
			n++
			lesson := a.Source == "lessons"
			if lesson && (a.FeedGenre != "lesson" || a.HasTopic("world")) {
				t.Errorf("%s: lesson %q: feed genre %q, topics %+v; want lesson and no world", when, a.Title, a.FeedGenre, a.Topics)
			}
			if !lesson && (a.FeedGenre != "" || !a.HasTopic("world")) {
				t.Errorf("%s: report %q: feed genre %q, topics %+v; want news in world", when, a.Title, a.FeedGenre, a.Topics)
			}
			return nil
		})
		if err != nil || n != 4 {
			t.Fatalf("%s: %d articles, %v", when, n, err)
		}
	}
	check("stored")
	if _, err := p.Retag(ctx); err != nil {
		t.Fatal(err)
	}
	check("re-tagged")
}

// A source's configured genre is what its feed is judged to be: news for
// a feed that would be taken for lessons, a podcast for one that would be
// taken for news. It is taken from the config when tagging, not stored as
// the feed's genre.
func TestSourceGenreOverridesTheFeeds(t *testing.T) {
	srv := genreFeeds(t)
	ctx := context.Background()
	_, st := cycleGenreFeeds(t, []config.Source{
		{Name: "lessons", URL: srv.URL + "/lessons", Genre: "news"},
		{Name: "radio", URL: srv.URL + "/radio", Genre: "podcast"},
	})
	n := 0
	err := st.Since(ctx, time.Time{}, func(a *article.Article) error {
		n++
		switch {
		case a.Source == "lessons" && (a.FeedGenre != "" || !a.HasTopic("world")):
			t.Errorf("%s %q: feed genre %q, topics %+v; want news in world", a.Source, a.Title, a.FeedGenre, a.Topics)
		case a.Source == "radio" && (a.FeedGenre != "" || a.HasTopic("world")):
			t.Errorf("%s %q: feed genre %q, topics %+v; want none stored and no world", a.Source, a.Title, a.FeedGenre, a.Topics)
		}
		return nil
	})
	if err != nil || n != 4 {
		t.Fatalf("%d articles, %v", n, err)
	}
}

// A refresh judges the feed by all its items, those stored before too: the
// one new item of a feed of releases, which alone says nothing, is a
// release.
func TestFeedGenreVotesOverStoredItemsToo(t *testing.T) {
	const (
		head    = `<?xml version="1.0"?><rss version="2.0"><channel><title>Tool</title><link>https://tool.example.org/</link>`
		release = `<item><title>v2.%d.0</title><link>https://tool.example.org/news/%d</link><description>Fixes the embassy map.</description></item>`
		cleanUp = `<item><title>Embassy map, rewritten</title><link>https://tool.example.org/news/9</link><description>The embassy map is new.</description></item>`
	)
	items := ""
	for i := range 3 {
		items += fmt.Sprintf(release, i, i)
	}
	body := head + items + `</channel></rss>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(body)) }))
	defer srv.Close()
	p, st := cycleGenreFeeds(t, []config.Source{{Name: "tool", URL: srv.URL}})
	body = head + cleanUp + items + `</channel></rss>`
	ctx := context.Background()
	if rep, err := p.RunCycle(ctx); err != nil || rep.Fetched != 1 {
		t.Fatalf("refresh: %+v, %v", rep, err)
	}
	n := 0
	err := st.Since(ctx, time.Time{}, func(a *article.Article) error {
		n++
		if a.FeedGenre != "release" || a.HasTopic("world") {
			t.Errorf("%q: feed genre %q, topics %+v; want release and no world", a.Title, a.FeedGenre, a.Topics)
		}
		return nil
	})
	if err != nil || n != 4 {
		t.Fatalf("%d articles, %v", n, err)
	}
}

// Re-tagging judges a stored article by its source's configured genre, as
// the cycle that stores it now does: an article stored before feed genres
// were kept (migration 0007 gives it none) from a source configured as a
// podcast leaves the hard-news topics, and one stored as a lesson from a
// source now configured as news joins them.
func TestRetagAppliesTheSourcesConfiguredGenre(t *testing.T) {
	ctx := context.Background()
	st := newSQLiteStore(t)
	now := time.Now().UTC()
	stored := func(id, source, feedGenre string) *article.Article {
		return &article.Article{ID: id, URL: "https://" + source + ".example.com/" + id, Source: source,
			Title: "Embassy reopens in Kabul", Text: "The embassy reopened on Monday, officials said.",
			Language: "en", Published: now, FirstSeen: now, FeedGenre: feedGenre,
			Topics: []article.TopicMatch{{Slug: "world", Score: 5}}}
	}
	if _, err := st.SaveSource(ctx, "radio", store.FetchState{}, []*article.Article{stored("r1", "radio", "")}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveSource(ctx, "lessons", store.FetchState{}, []*article.Article{stored("l1", "lessons", "lesson")}); err != nil {
		t.Fatal(err)
	}
	p := newTestPipelineSources(t, st, []topic.Spec{hardWorld}, []config.Source{
		{Name: "radio", URL: "https://radio.example.com/rss", Genre: "podcast"},
		{Name: "lessons", URL: "https://lessons.example.com/rss", Genre: "news"},
	})
	if _, err := p.Retag(ctx); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{"r1": false, "l1": true} {
		a, err := st.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.HasTopic("world") != want {
			t.Errorf("%s of %s: topics %+v, want world %v", id, a.Source, a.Topics, want)
		}
	}
}

// Init re-tags the stored articles when a source's hints change (its
// configured genre, forced topics, boosts), not only when the topic rules
// do: a store whose topic rules are recorded, as every store that ran
// once has, follows `genre: podcast` added to a source, an article stored
// before feed genres were kept (migration 0007 gives it none) included.
func TestInitRetagsWhenASourcesHintsChange(t *testing.T) {
	ctx := context.Background()
	st, _ := storedReport(t, []article.TopicMatch{{Slug: "world", Score: 5}})
	radio := config.Source{Name: "radio", URL: "https://radio.example.com/rss"}
	world := func(when string, want bool) {
		t.Helper()
		a, err := st.Article(ctx, "r1")
		if err != nil {
			t.Fatal(err)
		}
		if a.HasTopic("world") != want {
			t.Errorf("%s: topics %+v, want world %v", when, a.Topics, want)
		}
	}
	newTestPipelineSources(t, st, []topic.Spec{hardWorld}, []config.Source{radio})
	if _, ok, err := st.Meta(ctx, metaTopicRules); err != nil || !ok {
		t.Fatalf("no topic rules recorded: %t, %v", ok, err)
	}
	world("no genre configured", true)
	radio.Genre = "podcast"
	newTestPipelineSources(t, st, []topic.Spec{hardWorld}, []config.Source{radio})
	world("genre: podcast", false)
	radio.Topics = []string{"world"}
	newTestPipelineSources(t, st, []topic.Spec{hardWorld}, []config.Source{radio})
	world("genre: podcast, topics: [world]", true)
}

// The stream model learns a stored article as a cycle judges it: by its
// source's configured genre, so that a podcast source's hard-news-looking
// report stored before the genre was configured teaches it no hard news.
func TestLearnStoredAppliesTheSourcesConfiguredGenre(t *testing.T) {
	ctx := context.Background()
	st, now := storedReport(t, nil)
	tagger, err := topic.New([]topic.Spec{hardWorld})
	if err != nil {
		t.Fatal(err)
	}
	for genre, want := range map[string]int{"": 1, "news": 1, "podcast": 0} {
		cfg := &config.Config{Topics: []topic.Spec{hardWorld},
			Sources: []config.Source{{Name: "radio", URL: "https://radio.example.com/rss", Genre: genre}}}
		n, err := learnStored(ctx, cfg, st, tagger.NewStream(), now)
		if err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Errorf("genre %q: learned from %d articles, want %d", genre, n, want)
		}
	}
}

// storedReport stores, in a new SQLite store, a hard-news report (r1) of
// source "radio" first seen now with topics, as a build before feed
// genres stored it (no feed genre), and returns the store and now.
func storedReport(t *testing.T, topics []article.TopicMatch) (store.Store, time.Time) {
	t.Helper()
	ctx := context.Background()
	st := newSQLiteStore(t)
	now := time.Now().UTC()
	if _, err := st.SaveSource(ctx, "radio", store.FetchState{}, []*article.Article{{ID: "r1",
		URL: "https://radio.example.com/r1", Source: "radio", Title: "Embassy reopens in Kabul",
		Text: "The embassy reopened on Monday, officials said.", Language: "en", Published: now, FirstSeen: now,
		Topics: topics}}); err != nil {
		t.Fatal(err)
	}
	return st, now
}

// After an upgrade that changed the genre cues (genre.Version), the next
// fetch of a feed judges it again and gives its stored items the new
// genre, re-tagging them: a lesson feed an older build took for news
// leaves the hard-news topics (both drivers).
func TestFeedGenreRecomputedWhenTheCuesChange(t *testing.T) {
	srv := genreFeeds(t)
	sources := []config.Source{{Name: "lessons", URL: srv.URL + "/lessons"}}
	ctx := context.Background()
	state, old := olderGenreBuild(t, sources)
	for _, d := range storeDrivers() {
		t.Run(d.name, func(t *testing.T) {
			st := d.open(t)()
			if _, err := st.SaveSource(ctx, "lessons", state, old); err != nil {
				t.Fatal(err)
			}
			var reads atomic.Int32
			p := newTestPipelineSources(t, articleCounter{st, &reads}, []topic.Spec{hardWorld}, sources)
			if rep, err := p.RunCycle(ctx); err != nil || rep.Fetched != 1 {
				t.Fatalf("cycle: %+v, %v", rep, err)
			}
			// Judged once: the next fetch of the feed reads no stored article.
			reads.Store(0)
			if rep, err := p.RunCycle(ctx); err != nil || rep.Fetched != 1 || reads.Load() != 0 {
				t.Fatalf("next cycle: %+v, %v; %d stored articles read, want none", rep, err, reads.Load())
			}
			wantLessons(t, st)
		})
	}
}

// olderGenreBuild fetches sources' one feed, "lessons", into a scratch
// store and returns its fetch state and articles as a build that kept no
// genre version stored them: the items' vote words alone, no feed genre,
// the hard-news topic world.
func olderGenreBuild(t *testing.T, sources []config.Source) (store.FetchState, []*article.Article) {
	t.Helper()
	ctx := context.Background()
	_, scratch := cycleGenreFeeds(t, sources)
	states, err := scratch.FetchStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The fetch state as a build that kept no genre version wrote it: the
	// items' words alone.
	state := states["lessons"]
	var words []string
	for w := range strings.FieldsSeq(state.ItemVotes) {
		if len(w) >= voteKeyLen || strings.HasPrefix(w, storedAsMark) || strings.HasPrefix(w, hashMark) {
			words = append(words, w)
		}
	}
	state.ItemVotes = strings.Join(words, " ")
	var old []*article.Article
	if err := scratch.Since(ctx, time.Time{}, func(a *article.Article) error {
		a.FeedGenre, a.Topics = "", []article.TopicMatch{{Slug: "world", Score: 5}}
		old = append(old, a)
		return nil
	}); err != nil || len(old) != 2 {
		t.Fatalf("%d articles, %v", len(old), err)
	}
	return state, old
}

// wantLessons checks that st holds the lesson feed's two articles with its
// genre and without the hard-news topic.
func wantLessons(t *testing.T, st store.Store) {
	t.Helper()
	n := 0
	if err := st.Since(context.Background(), time.Time{}, func(a *article.Article) error {
		n++
		if a.FeedGenre != "lesson" || a.HasTopic("world") {
			t.Errorf("%q: feed genre %q, topics %+v; want lesson and no world", a.Title, a.FeedGenre, a.Topics)
		}
		return nil
	}); err != nil || n != 2 {
		t.Fatalf("%d articles, %v", n, err)
	}
}

// A feed that answers 304 to the conditional GET is judged again all the
// same after genre.Version changed: its fetch state's validators are not
// sent while its votes name another version, so the feed comes back whole
// (both drivers).
func TestFeedGenreRecomputedWhenTheFeedIsNotModified(t *testing.T) {
	sources, conditional := conditionalLessons(t)
	ctx := context.Background()
	state, old := olderGenreBuild(t, sources)
	if state.ETag != `"v1"` {
		t.Fatalf("fetch state's ETag %q, want \"v1\"", state.ETag)
	}
	for _, d := range storeDrivers() {
		t.Run(d.name, func(t *testing.T) {
			st := d.open(t)()
			if _, err := st.SaveSource(ctx, "lessons", state, old); err != nil {
				t.Fatal(err)
			}
			p := newTestPipelineSources(t, st, []topic.Spec{hardWorld}, sources)
			if rep, err := p.RunCycle(ctx); err != nil || rep.Fetched != 1 {
				t.Fatalf("cycle: %+v, %v; want the feed fetched whole", rep, err)
			}
			wantLessons(t, st)
			// Judged: the next fetch is conditional again.
			conditional.Store(0)
			if rep, err := p.RunCycle(ctx); err != nil || rep.NotModified != 1 || conditional.Load() != 1 {
				t.Fatalf("next cycle: %+v, %v; want 304", rep, err)
			}
		})
	}
}

// conditionalLessons serves the lesson feed with ETag "v1", answering 304
// to a request that sends it, counted in conditional; sources is its one
// source, "lessons".
func conditionalLessons(t *testing.T) (sources []config.Source, conditional *atomic.Int32) {
	t.Helper()
	conditional = new(atomic.Int32)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write([]byte(lessonFeed))
	}))
	t.Cleanup(srv.Close)
	return []config.Source{{Name: "lessons", URL: srv.URL + "/lessons"}}, conditional
}

// articleCounter counts the reads of single stored articles.
type articleCounter struct {
	store.Store
	reads *atomic.Int32
}

func (s articleCounter) Article(ctx context.Context, id string) (*article.Article, error) {
	s.reads.Add(1)
	return s.Store.Article(ctx, id)
}

// Votes that name a later genre.Version (a newer build sharing the store,
// during a rolling upgrade) are not stale to this build: the feed is
// fetched conditionally and its stored items keep the newer build's
// verdict (review 22: 3; both drivers).
func TestFeedGenreOfANewerBuildIsNotJudgedAgain(t *testing.T) {
	sources, conditional := conditionalLessons(t)
	ctx := context.Background()
	state, old := olderGenreBuild(t, sources)
	cur, err := strconv.Atoi(genre.Version)
	if err != nil {
		t.Fatal(err)
	}
	// As a newer build with other cues wrote them: the feed judged news.
	state.ItemVotes += " " + genreMark + strconv.Itoa(cur+1)
	for _, d := range storeDrivers() {
		t.Run(d.name, func(t *testing.T) {
			st := d.open(t)()
			if _, err := st.SaveSource(ctx, "lessons", state, old); err != nil {
				t.Fatal(err)
			}
			p := newTestPipelineSources(t, st, []topic.Spec{hardWorld}, sources)
			conditional.Store(0)
			if rep, err := p.RunCycle(ctx); err != nil || rep.NotModified != 1 || conditional.Load() != 1 {
				t.Fatalf("cycle: %+v, %v; want a conditional request answered 304", rep, err)
			}
			n := 0
			if err := st.Since(ctx, time.Time{}, func(a *article.Article) error {
				n++
				if a.FeedGenre != "" || !a.HasTopic("world") {
					t.Errorf("%q: feed genre %q, topics %+v; want the newer build's news and world", a.Title, a.FeedGenre, a.Topics)
				}
				return nil
			}); err != nil || n != 2 {
				t.Fatalf("%d articles, %v", n, err)
			}
		})
	}
}
