package benchsite

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/warta-news/warta/parse"
)

// get fetches path from srv with the given request headers.
func get(t *testing.T, srv *httptest.Server, path string, hdr map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func opmlURLs(t *testing.T, body []byte) []string {
	t.Helper()
	var doc struct {
		Outlines []struct {
			XMLURL string `xml:"xmlUrl,attr"`
		} `xml:"body>outline"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("OPML: %v", err)
	}
	var urls []string
	for _, o := range doc.Outlines {
		urls = append(urls, o.XMLURL)
	}
	return urls
}

// TestFeedsParse reads every feed of a small site with warta's own parser:
// both formats and both languages are there, each feed with its items.
func TestFeedsParse(t *testing.T) {
	site := New(Options{Feeds: 40, Items: 7, Seed: 3})
	srv := httptest.NewServer(site.Handler())
	defer srv.Close()
	_, opml := get(t, srv, "/opml.xml", nil)
	urls := opmlURLs(t, opml)
	if len(urls) != 40 {
		t.Fatalf("OPML lists %d feeds, want 40", len(urls))
	}
	types := map[string]int{}
	langs := map[string]int{}
	links := map[string]bool{}
	for _, u := range urls {
		resp, body := get(t, srv, u[len(srv.URL):], nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %s", u, resp.Status)
		}
		types[resp.Header.Get("Content-Type")]++
		f, err := parse.Parse(body, resp.Header.Get("Content-Type"), time.Now())
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if len(f.Items) != 7 {
			t.Fatalf("%s: %d items, want 7", u, len(f.Items))
		}
		langs[resp.Header.Get("Content-Type")+" "+f.Language]++
		for _, it := range f.Items {
			if it.Title == "" || it.Published.IsZero() || len(it.Content) < 800 {
				t.Fatalf("%s: thin item %+v", u, it)
			}
			if links[it.Link] {
				t.Fatalf("%s: link %s repeats", u, it.Link)
			}
			links[it.Link] = true
		}
	}
	if len(types) != 2 || len(langs) != 4 {
		t.Errorf("content types %v, languages %v: want both languages in both formats", types, langs)
	}
}

// TestConditionalGet: validators of an unchanged feed give 304; after an
// Advance, exactly the changed feeds answer 200 with their new items first.
func TestConditionalGet(t *testing.T) {
	site := New(Options{Feeds: 20, Items: 5, Seed: 9})
	srv := httptest.NewServer(site.Handler())
	defer srv.Close()
	etags := map[int]string{}
	modified := map[int]string{}
	for n := range 20 {
		resp, _ := get(t, srv, feedPath(n), nil)
		etags[n] = resp.Header.Get("ETag")
		modified[n] = resp.Header.Get("Last-Modified")
		if etags[n] == "" || modified[n] == "" {
			t.Fatalf("feed %d: no validators", n)
		}
	}
	for n := range 20 {
		if resp, body := get(t, srv, feedPath(n), map[string]string{"If-None-Match": etags[n]}); resp.StatusCode != 304 || len(body) != 0 {
			t.Fatalf("feed %d with its ETag: %s", n, resp.Status)
		}
		if resp, _ := get(t, srv, feedPath(n), map[string]string{"If-Modified-Since": modified[n]}); resp.StatusCode != 304 {
			t.Fatalf("feed %d with its Last-Modified: %s", n, resp.Status)
		}
	}

	resp, err := srv.Client().Post(srv.URL+"/advance?frac=0.25&items=2", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	var adv struct {
		Feeds []int `json:"feeds"`
	}
	json.NewDecoder(resp.Body).Decode(&adv)
	resp.Body.Close()
	if len(adv.Feeds) != 5 {
		t.Fatalf("advance changed %v, want 5 feeds", adv.Feeds)
	}
	changed := map[int]bool{}
	for _, n := range adv.Feeds {
		changed[n] = true
	}
	for n := range 20 {
		resp, body := get(t, srv, feedPath(n), map[string]string{"If-None-Match": etags[n], "If-Modified-Since": modified[n]})
		if want := map[bool]int{true: 200, false: 304}[changed[n]]; resp.StatusCode != want {
			t.Fatalf("feed %d (changed %v): %s", n, changed[n], resp.Status)
		}
		if !changed[n] {
			continue
		}
		f, err := parse.Parse(body, resp.Header.Get("Content-Type"), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Items) != 5 || !f.Items[0].Published.After(f.Items[2].Published) {
			t.Fatalf("feed %d after advance: %d items, newest %v, third %v", n, len(f.Items), f.Items[0].Published, f.Items[2].Published)
		}
	}
	st := site.Stats()
	if st.FeedRequests != 80 || st.Feed304 != 55 || st.Feed200 != 25 || st.Generation != 1 {
		t.Errorf("stats %+v, want 80 requests, 25 × 200, 55 × 304, generation 1", st)
	}
}

// TestDeterministic: the same seed serves the same bytes, another seed
// other bytes.
func TestDeterministic(t *testing.T) {
	body := func(seed uint64) []byte {
		srv := httptest.NewServer(New(Options{Feeds: 3, Items: 4, Seed: seed, BaseURL: "http://x"}).Handler())
		defer srv.Close()
		_, b := get(t, srv, feedPath(2), nil)
		return b
	}
	if !bytes.Equal(body(5), body(5)) {
		t.Error("seed 5 served different bytes twice")
	}
	if bytes.Equal(body(5), body(6)) {
		t.Error("seeds 5 and 6 served the same bytes")
	}
}

func feedPath(n int) string { return "/feed/" + strconv.Itoa(n) + ".xml" }

// TestLatencyEndsWithTheRequest: a feed held back by latency is not served
// to a client that gave up, and not counted.
func TestLatencyEndsWithTheRequest(t *testing.T) {
	site := New(Options{Feeds: 2, Items: 2, Latency: time.Hour})
	srv := httptest.NewServer(site.Handler())
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+feedPath(1), nil)
	if resp, err := srv.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("a feed an hour late was served: %s", resp.Status)
	}
	if st := site.Stats(); st.FeedRequests != 0 {
		t.Errorf("stats %+v: a request abandoned during the latency was counted", st)
	}
}
