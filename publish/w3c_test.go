package publish

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/feedcheck"
	"github.com/warta-news/warta/internal/fixtures"
	"github.com/warta-news/warta/normalize"
)

// servedPublisher serves a Publisher over a real HTTP server whose URL is
// its BaseURL, so that self links point where the feeds really are.
func servedPublisher(t *testing.T, opts Options) (*Publisher, *fakeLister, *httptest.Server) {
	t.Helper()
	var h http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	opts.BaseURL = srv.URL
	p, lister := newTestPublisher(t, opts)
	h = p.Handler()
	return p, lister, srv
}

// realStories are the items of real Indonesian feeds, normalised as the
// pipeline does and tagged with the test topics.
func realStories(t *testing.T) []*article.Story {
	t.Helper()
	var out []*article.Story
	for i, name := range []string{"detik_news_2017-04-28.xml", "tempo_rss2_2017-04-06.xml"} {
		raw, err := fixtures.Read(name)
		if err != nil {
			t.Fatal(err)
		}
		src, err := gofeed.NewParser().Parse(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		norm := normalize.New(normalize.Caps{})
		for _, s := range fixtureStories(src, name) {
			if err := norm.Article(s.Lead, normalize.Options{Now: t0, SourceName: s.Lead.Source}); err != nil {
				t.Fatal(err)
			}
			s.ID = s.Lead.ID
			s.Lead.StoryID = s.Lead.ID
			s.Lead.Topics = append(s.Lead.Topics, article.TopicMatch{Slug: testFeeds()[i].Slug})
			out = append(out, s)
		}
	}
	return out
}

// TestW3CValidator runs the W3C Feed Validation Service over HTTP on every
// format the validator knows (Atom, RSS), on topic feeds, views, pages
// and an empty feed, with test data and real feeds' items.
func TestW3CValidator(t *testing.T) {
	p, lister, srv := servedPublisher(t, Options{MaxItems: 10, Sources: testSources()})
	// A plain-text title with markup characters (normalize leaves
	// double-escaped entities as text): the validator takes "&amp;" in an
	// RSS title for HTML unless written as character references.
	odd := art("odd", "tempo", "Q&A: tarif &amp; rupiah < 16.000 &quot;naik&quot;", t0.Add(-3*time.Hour), "economy")
	odd.Summary, odd.Text = "<p>Tarif naik.</p>", "Tarif naik."
	// A bulletin item with no link: RSS must leave <link> out (an empty one
	// is invalid), and the pages must not link to "".
	bare := art("bare", "tempo", "Buletin tanpa tautan", t0.Add(-4*time.Hour), "economy")
	bare.URL, bare.Link = "", ""
	copyBare := art("bare2", "kompas", "Buletin tanpa tautan juga", t0.Add(-5*time.Hour), "economy")
	copyBare.URL, copyBare.Link = "", ""
	// A source named with "&" and "~", whose source id must still be a
	// valid URN, and an article link with characters a URI may not hold
	// unescaped, as canonical URLs keep them in the query (review 16,
	// findings 6 and 7).
	amp := art("amp", "Science & Environment ~ BBC", "Hujan meteor malam ini", t0.Add(-6*time.Hour), "economy")
	amp.URL = `http://a.example.com/p[1]/3?x=1|2&f[x]=2&y="2"<>^{}`
	stories := append(testStories(), &article.Story{ID: "odd", Lead: odd}, &article.Story{ID: "bare", Lead: bare, Copies: []*article.Article{copyBare}},
		&article.Story{ID: "amp", Lead: amp})
	stories = append(stories, realStories(t)...)
	lister.set(stories)
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", "/topics/economy", "/feeds/economy.rss"} {
		rec := get(t, p.Handler(), http.MethodGet, path, nil)
		if body := rec.Body.String(); rec.Code != http.StatusOK || !strings.Contains(body, "Buletin tanpa tautan") {
			t.Errorf("%s: %d, without the bulletin story", path, rec.Code)
		} else if strings.Contains(body, `href=""`) || strings.Contains(body, "<link></link>") {
			t.Errorf("%s links a story without a link to nothing", path)
		}
	}
	for _, path := range []string{
		"/feeds/all.atom", "/feeds/all.rss",
		"/feeds/international-relations.atom", "/feeds/international-relations.rss",
		"/feeds/economy.atom?page=2", "/feeds/economy.rss?page=2",
		"/feeds/international-relations.atom?lang=id", "/feeds/all.rss?source=tempo",
		"/feeds/sport.atom", "/feeds/sport.rss",
		// A filter URL as people write it by hand.
		"/feeds/all.atom?q=topic:economy+-source:kompas",
	} {
		t.Run(path, func(t *testing.T) {
			feedcheck.W3C(t, srv.URL+path)
		})
	}
}
