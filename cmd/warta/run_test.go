package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// The daemon serves the feeds after its first cycle, answers conditional
// requests with 304, and stops cleanly when its context ends (SIGINT/SIGTERM).
func TestDaemonServesFeedsAndShutsDown(t *testing.T) {
	site := newNewsSite(t)
	link := site.URL + "/dunia/pbb-sidang-darurat"
	site.serve("/rss", "application/rss+xml", rss("Dunia", []rssItem{{
		Title: "Dewan Keamanan PBB gelar sidang darurat soal sanksi", Link: link,
		Description: "<p>Dewan Keamanan PBB menggelar sidang darurat membahas sanksi baru, kata duta besar.</p>"}}))
	dir := t.TempDir()
	addr := freeAddr(t)
	cfg := writeConfig(t, dir, []testSource{{Name: "Dunia", URL: site.URL + "/rss", Language: "id"}},
		map[string]any{
			"server":   map[string]any{"listen": addr, "base_url": "http://" + addr},
			"schedule": "@every 1h",
		})
	d := runDaemon(context.Background(), cfg)
	defer d.cancel()

	feedURL := "http://" + addr + "/feeds/all.atom"
	var body []byte
	var etag string
	// Wait for the first cycle to be published; the bound only keeps a
	// broken daemon from hanging the test.
	deadline := time.Now().Add(60 * time.Second)
	for {
		if time.Now().After(deadline) {
			t.Fatalf("daemon never published the article; log:\n%s", d.log.String())
		}
		resp, err := http.Get(feedURL)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 && strings.Contains(string(b), link) {
				body, etag = b, resp.Header.Get("ETag")
				break
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	feed, err := gofeed.NewParser().ParseString(string(body))
	if err != nil || len(feed.Items) != 1 {
		t.Fatalf("feed: %v, %d items", err, len(feed.Items))
	}
	if etag == "" || strings.HasPrefix(etag, "W/") {
		t.Fatalf("want a strong ETag, got %q", etag)
	}
	req, _ := http.NewRequest("GET", feedURL, nil)
	req.Header.Set("If-None-Match", etag)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET: %d, want 304", resp.StatusCode)
	}
	resp, err = http.Get("http://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	index, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(index), `rel="alternate"`) || !strings.Contains(string(index), "/feeds/international-relations.atom") {
		t.Errorf("index page lacks autodiscovery links:\n%s", index)
	}

	// The cycle is recorded in the metrics when it ends, just after it
	// published: wait for it.
	const stored = `warta_articles_stored_total{source="Dunia"} 1`
	var metricsText []byte
	for deadline := time.Now().Add(30 * time.Second); ; {
		resp, err = http.Get("http://" + addr + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		metricsText, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(metricsText), stored) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("metrics do not count the stored article:\n%s", metricsText)
		}
		time.Sleep(50 * time.Millisecond)
	}

	// The pages know the cycle and the source's fetch status.
	resp, err = http.Get("http://" + addr + "/status.json")
	if err != nil {
		t.Fatal(err)
	}
	var status struct {
		LastCycle *struct{ Sources, New int } `json:"last_cycle"`
		Sources   []struct {
			Name, Outcome string
			LastSuccess   *time.Time `json:"last_success"`
		} `json:"sources"`
		Feeds map[string]struct{ Stories int } `json:"feeds"`
	}
	err = json.NewDecoder(resp.Body).Decode(&status)
	resp.Body.Close()
	if err != nil || status.LastCycle == nil || status.LastCycle.New != 1 || len(status.Sources) != 1 ||
		status.Sources[0].Outcome != "ok" || status.Sources[0].LastSuccess == nil || status.Feeds["all"].Stories != 1 {
		t.Errorf("status.json: %v %+v", err, status)
	}
	// Feeds may be cached until the next cycle, an hour away at most.
	resp, err = http.Get(feedURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cc := resp.Header.Get("Cache-Control")
	maxAge, err := strconv.Atoi(strings.TrimPrefix(cc, "public, max-age="))
	if err != nil || maxAge < 30 || maxAge > 3600 {
		t.Errorf("Cache-Control %q, want a max-age of at most the schedule's hour", cc)
	}

	d.stop(t)
	if _, err := http.Get(feedURL); err == nil {
		t.Error("server still answering after shutdown")
	}
	// The store was closed cleanly: another command can open it.
	if recs := exported(t, cfg); len(recs) != 1 {
		t.Errorf("after shutdown the store holds %d articles, want 1", len(recs))
	}
}
