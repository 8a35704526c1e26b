package topiceval

import (
	"fmt"
	"slices"
	"testing"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/topic"
)

// The articles are written for the test, in the shape of real reports.

// anchoredIn is a group of n articles that each anchor the office and
// name in body.
func anchoredIn(name string, n int, body string) LeaderGroup {
	g := LeaderGroup{Name: name}
	for i := range n {
		g.Articles = append(g.Articles, &article.Article{Language: "en",
			Title: fmt.Sprintf("%s: talks, day %d", name, i), Text: body})
	}
	return g
}

// A bare surname learned from few articles meets other people (review
// 29): the rule keeps a key of one word only where anchored in
// OneWordMinArticles distinct articles, none at 0; full names at
// MinArticles.
func TestLeaderPriorRuleOnNamesOfOneWord(t *testing.T) {
	tg := defaultTagger(t)
	groups := []LeaderGroup{
		anchoredIn("gb", 2, "British Prime Minister Boris Johnson said the talks went well."),
		anchoredIn("pl", 3, "Polish Prime Minister Donald Tusk said the talks went well."),
		anchoredIn("one", 1, "French President Emmanuel Macron said the talks went well."),
	}
	for _, c := range []struct {
		rule LeaderPriorRule
		want []string
	}{
		{LeaderPriorRule{MinArticles: 2, OneWordMinArticles: 2}, []string{"boris johnson", "donald tusk", "johnson", "tusk"}},
		{LeaderPriorRule{MinArticles: 2, OneWordMinArticles: 3}, []string{"boris johnson", "donald tusk", "tusk"}},
		{LeaderPriorRule{MinArticles: 2, OneWordMinArticles: 0}, []string{"boris johnson", "donald tusk"}},
	} {
		var got []string
		for _, a := range LearnLeaderPrior(tg, groups, c.rule) {
			got = append(got, a.Name)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%+v: prior %v, want %v", c.rule, got, c.want)
		}
	}
	// Under the rule without keys of one word, "Johnson" and "Tusk" of
	// other people are no leaders; the full names still are.
	st := tg.WithLeaderPrior(LearnLeaderPrior(tg, groups, LeaderPriorRule{MinArticles: 2})).NewStream()
	for title, want := range map[string]int{
		"Johnson blocks Ukraine aid vote in House":   0,
		"Tusk found at Siberian dig site":            0,
		"Boris Johnson urges more aid for Ukraine":   1,
		"Donald Tusk warns of Russian sabotage risk": 1,
	} {
		var leaders []topic.LeaderActor
		for _, e := range st.Explain(&article.Article{Language: "en", Title: title}, topic.Hints{}) {
			leaders = append(leaders, e.Leaders...)
		}
		if len(leaders) != want {
			t.Errorf("%q: leaders %+v, want %d", title, leaders, want)
		}
	}
}
