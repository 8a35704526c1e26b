package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/goccy/go-yaml"
)

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// eventually polls cond until it holds (waitFor), saying the daemon's log
// if it never does.
func eventually(t *testing.T, what string, log *syncBuffer, cond func() bool) {
	t.Helper()
	waitFor(t, what, cond, func() string { return "log:\n" + log.String() })
}

// waitFor polls cond until it holds, and fails the test with what and
// what detail says when it never does; the bound only keeps a broken
// daemon from hanging the test, it asserts nothing about speed.
func waitFor(t *testing.T, what string, cond func() bool, detail func() string) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s; %s", what, detail())
		}
		time.Sleep(50 * time.Millisecond) // polling a condition, not timing anything
	}
}

// get returns the status and body of url ("" on a network error).
func get(url string) (int, string) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// startDaemon runs `warta run` in-process with cfg until the test ends,
// taking reload signals from the returned channel.
func startDaemon(t *testing.T, cfg string) (reloads chan<- os.Signal, log *syncBuffer) {
	t.Helper()
	sigs := make(chan os.Signal)
	d := runDaemon(withReloads(context.Background(), sigs), cfg)
	t.Cleanup(func() { d.stop(t) })
	return sigs, d.log
}

// SIGHUP reloads the config without dropping the server: an invalid file is
// logged with its line and the running config kept; a valid one brings its
// new sources and topics at the next cycle, run at once as at a start;
// stored articles are re-tagged, and the stream model is learned again for
// new rules and loaded from its snapshot for the same ones.
func TestReloadConfig(t *testing.T) {
	site := newNewsSite(t)
	linkA := site.URL + "/dunia/pbb-sidang-darurat"
	linkB := site.URL + "/dunia/kedutaan-dibuka"
	site.serve("/a", "application/rss+xml", rss("A", []rssItem{{
		Title: "Dewan Keamanan PBB gelar sidang darurat soal sanksi", Link: linkA,
		Description: "<p>Dewan Keamanan PBB menggelar sidang darurat membahas sanksi baru, kata duta besar.</p>"}}))
	site.serve("/b", "application/rss+xml", rss("B", []rssItem{{
		Title: "Kedutaan besar Jepang dibuka kembali di Kabul", Link: linkB,
		Description: "<p>Kedutaan besar Jepang dibuka kembali setelah dua tahun, kata menteri luar negeri.</p>"}}))
	dir := t.TempDir()
	addr := freeAddr(t)
	extra := map[string]any{
		"server":   map[string]any{"listen": addr, "base_url": "http://" + addr},
		"schedule": "@every 1h", // cycles at start and after a reload only
	}
	cfg := writeConfig(t, dir, []testSource{{Name: "A", URL: site.URL + "/a", Language: "id"}}, extra)
	reloads, log := startDaemon(t, cfg)
	all := "http://" + addr + "/feeds/all.atom"
	eventually(t, "the first source's article", log, func() bool {
		_, body := get(all)
		return strings.Contains(body, linkA)
	})

	// An invalid config: logged with file and line, the old one kept.
	valid, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, append(valid, []byte("fetch:\n  timeout: soon\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	reloads <- syscall.SIGHUP
	eventually(t, "the failed reload to be logged", log, func() bool {
		return strings.Contains(log.String(), "config reload failed") && strings.Contains(log.String(), cfg+":")
	})
	if code, body := get(all); code != 200 || !strings.Contains(body, linkA) {
		t.Fatalf("after a failed reload: %d, article missing", code)
	}

	// A valid config with a new source and a new topic.
	doc := withDewanKeamanan(t, valid)
	doc["sources"] = []testSource{{Name: "A", URL: site.URL + "/a", Language: "id"}, {Name: "B", URL: site.URL + "/b", Language: "id"}}
	out, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, out, 0o644); err != nil {
		t.Fatal(err)
	}
	reloads <- syscall.SIGHUP
	eventually(t, "the new source's article", log, func() bool {
		_, body := get(all)
		return strings.Contains(body, linkB) && strings.Contains(body, linkA)
	})
	// The new topic's feed holds the article stored before the reload.
	eventually(t, "the new topic's feed", log, func() bool {
		code, body := get("http://" + addr + "/feeds/dewan-keamanan.atom")
		return code == 200 && strings.Contains(body, linkA) && !strings.Contains(body, linkB)
	})
	// New topics: the stream model's snapshot is of the old rules, and
	// the model learned from the stored articles again.
	if !strings.Contains(log.String(), "the snapshot is of other topic rules") {
		t.Errorf("the reload with new topics did not relearn the stream model; log:\n%s", log.String())
	}

	// A reload with the same rules loads the snapshot the last cycle
	// stored instead of learning from the stored articles again.
	const loaded = "stream model loaded from its snapshot"
	before := strings.Count(log.String(), loaded)
	reloads <- syscall.SIGHUP
	eventually(t, "the stream model loaded from its snapshot", log, func() bool {
		return strings.Count(log.String(), loaded) > before
	})
}

// With server.metrics_listen, /metrics is served there and not on the
// public listener (which serves it when metrics_listen is unset:
// TestDaemonServesFeedsAndShutsDown).
func TestMetricsOnTheirOwnListener(t *testing.T) {
	site := newNewsSite(t)
	site.serve("/rss", "application/rss+xml", rss("Dunia", nil))
	dir := t.TempDir()
	addr, metricsAddr := freeAddr(t), freeAddr(t)
	cfg := writeConfig(t, dir, []testSource{{Name: "Dunia", URL: site.URL + "/rss", Language: "id"}},
		map[string]any{
			"server":   map[string]any{"listen": addr, "base_url": "http://" + addr, "metrics_listen": metricsAddr},
			"schedule": "@every 1h",
		})
	_, log := startDaemon(t, cfg)
	eventually(t, "the cycle in the metrics", log, func() bool {
		code, body := get("http://" + metricsAddr + "/metrics")
		return code == 200 && strings.Contains(body, "warta_cycles_total")
	})
	if code, body := get("http://" + addr + "/metrics"); code != http.StatusNotFound || strings.Contains(body, "warta_cycles_total") {
		t.Errorf("public listener /metrics: %d, want 404", code)
	}
	if code, _ := get("http://" + addr + "/feeds/all.atom"); code != 200 {
		t.Errorf("public listener feeds: %d", code)
	}
	if code, _ := get("http://" + metricsAddr + "/healthz"); code != 200 {
		t.Errorf("metrics listener /healthz: %d", code)
	}
}

// withDewanKeamanan returns the test config cfg as a document with a topic
// "dewan-keamanan" added. The test config lists no topics (the built-in
// ones apply): this one is added beside them.
func withDewanKeamanan(t *testing.T, cfg []byte) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := yaml.Unmarshal(cfg, &doc); err != nil {
		t.Fatal(err)
	}
	own, _ := doc["topics"].([]any)
	doc["topics"] = append(own, map[string]any{
		"slug": "dewan-keamanan", "title": "Dewan Keamanan",
		"terms": map[string]any{"id": []string{"dewan keamanan^5"}}})
	return doc
}

