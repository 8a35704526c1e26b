package topic

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/warta-news/warta/article"
)

func TestParseTerm(t *testing.T) {
	cases := []struct {
		in     string
		text   string
		weight float64
		ok     bool
	}{
		{"sanksi", "sanksi", 1, true},
		{"sanksi^2", "sanksi", 2, true},
		{"kerja sama^1.5", "kerja sama", 1.5, true},
		{" united nations ^ 2 ", "united nations", 2, true},
		{"x^abc", "", 0, false},
		{"x^0", "", 0, false},
		{"bank^-1", "bank", -1, true},
		{"=perusahaan^2", "=perusahaan", 2, true},
		{"=", "", 0, false},
		{"=^2", "", 0, false},
		{"x^inf", "", 0, false},
		{"x^NaN", "", 0, false},
		{"x^", "", 0, false},
		{"^2", "", 0, false},
		{"  ", "", 0, false},
		{"...^2", "", 0, false}, // no word to match
	}
	for _, c := range cases {
		text, w, err := parseTerm(c.in)
		if (err == nil) != c.ok {
			t.Errorf("parseTerm(%q) err = %v, want ok=%v", c.in, err, c.ok)
			continue
		}
		if text != c.text || w != c.weight {
			t.Errorf("parseTerm(%q) = %q, %v; want %q, %v", c.in, text, w, c.text, c.weight)
		}
	}
}

func TestExprErrorsHaveColumns(t *testing.T) {
	cases := []struct {
		expr   string
		column int
		msg    string
	}{
		{"(sanction OR", 13, "unexpected end of expression"},
		{"(sanction OR treaty", 20, "missing ) to close the ( at column 1"},
		{"sanction treaty", 10, `unexpected "treaty"`},
		{`sanction AND "open`, 14, "unterminated quote"},
		{`a OR ""`, 6, "empty quoted phrase"},
		{"a AND ^^", 7, `bad term "^^"`},
		{`a OR ( "!")`, 8, `phrase "!" has no words`},
		{"a AND )", 7, `unexpected ")"`},
		{"négociation ET )", 13, `unexpected "ET"`}, // columns count characters, not bytes
		{"   ", 0, "empty expression"},
		{"a AND ~falcons", 7, `term "~falcons": "~" is for the topic's terms, not its expression`},
		{`a OR ( "~red sox")`, 8, `term "~red sox": "~" is for the topic's terms, not its expression`},
	}
	for _, c := range cases {
		_, err := parseExpr(c.expr)
		var pe *exprError
		if !errors.As(err, &pe) {
			t.Errorf("parseExpr(%q) = %v, want an *exprError", c.expr, err)
			continue
		}
		if pe.column != c.column || pe.msg != c.msg {
			t.Errorf("parseExpr(%q): column %d %q; want column %d %q", c.expr, pe.column, pe.msg, c.column, c.msg)
		}
	}
	for _, ok := range []string{`(sanction OR "peace talks") AND NOT football`, "a", "not a and (b or c)"} {
		if _, err := parseExpr(ok); err != nil {
			t.Errorf("parseExpr(%q): %v", ok, err)
		}
	}
}

