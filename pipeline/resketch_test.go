package pipeline

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/topic"
)

// cycleAt runs one cycle of p a quarter of an hour after *clock, the
// pipeline's clock.
func cycleAt(t *testing.T, p *Pipeline, clock *time.Time) Report {
	t.Helper()
	*clock = clock.Add(15 * time.Minute)
	rep, err := p.RunCycle(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// storedByLink is the stored article of canonical URL link.
func storedByLink(t *testing.T, st store.Store, link string) *article.Article {
	t.Helper()
	var got *article.Article
	if err := st.Since(context.Background(), time.Time{}, func(a *article.Article) error {
		if a.URL == link {
			got = a
		}
		return nil
	}); err != nil || got == nil {
		t.Fatalf("%s not stored: %v", link, err)
	}
	return got
}

// threeFeeds serves the sources "outlet", "copier" and "later", each the
// feed its body holds (an empty channel until stored).
func threeFeeds(t *testing.T) (*[3]atomic.Value, []config.Source) {
	t.Helper()
	var bodies [3]atomic.Value
	var sources []config.Source
	for i, name := range []string{"outlet", "copier", "later"} {
		bodies[i].Store(emptyChannel)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(bodies[i].Load().(string)))
		}))
		t.Cleanup(srv.Close)
		sources = append(sources, config.Source{Name: name, URL: srv.URL})
	}
	return &bodies, sources
}

// The first and the corrected version of one item (same link, another
// story altogether), as an outlet that replaced a wrong text publishes it.
const (
	firstTitle     = "Ministers meet in Kabul for talks on trade"
	firstText      = "Two ministers met in Kabul on Monday to talk about trade across the border and the price of wheat."
	correctedTitle = "Flood waters rise across Jakarta suburbs overnight"
	correctedText  = "Heavy rain flooded three districts of Jakarta overnight, officials said, and thousands of residents left their homes for shelters."
)

