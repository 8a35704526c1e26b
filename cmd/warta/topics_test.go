package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-news/warta/topic"
)

// `warta topics` prints the built-in topics; pasted into a config as its
// topics, they give the same tagger as the built-in topics themselves.
func TestTopicsPrintsTheBuiltinSetThatRoundTrips(t *testing.T) {
	out := mustWarta(t, "topics")
	if out != topic.BuiltinYAML() {
		t.Fatal("warta topics does not print the built-in topics")
	}
	dir := t.TempDir()
	sources := "sources:\n  - name: Antara Dunia\n    url: https://www.antaranews.com/rss/dunia.xml\n    boost: {world: 1.5}\n"
	bare := filepath.Join(dir, "bare.yaml")
	full := filepath.Join(dir, "full.yaml")
	if err := os.WriteFile(bare, []byte(sources), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(sources+out), 0o644); err != nil {
		t.Fatal(err)
	}
	_, builtin, err := loadConfig(bare)
	if err != nil {
		t.Fatal(err)
	}
	cfg, pasted, err := loadConfig(full)
	if err != nil {
		t.Fatal(err)
	}
	if builtin.Fingerprint() != pasted.Fingerprint() {
		t.Errorf("fingerprint %s with the printed topics, %s with the built-in ones", pasted.Fingerprint(), builtin.Fingerprint())
	}
	if len(cfg.Topics) != 12 {
		t.Errorf("%d topics with the printed ones pasted, want the 12 built-in", len(cfg.Topics))
	}

	// A change to a pasted topic is a change of the rules: stored articles
	// will be re-tagged.
	edited := strings.Replace(out, "threshold: 6", "threshold: 7", 1)
	if edited == out {
		t.Fatal("no threshold: 6 in the built-in topics to edit")
	}
	changed := filepath.Join(dir, "changed.yaml")
	if err := os.WriteFile(changed, []byte(sources+edited), 0o644); err != nil {
		t.Fatal(err)
	}
	_, tagger, err := loadConfig(changed)
	if err != nil {
		t.Fatal(err)
	}
	if tagger.Fingerprint() == builtin.Fingerprint() {
		t.Error("an edited threshold left the fingerprint unchanged")
	}
}

// Disabling a built-in topic re-tags the stored articles: the seed article,
// international relations before, is no longer once the topic is off.
func TestDisablingABuiltinTopicRetagsStoredArticles(t *testing.T) {
	site := newNewsSite(t)
	link := site.URL + "/idn/kuba-rusia"
	site.serve("/rss", "application/rss+xml", rss("IDN Times", []rssItem{seedItem(t, link)}))
	dir := t.TempDir()
	cfgPath := writeConfig(t, dir, []testSource{{Name: "IDN Times", URL: site.URL + "/rss", Language: "id"}}, nil)
	mustWarta(t, "-config", cfgPath, "once")
	recs := exported(t, cfgPath)
	if len(recs) != 1 || !hasTopic(recs[0], "international-relations") {
		t.Fatalf("before: %+v, want the seed article in international-relations", recs)
	}

	cfgPath = writeConfig(t, dir, []testSource{{Name: "IDN Times", URL: site.URL + "/rss", Language: "id"}},
		map[string]any{"topics": []map[string]any{{"slug": "international-relations", "disabled": true}}})
	mustWarta(t, "-config", cfgPath, "once")
	recs = exported(t, cfgPath)
	if len(recs) != 1 || hasTopic(recs[0], "international-relations") {
		t.Fatalf("after disabling international-relations: %+v", recs)
	}
}