// TestCheckReportsEveryProblem: one list with a problem of every kind gets
// one RuleError for each, in list order, each placed by field and, for the
// expression, by column.
func TestCheckReportsEveryProblem(t *testing.T) {
	specs := []Spec{
		{Slug: "ok", Terms: map[string][]string{"en": {"treaty^3"}}},
		{Slug: "", Terms: map[string][]string{"en": {"x"}}},
		{Slug: "terms", Terms: map[string][]string{"en": {"fine", "war^x"}, "id": {"^2"}, "fr": {"guerre"}},
			Exclude: map[string][]string{"id": {""}}},
		{Slug: "expr", Terms: map[string][]string{"en": {"bad^0"}}, Expr: "sanction OR (treaty"},
		{Slug: "numbers", IPTC: "15000000", Threshold: -1, Terms: map[string][]string{"en": {"x"}}},
		{Slug: "ok", Terms: map[string][]string{"en": {"y"}}},
		{Slug: "off", Disabled: true, Expr: "(((", IPTC: "bogus"},
	}
	err := Check(specs)
	var es RuleErrors
	if !errors.As(err, &es) {
		t.Fatalf("Check = %v, want RuleErrors", err)
	}
	type place struct {
		topic  int
		field  string
		column int
	}
	var got []place
	for _, e := range es {
		got = append(got, place{e.Topic, e.Field, e.Column})
	}
	want := []place{
		{1, "slug", 0},
		{2, "terms.en[1]", 0}, {2, "terms.fr", 0}, {2, "terms.id[0]", 0}, {2, "exclude.id[0]", 0},
		{3, "terms.en[0]", 0}, {3, "expr", 20},
		{4, "iptc", 0}, {4, "threshold", 0},
		{5, "slug", 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Check placed\n %v\nwant\n %v\n%v", got, want, err)
	}
	if !errors.Is(es[len(es)-1], ErrDuplicateSlug) {
		t.Errorf("last error %v is not ErrDuplicateSlug", es[len(es)-1])
	}
	if msg := es[6].Error(); msg != `topic: expr: expr: missing ) to close the ( at column 13 (column 20 of the expression)` {
		t.Errorf("expr error reads %q", msg)
	}
	if _, err := New(specs); err == nil {
		t.Error("New accepted what Check refused")
	}
}

func TestOverride(t *testing.T) {
	base := []Spec{{Slug: "a", Title: "A"}, {Slug: "b", Title: "B"}, {Slug: "c", Title: "C"}}
	own := []Spec{{Slug: "new", Title: "New"}, {Slug: "c", Disabled: true}, {Slug: "a", Title: "Mine"}, {Slug: "gone", Disabled: true}}
	before := slices.Clone(base)
	var got []string
	for _, sp := range Override(base, own) {
		got = append(got, sp.Slug+"="+sp.Title)
	}
	if want := []string{"a=Mine", "b=B", "new=New"}; !slices.Equal(got, want) {
		t.Errorf("Override = %v, want %v", got, want)
	}
	if !reflect.DeepEqual(base, before) {
		t.Error("Override modified base")
	}
}

// TestOverrideKeepsWhatItLeavesOut: a config's topic of a built-in slug
// changes what it names and keeps the rest; a map written empty is named.
func TestOverrideKeepsWhatItLeavesOut(t *testing.T) {
	base := []Spec{{Slug: "w", Title: "W", Description: "D", IPTC: "medtop:11000000", Threshold: 2, Desk: "world", Expr: "a",
		Terms: map[string][]string{"en": {"a^2"}}, Require: map[string][]string{"en": {"a"}}, Exclude: map[string][]string{"en": {"b"}}}}
	got := Override(base, []Spec{{Slug: "w", Foreign: true, Exclude: map[string][]string{}}})[0]
	want := base[0]
	want.Foreign, want.Exclude = true, map[string][]string{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Override = %+v, want %+v", got, want)
	}
	own := Spec{Slug: "w", Title: "Mine", Description: "Mine too", IPTC: "medtop:15000000", Threshold: 4, Desk: "sport", Expr: "c",
		Terms: map[string][]string{"id": {"c"}}, Require: map[string][]string{"id": {"c"}}, Exclude: map[string][]string{"id": {"d"}}}
	if got := Override(base, []Spec{own})[0]; !reflect.DeepEqual(got, own) {
		t.Errorf("Override = %+v, want the config's topic whole: %+v", got, own)
	}
}

func TestNewLeavesOutDisabled(t *testing.T) {
	on := Spec{Slug: "on", Terms: map[string][]string{"en": {"treaty^3"}}}
	off := Spec{Slug: "off", Disabled: true, Terms: map[string][]string{"en": {"treaty^3"}}}
	with, without := mustNew(t, on, off), mustNew(t, on)
	if with.Fingerprint() != without.Fingerprint() {
		t.Error("a disabled topic changed the fingerprint")
	}
	if got := with.Tag(&article.Article{Title: "Treaty signed", Language: "en"}, Hints{}); len(got) != 1 || got[0].Slug != "on" {
		t.Errorf("tags = %+v, want only on", got)
	}
}

// FuzzCheck: whatever a term and an expression say, Check does not panic,
// places an expression's problem inside it, and what it accepts New
// compiles and Tag runs.
func FuzzCheck(f *testing.F) {
	for _, seed := range [][2]string{
		{"sanksi^2", `(sanction OR "peace talks") AND NOT football`},
		{"=perusahaan", "a"},
		{"kerja sama^-1.5", "NOT (a OR b"},
		{"^", `"`},
		{"négociation^1e3", "((((x))))"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, term, expr string) {
		specs := []Spec{{Slug: "t", Terms: map[string][]string{"en": {term}, "id": {term}}, Expr: expr}}
		err := Check(specs)
		if err != nil {
			var es RuleErrors
			if !errors.As(err, &es) {
				t.Fatalf("Check = %v, not RuleErrors", err)
			}
			for _, e := range es {
				if e.Column < 0 || e.Column > utf8.RuneCountInString(expr)+1 {
					t.Fatalf("column %d outside %q", e.Column, expr)
				}
			}
			return
		}
		tg, err := New(specs)
		if err != nil {
			t.Fatalf("Check accepted, New refused: %v", err)
		}
		tg.Tag(&article.Article{Title: term, Text: expr}, Hints{})
	})
}

// The actors model and its desks are named by the specs, so a renamed
// topic keeps them, a replaced one inherits them, and a wrong name is an
// error placed on its field.
func TestModelAndDesksAreNamedBySpecs(t *testing.T) {
	seed := &article.Article{Language: "id",
		Title:   "Kuba dan Rusia perkuat kerja sama militer",
		Summary: "Menteri Luar Negeri Kuba bertemu Menteri Luar Negeri Rusia di Moskow dan sepakat memperluas kerja sama militer kedua negara."}
	specs := builtinSpecs(t)
	for i := range specs {
		if specs[i].Model == ModelActors {
			specs[i].Slug = "hubungan-internasional"
		}
	}
	tg, err := New(specs)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := match(tg.Tag(seed, Hints{}), "hubungan-internasional"); !ok {
		t.Errorf("the renamed actors-model topic lost the seed report: %+v", tg.Tag(seed, Hints{}))
	}

	// A config's replacement with its own terms keeps the built-in model.
	own := []Spec{{Slug: "international-relations", Title: "IR", Terms: map[string][]string{"id": {"diplomasi^3"}}}}
	merged := Override(builtinSpecs(t), own)
	for _, sp := range merged {
		if sp.Slug == "international-relations" && sp.Model != ModelActors {
			t.Errorf("replaced topic lost its model: %+v", sp)
		}
	}

	err = Check([]Spec{
		{Slug: "a", Model: "bayes"},
		{Slug: "b", Model: ModelActors},
		{Slug: "c", Model: ModelActors},
		{Slug: "d", Desk: "weather"},
	})
	var errs RuleErrors
	if !errors.As(err, &errs) || len(errs) != 3 {
		t.Fatalf("want 3 errors, got %v", err)
	}
	for i, want := range []struct {
		topic int
		field string
	}{{0, "model"}, {2, "model"}, {3, "desk"}} {
		if errs[i].Topic != want.topic || errs[i].Field != want.field {
			t.Errorf("error %d: %+v, want topics[%d].%s", i, errs[i], want.topic, want.field)
		}
	}
}
