package pipeline

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/sqlite"
	"github.com/warta-news/warta/store/storetest"
	"github.com/warta-news/warta/topic"
)

// labelFeed is one outlet's feed with the embassy report, under its own
// link: a second outlet's is a syndicated copy that joins the first's
// story.
func labelFeed(link string) string {
	return `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Embassy reopens in Kabul after three years</title><link>` + link + `</link>
<description>The embassy reopened on Monday after three years, its staff back in the capital, diplomats said at a ceremony attended by local officials and foreign guests.</description></item>
</channel></rss>`
}

// A reader's labels hold for a story as a whole: the next cycle applies a
// label set in the store to the story's stored articles, a copy that
// joins the story later is tagged by them, a re-tag under new rules keeps
// them, clearing one gives the topic back to the tagger (LabelStory), and
// a label of a story not stored, or of a topic the config has not, stops
// nothing.
func TestLabelsHoldForTheWholeStory(t *testing.T) {
	for _, d := range storeDrivers() {
		t.Run(d.name, func(t *testing.T) {
			ctx := context.Background()
			var second atomic.Bool
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch {
				case r.URL.Path == "/a":
					w.Write([]byte(labelFeed("https://a.example/embassy")))
				case second.Load():
					w.Write([]byte(labelFeed("https://b.example/kabul-embassy")))
				default:
					w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>`))
				}
			}))
			defer srv.Close()
			st := d.open(t)()
			sport := topic.Spec{Slug: "sport", Title: "Sport", Terms: map[string][]string{"en": {"football^5"}}}
			topics := []topic.Spec{testWorld, sport}
			p := newTestPipelineTopics(t, st, topics, srv.URL+"/a", srv.URL+"/b")
			cycle := func(p *Pipeline) {
				t.Helper()
				if _, err := p.RunCycle(ctx); err != nil {
					t.Fatal(err)
				}
			}
			// topicsOf returns every stored article's topics, by ID, and
			// the one story they make.
			topicsOf := func(when string) (map[string][]string, string) {
				t.Helper()
				got := map[string][]string{}
				stories := map[string]bool{}
				err := st.Since(ctx, time.Time{}, func(a *article.Article) error {
					got[a.ID] = topicSlugs(a.Topics)
					stories[a.StoryID] = true
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				if len(stories) != 1 {
					t.Fatalf("%s: %d stories, want one: %v", when, len(stories), stories)
				}
				for s := range stories {
					return got, s
				}
				return got, ""
			}
			want := func(when string, wantTopics []string, articles int) string {
				t.Helper()
				got, story := topicsOf(when)
				if len(got) != articles {
					t.Fatalf("%s: %d articles stored, want %d", when, len(got), articles)
				}
				for id, ts := range got {
					slices.Sort(ts)
					if !slices.Equal(ts, wantTopics) {
						t.Errorf("%s: article %s has topics %v, want %v", when, id, ts, wantTopics)
					}
				}
				return story
			}

			cycle(p)
			story := want("after the first cycle", []string{"world"}, 1)
			at := time.Date(2026, 12, 6, 5, 0, 0, 0, time.UTC)
			for _, l := range []article.Label{
				{Story: story, Topic: "world", Of: false, Note: "a local reopening", At: at},
				{Story: story, Topic: "sport", Of: true, At: at},
				{Story: story, Topic: "gone-topic", Of: true, At: at}, // a topic the config has not
				{Story: "no-such-story", Topic: "world", Of: true, At: at},
			} {
				if err := st.SetLabel(ctx, l); err != nil {
					t.Fatal(err)
				}
			}
			second.Store(true)
			cycle(p)
			want("after a cycle with the labels and a copy", []string{"sport"}, 2)

			labels, err := st.Labels(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(labels) != 4 {
				t.Errorf("labels after the cycle = %+v; want all four kept (a prune deletes those of stories gone)", labels)
			}
			// One story's labels, read alone, are what the whole set holds
			// of it: the configured topics' only.
			all, err := ConfiguredLabels(ctx, st, p.cfg)
			if err != nil {
				t.Fatal(err)
			}
			own, err := ConfiguredStoryLabels(ctx, st, p.cfg, story)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := own.Of(story), all.Of(story); len(own) != 1 || len(got) != 2 || !slices.Equal(got, want) {
				t.Errorf("ConfiguredStoryLabels(%s) = %+v; want the configured topics' labels of it alone, %+v", story, own, want)
			}

			// New rules re-tag the store: the labels hold.
			world2 := testWorld
			world2.Terms = map[string][]string{"en": {"embassy^5", "capital^2"}}
			p2 := newTestPipelineTopics(t, st, []topic.Spec{world2, sport}, srv.URL+"/a", srv.URL+"/b")
			want("after a re-tag under new rules", []string{"sport"}, 2)

			// The world label cleared: the tagger's verdict is back,
			// the sport label stands.
			if ok, err := st.DeleteLabel(ctx, story, "world"); err != nil || !ok {
				t.Fatalf("DeleteLabel = %v, %v", ok, err)
			}
			rest, err := ConfiguredLabels(ctx, st, p2.cfg)
			if err != nil {
				t.Fatal(err)
			}
			n, err := LabelStory(ctx, st, story, rest, "world", func(a *article.Article) []article.TopicMatch {
				return p2.stream.Tag(a, p2.hints[a.Source])
			})
			if err != nil || n != 2 {
				t.Fatalf("LabelStory = %d, %v; want both articles changed", n, err)
			}
			want("after the world label was cleared", []string{"sport", "world"}, 2)
			cycle(p2)
			want("after a cycle with the label cleared", []string{"sport", "world"}, 2)
			if _, err := LabelStory(ctx, st, "no-such-story", rest, "", nil); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("LabelStory of an unknown story: %v, want ErrNotFound", err)
			}
		})
	}
}

// topicSlugs returns the slugs of ms.
func topicSlugs(ms []article.TopicMatch) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Slug)
	}
	return out
}

// A source's correction is tagged again, and its story's label holds for
// the corrected text as it is written, not only from the next cycle on.
func TestLabelHoldsThroughACorrection(t *testing.T) {
	ctx := context.Background()
	f := newChangingFeed(t, beforeCorrection)
	_, lead := labelledStory(t, f, false)
	// The label is of a topic the uncorrected text does not have: the
	// cycle has nothing to apply until the correction comes.
	f.body.Store(afterCorrection)
	f.cycle(30 * time.Minute)
	a, err := f.st.Article(ctx, lead)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Embassy reopens in Kabul, ministers meet" {
		t.Fatalf("the correction was not stored: %q", a.Title)
	}
	if a.HasTopic(testWorld.Slug) {
		t.Errorf("the corrected article is tagged %v despite its story's label", topicSlugs(a.Topics))
	}
}

// BenchmarkApplyLabels measures what a cycle's readers' labels cost it
// when it applies them to the stored articles (the labels or the store
// changed since it last did): 200 labelled stories of three articles
// each on SQLite, already as their labels say (each story read, nothing
// written). It reports the time per labelled story.
func BenchmarkApplyLabels(b *testing.B) {
	ctx := context.Background()
	st := storetest.Open(b, sqlite.Open, filepath.Join(b.TempDir(), "w.db"))
	const stories = 200
	var arts []*article.Article
	var labels []article.Label
	for s := range stories {
		for c := range 3 {
			arts = append(arts, storetest.Art(s*3+c+1, s*3+1, "world"))
		}
		labels = append(labels, article.Label{Story: arts[s*3].ID, Topic: "world", Of: false, At: time.Now()})
	}
	storetest.Save(b, st, arts...)
	for _, l := range labels {
		if err := st.SetLabel(ctx, l); err != nil {
			b.Fatal(err)
		}
	}
	cfg := &config.Config{Topics: []topic.Spec{testWorld}}
	tagger, err := topic.New(cfg.Topics)
	if err != nil {
		b.Fatal(err)
	}
	p := New(cfg, Deps{Store: st, Tagger: tagger, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if _, err := p.loadLabels(ctx); err != nil {
		b.Fatal(err)
	}
	if err := p.applyLabels(ctx, nil); err != nil { // the first applies them
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		p.labelsApplied = "" // as when the labels or the store changed
		if err := p.applyLabels(ctx, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*stories), "ns/story")
}

// A cycle applies the labels to the stored articles again only when the
// labels or the store changed under it: each labelled story is read then,
// and not at every taking of the stories lock.
func TestLabelsAppliedOnlyWhenChanged(t *testing.T) {
	ctx := context.Background()
	f := newChangingFeed(t, oneItem)
	story, lead := labelledStory(t, f, false)
	reads := &storyReads{Store: f.st}
	f.p.store = reads
	f.cycle(time.Hour)
	if reads.n.Load() != 1 {
		t.Fatalf("the cycle after a label was set read the story %d times, want once", reads.n.Load())
	}
	f.cycle(time.Hour)
	if reads.n.Load() != 1 {
		t.Errorf("a cycle with nothing changed read the labelled story again (%d reads)", reads.n.Load())
	}
	labelWorld(t, f, story, true)
	f.cycle(time.Hour)
	if a, _ := f.st.Article(ctx, lead); reads.n.Load() != 2 || a == nil || !a.HasTopic(testWorld.Slug) {
		t.Errorf("after the label turned: %d story reads, article %+v", reads.n.Load(), a)
	}
}

// labelledStory runs f's first cycle, which must store one story, and
// labels that story as of (or not of) testWorld; it returns the story and
// its lead's ID.
func labelledStory(t *testing.T, f *changingFeed, of bool) (story, lead string) {
	t.Helper()
	f.cycle(0)
	stories, err := f.st.Stories(context.Background(), "", 10)
	if err != nil || len(stories) != 1 {
		t.Fatalf("stories after the first cycle: %d, %v", len(stories), err)
	}
	labelWorld(t, f, stories[0].ID, of)
	return stories[0].ID, stories[0].Lead.ID
}

// labelWorld labels story as of (or not of) testWorld, as of f's clock.
func labelWorld(t *testing.T, f *changingFeed, story string, of bool) {
	t.Helper()
	if err := f.st.SetLabel(context.Background(), article.Label{Story: story, Topic: testWorld.Slug, Of: of, At: f.clock}); err != nil {
		t.Fatal(err)
	}
}

// storyReads counts the Story calls made through it.
type storyReads struct {
	store.Store
	n atomic.Int64
}

func (s *storyReads) Story(ctx context.Context, id string) (*article.Story, error) {
	s.n.Add(1)
	return s.Store.Story(ctx, id)
}

// A label cleared while a cycle stored a copy with it applied (`warta
// label -clear` re-tags the articles stored when it runs): the next cycle
// gives the topic back to the tagger on every article of the story.
func TestClearedLabelReachesTheCopiesStoredMeanwhile(t *testing.T) {
	ctx := context.Background()
	f := newChangingFeed(t, oneItem)
	story, lead := labelledStory(t, f, false)
	f.cycle(time.Hour)
	if a, _ := f.st.Article(ctx, lead); a == nil || a.HasTopic(testWorld.Slug) {
		t.Fatalf("the label did not apply: %+v", a)
	}
	// Cleared in the store without its articles re-tagged: as a copy
	// stored with the label meanwhile is left.
	if ok, err := f.st.DeleteLabel(ctx, story, testWorld.Slug); err != nil || !ok {
		t.Fatal(ok, err)
	}
	f.cycle(time.Hour)
	if a, _ := f.st.Article(ctx, lead); a == nil || !a.HasTopic(testWorld.Slug) {
		t.Errorf("after the label was cleared the article is tagged %v, want world back", topicSlugs(a.Topics))
	}
}
