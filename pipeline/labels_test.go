package pipeline

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
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
			rest, err := ConfiguredLabels(ctx, st, p2.cfg.TopicBySlug)
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
	f.cycle(0)
	stories, err := f.st.Stories(ctx, "", 10)
	if err != nil || len(stories) != 1 {
		t.Fatalf("stories after the first cycle: %d, %v", len(stories), err)
	}
	story := stories[0].ID
	if err := f.st.SetLabel(ctx, article.Label{Story: story, Topic: testWorld.Slug, Of: false, At: f.clock}); err != nil {
		t.Fatal(err)
	}
	// The label is of a topic the uncorrected text does not have: the
	// cycle has nothing to apply until the correction comes.
	f.body.Store(afterCorrection)
	f.cycle(30 * time.Minute)
	a, err := f.st.Article(ctx, stories[0].Lead.ID)
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
