package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/topic"
)

// tradeFeed is one outlet's feed with a trade report under its own link:
// another outlet's is a syndicated copy that joins its story.
func tradeFeed(links ...string) string {
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>`
	for _, link := range links {
		feed += `<item><title>Ministers agree to cut tariffs on rice and palm oil</title><link>` + link + `</link>
<description>Trade ministers agreed on Tuesday to cut tariffs on rice and palm oil from next year, officials said after two days of talks in the capital.</description></item>`
	}
	return feed + `</channel></rss>`
}

// A reader's join holds for the stories' later copies: after JoinStories
// (another process, here the same store) the pipeline's next cycle files
// a copy of the joined story under the one it joined, with that story's
// labels, because it rebuilt its story index (the stories' version
// changed); after UnjoinStory the joined story has its articles back, the
// copy that came through it included, and the next copy is filed under
// it again.
func TestJoinedStoriesTakeLaterCopies(t *testing.T) {
	for _, d := range storeDrivers() {
		t.Run(d.name, func(t *testing.T) {
			ctx := context.Background()
			var copies atomic.Int32 // how many copies of the trade report the third outlet lists
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch {
				case r.URL.Path == "/a":
					w.Write([]byte(labelFeed("https://a.example/embassy")))
				case r.URL.Path == "/c":
					w.Write([]byte(tradeFeed("https://c.example/tariffs")))
				case copies.Load() == 1:
					w.Write([]byte(tradeFeed("https://b.example/tariffs-1")))
				case copies.Load() == 2:
					w.Write([]byte(tradeFeed("https://b.example/tariffs-1", "https://b.example/tariffs-2")))
				default:
					w.Write([]byte(tradeFeed()))
				}
			}))
			defer srv.Close()
			st := d.open(t)()
			sport := topic.Spec{Slug: "sport", Title: "Sport", Terms: map[string][]string{"en": {"football^5"}}}
			p := newTestPipelineTopics(t, st, []topic.Spec{testWorld, sport}, srv.URL+"/a", srv.URL+"/c", srv.URL+"/b")
			cycle := func() {
				t.Helper()
				if _, err := p.RunCycle(ctx); err != nil {
					t.Fatal(err)
				}
			}
			// stories returns the stored articles' links by story.
			stories := func() map[string][]string {
				t.Helper()
				out := map[string][]string{}
				err := st.Since(ctx, time.Time{}, func(a *article.Article) error {
					out[a.StoryID] = append(out[a.StoryID], a.URL)
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				for _, urls := range out {
					slices.Sort(urls)
				}
				return out
			}
			storyOf := func(url string) string {
				t.Helper()
				for s, urls := range stories() {
					if slices.Contains(urls, url) {
						return s
					}
				}
				t.Fatalf("%s is not stored", url)
				return ""
			}
			// articleAt returns the stored article of url.
			articleAt := func(url string) *article.Article {
				t.Helper()
				var found *article.Article
				err := st.Since(ctx, time.Time{}, func(a *article.Article) error {
					if a.URL == url {
						found = a
					}
					return nil
				})
				if err != nil || found == nil {
					t.Fatalf("%s: not stored (%v)", url, err)
				}
				return found
			}
			cycle()
			embassy, trade := storyOf("https://a.example/embassy"), storyOf("https://c.example/tariffs")
			if embassy == trade {
				t.Fatal("the two reports are one story before any join")
			}
			at := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
			// The story the trade report joins is labelled sport: its
			// articles, and the joined ones, are of it.
			joins, _, err := JoinStories(ctx, st, p.cfg, []string{trade, embassy}, "a test", at, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(joins) != 1 {
				t.Fatalf("JoinStories made %+v, want one join", joins)
			}
			into, joined := joins[0].Into, joins[0].Story
			if err := st.SetLabel(ctx, article.Label{Story: into, Topic: "sport", Of: true, At: at}); err != nil {
				t.Fatal(err)
			}
			copies.Store(1)
			cycle()
			if got := stories(); len(got) != 1 || len(got[into]) != 3 {
				t.Fatalf("after a cycle with a copy of the joined story: stories %v, want the three in %s", got, into)
			}
			if a := articleAt("https://b.example/tariffs-1"); !a.HasTopic("sport") {
				t.Errorf("the copy of the joined story: topics %v; want sport, as the story it joined is labelled", a.Topics)
			}

			// Undone: the joined story has its article back and the copy
			// that came through it; the next copy joins it again.
			tag := func(a *article.Article) []article.TopicMatch { return p.stream.Tag(a, p.hints[a.Source]) }
			tagger := func(context.Context) (func(*article.Article) []article.TopicMatch, error) { return tag, nil }
			if _, err := UnjoinStory(ctx, st, p.cfg, joined, tagger, 0); err != nil {
				t.Fatal(err)
			}
			want := map[string][]string{embassy: {"https://a.example/embassy"}, trade: {"https://b.example/tariffs-1", "https://c.example/tariffs"}}
			if got := stories(); len(got) != 2 || !slices.Equal(got[embassy], want[embassy]) || !slices.Equal(got[trade], want[trade]) {
				t.Fatalf("after the undo: stories %v, want %v", got, want)
			}
			if a := articleAt("https://b.example/tariffs-1"); a.HasTopic("sport") != (trade == into) {
				t.Errorf("the copy given back: topics %v; want sport only where its story is labelled so", a.Topics)
			}
			copies.Store(2)
			cycle()
			if got := storyOf("https://b.example/tariffs-2"); got != trade {
				t.Errorf("the next copy joined story %s, want %s (the story given back)", got, trade)
			}
			if _, err := UnjoinStory(ctx, st, p.cfg, joined, tagger, 0); !errors.Is(err, ErrNotJoined) {
				t.Errorf("undoing a join twice: %v, want ErrNotJoined", err)
			}
			// A cycle holding the stories lock keeps a join waiting as long
			// as it is asked to wait, no longer.
			release, err := LockStories(ctx, st)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := JoinStories(ctx, st, p.cfg, []string{trade, embassy}, "", at, 50*time.Millisecond); !errors.Is(err, ErrStoriesBusy) {
				t.Errorf("JoinStories while a cycle holds the lock: %v, want ErrStoriesBusy", err)
			}
			release()
		})
	}
}

// Undoing a join gives each story back its own readers' labels and the
// topics they say: the joined story's label that moved into the other
// story leaves it (its articles take the tagger's verdict again), and the
// joined story's label that the other story's own verdict outweighed
// holds again for its articles.
func TestUndoneJoinGivesBackLabels(t *testing.T) {
	for _, d := range storeDrivers() {
		t.Run(d.name, func(t *testing.T) {
			ctx := context.Background()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/a" {
					w.Write([]byte(labelFeed("https://a.example/embassy")))
					return
				}
				w.Write([]byte(tradeFeed("https://c.example/tariffs")))
			}))
			defer srv.Close()
			st := d.open(t)()
			sport := topic.Spec{Slug: "sport", Title: "Sport", Terms: map[string][]string{"en": {"football^5"}}}
			p := newTestPipelineTopics(t, st, []topic.Spec{testWorld, sport}, srv.URL+"/a", srv.URL+"/c")
			if _, err := p.RunCycle(ctx); err != nil {
				t.Fatal(err)
			}
			var leads []*article.Article
			if err := st.Since(ctx, time.Time{}, func(a *article.Article) error {
				leads = append(leads, a)
				return nil
			}); err != nil || len(leads) != 2 || leads[0].StoryID == leads[1].StoryID {
				t.Fatalf("stored %d articles (%v), want two stories", len(leads), err)
			}
			// The story whose lead was first seen first keeps its ID.
			slices.SortFunc(leads, func(a, b *article.Article) int {
				return cmp.Or(a.FirstSeen.Compare(b.FirstSeen), strings.Compare(a.StoryID, b.StoryID))
			})
			into, joined := leads[0].StoryID, leads[1].StoryID
			at := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
			for _, l := range []article.Label{
				{Story: joined, Topic: "sport", Of: true, Note: "moves with the join", At: at},
				{Story: joined, Topic: "world", Of: false, Note: "outweighed by the other story's", At: at},
				{Story: into, Topic: "world", Of: true, At: at},
			} {
				if err := st.SetLabel(ctx, l); err != nil {
					t.Fatal(err)
				}
			}
			joins, labels, err := JoinStories(ctx, st, p.cfg, []string{into, joined}, "", at, 0)
			if err != nil || len(joins) != 1 || joins[0].Into != into {
				t.Fatalf("JoinStories = %+v, %v; want %s joined into %s", joins, err, joined, into)
			}
			// It says what the join kept for its undo, and the labels the
			// story joined into has now: its own world, and sport from
			// the joined story.
			if kept := joins[0].Labels; len(kept) != 2 || kept[0].Topic != "sport" || kept[1].Topic != "world" || kept[1].Of {
				t.Errorf("the join kept %+v; want the joined story's sport and not-world", kept)
			}
			if w, ok := labels[into]["world"]; !ok || !w.Of || len(labels[into]) != 2 || !labels[into]["sport"].Of {
				t.Errorf("JoinStories' labels of %s = %+v; want its world and the joined story's sport", into, labels[into])
			}
			topicsOf := func(story string) []string {
				t.Helper()
				s, err := st.Story(ctx, story)
				if err != nil {
					t.Fatal(err)
				}
				var out []string
				for _, a := range s.Articles() {
					for _, m := range a.Topics {
						out = append(out, a.ID+":"+m.Slug)
					}
				}
				slices.Sort(out)
				return out
			}
			if got, want := topicsOf(into), slices.Sorted(slices.Values([]string{into + ":sport", into + ":world", joined + ":sport", joined + ":world"})); !slices.Equal(got, want) {
				t.Errorf("after the join: topics %v, want %v", got, want)
			}
			tagger := func(context.Context) (func(*article.Article) []article.TopicMatch, error) {
				return func(a *article.Article) []article.TopicMatch { return p.stream.Tag(a, p.hints[a.Source]) }, nil
			}
			if _, err := UnjoinStory(ctx, st, p.cfg, joined, tagger, 0); err != nil {
				t.Fatal(err)
			}
			if got, want := topicsOf(into), []string{into + ":world"}; !slices.Equal(got, want) {
				t.Errorf("after the undo: the story joined into has topics %v, want %v", got, want)
			}
			if got, want := topicsOf(joined), []string{joined + ":sport"}; !slices.Equal(got, want) {
				t.Errorf("after the undo: the story given back has topics %v, want %v", got, want)
			}
			ls, err := st.Labels(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range ls {
				got = append(got, fmt.Sprintf("%s %s %v", l.Story, l.Topic, l.Of))
			}
			if want := []string{joined + " sport true", joined + " world false", into + " world true"}; !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
				t.Errorf("after the undo: labels %v, want %v", got, want)
			}

			// The tagger is readied only when labels call for it: an undo
			// with labels fails when it cannot be, one without needs none.
			broken := func(context.Context) (func(*article.Article) []article.TopicMatch, error) {
				return nil, errors.New("no stream model")
			}
			if _, _, err := JoinStories(ctx, st, p.cfg, []string{into, joined}, "", at, 0); err != nil {
				t.Fatal(err)
			}
			if _, err := UnjoinStory(ctx, st, p.cfg, joined, broken, 0); err == nil || !strings.Contains(err.Error(), "no stream model") {
				t.Errorf("an undo with labels and no tagger: %v, want the tagger's error", err)
			}
			if js, err := st.StoryJoins(ctx, joined); err != nil || len(js) != 1 {
				t.Errorf("an undo that failed for its tagger undid the join: %+v, %v", js, err)
			}
			ls, err = st.Labels(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range ls {
				if _, err := st.DeleteLabel(ctx, l.Story, l.Topic); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := UnjoinStory(ctx, st, p.cfg, joined, broken, 0); err != nil {
				t.Errorf("an undo with no labels readied the tagger: %v", err)
			}
		})
	}
}
