package topic

import (
	"testing"

	"github.com/warta-news/warta/article"
)

// An expression applies to the articles of the languages whose terms it
// names: an English expression on a topic with English and Indonesian
// terms constrains English articles and leaves Indonesian ones alone
// (review 13, finding 3: the README's own example, now docs/TOPICS.md's, removed international
// relations from every Indonesian article).
func TestExprAppliesToTheLanguagesOfItsTerms(t *testing.T) {
	tg, err := New([]Spec{{Slug: "s", Terms: map[string][]string{"en": {"sanction^3", "embargo^3"}, "id": {"sanksi^3"}}, Expr: "sanction AND NOT football"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		a    article.Article
		want bool
	}{
		{article.Article{Title: "AS jatuhkan sanksi baru", Language: "id"}, true},
		{article.Article{Title: "US imposes new sanctions", Language: "en"}, true},
		{article.Article{Title: "US imposes an embargo", Language: "en"}, false},        // the expression holds for English
		{article.Article{Title: "Football club faces sanction", Language: "en"}, false}, // and its NOT too
	} {
		if _, got := match(tg.Tag(&c.a, Hints{}), "s"); got != c.want {
			t.Errorf("%q: tagged %t, want %t", c.a.Title, got, c.want)
		}
	}
	// Naming words of both languages constrains both.
	tg, err = New([]Spec{{Slug: "s", Terms: map[string][]string{"en": {"sanction^3"}, "id": {"sanksi^3", "embargo^3"}}, Expr: "sanction OR sanksi"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := match(tg.Tag(&article.Article{Title: "AS jatuhkan embargo", Language: "id"}, Hints{}), "s"); ok {
		t.Error("an expression naming an id term does not hold for id articles")
	}
}

// docs/TOPICS.md's example expression on the built-in international relations
// topic keeps an Indonesian report of sanctions in it.
func TestReadmeExprKeepsIndonesianInternationalRelations(t *testing.T) {
	specs := builtinSpecs(t)
	for i := range specs {
		if specs[i].Slug == "international-relations" {
			specs[i].Expr = "(sanction OR treaty) AND NOT football"
		}
	}
	tg, err := New(specs)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []*article.Article{
		{Title: "US imposes new sanctions on Iran over nuclear treaty", Language: "en"},
		{Title: "AS jatuhkan sanksi baru terhadap Iran terkait perjanjian nuklir", Language: "id"},
	} {
		if _, ok := match(tg.Tag(a, Hints{}), "international-relations"); !ok {
			t.Errorf("%q lost international relations", a.Title)
		}
	}
}

// ExprLanguages says where an expression applies and whether it names any
// of the topic's terms (when it names none it applies to both languages,
// which `warta check` warns of).
func TestExprLanguages(t *testing.T) {
	sp := Spec{Slug: "s", Terms: map[string][]string{"en": {"sanction^3"}, "id": {"sanksi^3"}}, Exclude: map[string][]string{"id": {"sepak bola"}}}
	for _, c := range []struct {
		expr  string
		langs string
		named bool
	}{
		{"sanction", "[en]", true},
		{"sanctions AND NOT football", "[en]", true}, // stemmed as the terms are
		{`sanksi OR "sepak bola"`, "[id]", true},
		{"sanction OR sanksi", "[en id]", true},
		{"protest", "[en id]", false},
	} {
		sp.Expr = c.expr
		langs, named := ExprLanguages(sp)
		if got := fmtList(langs); got != c.langs || named != c.named {
			t.Errorf("%q: %s %t, want %s %t", c.expr, got, named, c.langs, c.named)
		}
	}
}

func fmtList(s []string) string {
	out := "["
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out + "]"
}
