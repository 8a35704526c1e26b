package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A source URL's credentials and access tokens (in its query, or a path
// segment of a private feed's URL) are the operator's secrets: no
// published byte, no status page, no metric, no summary and no log line
// carries them, whether the source answers or fails.
func TestSourceURLSecretsAreNeverPublished(t *testing.T) {
	const user, password, token = "alice", "s3cretPW", "TOPSECRETTOKEN"
	const pathToken = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
	site := newNewsSite(t)
	link := site.URL + "/dunia/pbb-sidang-darurat"
	site.serve("/good", "application/rss+xml", rss("Dunia", []rssItem{{
		Title: "Dewan Keamanan PBB gelar sidang darurat soal sanksi", Link: link,
		Description: "<p>Dewan Keamanan PBB menggelar sidang darurat membahas sanksi baru, kata duta besar.</p>"}, {
		// A link-less item (headline and alert feeds) resolves its
		// relative links against the feed's own URL.
		Title: "Menlu bertemu utusan ASEAN bahas krisis Myanmar", GUID: "alert-7",
		Description: `<p>Menteri luar negeri bertemu utusan khusus ASEAN. <a href="/dunia/asean">Baca</a> <a href="#atas">Atas</a> <a href="?hal=2">Lanjut</a></p><p><img src="foto.jpg" alt="foto"></p>`}}))
	site.handle("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.String(), http.StatusFound)
	})
	site.serve("/big", "application/rss+xml", []byte(strings.Repeat("x", 4096)))
	site.handle("/feeds/"+pathToken+"/rss", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	})
	secretURL := func(path string) string {
		return strings.Replace(site.URL, "://", "://"+user+":"+password+"@", 1) + path + "?token=" + token
	}
	dir := t.TempDir()
	addr := freeAddr(t)
	cfg := writeConfig(t, dir, []testSource{
		{Name: "Dunia", URL: secretURL("/good"), Language: "id"},
		{Name: "Loop", URL: secretURL("/loop")},
		{Name: "Big", URL: secretURL("/big")},
		{Name: "Private", URL: site.URL + "/feeds/" + pathToken + "/rss"},
	}, map[string]any{
		"server":   map[string]any{"listen": addr, "base_url": "http://" + addr},
		"schedule": "@every 1h",
		"fetch":    map[string]any{"timeout": "5s", "max_body_bytes": 1024},
	})
	leaks := func(what string, b []byte) {
		t.Helper()
		for _, secret := range []string{password, token, pathToken} {
			if strings.Contains(string(b), secret) {
				t.Errorf("%s carries the source URL's secret %q", what, secret)
			}
		}
	}

	code, out, errOut := warta(t, context.Background(), "", "-config", cfg, "-log-level", "debug", "once")
	if code != 0 {
		t.Fatalf("once: exit %d\n%s", code, errOut)
	}
	if !strings.Contains(out, "failed 3") {
		t.Fatalf("summary %q, want the loop, the big and the private source failed", out)
	}
	leaks("the once summary", []byte(out))
	leaks("the once log", []byte(errOut))
	code, out, errOut = warta(t, context.Background(), "", "-config", cfg, "check")
	if code != 0 {
		t.Fatalf("check: exit %d\n%s", code, errOut)
	}
	leaks("check", []byte(out+errOut))
	files, err := filepath.Glob(filepath.Join(dir, "feeds", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no published files: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		leaks(f, b)
	}

	d := runDaemon(context.Background(), cfg)
	defer func() {
		d.stop(t)
		leaks("the daemon's log", []byte(d.log.String()))
	}()
	base := "http://" + addr
	get := func(path string) []byte {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		return b
	}
	// Wait for the daemon's first cycle; the bound only keeps a broken
	// daemon from hanging the test.
	for deadline := time.Now().Add(60 * time.Second); ; {
		resp, err := http.Get(base + "/status.json")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 && strings.Contains(string(b), `"last_cycle"`) {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("daemon never finished a cycle; log:\n%s", d.log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	all := string(get("/feeds/all.atom"))
	if !strings.Contains(all, link) {
		t.Fatal("the daemon's all.atom lacks the article")
	}
	if !strings.Contains(all, site.URL+"/dunia/asean") {
		t.Error("the daemon's all.atom lacks the link-less item's resolved link")
	}
	for _, path := range []string{
		"/feeds/all.atom", "/feeds/all.rss", "/feeds/all.json", "/feeds/all.atom?source=Dunia",
		"/feeds/international-relations.atom", "/opml", "/feeds.opml", "/", "/topics/international-relations",
		"/status", "/status.json", "/metrics",
	} {
		leaks(path, get(path))
	}
	status := string(get("/status.json"))
	if !strings.Contains(status, "too many redirects") || !strings.Contains(status, "too large") {
		t.Errorf("status.json lacks the failures' reasons:\n%s", status)
	}
}
