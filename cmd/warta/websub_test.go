package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestDaemonWebSubAcrossRestart subscribes to the daemon's feed, stops the
// daemon, lets the news site publish, starts the daemon again and waits
// for the push that its first cycle causes: subscriptions live in the
// store, and a cycle that changes a feed pushes it, signed.
func TestDaemonWebSubAcrossRestart(t *testing.T) {
	site := newNewsSite(t)
	first := site.URL + "/dunia/pbb-sidang-darurat"
	second := site.URL + "/dunia/asean-kkt"
	items := []rssItem{{Title: "Dewan Keamanan PBB gelar sidang darurat soal sanksi", Link: first,
		Description: "<p>Dewan Keamanan PBB menggelar sidang darurat membahas sanksi baru, kata duta besar.</p>"}}
	site.serve("/rss", "application/rss+xml", rss("Dunia", items))

	deliveries := make(chan *http.Request, 10)
	bodies := make(chan string, 10)
	sub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			io.WriteString(w, r.URL.Query().Get("hub.challenge"))
			return
		}
		b, _ := io.ReadAll(r.Body)
		deliveries <- r
		bodies <- string(b)
	}))
	defer sub.Close()

	dir := t.TempDir()
	addr := freeAddr(t)
	base := "http://" + addr
	cfg := writeConfig(t, dir, []testSource{{Name: "Dunia", URL: site.URL + "/rss", Language: "id"}},
		map[string]any{
			"server":   map[string]any{"listen": addr, "base_url": base},
			"schedule": "@every 1h",
			"websub":   map[string]any{"allow_callbacks": []string{"127.0.0.1"}},
		})
	topic := base + "/feeds/all.atom"
	// waitFor polls url until its body contains want; the bound only stops
	// a hung test.
	waitFor := func(u, want string) string {
		for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			resp, err := http.Get(u)
			if err != nil {
				continue
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.Contains(string(b), want) {
				return string(b)
			}
		}
		t.Fatalf("%s never showed %s", u, want)
		return ""
	}

	d := runDaemon(context.Background(), cfg)
	feed := waitFor(topic, first)
	if !strings.Contains(feed, `<link href="`+base+`/websub" rel="hub">`) {
		t.Fatalf("feed does not advertise the hub:\n%s", feed)
	}
	resp, err := http.PostForm(base+"/websub", url.Values{
		"hub.mode": {"subscribe"}, "hub.topic": {topic}, "hub.callback": {sub.URL + "/cb"}, "hub.secret": {"k"},
	})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("subscribe: %d", resp.StatusCode)
	}
	// The verification of intent is asynchronous; the daemon waits for it
	// before it closes the store.
	d.stop(t)

	// The site publishes while warta is down.
	items = append([]rssItem{{Title: "KTT ASEAN sepakati kerja sama maritim", Link: second,
		Description: "<p>Para pemimpin ASEAN menyepakati kerja sama maritim, kata menteri luar negeri.</p>"}}, items...)
	site.serve("/rss", "application/rss+xml", rss("Dunia", items))

	d = runDaemon(context.Background(), cfg)
	defer d.stop(t)
	select {
	case r := <-deliveries:
		body := <-bodies
		if !strings.Contains(body, second) {
			t.Errorf("the push lacks the new story:\n%s", body)
		}
		mac := hmac.New(sha256.New, []byte("k"))
		mac.Write([]byte(body))
		if got, want := r.Header.Get("X-Hub-Signature"), "sha256="+hex.EncodeToString(mac.Sum(nil)); got != want {
			t.Errorf("X-Hub-Signature %q, want %q", got, want)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("no push after the restarted daemon's first cycle")
	}
}
