package dedupe

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/shared"
)

// TestDistinctStoriesStayApart feeds the topic dev set — thousands of
// distinct short news items in English and Indonesian, all inside one
// window — through the index and counts merges. Near-duplicates do exist in
// such a corpus (the same wire item twice), so merges are logged for
// inspection and only a high rate fails.
func TestDistinctStoriesStayApart(t *testing.T) {
	f, err := os.Open(shared.Path(t, "data", "topics-dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ix := NewIndex(Options{})
	byID := map[string]*article.Article{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n, merged := 0, 0
	for sc.Scan() {
		var r struct{ ID, Title, Summary string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		a := &article.Article{ID: r.ID, Title: r.Title, Text: r.Summary, FirstSeen: t0.Add(time.Duration(n) * time.Second)}
		ix.Assign(a)
		byID[a.ID] = a
		n++
		if a.StoryID != a.ID {
			merged++
			m := byID[a.StoryMatch.MatchedID]
			t.Logf("merge %.2f:\n  %q %.150q\n  %q %.150q", a.StoryMatch.Similarity, m.Title, m.Text, a.Title, a.Text)
		}
	}
	t.Logf("%d articles, %d merged", n, merged)
	if merged*100 > n {
		t.Errorf("%d of %d distinct articles merged", merged, n)
	}
}
