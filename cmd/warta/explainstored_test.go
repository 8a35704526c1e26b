package main

import (
	"bufio"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// explanations decodes `explain -json` output.
func explanations(t *testing.T, out string) []explanation {
	t.Helper()
	var exs []explanation
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var ex explanation
		if err := json.Unmarshal(sc.Bytes(), &ex); err != nil {
			t.Fatalf("%v: %s", err, sc.Text())
		}
		exs = append(exs, ex)
	}
	return exs
}

// A feed's items, or JSON lines, that are already stored are explained as
// stored, with the story they are in: not as new ones that "would join"
// their own stored copy (review 11, F5).
func TestExplainOfStoredItemsSaysTheyAreStored(t *testing.T) {
	site := newNewsSite(t)
	site.serve("/rss", "application/rss+xml", explainFeed(site.URL))
	cfg := writeConfig(t, t.TempDir(), []testSource{{Name: "Kabar", URL: site.URL + "/rss"}}, nil)
	mustWarta(t, "-config", cfg, "once")
	stored := map[string]exportRecord{}
	var lines strings.Builder
	for _, r := range exported(t, cfg) {
		stored[r.URL] = r
		b, err := json.Marshal(map[string]string{"id": r.ID, "title": r.Title, "url": r.URL, "language": r.Language})
		if err != nil {
			t.Fatal(err)
		}
		lines.Write(append(b, '\n'))
	}
	check := func(how string, exs []explanation) {
		t.Helper()
		if len(exs) != len(stored) {
			t.Fatalf("%s: %d explanations, want %d", how, len(exs), len(stored))
		}
		for _, ex := range exs {
			want, ok := stored[ex.Article.URL]
			switch {
			case !ok:
				t.Errorf("%s: explained %s, which is not stored", how, ex.Article.URL)
			case !ex.Stored || ex.Story == nil || ex.Story.Would || ex.Story.ID != want.Story:
				t.Errorf("%s: %s explained as stored=%v story %+v; want stored in story %s", how, ex.Article.URL, ex.Stored, ex.Story, want.Story)
			}
		}
	}
	check("explain FEED-URL", explanations(t, mustWarta(t, "-config", cfg, "explain", "-json", site.URL+"/rss")))
	code, out, errOut := warta(t, context.Background(), lines.String(), "-config", cfg, "explain", "-json", "-")
	if code != 0 {
		t.Fatalf("explain -: exit %d: %s", code, errOut)
	}
	check("explain -", explanations(t, out))
	text := mustWarta(t, "-config", cfg, "explain", site.URL+"/rss")
	if strings.Contains(text, "would") {
		t.Errorf("explain FEED-URL of stored items says \"would\":\n%s", text)
	}
}
