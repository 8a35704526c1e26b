package topiceval

import (
	"encoding/json"
	"strings"
	"testing"
)

// Each view keeps what a feed item of that shape carries, and every other
// field as it was. The items are written for this test.
func TestViewApply(t *testing.T) {
	const summary = "WASHINGTON (Reuters) - U.S. and Japanese officials met on Monday in Tokyo. They agreed to hold talks on trade next month, the ministry said, adding that no date was set. The two governments last met in March."
	line := `{"id": "a", "source": "s", "title": "Officials meet", "summary": ` + quote(summary) + `, "language": "en", "label": "world", "pair": "p"}` + "\n"
	for _, c := range []struct {
		view View
		want string
	}{
		{ViewFull, summary},
		{ViewTitle, ""},
		{ViewSentence, "WASHINGTON (Reuters) - U.S. and Japanese officials met on Monday in Tokyo."},
		{ViewLead, "WASHINGTON (Reuters) - U.S. and Japanese officials met on Monday in Tokyo. They agreed to hold talks on trade next month, the ministry said, adding that no date was set. The two governments last met"},
	} {
		out, err := c.view.Apply([]byte(line))
		if err != nil {
			t.Fatal(err)
		}
		items, err := readJSONL[evalItem](strings.NewReader(string(out)))
		if err != nil || len(items) != 1 {
			t.Fatalf("%s: %v, %d items", c.view, err, len(items))
		}
		it := items[0]
		if it.Summary != c.want {
			t.Errorf("%s: summary %q, want %q", c.view, it.Summary, c.want)
		}
		if it.ID != "a" || it.Title != "Officials meet" || it.Label != "world" || it.Pair != "p" || it.Language != "en" || it.Source != "s" {
			t.Errorf("%s: other fields changed: %+v", c.view, it)
		}
		if len(it.Summary) > LeadChars && c.view == ViewLead {
			t.Errorf("lead of %d bytes", len(it.Summary))
		}
	}
}

// A summary with no sentence end is cut at a word; a name is no view.
func TestViewEdges(t *testing.T) {
	long := strings.Repeat("word ", 200)
	if got := ViewSentence.apply(long); len(got) > 2*LeadChars || strings.HasSuffix(got, "wo") {
		t.Errorf("sentence of an unpunctuated text: %d bytes, %q…", len(got), got[len(got)-10:])
	}
	if got := ViewSentence.apply("Short. Then more text follows here for a while."); got != "Short. Then more text follows here for a while." {
		t.Errorf("a first sentence shorter than a dateline is no sentence: %q", got)
	}
	for _, v := range Views() {
		if got, err := ParseView(v.String()); err != nil || got != v {
			t.Errorf("ParseView(%q) = %v, %v", v, got, err)
		}
	}
	if _, err := ParseView("headline"); err == nil {
		t.Error("ParseView accepted an unknown view")
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
