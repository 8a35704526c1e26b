package topic

import (
	"testing"

	"github.com/warta-news/warta/article"
)

// The shipped word model adds international relations to a short
// two-state headline the actors model rejects only where its own log-odds
// are for the topic (W1, review 28): a stack's weights alone add nothing
// (a headline with no text, as headline feeds carry).
func TestWordModelAddsNothingItsWordsArgueAgainst(t *testing.T) {
	tg := defaultTagger(t)
	for _, title := range []string{"Turkey and Greece at odds over islands", "Russia and Ukraine swap prisoners"} {
		a := &article.Article{Language: "en", Title: title, Text: ""}
		for _, e := range tg.Explain(a, Hints{}) {
			if e.Slug == "international-relations" {
				t.Logf("%q: passed %v by %q, word log-odds %+.3f", title, e.Passed, e.Decider, e.WordLogOdds)
				if e.Passed && e.Decider == DeciderWords && e.WordLogOdds <= 0 {
					t.Errorf("%q: added by the word model with word log-odds %+.3f", title, e.WordLogOdds)
				}
			}
		}
	}
}
