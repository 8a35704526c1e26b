package config

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/topic"
)

// builtinSlugs are the built-in topics, in order.
var builtinSlugs = []string{"international-relations", "world", "politics", "economy", "science-technology", "sport",
	"health", "conflict", "disaster", "crime-law", "environment", "arts-entertainment"}

func slugsOf(specs []topic.Spec) []string {
	var out []string
	for _, s := range specs {
		out = append(out, s.Slug)
	}
	return out
}

const sourcesOnly = `sources:
  - name: Antara Dunia
    url: https://www.antaranews.com/rss/dunia.xml
    boost: {international-relations: 1}
`

func TestSourcesOnlyGetTheBuiltinTopics(t *testing.T) {
	c := mustParse(t, sourcesOnly)
	if got := slugsOf(c.Topics); !slices.Equal(got, builtinSlugs) {
		t.Fatalf("topics = %v, want the built-in %v", got, builtinSlugs)
	}
	ir, _ := c.TopicBySlug("international-relations")
	if ir.Title != "International relations" || ir.IPTC != "medtop:20000638" || len(ir.Terms["id"]) == 0 {
		t.Errorf("international-relations = %q %q with %d id terms", ir.Title, ir.IPTC, len(ir.Terms["id"]))
	}
	if _, err := topic.New(c.Topics); err != nil {
		t.Fatal(err)
	}
}

// TestTopicsOverrideTheBuiltinOnes: a topic of the file replaces the
// built-in one of its slug where it stands, keeping what it leaves out (here
// the IPTC code, the desk and the exclude terms: none), a disabled one
// removes it, and a new one comes after the built-in ones.
func TestTopicsOverrideTheBuiltinOnes(t *testing.T) {
	c := mustParse(t, sourcesOnly+`topics:
  - slug: local
    title: Local news
    terms: {id: [pemkot^3]}
  - slug: sport
    disabled: true
  - slug: world
    title: Abroad
    threshold: 4
    terms: {en: [abroad^3]}
`)
	want := slices.Clone(builtinSlugs)
	want = slices.DeleteFunc(want, func(s string) bool { return s == "sport" })
	want = append(want, "local")
	if got := slugsOf(c.Topics); !slices.Equal(got, want) {
		t.Fatalf("topics = %v, want %v", got, want)
	}
	w := c.Topics[1]
	if w.Slug != "world" || w.Title != "Abroad" || w.Threshold != 4 || len(w.Terms) != 1 || w.IPTC != "medtop:11000000" || w.Desk != "world" {
		t.Errorf("world = %+v, want the file's title, threshold and terms on the built-in's IPTC code and desk", w)
	}
	var b strings.Builder
	if err := c.Describe(&b, time.Now()); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"  world  Abroad      medtop:11000000  terms en 1; threshold 4; changes the built-in topic\n",
		"  local  Local news                   terms id 1\n",
		"  disabled: sport\n",
	} {
		if !strings.Contains(b.String(), line) {
			t.Errorf("Describe lacks %q:\n%s", line, b.String())
		}
	}
}

func TestDisablingEveryTopicIsAnError(t *testing.T) {
	src := sourcesOnly + "topics:\n"
	for _, s := range builtinSlugs {
		src += "  - {slug: " + s + ", disabled: true}\n"
	}
	_, err := Parse("t.yaml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "t.yaml:5:1: topics: every topic is disabled") {
		t.Fatalf("err = %v, want every topic disabled", err)
	}
}

// describesAndCompiles checks that `warta check`'s description of c says
// want and that c's topics compile.
func describesAndCompiles(t *testing.T, c *Config, want string) {
	t.Helper()
	var b strings.Builder
	if err := c.Describe(&b, time.Now()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), want) {
		t.Errorf("Describe does not say %q:\n%s", want, b.String())
	}
	if _, err := topic.New(c.Topics); err != nil {
		t.Fatal(err)
	}
}

