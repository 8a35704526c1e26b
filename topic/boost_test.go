package topic

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/warta-news/warta/article"
)

// chiliPrice is a market report: economy, and nothing else, without hints.
func chiliPrice() *article.Article {
	return &article.Article{Title: "Harga cabai naik di pasar tradisional", Text: "Pedagang mengeluhkan.", Language: "id"}
}

// A source's boost is evidence for its own topic only: boosting health or
// politics must not file a market report under world through the desk
// model's "rest" feature (review 13, finding 1).
func TestBoostOfOneTopicDoesNotTagAnother(t *testing.T) {
	tg := defaultTagger(t)
	plain := tg.Tag(chiliPrice(), Hints{})
	if _, ok := match(plain, "world"); ok {
		t.Fatal("world without boost")
	}
	for _, slug := range []string{"health", "politics", "international-relations", "economy"} {
		got := tg.Tag(chiliPrice(), Hints{Boost: map[string]float64{slug: 20}})
		for _, m := range got {
			if m.Slug == slug {
				continue
			}
			if _, ok := match(plain, m.Slug); !ok {
				t.Errorf("boost %s:20 added another topic, %+v", slug, m)
			}
		}
	}
}

// A boost that lifts a model-decided topic's score over its threshold and
// dominance bar tags it, as it does a rule-decided topic; a boost below
// that leaves the model's decision (review 13, finding 1).
func TestBoostOfAModelledTopicTagsIt(t *testing.T) {
	tg := defaultTagger(t)
	for _, slug := range []string{"world", "international-relations", "health"} {
		if _, ok := match(tg.Tag(chiliPrice(), Hints{Boost: map[string]float64{slug: 20}}), slug); !ok {
			t.Errorf("boost %s:20 does not tag it", slug)
		}
		if _, ok := match(tg.Tag(chiliPrice(), Hints{Boost: map[string]float64{slug: 0.5}}), slug); ok {
			t.Errorf("boost %s:0.5 tags a market report with it", slug)
		}
	}
}

// A boost never changes another topic's model features: the desk and
// actors models read the same features with and without it.
func TestBoostLeavesOtherTopicsExplanationsAlone(t *testing.T) {
	tg := defaultTagger(t)
	a := &article.Article{Title: "Menlu RI bertemu Menlu Jepang bahas kerja sama ekonomi", Text: "Kedua negara sepakat meningkatkan perdagangan.", Language: "id"}
	plain := tg.Explain(a, Hints{})
	boosted := tg.Explain(a, Hints{Boost: map[string]float64{"health": 20}})
	for i, e := range plain {
		if e.Slug == "health" {
			continue
		}
		was, _ := json.Marshal(e)
		is, _ := json.Marshal(boosted[i])
		if string(was) != string(is) {
			t.Errorf("boost health:20 changed %s:\n  %s\n  %s", e.Slug, was, is)
		}
	}
}

// A source's boost does not teach the stream model: its items are examples
// of what the rules decide without it, so other sources' items do not get
// the boosted topic (review 13, finding 2).
func TestBoostDoesNotTeachOtherSources(t *testing.T) {
	st := defaultTagger(t).NewStream()
	boosted := Hints{Boost: map[string]float64{"health": 20}}
	for i := range 60 {
		st.Observe(&article.Article{Language: "id",
			Title: fmt.Sprintf("Harga cabai rawit di pasar tradisional naik %d persen", i),
			Text:  "Pedagang cabai mengeluhkan pasokan dari petani cabai yang menurun karena cuaca."}, boosted)
		st.Observe(&article.Article{Language: "id",
			Title: fmt.Sprintf("Persib menang %d-0 atas Persija di Liga 1", i%5+1),
			Text:  "Gol dicetak pada babak kedua di stadion."}, Hints{})
	}
	other := &article.Article{Language: "id", Title: "Harga cabai rawit naik lagi", Text: "Pedagang cabai di pasar mengeluhkan pasokan dari petani."}
	if m, ok := match(defaultTagger(t).Tag(other, Hints{}), "health"); ok {
		t.Fatalf("health without the stream: %+v", m)
	}
	if m, ok := match(st.Tag(other, Hints{}), "health"); ok {
		t.Errorf("an unboosted item is tagged health, learned from the boosted source: %+v", m)
	}
}

// explain names the boost as what gave a model-decided topic.
func TestExplainNamesTheBoost(t *testing.T) {
	for _, e := range defaultTagger(t).Explain(chiliPrice(), Hints{Boost: map[string]float64{"world": 20}}) {
		if e.Slug == "world" && (!e.Passed || e.Decider != "boost" || e.Score != 20 || e.Boost != 20) {
			t.Errorf("world: %+v, want passed by the boost, score 20", e)
		}
	}
}
