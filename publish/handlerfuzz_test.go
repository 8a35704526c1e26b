package publish

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/warta-news/warta/article"
)

// FuzzHandler: whatever a client asks (path, query, conditional and
// encoding headers), the published site answers with a status it means —
// never a panic, never a server error.
func FuzzHandler(f *testing.F) {
	// Story pages list related stories: one stored, one not, and the page's own.
	related := fixedRelations{{StoryID: "s3", From: "c1a", Share: 0.5, Bar: 0.6, Shared: []string{"x"}, Apart: "a guard"},
		{StoryID: "gone", From: "s1", Share: 0.7, Bar: 0.6}, {StoryID: "s1", From: "s1", Share: 1, Bar: 0.6}}
	opts := Options{BaseURL: testBase + "/", Now: newClock(tRefresh).Now, Sources: testSources(), Related: related}
	p := New(opts, testFeeds(), &fakeLister{stories: testStories()}, slog.New(slog.DiscardHandler))
	if err := p.Refresh(context.Background()); err != nil {
		f.Fatal(err)
	}
	h := p.Handler()
	for _, s := range []string{"/", "/feeds/all.atom", "/feeds/economy.rss?lang=en", "/feeds/all.json?source=Kabar",
		"/feeds/all.atom?page=2", "/feeds/all/2024-01-02.atom", "/feeds/all.atom?q=outlets:2+-outlets:4", "/topics/economy", "/stories/s1", "/stories/s1.json", "/stories/nope", "/stories/s3.json", "/status.json", "/feeds.opml", "/healthz"} {
		f.Add("GET", s, "", "gzip")
	}
	f.Fuzz(func(t *testing.T, method, target, inm, enc string) {
		u, err := url.ParseRequestURI(target)
		if err != nil {
			return
		}
		req := &http.Request{Method: method, URL: u, RequestURI: target, Header: http.Header{}, Host: "example.test", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1}
		req.Header.Set("If-None-Match", inm)
		req.Header.Set("Accept-Encoding", enc)
		req = req.WithContext(context.Background())
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 && rec.Code != http.StatusServiceUnavailable {
			t.Errorf("%s %q: %d %q", method, target, rec.Code, rec.Body.String())
		}
	})
}

// fixedRelations answers every story page with the same related stories.
type fixedRelations []RelatedStory

func (f fixedRelations) RelatedStories(context.Context, []*article.Article) []RelatedStory { return f }