// After a reload the pages keep the last cycle's status while the first
// cycle of the reloaded config runs (review 16, finding 9).
func TestReloadKeepsLastCycleStatus(t *testing.T) {
	site := newNewsSite(t)
	site.serve("/rss", "application/rss+xml", rss("Dunia", []rssItem{{Title: "Dewan Keamanan PBB gelar sidang darurat",
		Link: site.URL + "/dunia/pbb", Description: "<p>Dewan Keamanan PBB menggelar sidang darurat membahas sanksi.</p>"}}))
	addr := freeAddr(t)
	cfg := writeConfig(t, t.TempDir(), []testSource{{Name: "Dunia", URL: site.URL + "/rss", Language: "id"}},
		map[string]any{"server": map[string]any{"listen": addr}, "schedule": "@every 1h"})
	reloads, log := startDaemon(t, cfg)
	status := "http://" + addr + "/status.json"
	lastCycle := func() string {
		_, body := get(status)
		var doc struct {
			LastCycle json.RawMessage `json:"last_cycle"`
		}
		json.Unmarshal([]byte(body), &doc)
		return string(doc.LastCycle)
	}
	eventually(t, "the first cycle's status", log, func() bool { c := lastCycle(); return c != "" && c != "null" })

	// The reloaded config's cycle hangs on the source until released.
	asked, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	site.handle("/rss", func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(asked) })
		<-release
		http.Error(w, "later", http.StatusServiceUnavailable)
	})
	defer close(release)
	editConfig(t, cfg, func(doc map[string]any) { doc["publish"] = map[string]any{"title": "Reloaded"} })
	reloads <- syscall.SIGHUP
	select {
	case <-asked:
	case <-time.After(60 * time.Second): // against hanging only
		t.Fatalf("the reloaded config's cycle never fetched; log:\n%s", log.String())
	}
	eventually(t, "the reloaded publisher in effect", log, func() bool {
		_, body := get("http://" + addr + "/feeds/all.atom")
		return strings.Contains(body, "Reloaded")
	})
	if c := lastCycle(); c == "" || c == "null" {
		t.Errorf("after a reload, during its first cycle: last_cycle %q", c)
	}
}
