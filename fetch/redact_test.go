package fetch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestRedactURLDropsCredentialsQueryAndFragment(t *testing.T) {
	for raw, want := range map[string]string{
		"https://alice:s3cret@feeds.example/rss?token=T&x=1#top": "https://feeds.example/rss",
		"http://bob@feeds.example:8080/a%20b?":                   "http://feeds.example:8080/a%20b",
		"https://feeds.example/rss":                              "https://feeds.example/rss",
		"http://[::1]:namedport/rss?token=T":                     "(unparseable URL)",
		// Tokens in the path of a private feed's URL: a run of 16 or
		// more letters and digits with a digit, or a UUID.
		"https://host.example/feeds/9f8e7d6c5b4a39281706f5e4d3c2b1a0/rss":  "https://host.example/feeds/REDACTED/rss",
		"https://host.example/u/aB3dE5fG7hI9jK1lMn0p.xml":                  "https://host.example/u/REDACTED",
		"https://host.example/f/3f2504e0-4f89-11d3-9a0c-0305e82c3301/atom": "https://host.example/f/REDACTED/atom",
		"https://host.example/private/xK9_mQ2vR7tL4pW8zN5c/feed?key=K":     "https://host.example/private/REDACTED/feed",
		"https://host.example/rss/nasional/2024-pemilu-presiden-indonesia": "https://host.example/rss/nasional/2024-pemilu-presiden-indonesia",
		"https://host.example/feeds/posts/default":                         "https://host.example/feeds/posts/default",
		"https://host.example/internationalrelations/rss.xml":              "https://host.example/internationalrelations/rss.xml",
		"https://host.example/category/1234/feed":                          "https://host.example/category/1234/feed",
		"https://host.example/rss/BreakingNews2024Update.xml":              "https://host.example/rss/BreakingNews2024Update.xml",
		"https://host.example/p/xK9-mQ2v_R7tL4pW8zN5c/rss":                 "https://host.example/p/REDACTED/rss",
	} {
		if got := RedactURL(raw); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", raw, got, want)
		}
	}
}

// A transport error (connection refused) names the URL redacted, not
// with net/http's own redaction, which keeps the query.
func TestTransportErrorNamesTheURLRedacted(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.Listener.Addr().String()
	srv.Close()
	f := New(Options{}, nil)
	_, err := f.Fetch(context.Background(), Request{URL: "http://alice:s3cret@" + addr + "/rss?token=TOPSECRET"})
	if err == nil {
		t.Fatal("fetch of a closed port succeeded")
	}
	if strings.Contains(err.Error(), "s3cret") || strings.Contains(err.Error(), "TOPSECRET") {
		t.Errorf("error carries the URL's secret: %v", err)
	}
	if !strings.Contains(err.Error(), "http://"+addr+"/rss") {
		t.Errorf("error %q does not name the URL", err)
	}
}

// Error texts stored by older builds quote a source's URL as net/http did:
// password masked, userinfo and token kept. Redacting the text finds every
// http(s) URL in it, whatever quotes or punctuation surround it.
func TestRedactTextRedactsEveryURLInAText(t *testing.T) {
	for text, want := range map[string]string{
		`fetch: Get "https://reader:***@feed.example/rss?token=SECRET": dial tcp: i/o timeout`: `fetch: Get "https://feed.example/rss": dial tcp: i/o timeout`,
		`parse "http://bob:pw@a.example/x?k=SECRET#f": invalid port`:                           `parse "http://a.example/x": invalid port`,
		`moved to HTTPS://u@b.example/new?sig=SECRET, then to http://c.example/?t=SECRET.`:     `moved to https://b.example/new, then to http://c.example/.`,
		`status 404 (https://d.example/rss?token=SECRET)`:                                      `status 404 (https://d.example/rss)`,
		`http: no Host in request URL`:                                                         `http: no Host in request URL`,
		``:                                                                                     ``,
	} {
		if got := RedactText(text); got != want {
			t.Errorf("RedactText(%q) = %q, want %q", text, got, want)
		}
	}
}
