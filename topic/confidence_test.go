package topic

import (
	"errors"
	"slices"
	"testing"

	"github.com/warta-news/warta/article"
)

// withConfidence compiles the built-in topics with the actors model's topic
// asking confidence.
func withConfidence(t *testing.T, confidence float64) *Tagger {
	t.Helper()
	return withConfidences(t, Confidence{All: confidence})
}

// withConfidences is withConfidence with any Confidence.
func withConfidences(t *testing.T, confidence Confidence) *Tagger {
	t.Helper()
	specs := builtinSpecs(t)
	i := slices.IndexFunc(specs, func(sp Spec) bool { return sp.Model == ModelActors })
	specs[i].Confidence = confidence
	tg, err := New(specs)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// irExplained is the actors model's topic's explanation of a by tg.
func irExplained(tg *Tagger, a *article.Article) Explanation {
	return explain(tg.Explain(a, Hints{}), "international-relations")
}

// TestConfidenceRaisesTheCut: a confidence above the model's probability of
// an article takes the topic from it, one under it leaves the topic (one
// under the fitted cut changes nothing), and
// the explanation holds the cut that decided; the stance of a bare
// Indonesian headline still decides. The articles are invented.
func TestConfidenceRaisesTheCut(t *testing.T) {
	a := &article.Article{Title: "Indonesia and Malaysia sign border treaty", Language: "en",
		Summary: "Indonesia and Malaysia signed a treaty on Tuesday settling their land border in Borneo after talks between the two foreign ministers in Jakarta."}
	base := irExplained(defaultTagger(t), a)
	if !base.Passed || base.Model == nil {
		t.Fatalf("at the fitted cut the treaty is not international relations: %+v", base)
	}
	p := base.Model.Probability
	if p >= 0.99 {
		t.Fatalf("p = %g: no confidence above it to test", p)
	}
	strict := irExplained(withConfidence(t, (p+1)/2), a)
	if strict.Passed || strict.Model.Cut != (p+1)/2 || strict.Model.Probability != p {
		t.Errorf("confidence %g over p %g: passed %v, cut %g, p %g; want not passed at that cut, p unchanged", (p+1)/2, p, strict.Passed, strict.Model.Cut, strict.Model.Probability)
	}
	under := base.Model.Cut / 2
	lenient := irExplained(withConfidence(t, under), a)
	if !lenient.Passed || lenient.Model.Cut != base.Model.Cut {
		t.Errorf("confidence %g under the fitted cut: passed %v, cut %g; want passed at the fitted cut %g", under, lenient.Passed, lenient.Model.Cut, base.Model.Cut)
	}
	between := (base.Model.Cut + p) / 2
	if e := irExplained(withConfidence(t, between), a); !e.Passed || e.Model.Cut != between {
		t.Errorf("confidence %g between the cut and p %g: passed %v, cut %g; want passed at %g", between, p, e.Passed, e.Model.Cut, between)
	}
	if defaultTagger(t).Fingerprint() == withConfidence(t, (p+1)/2).Fingerprint() {
		t.Error("a confidence leaves the fingerprint as it was: stored topics would not be re-tagged")
	}
	// A bare Indonesian headline's stance decides whatever the model says.
	stance := &article.Article{Title: "Menlu RI Kecam Serangan Israel ke Suriah", Language: "id"}
	if e := irExplained(withConfidence(t, 0.99), stance); !e.Passed {
		t.Errorf("the stance of a bare headline no longer decides under a confidence: %+v", e)
	}
}

// TestConfidenceNeedsTheModel: a confidence on a topic no model decides is
// refused, as is one that is no probability under 1.
func TestConfidenceNeedsTheModel(t *testing.T) {
	specs := builtinSpecs(t)
	i := slices.IndexFunc(specs, func(sp Spec) bool { return sp.Slug == "sport" })
	specs[i].Confidence = Confidence{All: 0.8}
	_, err := New(specs)
	var re RuleErrors
	if !errors.As(err, &re) || len(re) != 1 || re[0].Field != "confidence" || re[0].Slug != "sport" {
		t.Errorf("confidence on sport: err = %v, want one RuleError on sport's confidence", err)
	}
	for _, c := range []Confidence{{All: -0.1}, {All: 1}, {All: 2}, {ByLanguage: map[string]float64{"en": 1}}, {ByLanguage: map[string]float64{"fr": 0.5}}} {
		specs := builtinSpecs(t)
		specs[0].Confidence = c
		if err := Check(specs); err == nil {
			t.Errorf("confidence %v: Check accepts it", c)
		}
	}
}

// TestConfidencePerLanguage: a confidence given for one language raises
// the cut of that language's articles only, and a confidence that is the
// same in every language is the one confidence, fingerprint and all.
func TestConfidencePerLanguage(t *testing.T) {
	en := &article.Article{Title: "Indonesia and Malaysia sign border treaty", Language: "en",
		Summary: "Indonesia and Malaysia signed a treaty on Tuesday settling their land border in Borneo after talks between the two foreign ministers in Jakarta."}
	id := &article.Article{Title: "Indonesia dan Malaysia Teken Perjanjian Perbatasan", Language: "id",
		Summary: "Indonesia dan Malaysia menandatangani perjanjian perbatasan darat di Kalimantan pada Selasa setelah perundingan kedua menteri luar negeri di Jakarta."}
	base := defaultTagger(t)
	for _, a := range []*article.Article{en, id} {
		if e := irExplained(base, a); !e.Passed || e.Model == nil || e.Model.Probability >= 0.99 {
			t.Fatalf("%s at the fitted cut: %+v; want passed under 0.99", a.Language, e)
		}
	}
	strictEN := withConfidences(t, Confidence{ByLanguage: map[string]float64{"en": 0.99}})
	if e := irExplained(strictEN, en); e.Passed || e.Model.Cut != 0.99 {
		t.Errorf("English under an English confidence of 0.99: passed %v, cut %g", e.Passed, e.Model.Cut)
	}
	if e, b := irExplained(strictEN, id), irExplained(base, id); !e.Passed || e.Model.Cut != b.Model.Cut {
		t.Errorf("Indonesian under an English confidence: passed %v, cut %g; want the fitted cut %g", e.Passed, e.Model.Cut, b.Model.Cut)
	}
	strictID := withConfidences(t, Confidence{ByLanguage: map[string]float64{"id": 0.99}})
	if e := irExplained(strictID, id); e.Passed || e.Model.Cut != 0.99 {
		t.Errorf("Indonesian under an Indonesian confidence of 0.99: passed %v, cut %g", e.Passed, e.Model.Cut)
	}
	if e := irExplained(strictID, en); !e.Passed {
		t.Errorf("English under an Indonesian confidence: %+v", e)
	}
	if strictEN.Fingerprint() == strictID.Fingerprint() || strictEN.Fingerprint() == base.Fingerprint() {
		t.Error("confidences per language leave the fingerprint alike: stored topics would not be re-tagged")
	}
	both := withConfidences(t, Confidence{ByLanguage: map[string]float64{"en": 0.8, "id": 0.8}})
	if both.Fingerprint() != withConfidence(t, 0.8).Fingerprint() {
		t.Error("0.8 in each language and 0.8 for all differ in the fingerprint")
	}
}
