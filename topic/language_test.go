package topic

import (
	"testing"

	"github.com/warta-news/warta/article"
)

// The rules are English and Indonesian: an article in another known
// language gets none of their topics (its words would be read as English
// or Indonesian ones: "Tor" and "Minute" are no sport terms of either), only
// its source's forced topics (review 13, finding 5). An article of unknown
// language is still read with both.
func TestOtherLanguageGetsNoRuleTopics(t *testing.T) {
	tg := defaultTagger(t)
	for _, lang := range []string{"de", "fr"} {
		a := &article.Article{Language: lang, Title: "Persib menang 3-0 atas Persija di Liga 1: gol, pelatih, pertandingan", Text: "The match ended 3-0 after the league's top scorer struck twice."}
		if got := tg.Tag(a, Hints{}); len(got) != 0 {
			t.Errorf("%s: topics %+v, want none", lang, got)
		}
		got := tg.Tag(a, Hints{Forced: []string{"sport"}})
		if len(got) != 1 || got[0].Slug != "sport" || !got[0].Forced {
			t.Errorf("%s, forced sport: %+v", lang, got)
		}
		for _, e := range tg.Explain(a, Hints{Forced: []string{"sport"}}) {
			if e.Passed != (e.Slug == "sport") || e.Language != lang {
				t.Errorf("%s: explanation %+v", lang, e)
			}
		}
		if tg.NewStream().Observe(a, Hints{}) {
			t.Errorf("%s: the stream model learned from it", lang)
		}
	}
	a := &article.Article{Title: "Persib menang 3-0 atas Persija di Liga 1", Text: "Gol dicetak pada babak kedua oleh pemain pertandingan itu."}
	if _, ok := match(tg.Tag(a, Hints{}), "sport"); !ok {
		t.Error("an article of unknown language is not read with both rule sets")
	}
}
