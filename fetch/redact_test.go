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
