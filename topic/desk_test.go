package topic

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/warta-news/warta/article"
)

// withDeskOdds returns tg with desk models that read every article at the
// probabilities given (a bias alone), and the other desks far under their
// cut: what the desks decide, whatever the article's words.
func withDeskOdds(tg *Tagger, ps map[string]float64) *Tagger {
	w := map[string][]float64{}
	for _, d := range deskModelDesks() {
		w[d] = make([]float64, numDeskFeatures)
		w[d][dBias] = -10
	}
	for d, p := range ps {
		w[d][dBias] = math.Log(p / (1 - p))
	}
	return tg.WithDeskModel(w)
}

// deskSlugs lists the desk topics among ms.
func deskSlugs(ms []article.TopicMatch) []string {
	var out []string
	for _, m := range ms {
		if deskModelIndex(m.Slug) >= 0 {
			out = append(out, m.Slug)
		}
	}
	return out
}

// An article is filed under a second desk only when the desk model is sure
// of it (SecondDeskCut): the labelled news carry one desk each, and a
// second desk the model is only somewhat sure of is more often wrong than
// right (BENCHMARKS.md, "A second desk topic only when it is strong").
// The most probable desk is the first, whatever the config's order. The
// item is written for the test.
func TestSecondDeskOnlyWhenStrong(t *testing.T) {
	base := defaultTagger(t)
	a := &article.Article{Title: "Officials meet in Paris on Tuesday", Text: "The meeting was held in the capital.", Language: "en"}
	for _, c := range []struct {
		ps   map[string]float64
		want []string
	}{
		{map[string]float64{"world": 0.95, "economy": 0.70}, []string{"world"}},
		{map[string]float64{"world": 0.60, "economy": 0.79}, []string{"economy"}},
		{map[string]float64{"world": 0.95, "economy": 0.85}, []string{"world", "economy"}},
		{map[string]float64{"world": 0.55}, []string{"world"}},
	} {
		got := deskSlugs(withDeskOdds(base, c.ps).Tag(a, Hints{}))
		if !slices.Equal(got, c.want) {
			t.Errorf("desk probabilities %v: desks %v, want %v", c.ps, got, c.want)
		}
	}
}

// Explain says why a second desk was dropped and after which desk; a
// desk topic its source boosts is the user's evidence and stays.
func TestSecondDeskDroppedIsExplained(t *testing.T) {
	tg := withDeskOdds(defaultTagger(t), map[string]float64{"world": 0.95, "economy": 0.70})
	a := &article.Article{Title: "Officials meet in Paris on Tuesday", Text: "The meeting was held in the capital.", Language: "en"}
	es := tg.Explain(a, Hints{})
	e := explain(es, "economy")
	if e.Passed || e.SecondDeskTo != "world" || e.Decider != "desk model" || e.Model == nil || e.Model.Probability != 0.7 {
		t.Errorf("economy: passed %t, second desk to %q, decider %q, model %+v; want dropped after world by the desk model at p 0.7", e.Passed, e.SecondDeskTo, e.Decider, e.Model)
	}
	if w := explain(es, "world"); !w.Passed || w.SecondDeskTo != "" {
		t.Errorf("world: passed %t, second desk to %q; want it passed, first", w.Passed, w.SecondDeskTo)
	}
	var b strings.Builder
	if err := WriteExplanations(&b, es); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "dropped: a second desk after world needs p=0.8") {
		t.Errorf("the explanation does not say why economy was dropped:\n%s", b.String())
	}
	if got := deskSlugs(tg.Tag(a, Hints{Boost: map[string]float64{"economy": 1}})); !slices.Equal(got, []string{"world", "economy"}) {
		t.Errorf("with economy boosted: desks %v, want world and economy", got)
	}
}

// A boost on one desk leaves every other desk as it was (docs/TOPICS.md: "A boost
// never raises or lowers another topic"): the boosted desk is still
// ranked by its desk model's probability, only never dropped itself.
func TestSecondDeskBoostLeavesOtherDesks(t *testing.T) {
	tg := withDeskOdds(defaultTagger(t), map[string]float64{"world": 0.70, "economy": 0.95})
	a := &article.Article{Title: "Officials meet in Paris on Tuesday", Text: "The meeting was held in the capital.", Language: "en"}
	plain := deskSlugs(tg.Tag(a, Hints{}))
	boosted := deskSlugs(tg.Tag(a, Hints{Boost: map[string]float64{"economy": 1}}))
	if !slices.Equal(plain, []string{"economy"}) || !slices.Equal(boosted, plain) {
		t.Errorf("desks without a boost %v, with economy boosted %v; want [economy] both times", plain, boosted)
	}
}

