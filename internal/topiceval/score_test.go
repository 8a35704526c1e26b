package topiceval

import (
	"strings"
	"testing"

	"github.com/warta-news/warta/topic"
)

// Evaluate scores by hand-checkable counts: two sport items found of three
// labelled, one false alarm; IR from its own labels.
func TestEvaluateCounts(t *testing.T) {
	tg, err := topic.New([]topic.Spec{
		{Slug: "sport", Terms: map[string][]string{"en": {"match^5"}}},
		{Slug: "international-relations", Terms: map[string][]string{"en": {"treaty^5"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	articles := strings.Join([]string{
		`{"id": "a", "language": "en", "label": "sport", "title": "Match report"}`,
		`{"id": "b", "language": "en", "label": "sport", "title": "Match preview"}`,
		`{"id": "c", "language": "en", "label": "sport", "title": "Transfer news"}`,
		`{"id": "d", "language": "en", "label": "economy", "title": "Match funding for startups"}`,
		``,
		`{"id": "e", "language": "en", "label": "world", "title": "France and Germany sign a treaty", "summary": "The foreign ministers of France and Germany signed a border treaty in Paris."}`, // the actors model decides international relations
	}, "\n")
	ir := `{"id": "e", "ir": 1}` + "\n" + `{"id": "a", "ir": 0}`
	rep, err := Evaluate(tg, strings.NewReader(articles), strings.NewReader(ir))
	if err != nil {
		t.Fatal(err)
	}
	var sport Score
	for _, s := range rep.Rows {
		if s.Topic == "sport" && s.Lang == "en" {
			sport = s
		}
	}
	if sport.Positives != 3 || sport.Precision != 2.0/3 || sport.Recall != 2.0/3 {
		t.Errorf("sport en = %+v, want 3 positives, precision and recall 2/3", sport)
	}
	if rep.IR.Positives != 1 || rep.IR.F1 != 1 {
		t.Errorf("IR = %+v, want F1 1 on one positive", rep.IR)
	}
	if rep.Articles != 5 || rep.Untagged != 0.2 {
		t.Errorf("articles %d untagged %v, want 5 and 0.2", rep.Articles, rep.Untagged)
	}
}

func TestEvaluateNamesTheBadLine(t *testing.T) {
	tg, err := topic.New([]topic.Spec{{Slug: "x", Terms: map[string][]string{"en": {"x"}}}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Evaluate(tg, strings.NewReader("{\"id\": \"a\"}\n\n{bad\n"), strings.NewReader(""))
	if err == nil || !strings.Contains(err.Error(), "topiceval: articles: line 3") {
		t.Fatalf("err = %v, want it to name line 3 of the articles", err)
	}
}
