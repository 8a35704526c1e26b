package fetch

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestRedirects(t *testing.T) {
	var base string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/old":
			http.Redirect(w, r, "/newer", http.StatusMovedPermanently)
		case "/newer":
			http.Redirect(w, r, base+"/feed#frag", http.StatusPermanentRedirect)
		case "/temp":
			http.Redirect(w, r, "/feed", http.StatusFound)
		case "/perm-then-temp":
			http.Redirect(w, r, "/temp", http.StatusMovedPermanently)
		case "/temp-then-perm":
			http.Redirect(w, r, "/old", http.StatusTemporaryRedirect)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/ftp":
			http.Redirect(w, r, "ftp://example.org/feed", http.StatusFound)
		case "/feed":
			if r.Header.Get("If-None-Match") != `"e"` {
				t.Errorf("validators lost on redirect: %q", r.Header.Get("If-None-Match"))
			}
			w.Write([]byte(feedXML))
		default:
			http.NotFound(w, r)
		}
	})
	base = srv.URL
	f := newFetcher(t, Options{})

	cases := []struct {
		path, moved string
	}{
		{"/feed", ""},
		{"/old", "/feed"},
		{"/temp", ""},
		{"/perm-then-temp", "/temp"},
		{"/temp-then-perm", ""},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			res, err := f.Fetch(testCtx(t), Request{URL: base + c.path, ETag: `"e"`})
			if err != nil {
				t.Fatal(err)
			}
			if res.URL != base+"/feed" || string(res.Body) != feedXML {
				t.Errorf("URL = %q, body %q", res.URL, res.Body)
			}
			want := ""
			if c.moved != "" {
				want = base + c.moved
			}
			if res.PermanentRedirect != want {
				t.Errorf("PermanentRedirect = %q, want %q", res.PermanentRedirect, want)
			}
		})
	}

	t.Run("loop", func(t *testing.T) {
		_, err := f.Fetch(testCtx(t), Request{URL: base + "/loop"})
		if !errors.Is(err, ErrTooManyRedirects) || Temporary(err) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("limit", func(t *testing.T) {
		// /temp-then-perm → /old → /newer → /feed is three hops.
		_, err := newFetcher(t, Options{MaxRedirects: 2}).Fetch(testCtx(t), Request{URL: base + "/temp-then-perm", ETag: `"e"`})
		if !errors.Is(err, ErrTooManyRedirects) {
			t.Fatalf("err = %v", err)
		}
		if _, err := newFetcher(t, Options{MaxRedirects: 3}).Fetch(testCtx(t), Request{URL: base + "/temp-then-perm", ETag: `"e"`}); err != nil {
			t.Fatalf("three hops with limit 3: %v", err)
		}
		if _, err := newFetcher(t, Options{MaxRedirects: -1}).Fetch(testCtx(t), Request{URL: base + "/temp"}); !errors.Is(err, ErrTooManyRedirects) {
			t.Fatalf("negative limit followed a redirect: %v", err)
		}
	})
	t.Run("non-http target", func(t *testing.T) {
		_, err := f.Fetch(testCtx(t), Request{URL: base + "/ftp"})
		if err == nil || !strings.Contains(err.Error(), "redirect") {
			t.Fatalf("err = %v", err)
		}
	})
}
