package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/shared"
)

// A real feed with one character reference XML forbids (&#1;) in one
// title: a cycle stores all its items, and explain explains them as feed
// items, not the document as a web page.
func TestForbiddenCharRefLosesNoItem(t *testing.T) {
	raw, err := os.ReadFile(shared.Path(t, "fixtures", "antara_jambi_terkini_2022-08-28.xml"))
	if err != nil {
		t.Fatal(err)
	}
	body := bytes.Replace(raw, []byte("<title>Malisya Deslilian"), []byte("<title>Malisya&#1; Deslilian"), 1)
	site := newNewsSite(t)
	site.serve("/rss", "application/rss+xml", body)
	site.serve("/other", "application/rss+xml", body)
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "Antara", URL: site.URL + "/rss"}}, nil)
	out := mustWarta(t, "-config", cfg, "once")
	if strings.Contains(out, "failed 1") {
		t.Fatalf("the source failed: %s", out)
	}
	if recs := exported(t, cfg); len(recs) != 20 {
		t.Fatalf("%d articles stored, want 20", len(recs))
	}
	code, out, errOut := warta(t, context.Background(), "", "-config", cfg, "explain", "-json", site.URL+"/other")
	if code != 0 {
		t.Fatalf("explain: exit %d: %s", code, errOut)
	}
	var titles []string
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var ex explanation
		if err := json.Unmarshal(sc.Bytes(), &ex); err != nil {
			t.Fatalf("explain line: %v", err)
		}
		titles = append(titles, ex.Article.Title)
	}
	if len(titles) != 20 || titles[0] != "Malisya Deslilian lulus Fakultas Kedokteran Unisba pada usia 20 tahun" {
		t.Errorf("explain explained %d articles: %.3q", len(titles), titles)
	}
}
