package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/goccy/go-yaml"
)

// A reload that fails part-way (its publish.dir cannot be made) leaves
// nothing of it applied: the store stays tagged, and marked tagged, under
// the running rules and the schedule stays the running one. An article
// the old config stores afterwards is tagged by the new rules once they
// do take effect (here at a restart), as every other stored article.
func TestFailedReloadAppliesNothing(t *testing.T) {
	site := newNewsSite(t)
	linkA := site.URL + "/dunia/pbb-sidang-darurat"
	linkB := site.URL + "/dunia/pbb-sidang-lanjutan"
	itemA := rssItem{Title: "Dewan Keamanan PBB gelar sidang darurat soal sanksi", Link: linkA,
		Description: "<p>Dewan Keamanan PBB menggelar sidang darurat membahas sanksi baru, kata duta besar.</p>"}
	itemB := rssItem{Title: "Dewan Keamanan PBB lanjutkan sidang soal gencatan senjata", Link: linkB,
		Description: "<p>Dewan Keamanan PBB melanjutkan sidang membahas gencatan senjata, kata juru bicara.</p>"}
	site.serve("/a", "application/rss+xml", rss("A", []rssItem{itemA}))
	dir := t.TempDir()
	addr := freeAddr(t)
	extra := map[string]any{
		"server":   map[string]any{"listen": addr, "base_url": "http://" + addr},
		"schedule": "@every 1h", // cycles at start and after a reload only
	}
	cfg := writeConfig(t, dir, []testSource{{Name: "A", URL: site.URL + "/a", Language: "id"}}, extra)
	valid, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	doc := withDewanKeamanan(t, valid)
	withTopic, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	// The same with a publish.dir under a regular file: it loads (the dir
	// is made when publishing) but cannot be applied.
	blocker := filepath.Join(dir, "not-a-dir")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	doc["publish"] = map[string]any{"max_items": 100, "dir": filepath.Join(blocker, "feeds")}
	doc["schedule"] = "@every 2h"
	broken, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}

	sigs := make(chan os.Signal)
	d := runDaemon(withReloads(t.Context(), sigs), cfg)
	all := "http://" + addr + "/feeds/all.atom"
	eventually(t, "the first article", d.log, func() bool {
		_, body := get(all)
		return strings.Contains(body, linkA)
	})
	if err := os.WriteFile(cfg, broken, 0o644); err != nil {
		t.Fatal(err)
	}
	site.serve("/a", "application/rss+xml", rss("A", []rssItem{itemB, itemA}))
	sigs <- syscall.SIGHUP
	// The reload's cycle runs under the old config and stores B.
	eventually(t, "the second article under the old config", d.log, func() bool {
		_, body := get(all)
		return strings.Contains(d.log.String(), "reloaded config not applied") && strings.Contains(body, linkB)
	})
	log := d.log.String()
	d.stop(t)
	if strings.Contains(log, "re-tagged") {
		t.Errorf("the failed reload re-tagged the store; log:\n%s", log)
	}
	if strings.Contains(log, "new schedule") {
		t.Errorf("the failed reload installed its schedule; log:\n%s", log)
	}

	if err := os.WriteFile(cfg, withTopic, 0o644); err != nil {
		t.Fatal(err)
	}
	d = runDaemon(t.Context(), cfg)
	defer d.stop(t)
	eventually(t, "both articles in the new topic's feed", d.log, func() bool {
		code, body := get("http://" + addr + "/feeds/dewan-keamanan.atom")
		return code == 200 && strings.Contains(body, linkA) && strings.Contains(body, linkB)
	})
}
