package fetch_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/warta-news/warta/fetch"
)

// A source is fetched with the validators of its last fetch; a 304 means
// there is nothing new to parse.
func ExampleFetcher_Fetch() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		fmt.Fprint(w, "<rss/>")
	}))
	defer srv.Close()

	f := fetch.New(fetch.Options{}, nil)
	defer f.Close()
	ctx := context.Background()

	res, err := f.Fetch(ctx, fetch.Request{URL: srv.URL})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.StatusCode, string(res.Body), res.ETag)

	res, err = f.Fetch(ctx, fetch.Request{URL: srv.URL, ETag: res.ETag, LastModified: res.LastModified})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.StatusCode, res.NotModified, res.ETag)
	// Output:
	// 200 <rss/> "v1"
	// 304 true "v1"
}

// Backoff spaces out retries of a failing source, honouring Retry-After.
func ExampleBackoff() {
	for failures := 1; failures <= 4; failures++ {
		fmt.Println(fetch.Backoff(failures, 0, 0))
	}
	fmt.Println(fetch.Backoff(1, 0, 0) < fetch.Backoff(1, 10*60e9, 0))
	// Output:
	// 1m0s
	// 2m0s
	// 4m0s
	// 8m0s
	// true
}
