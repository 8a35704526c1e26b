package publish

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// FuzzHandler: whatever a client asks (path, query, conditional and
// encoding headers), the published site answers with a status it means —
// never a panic, never a server error.
func FuzzHandler(f *testing.F) {
	opts := Options{BaseURL: testBase + "/", Now: newClock(tRefresh).Now, Sources: testSources()}
	p := New(opts, testFeeds(), &fakeLister{stories: testStories()}, slog.New(slog.DiscardHandler))
	if err := p.Refresh(context.Background()); err != nil {
		f.Fatal(err)
	}
	h := p.Handler()
	for _, s := range []string{"/", "/feeds/all.atom", "/feeds/economy.rss?lang=en", "/feeds/all.json?source=Kabar",
		"/feeds/all.atom?page=2", "/feeds/all/2024-01-02.atom", "/feeds/all.atom?q=outlets:2+-outlets:4", "/topics/economy", "/stories/s1", "/stories/nope", "/status.json", "/feeds.opml", "/healthz"} {
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
