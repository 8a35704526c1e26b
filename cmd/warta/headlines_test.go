package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/warta-news/warta/dedupe"
	"github.com/warta-news/warta/internal/shared"
)

// Stories that outlets each wrote in their own words (issue 13): one cycle
// over real headlines of five Indonesian outlets, `warta export`, scored by
// the maintainers' score_dups.py, day by day. The event constants are
// chosen on these three days by a rule whose held-out figures dedupe's
// TestHeadlineLeaveOneDayOut measures (each day scored by constants chosen
// on the other two): the floors here are those held-out figures, precision
// at the goal on every day and the folds' pooled recall (0.122 when the
// rule was frozen), not what the days give once tuned on.
func TestHeadlineStoriesScoredByMaintainersTool(t *testing.T) {
	feedDir := shared.Path(t, "data", "headlines-dev", "feeds")
	goldPath := shared.Path(t, "data", "headlines-dev", "gold.jsonl")
	scorer := shared.Path(t, "tools", "score_dups.py")
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	sources := serveFeedDir(t, feedDir, "application/rss+xml")
	dir := t.TempDir()
	cfg := writeConfig(t, dir, sources, map[string]any{
		"storage": map[string]any{"driver": "sqlite", "dsn": filepath.Join(dir, "warta.db"), "retention": "0s"},
	})
	mustWarta(t, "-config", cfg, "once")
	export := filepath.Join(dir, "export.jsonl")
	if err := os.WriteFile(export, []byte(mustWarta(t, "-config", cfg, "export")), 0o600); err != nil {
		t.Fatal(err)
	}

	// The gold set split by day: its story labels start with the day.
	gold, err := os.ReadFile(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	split := func(name string, keep func(day string) bool) string {
		var b strings.Builder
		sc := bufio.NewScanner(strings.NewReader(string(gold)))
		for sc.Scan() {
			var g struct{ Story string }
			if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
				t.Fatal(err)
			}
			if day, _, _ := strings.Cut(g.Story, "-"); keep(day) {
				b.WriteString(sc.Text() + "\n")
			}
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	summary := regexp.MustCompile(`pairP=([0-9.]+) pairR=([0-9.]+) pairF1=[0-9.]+ lost=(\d+) split_articles=(\d+) stored_twice=(\d+)`)
	counts := regexp.MustCompile(`tp (\d+) fp \d+ fn (\d+)`)
	// score returns the precision, recall and same-story pairs of the gold file.
	score := func(goldFile string) (p, r float64, pairs int) {
		out, err := exec.Command(python, scorer, goldFile, export).CombinedOutput()
		if err != nil {
			t.Fatalf("score_dups.py: %v\n%s", err, out)
		}
		m := summary.FindStringSubmatch(string(out))
		if m == nil {
			t.Fatalf("score_dups.py printed no summary:\n%s", out)
		}
		p, _ = strconv.ParseFloat(m[1], 64)
		r, _ = strconv.ParseFloat(m[2], 64)
		c := counts.FindStringSubmatch(string(out))
		if c == nil {
			t.Fatalf("score_dups.py printed no pair counts:\n%s", out)
		}
		tp, _ := strconv.Atoi(c[1])
		fn, _ := strconv.Atoi(c[2])
		if m[3] != "0" || m[4] != "0" || m[5] != "0" {
			t.Errorf("lost %s, split %s, stored twice %s", m[3], m[4], m[5])
		}
		t.Logf("%s: %s", filepath.Base(goldFile), strings.TrimSpace(string(out)))
		return p, r, tp + fn
	}
	// `warta explain` shows the evidence of an event join.
	explained := false
	for _, r := range exported(t, cfg) {
		if r.StoryMatch == nil || !strings.HasPrefix(r.StoryMatch.Method, dedupe.EventMethod+": shared ") {
			continue
		}
		out := mustWarta(t, "-config", cfg, "explain", r.URL)
		if !strings.Contains(out, "by "+r.StoryMatch.Method) || !strings.Contains(out, r.Story) {
			t.Errorf("explain %s shows no evidence %q:\n%s", r.URL, r.StoryMatch.Method, out)
		}
		explained = true
		break
	}
	if !explained {
		t.Error("no article joined a story by its event signature")
	}

	var recalled, pairs float64
	for _, day := range []string{"20231101", "20231117", "20240507"} {
		p, r, n := score(split(day+".jsonl", func(d string) bool { return d == day }))
		if p < 0.95 {
			t.Errorf("%s: pairwise precision %.3f, floor 0.95", day, p)
		}
		recalled += r * float64(n)
		pairs += float64(n)
	}
	if r := recalled / pairs; r < 0.12 {
		t.Errorf("pairwise recall over the three days %.3f, floor 0.12", r)
	}
}
