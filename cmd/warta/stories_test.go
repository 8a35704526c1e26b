package main

import (
	"bufio"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/shared"
)

// goldItem is one line of the syndication gold set.
type goldItem struct {
	Link  string `json:"link"`
	Story string `json:"story"`
}

// scoreCanon is the scorer's notion of one article: https, host lower-cased,
// utm_* and ref dropped, no trailing slash or fragment.
func scoreCanon(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return raw
	}
	q := u.Query()
	for k := range q {
		if strings.HasPrefix(k, "utm_") || k == "ref" {
			q.Del(k)
		}
	}
	path := strings.TrimRight(u.Path, "/")
	if path == "" {
		path = "/"
	}
	return "https://" + strings.ToLower(u.Host) + path + "?" + q.Encode()
}

// serveFeedDir serves every *.xml feed of dir at a local news site, one
// source per file named after it.
func serveFeedDir(t *testing.T, dir, contentType string) []testSource {
	t.Helper()
	feeds, err := filepath.Glob(filepath.Join(dir, "*.xml"))
	if err != nil || len(feeds) == 0 {
		t.Fatalf("no feeds in %s: %v", dir, err)
	}
	site := newNewsSite(t)
	var sources []testSource
	for _, f := range feeds {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".xml")
		site.serve("/"+name, contentType, body)
		sources = append(sources, testSource{Name: name, URL: site.URL + "/" + name})
	}
	return sources
}

// One story, one entry: outlets' feeds carrying the same stories go through
// a cycle; articles judged the same story must match the gold set's
// stories (pairwise precision and recall, as ../shared/tools/score_dups.py
// counts them), and no article may be lost or stored twice.
func TestSyndicatedStoriesAgainstGold(t *testing.T) {
	sources := serveFeedDir(t, shared.Path(t, "data", "dups-dev", "feeds"), "application/atom+xml")
	dir := t.TempDir()
	cfg := writeConfig(t, dir, sources, map[string]any{
		"publish": map[string]any{"max_items": 10000, "dir": filepath.Join(dir, "feeds")},
		"storage": map[string]any{"driver": "sqlite", "dsn": filepath.Join(dir, "warta.db"), "retention": "0s"},
	})
	mustWarta(t, "-config", cfg, "once")
	recs := exported(t, cfg)

	gold := map[string]string{}
	gf, err := os.Open(shared.Path(t, "data", "dups-dev", "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer gf.Close()
	sc := bufio.NewScanner(gf)
	for sc.Scan() {
		var g goldItem
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		gold[scoreCanon(g.Link)] = g.Story
	}
	story := map[string]string{}
	count := map[string]int{}
	for _, r := range recs {
		c := scoreCanon(r.URL)
		if _, ok := gold[c]; ok {
			story[c] = r.Story
			count[c]++
		}
	}
	lost, twice := 0, 0
	for c := range gold {
		switch {
		case count[c] == 0:
			lost++
			t.Errorf("lost: %s", c)
		case count[c] > 1:
			twice++
			t.Errorf("stored %d times: %s", count[c], c)
		}
	}
	links := make([]string, 0, len(gold))
	for c := range gold {
		links = append(links, c)
	}
	sort.Strings(links)
	var tp, fp, fn int
	for i, a := range links {
		for _, b := range links[i+1:] {
			same := gold[a] == gold[b]
			said := story[a] != "" && story[a] == story[b]
			switch {
			case same && said:
				tp++
			case !same && said:
				fp++
				t.Logf("false merge: %s ~ %s", a, b)
			case same && !said:
				fn++
				t.Logf("missed: %s ~ %s", a, b)
			}
		}
	}
	precision := float64(tp) / float64(max(1, tp+fp))
	recall := float64(tp) / float64(max(1, tp+fn))
	t.Logf("gold articles %d, exported %d: pairs tp %d fp %d fn %d: precision %.3f recall %.3f lost %d twice %d",
		len(gold), len(recs), tp, fp, fn, precision, recall, lost, twice)
	if precision < 0.98 || recall < 0.95 {
		t.Errorf("same-story precision %.3f recall %.3f; targets 0.98 and 0.95", precision, recall)
	}

	// The all feed carries one entry per story.
	stories := map[string]bool{}
	for _, r := range recs {
		stories[r.Story] = true
	}
	all := readAtom(t, filepath.Join(dir, "feeds", "all.atom"))
	if len(all.Items) != len(stories) {
		t.Errorf("all feed has %d entries for %d stories", len(all.Items), len(stories))
	}
	validateAll(t, filepath.Join(dir, "feeds"))
}