// A correction's new text is what the story index matches against from
// then on, and after a restart (the index rebuilt from the stored
// sketches): a later copy of the corrected text joins the corrected
// article's story, whose ID stays the article's, and a copy of the first
// version no longer does (both drivers).
func TestCorrectionIsMatchedByItsNewText(t *testing.T) {
	for _, d := range storeDrivers() {
		t.Run(d.name, func(t *testing.T) {
			bodies, sources := threeFeeds(t)
			bodies[0].Store(itemsFeed([3]string{firstTitle, "https://outlet.example/news/1", firstText}))
			open := d.open(t)
			st := open()
			clock := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
			p := newTestPipelineSources(t, st, []topic.Spec{testWorld}, sources)
			p.now = func() time.Time { return clock }
			if rep := cycleAt(t, p, &clock); rep.New != 1 {
				t.Fatalf("first cycle stored %d, want 1", rep.New)
			}
			first := storedByLink(t, st, "https://outlet.example/news/1").StoryID
			bodies[0].Store(itemsFeed([3]string{correctedTitle, "https://outlet.example/news/1", correctedText}))
			if rep := cycleAt(t, p, &clock); rep.Corrected != 1 || rep.New != 0 {
				t.Fatalf("correction cycle: %d corrected, %d new; want 1, 0", rep.Corrected, rep.New)
			}
			bodies[1].Store(itemsFeed([3]string{correctedTitle, "https://copier.example/a", correctedText}))
			if rep := cycleAt(t, p, &clock); rep.New != 1 {
				t.Fatalf("copy cycle stored %d, want 1", rep.New)
			}
			if got := storedByLink(t, st, "https://copier.example/a").StoryID; got != first {
				t.Errorf("a copy of the corrected text is in story %s, want the corrected article's %s", got, first)
			}
			// A restart: the index is rebuilt from the stored sketches, as
			// of the pipeline's clock (set before Init: at the wall clock's
			// time the test's cycles fall out of the dedupe window once it
			// is three days after them).
			p = newUnloadedPipeline(t, open(), []topic.Spec{testWorld}, sources)
			p.now = func() time.Time { return clock }
			if err := p.Init(context.Background()); err != nil {
				t.Fatal(err)
			}
			bodies[2].Store(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>` + correctedTitle + `</title><link>https://later.example/b</link><pubDate>Tue, 01 Dec 2026 01:30:00 GMT</pubDate><description>` + correctedText + `</description></item>
<item><title>` + firstTitle + `</title><link>https://later.example/c</link><pubDate>Tue, 01 Dec 2026 01:30:00 GMT</pubDate><description>` + firstText + `</description></item>
</channel></rss>`)
			if rep := cycleAt(t, p, &clock); rep.New != 2 {
				t.Fatalf("cycle after the restart stored %d, want 2", rep.New)
			}
			if got := storedByLink(t, st, "https://later.example/b").StoryID; got != first {
				t.Errorf("after a restart, a copy of the corrected text is in story %s, want the corrected article's %s", got, first)
			}
			if got := storedByLink(t, st, "https://later.example/c").StoryID; got == first {
				t.Errorf("after a restart, a copy of the first version joined the corrected article's story %s", got)
			}
		})
	}
}

// itemsFeed is a feed of items, each {title, link, text}.
func itemsFeed(items ...[3]string) string {
	s := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>`
	for _, it := range items {
		s += "\n<item><title>" + it[0] + "</title><link>" + it[1] + "</link><pubDate>Tue, 01 Dec 2026 01:00:00 GMT</pubDate><description>" + it[2] + "</description></item>"
	}
	return s + "\n</channel></rss>"
}

// A feed that lists one stored link twice under a new headline, once
// with a text and once without (one article to normalize.SharedURLs: a
// missing text differs from none), corrects the article once: the store
// (both drivers) keeps the first listed, the version the story index
// matches, and the stored fingerprint is the corrected text's, as a new
// article's of that text would be (review 22: 5, 6). Both for a story's
// lead and for a copy in it.
func TestCorrectionListedTwiceIsOneVersion(t *testing.T) {
	for _, d := range storeDrivers() {
		for _, corrects := range []string{"outlet", "copier"} {
			t.Run(d.name+"/"+corrects, func(t *testing.T) {
				links := map[string]string{"outlet": "https://outlet.example/news/1", "copier": "https://copier.example/a"}
				bodies, sources := threeFeeds(t)
				bodies[0].Store(itemsFeed([3]string{firstTitle, links["outlet"], firstText}))
				bodies[1].Store(itemsFeed([3]string{firstTitle + " | Copier", links["copier"], firstText}))
				st := d.open(t)()
				clock := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
				p := newTestPipelineSources(t, st, []topic.Spec{testWorld}, sources)
				p.now = func() time.Time { return clock }
				if rep := cycleAt(t, p, &clock); rep.New != 2 {
					t.Fatalf("first cycle stored %d, want 2", rep.New)
				}
				story := storedByLink(t, st, links["outlet"]).StoryID
				if got := storedByLink(t, st, links["copier"]).StoryID; got != story {
					t.Fatalf("the copy is in story %s, want %s", got, story)
				}
				i := 0
				if corrects == "copier" {
					i = 1
				}
				bodies[i].Store(itemsFeed([3]string{correctedTitle, links[corrects], correctedText},
					[3]string{correctedTitle, links[corrects], ""}))
				if rep := cycleAt(t, p, &clock); rep.Corrected != 1 || rep.New != 0 {
					t.Errorf("correction cycle: %d corrected, %d new; want 1, 0", rep.Corrected, rep.New)
				}
				fixed := storedByLink(t, st, links[corrects])
				if fixed.Title != correctedTitle || fixed.Text != correctedText || fixed.StoryID != story {
					t.Fatalf("stored %q, %q in story %s; want %q, %q in %s", fixed.Title, fixed.Text, fixed.StoryID, correctedTitle, correctedText, story)
				}
				// A copy of the stored correction, word for word.
				bodies[2].Store(itemsFeed([3]string{correctedTitle, "https://later.example/b", correctedText}))
				if rep := cycleAt(t, p, &clock); rep.New != 1 {
					t.Fatalf("copy cycle stored %d, want 1", rep.New)
				}
				b := storedByLink(t, st, "https://later.example/b")
				if b.StoryID != story {
					t.Errorf("a copy of the stored correction is in story %s, want %s", b.StoryID, story)
				}
				if fixed.Fingerprint != b.Fingerprint {
					t.Errorf("stored fingerprint %x, want the corrected text's %x", fixed.Fingerprint, b.Fingerprint)
				}
			})
		}
	}
}