// TestTopicChangedByOneKey: `{slug: world, foreign: true}` is the built-in
// world, its title, terms, code, threshold and desk kept, needing another
// country.
func TestTopicChangedByOneKey(t *testing.T) {
	c := mustParse(t, sourcesOnly+`topics:
  - {slug: world, foreign: true}
`)
	builtin := mustParse(t, sourcesOnly)
	want, _ := builtin.TopicBySlug("world")
	w, _ := c.TopicBySlug("world")
	if !w.Foreign || w.Title != want.Title || w.IPTC != want.IPTC || w.Threshold != want.Threshold || w.Desk != want.Desk || len(w.Terms["en"]) != len(want.Terms["en"]) || len(w.Terms["id"]) == 0 {
		t.Errorf("world = %q %q threshold %g desk %q with %d en terms, foreign %v; want the built-in's (%q %q %g %q %d) needing another country",
			w.Title, w.IPTC, w.Threshold, w.Desk, len(w.Terms["en"]), w.Foreign, want.Title, want.IPTC, want.Threshold, want.Desk, len(want.Terms["en"]))
	}
	describesAndCompiles(t, c, "only about another country; changes the built-in topic")
}

// A confidence per language is each language's; check says both, and a
// language the mapping leaves out keeps the fitted cut.
func TestConfidencePerLanguage(t *testing.T) {
	c := mustParse(t, sourcesOnly+`topics:
  - slug: international-relations
    confidence:
      en: 0.9
      id: 0.7
`)
	ir, _ := c.TopicBySlug("international-relations")
	if ir.Confidence.In("en") != 0.9 || ir.Confidence.In("id") != 0.7 {
		t.Errorf("confidence %+v, want en 0.9, id 0.7", ir.Confidence)
	}
	describesAndCompiles(t, c, "model confidence en 0.9, id 0.7")
	c = mustParse(t, sourcesOnly+`topics:
  - {slug: international-relations, confidence: {en: 0.9}}
`)
	if ir, _ := c.TopicBySlug("international-relations"); ir.Confidence.In("en") != 0.9 || ir.Confidence.In("id") != 0 {
		t.Errorf("confidence %+v, want en 0.9 and id's fitted cut", ir.Confidence)
	}
}

// TestConfidenceIsTheModelsTopicsOnly: `{slug: international-relations,
// confidence: 0.8}` is the built-in topic with a stricter model, said by
// check; a confidence on a topic its threshold decides, or one that is no
// probability, is refused with its line and field.
func TestConfidenceIsTheModelsTopicsOnly(t *testing.T) {
	c := mustParse(t, sourcesOnly+`topics:
  - {slug: international-relations, confidence: 0.8}
`)
	ir, _ := c.TopicBySlug("international-relations")
	if ir.Confidence.In("en") != 0.8 || ir.Confidence.In("id") != 0.8 || ir.Model != topic.ModelActors || len(ir.Terms["id"]) == 0 {
		t.Errorf("international-relations: confidence %v, model %q, %d id terms; want 0.8 on the built-in model's topic", ir.Confidence, ir.Model, len(ir.Terms["id"]))
	}
	describesAndCompiles(t, c, "model confidence 0.8")
	for _, c := range []struct{ topics, want string }{
		{"  - {slug: sport, confidence: 0.8}\n", `t.yaml:6:19: topics[0].confidence: confidence is for the topic the actors model decides`},
		{"  - {slug: international-relations, confidence: 1.5}\n", `topics[0].confidence: confidence must be a probability`},
		{"  - {slug: international-relations, confidence: -0.1}\n", `topics[0].confidence: confidence must be a probability`},
		{"  - {slug: international-relations, confidence: {en: 0.9, id: 1}}\n", `t.yaml:6:59: topics[0].confidence.id: confidence must be a probability`},
		{"  - {slug: international-relations, confidence: {en: 0.9, fr: 0.5}}\n", `t.yaml:6:59: topics[0].confidence.fr: unsupported language "fr"`},
		{"  - {slug: international-relations, confidence: {en: high}}\n", `t.yaml:6:54: topics[0].confidence.en: want a number, got a string`},
		{"  - {slug: international-relations, confidence: [0.9]}\n", `t.yaml:6:49: topics[0].confidence: want a number or a mapping of languages to numbers`},
		{"  - {slug: sport, confidence: {en: 0.9}}\n", `t.yaml:6:19: topics[0].confidence: confidence is for the topic the actors model decides`},
	} {
		_, err := Parse("t.yaml", []byte(sourcesOnly+"topics:\n"+c.topics))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", strings.TrimSpace(c.topics), err, c.want)
		}
	}
}
