package main

import (
	"bufio"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/fixtures"
	"github.com/warta-news/warta/parse"
)

// explainedTopics runs `warta explain -json -` over lines and returns, per
// line, the explained article's id and its topics as the article record
// gives them; it checks that the topics explained as passed are those.
func explainedTopics(t *testing.T, cfg string, lines []string) (ids []string, topics [][]article.TopicMatch, modes []string) {
	t.Helper()
	code, out, errOut := warta(t, t.Context(), strings.Join(lines, "\n"), "-config", cfg, "explain", "-json", "-")
	if code != 0 {
		t.Fatalf("explain: exit %d: %s", code, errOut)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var ex explanation
		if err := json.Unmarshal(sc.Bytes(), &ex); err != nil {
			t.Fatal(err)
		}
		var passed []string
		for _, e := range ex.Topics {
			if e.Passed {
				passed = append(passed, e.Slug)
			}
		}
		if got := topicSlugs(ex.Article.Topics); !slices.Equal(got, passed) && len(got)+len(passed) > 0 {
			t.Errorf("%s: the record's topics %v, the explanation passes %v", ex.Article.Title, got, passed)
		}
		ids = append(ids, ex.Article.ID)
		topics = append(topics, ex.Article.Topics)
		modes = append(modes, ex.Mode)
	}
	if len(ids) != len(lines) {
		t.Fatalf("explain answered %d of %d lines", len(ids), len(lines))
	}
	return ids, topics, modes
}

// taggedTopics runs `warta tag` with args over lines and returns the topics
// of each line.
func taggedTopics(t *testing.T, cfg string, lines []string, args ...string) [][]article.TopicMatch {
	t.Helper()
	code, out, errOut := warta(t, t.Context(), strings.Join(lines, "\n"), append([]string{"-config", cfg, "tag"}, args...)...)
	if code != 0 {
		t.Fatalf("tag %v: exit %d: %s", args, code, errOut)
	}
	var topics [][]article.TopicMatch
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var o tagOutput
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatal(err)
		}
		topics = append(topics, o.Topics)
	}
	return topics
}

// sameTopics reports where two answers differ, slug, score and terms.
func sameTopics(a, b []article.TopicMatch) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// `warta explain` of articles that are not stored answers what a cycle
// stores for them now: one pass, the stream model learning from each as it
// tags it in the cycle's order. With an empty store that is `warta tag
// -stream` over the same lines in that order, number for number, and for
// one article also `warta tag`'s two passes (leftovers5, item 1: explain
// tagged with the store's model alone, learning nothing from the lines,
// and agreed with neither mode).
func TestExplainAgreesWithTagInItsMode(t *testing.T) {
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "Kabar", URL: "http://127.0.0.1:1/rss"}}, nil)

	one := []string{
		`{"id":"id-1","title":"Menlu RI bertemu Menlu Australia bahas kerja sama keamanan","content":"Menteri Luar Negeri Indonesia bertemu dengan Menteri Luar Negeri Australia di Jakarta untuk membahas kerja sama keamanan maritim."}`,
		`{"id":"en-1","title":"US and China agree to resume trade talks","content":"The United States and China agreed on Monday to resume trade negotiations, the foreign ministry said."}`,
	}
	for _, l := range one {
		_, ex, modes := explainedTopics(t, cfg, []string{l})
		if modes[0] != modeOnePass {
			t.Errorf("mode %q, want %q", modes[0], modeOnePass)
		}
		if two, stream := taggedTopics(t, cfg, []string{l}), taggedTopics(t, cfg, []string{l}, "-stream"); !sameTopics(ex[0], two[0]) || !sameTopics(ex[0], stream[0]) {
			t.Errorf("%s:\nexplain %+v\ntag     %+v\n-stream %+v", l, ex[0], two[0], stream[0])
		}
	}

	// Many articles, for the stream model to learn: the labelled stream's
	// items, undated (a cycle orders them by id).
	names, err := fixtures.Snapshots(fixtures.StreamDir)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, name := range names {
		body, err := fixtures.Read(name)
		if err != nil {
			t.Fatal(err)
		}
		feed, err := parse.Parse(body, "text/xml", time.Now())
		if err != nil {
			continue
		}
		for _, it := range feed.Items {
			b, err := json.Marshal(tagInput{ID: json.RawMessage(`"` + it.Link + `"`), Title: it.Title, Summary: it.Summary, Content: it.Content, URL: it.Link})
			if err != nil || it.Link == "" || strings.ContainsAny(it.Link, `"\`) {
				continue
			}
			lines = append(lines, string(b))
		}
	}
	ids, _, _ := explainedTopics(t, cfg, lines)
	byID := map[string]string{}
	for i, id := range ids {
		if _, dup := byID[id]; !dup {
			byID[id] = lines[i]
		}
	}
	// The lines in the cycle's order, each id once.
	ordered := make([]string, 0, len(byID))
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		ordered = append(ordered, byID[id])
	}
	if len(ordered) < 500 {
		t.Fatalf("%d distinct articles", len(ordered))
	}
	_, ex, _ := explainedTopics(t, cfg, ordered)
	stream := taggedTopics(t, cfg, ordered, "-stream")
	differ := 0
	for i := range ordered {
		if !sameTopics(ex[i], stream[i]) {
			differ++
			if differ <= 5 {
				t.Errorf("line %d:\nexplain %+v\n-stream %+v", i+1, ex[i], stream[i])
			}
		}
	}
	if differ > 0 {
		t.Errorf("explain and tag -stream differ on %d of %d articles", differ, len(ordered))
	}
}
