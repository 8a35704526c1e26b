package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/goccy/go-yaml"
)

// editConfig rewrites the config file at path with edit applied to it.
func editConfig(t *testing.T, path string, edit func(doc map[string]any)) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	edit(doc)
	out, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// selfLink returns the rel="self" target of the Link headers of url's
// answer ("" if none, or on a network error).
func selfLink(url string) string { return linkRel(url, "self") }

// linkRel returns the target of url's Link header with relation rel.
func linkRel(url, rel string) string {
	resp, err := http.Get(url)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	for _, l := range resp.Header.Values("Link") {
		for _, part := range strings.Split(l, ",") {
			if strings.Contains(part, `rel="`+rel+`"`) {
				target, _, _ := strings.Cut(strings.TrimSpace(part), ">")
				return strings.TrimPrefix(target, "<")
			}
		}
	}
	return ""
}

// With no server.base_url, the feeds link to the address the daemon
// serves: -listen moves the defaulted base URL with it (review 11, F1).
func TestRunListenFlagMovesTheDefaultedBaseURL(t *testing.T) {
	configured, given := freeAddr(t), freeAddr(t)
	cfg := writeConfig(t, t.TempDir(), []testSource{{Name: "X", URL: "http://127.0.0.1:1/none"}},
		map[string]any{"server": map[string]any{"listen": configured}, "schedule": "@every 1h"})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	log := &syncBuffer{}
	go func() {
		done <- runMain(ctx, []string{"run", "-config", cfg, "-listen", given}, strings.NewReader(""), io.Discard, log)
	}()
	defer func() { cancel(); <-done }()
	all := "http://" + given + "/feeds/all.atom"
	eventually(t, "the feeds served on "+given, log, func() bool { code, _ := get(all); return code == 200 })
	if got := selfLink(all); got != all {
		t.Errorf(`-listen %s: rel="self" is %q, want %q`, given, got, all)
	}
	if _, body := get("http://" + given + "/"); strings.Contains(body, configured) {
		t.Errorf("-listen %s: the front page links to the config's address %s", given, configured)
	}
}

// A reloaded config whose server.listen changed (it takes effect at the
// next start) does not move a defaulted base URL away from the address
// served (review 11, F1).
func TestReloadedListenKeepsTheDefaultedBaseURL(t *testing.T) {
	addr, other := freeAddr(t), freeAddr(t)
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "X", URL: "http://127.0.0.1:1/none"}},
		map[string]any{"server": map[string]any{"listen": addr}, "schedule": "@every 1h"})
	reloads, log := startDaemon(t, cfg)
	all := "http://" + addr + "/feeds/all.atom"
	eventually(t, "the feeds", log, func() bool { code, _ := get(all); return code == 200 })
	if got := selfLink(all); got != all {
		t.Fatalf(`rel="self" is %q, want %q`, got, all)
	}
	editConfig(t, cfg, func(doc map[string]any) {
		doc["server"] = map[string]any{"listen": other}
		doc["publish"].(map[string]any)["title"] = "Reloaded" // to see the reload in effect
	})
	reloads <- syscall.SIGHUP
	eventually(t, "the reloaded config in effect", log, func() bool {
		_, body := get(all)
		return strings.Contains(body, "Reloaded")
	})
	if got := selfLink(all); got != all {
		t.Errorf(`after a reload with listen %s: rel="self" is %q, want %q`, other, got, all)
	}
}

// A reload with a new server.base_url moves the advertised hub with the
// feeds' self links: both name the new base URL (review 11, F10).
func TestReloadedBaseURLMovesTheHub(t *testing.T) {
	addr := freeAddr(t)
	cfg := writeConfig(t, t.TempDir(), []testSource{{Name: "X", URL: "http://127.0.0.1:1/none"}},
		map[string]any{"server": map[string]any{"listen": addr}, "schedule": "@every 1h"})
	reloads, log := startDaemon(t, cfg)
	all := "http://" + addr + "/feeds/all.atom"
	eventually(t, "the feeds", log, func() bool { code, _ := get(all); return code == 200 })
	if got, want := linkRel(all, "hub"), "http://"+addr+"/websub"; got != want {
		t.Fatalf(`rel="hub" is %q, want %q`, got, want)
	}
	const moved = "https://news.example.org"
	editConfig(t, cfg, func(doc map[string]any) { doc["server"] = map[string]any{"listen": addr, "base_url": moved} })
	reloads <- syscall.SIGHUP
	eventually(t, "the new base URL in effect", log, func() bool { return selfLink(all) == moved+"/feeds/all.atom" })
	if got, want := linkRel(all, "hub"), moved+"/websub"; got != want {
		t.Errorf(`after the reload: rel="hub" is %q, want %q`, got, want)
	}
	if _, body := get(all); !strings.Contains(body, `href="`+moved+`/websub"`) {
		t.Errorf("after the reload the feed does not link the hub at %s/websub", moved)
	}
}
