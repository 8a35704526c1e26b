package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A feed's Last-Modified moves when its bytes do, across restarts: a
// daemon restarted with the same configuration answers 304 to the
// If-Modified-Since of the first one's feed, and one restarted with a new
// publish.title, whose feed says so with no newer article, does not.
func TestLastModifiedAcrossRestartFollowsTheBytes(t *testing.T) {
	feed, siteURL, dir, _ := changingSource(t, "Kota")
	link := siteURL + "/kota/jembatan"
	feed.set(rssItem{Title: "Jembatan gantung baru menghubungkan dua desa", Link: link,
		Description: "<p>Warga tidak lagi memutar sejauh sepuluh kilometer.</p>"})
	addr := freeAddr(t)
	base := "http://" + addr
	config := func(title string) string {
		return writeConfig(t, dir, []testSource{{Name: "Kota", URL: siteURL + "/kota.xml", Language: "id"}},
			map[string]any{
				"server":   map[string]any{"listen": addr, "base_url": base},
				"schedule": "@every 1h",
				"publish":  map[string]any{"title": title},
			})
	}
	feedURL := base + "/feeds/all.atom"
	// get requests feedURL, with If-Modified-Since ims unless empty.
	get := func(ims string) (int, string, string) {
		req, err := http.NewRequest(http.MethodGet, feedURL, nil)
		if err != nil {
			t.Fatal(err)
		}
		if ims != "" {
			req.Header.Set("If-Modified-Since", ims)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, "", ""
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Last-Modified"), string(b)
	}
	// serving runs the daemon on cfg until its feed shows want, and
	// returns it with that feed's Last-Modified; the bound only stops a
	// hung test.
	serving := func(cfg, want string) (*daemonProc, string) {
		d := runDaemon(context.Background(), cfg)
		for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if code, lm, body := get(""); code == http.StatusOK && strings.Contains(body, link) && strings.Contains(body, want) {
				return d, lm
			}
		}
		d.stop(t)
		t.Fatalf("%s never showed %s and %s:\n%s", feedURL, link, want, d.log.String())
		return nil, ""
	}

	d, first := serving(config("Warta Kota"), "Warta Kota")
	d.stop(t)
	if first == "" {
		t.Fatal("no Last-Modified")
	}

	d, again := serving(config("Warta Kota"), "Warta Kota")
	if code, _, _ := get(first); code != http.StatusNotModified || again != first {
		t.Errorf("the same bytes after a restart: %d, Last-Modified %q, want 304 and %q", code, again, first)
	}
	d.stop(t)

	d, renamed := serving(config("Kabar Kota"), "Kabar Kota")
	defer d.stop(t)
	if code, _, _ := get(first); code != http.StatusOK {
		t.Errorf("the renamed feed answered %d to If-Modified-Since %s, want 200", code, first)
	}
	r, err1 := http.ParseTime(renamed)
	f, err2 := http.ParseTime(first)
	if err1 != nil || err2 != nil || !r.After(f) {
		t.Errorf("the renamed feed's Last-Modified %q, want after %q", renamed, first)
	}
	if code, _, _ := get(renamed); code != http.StatusNotModified {
		t.Errorf("the renamed feed answered %d to its own Last-Modified, want 304", code)
	}
}