// A user's own topic on a built-in desk (desk: world) is not a second
// desk: the rule compares the built-in desks, and a user's own topics are
// left as they were.
func TestSecondDeskLeavesOwnDeskTopics(t *testing.T) {
	specs := append(builtinSpecs(t), Spec{Slug: "asia", Title: "Asia", Desk: "world", Terms: map[string][]string{"en": {"asia^2"}}})
	base, err := New(specs)
	if err != nil {
		t.Fatal(err)
	}
	tg := withDeskOdds(base, map[string]float64{"world": 0.70})
	a := &article.Article{Title: "Officials meet in Asia", Text: "The meeting was held in the capital.", Language: "en"}
	var got []string
	for _, m := range tg.Tag(a, Hints{}) {
		got = append(got, m.Slug)
	}
	if e := explain(tg.Explain(a, Hints{}), "asia"); !slices.Contains(got, "world") || !slices.Contains(got, "asia") || e.SecondDeskTo != "" {
		t.Errorf("topics %v, asia second desk to %q; want world and asia, nothing dropped", got, e.SecondDeskTo)
	}
}

// The first desk is one the article is filed under: when the family cap
// drops the most probable desk (world is hard news), the next desk is
// first, and the explanation names no desk the article lacks.
func TestSecondDeskAfterFamilyCap(t *testing.T) {
	tg := withDeskOdds(defaultTagger(t), map[string]float64{"world": 0.95, "economy": 0.70})
	a := &article.Article{Title: "Officials meet in Paris on Tuesday", Text: "The meeting was held in the capital.", Language: "en"}
	h := Hints{Boost: map[string]float64{"conflict": 30, "politics": 30}}
	var slugs []string
	for _, m := range tg.Tag(a, h) {
		slugs = append(slugs, m.Slug)
	}
	if !slices.Contains(slugs, "economy") || slices.Contains(slugs, "world") {
		t.Errorf("topics %v; want economy the one desk once the family cap dropped world", slugs)
	}
	for _, e := range tg.Explain(a, h) {
		if e.SecondDeskTo != "" {
			t.Errorf("%s: dropped as a second desk after %s", e.Slug, e.SecondDeskTo)
		}
	}
}

// A forced topic passes, so its explanation does not say it was dropped as
// a second desk.
func TestSecondDeskForcedIsNotDropped(t *testing.T) {
	tg := withDeskOdds(defaultTagger(t), map[string]float64{"world": 0.95, "economy": 0.70})
	a := &article.Article{Title: "Officials meet in Paris on Tuesday", Text: "The meeting was held in the capital.", Language: "en"}
	e := explain(tg.Explain(a, Hints{Forced: []string{"economy"}}), "economy")
	if !e.Passed || e.SecondDeskTo != "" {
		t.Errorf("forced economy: passed %t, second desk to %q; want passed and not dropped", e.Passed, e.SecondDeskTo)
	}
}

// An article of unknown language is read in both languages; the rule
// holds once over the desks of both: each language alone files one desk
// (its own at p 0.73, the other at 0.70 dropped after it), and so does the
// union.
func TestSecondDeskUnknownLanguage(t *testing.T) {
	w := map[string][]float64{}
	for _, d := range deskModelDesks() {
		w[d] = make([]float64, numDeskFeatures)
		w[d][dBias] = -10
	}
	for _, d := range []string{"world", "economy"} {
		w[d][dBias] = math.Log(0.7 / 0.3)
		w[d][dOwnTitle] = 0.1
	}
	tg := defaultTagger(t).WithDeskModel(w)
	a := &article.Article{Title: "Layoffs gedung putih", Language: ""}
	for _, lang := range []string{"en", "id"} {
		b := *a
		b.Language = lang
		if got := deskSlugs(tg.Tag(&b, Hints{})); len(got) != 1 {
			t.Fatalf("%s: desks %v, want one", lang, got)
		}
	}
	if got := deskSlugs(tg.Tag(a, Hints{})); len(got) != 1 {
		t.Errorf("unknown language: desks %v, want one", got)
	}
	var passed []string
	for _, e := range tg.Explain(a, Hints{}) {
		if e.Passed && deskModelIndex(e.Slug) >= 0 {
			passed = append(passed, e.Slug)
		}
	}
	if len(passed) != 1 {
		t.Errorf("unknown language, Explain: desks %v, want one", passed)
	}
}

// Each topic on a desk gets the desk model's probability from its own
// features: a user's topic on the world desk, before or after the
// built-in world, leaves world's probability and decision as they are
// without it, and has its own (review 30, finding 2). The item is
// written for the test.
func TestDeskTopicsOwnProbability(t *testing.T) {
	asia := Spec{Slug: "asia", Title: "Asia", Desk: "world", Terms: map[string][]string{"en": {"asean^2", "mekong^2"}}}
	a := &article.Article{Title: "White House and Senate leaders meet in Washington", Text: "The United States Congress met as Republicans and Democrats argued over the budget.", Language: "en"}
	plain := explain(defaultTagger(t).Explain(a, Hints{}), "world")
	if plain.Model == nil {
		t.Fatal("world has no desk model reading")
	}
	var asiaP []float64
	for _, order := range []string{"after", "before"} {
		specs := builtinSpecs(t)
		if order == "after" {
			specs = append(specs, asia)
		} else {
			specs = append([]Spec{asia}, specs...)
		}
		tg, err := New(specs)
		if err != nil {
			t.Fatal(err)
		}
		es := tg.Explain(a, Hints{})
		w, e := explain(es, "world"), explain(es, "asia")
		if w.Model == nil || e.Model == nil {
			t.Fatalf("asia %s world: a desk topic has no desk model reading", order)
		}
		if w.Passed != plain.Passed || w.Model.Probability != plain.Model.Probability {
			t.Errorf("asia %s world: world passed %t at p %g; without asia %t at p %g", order, w.Passed, w.Model.Probability, plain.Passed, plain.Model.Probability)
		}
		if e.Model.Probability == w.Model.Probability {
			t.Errorf("asia %s world: asia's probability %g is world's", order, e.Model.Probability)
		}
		if got := slices.ContainsFunc(tg.Tag(a, Hints{}), func(m article.TopicMatch) bool { return m.Slug == "world" }); got != plain.Passed {
			t.Errorf("asia %s world: world tagged %t, without asia %t", order, got, plain.Passed)
		}
		asiaP = append(asiaP, e.Model.Probability)
	}
	if asiaP[0] != asiaP[1] {
		t.Errorf("asia's probability after world %g, before %g; want its own either way", asiaP[0], asiaP[1])
	}
}

// A config with several topics on one desk tags differently since each
// reads the desk model from its own features, so its fingerprint says so
// (re-tagging stored articles, keying a new stream model); the built-in
// config, one topic per desk, tags as before and keeps its fingerprint's
// text.
func TestSharedDeskInFingerprint(t *testing.T) {
	if defaultTagger(t).desksShared() {
		t.Error("the built-in topics share a desk")
	}
	tg, err := New(append(builtinSpecs(t), Spec{Slug: "asia", Title: "Asia", Desk: "world", Terms: map[string][]string{"en": {"asean^2"}}}))
	if err != nil {
		t.Fatal(err)
	}
	if !tg.desksShared() {
		t.Error("asia with desk: world does not share world's desk")
	}
}

// withAsia returns the built-in specs with a user topic on world's desk,
// after or before the built-in topics.
func withAsia(t *testing.T, order string) []Spec {
	t.Helper()
	asia := Spec{Slug: "asia", Title: "Asia", Desk: "world", Terms: map[string][]string{"en": {"asean^2", "mekong^2"}}}
	if order == "after" {
		return append(builtinSpecs(t), asia)
	}
	return append([]Spec{asia}, builtinSpecs(t)...)
}

// Another desk's rival feature is the score of the desk's own topic: a
// user's topic on world's desk, before or after world, leaves economy's
// probability as it was.
func TestDeskRivalIsOwnTopic(t *testing.T) {
	a := &article.Article{Title: "White House and Senate leaders meet in Washington over stocks and interest rates", Text: "The United States Congress met as Republicans and Democrats argued over the budget, inflation and the central bank.", Language: "en"}
	asiaLeavesProbability(t, a, "economy")
}

// asiaLeavesProbability checks that a user's topic on world's desk, after
// or before the built-in topics, leaves slug's model probability on a as
// it was without it.
func asiaLeavesProbability(t *testing.T, a *article.Article, slug string) {
	t.Helper()
	plain := explain(defaultTagger(t).Explain(a, Hints{}), slug)
	for _, order := range []string{"after", "before"} {
		tg, err := New(withAsia(t, order))
		if err != nil {
			t.Fatal(err)
		}
		e := explain(tg.Explain(a, Hints{}), slug)
		if e.Model.Probability != plain.Model.Probability {
			t.Errorf("asia %s world: %s p %g, without asia %g", order, slug, e.Model.Probability, plain.Model.Probability)
		}
	}
}

// On a desk without its own topic, the rival feature is the highest
// score among the desk's topics, whatever their order.
func TestDeskRivalWithoutOwnTopicOrderFree(t *testing.T) {
	var specs []Spec
	for _, sp := range builtinSpecs(t) {
		if sp.Slug != "world" {
			specs = append(specs, sp)
		}
	}
	strong := Spec{Slug: "americas", Title: "Americas", Desk: "world", Terms: map[string][]string{"en": {"washington^2", "white house^2", "senate^2"}}}
	weak := Spec{Slug: "asia", Title: "Asia", Desk: "world", Terms: map[string][]string{"en": {"asean^2", "mekong^2"}}}
	a := &article.Article{Title: "White House and Senate leaders meet in Washington over stocks and interest rates", Text: "The United States Congress met as Republicans and Democrats argued over the budget, inflation and the central bank.", Language: "en"}
	var ps []float64
	for _, pair := range [][]Spec{{strong, weak}, {weak, strong}} {
		tg, err := New(append(slices.Clone(specs), pair...))
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, explain(tg.Explain(a, Hints{}), "economy").Model.Probability)
	}
	if ps[0] != ps[1] {
		t.Errorf("economy p %g with the stronger world-desk topic first, %g with it last", ps[0], ps[1])
	}
}

// World is not given on the soft topics alone: an article whose own terms
// score nothing for world, that names no other country and for which no
// hard-news topic scores (a health explainer) stays out of world however
// sure the desk model is, while one naming another country, or one a
// hard-news topic scores for, is filed; a source's boost, the user's
// evidence, still gives it. The articles are invented.
func TestWorldNotOnSoftTopicsAlone(t *testing.T) {
	tg := withDeskOdds(defaultTagger(t), map[string]float64{"world": 0.9})
	soft := &article.Article{Title: "Eight facts about insomnia and sleep", Text: "Doctors say poor sleep raises the risk of diabetes and heart disease.", Language: "en"}
	if got := deskSlugs(tg.Tag(soft, Hints{})); slices.Contains(got, "world") {
		t.Errorf("a health explainer naming no country: desks %v, want no world", got)
	}
	if e := explain(tg.Explain(soft, Hints{}), "world"); !e.NoHardNews || e.Passed {
		t.Errorf("world's explanation: no hard news %v, passed %v; want the bar said", e.NoHardNews, e.Passed)
	}
	if got := deskSlugs(tg.Tag(soft, Hints{Boost: map[string]float64{"world": 20}})); !slices.Contains(got, "world") {
		t.Errorf("the same boosted to world: desks %v, want world", got)
	}
	for _, a := range []*article.Article{
		{Title: "Eight facts about insomnia in Japan", Text: "Doctors say poor sleep raises the risk of diabetes and heart disease.", Language: "en"},
		{Title: "Police arrest suspect after hospital fraud", Text: "Doctors say the suspect was charged with fraud.", Language: "en"},
		{Title: "Delapan Fakta Insomnia di Jepang", Text: "Dokter menyebut kurang tidur menaikkan risiko diabetes.", Language: "id"},
	} {
		if got := deskSlugs(tg.Tag(a, Hints{})); !slices.Contains(got, "world") {
			t.Errorf("%q: desks %v, want world (another country, or hard news)", a.Title, got)
		}
	}
	// In Indonesian, Indonesia is home: naming it alone is no other country.
	home := &article.Article{Title: "Delapan Fakta Insomnia di Indonesia", Text: "Dokter menyebut kurang tidur menaikkan risiko diabetes.", Language: "id"}
	if got := deskSlugs(tg.Tag(home, Hints{})); slices.Contains(got, "world") {
		t.Errorf("%q: desks %v, want no world", home.Title, got)
	}
}
