package topic

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// Spec is one topic as written in YAML: the feed it names and the rules that
// put articles in it. The built-in topics (BuiltinYAML) and a config's
// topics are Specs; New compiles them.
type Spec struct {
	Slug        string `yaml:"slug"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	// IPTC is the IPTC Media Topic code, e.g. "medtop:11000000"; it decides
	// the topic's family (see the package documentation).
	IPTC string `yaml:"iptc"`
	// Terms maps a language ("en", "id") to weighted terms and phrases,
	// written "word", "a phrase", "word^2.5" (weight 2.5; default 1;
	// negative counts against the topic), "=word" (unstemmed) or "~word"
	// (counts only beside a term of the topic without "~").
	Terms map[string][]string `yaml:"terms"`
	// Require maps a language to terms of which at least one must match.
	Require map[string][]string `yaml:"require"`
	// Exclude maps a language to terms any of which vetoes the topic.
	Exclude map[string][]string `yaml:"exclude"`
	// Expr is an optional boolean expression over terms, e.g.
	// `(sanction OR treaty) AND NOT football`; when set it must hold for
	// the articles of the languages whose terms it names (see
	// ExprLanguages).
	Expr string `yaml:"expr"`
	// Threshold is the score an article needs; 0 means DefaultThreshold.
	Threshold float64 `yaml:"threshold"`
	// Model names what decides the topic instead of its threshold:
	// ModelActors (international relations, decided by the actors model
	// from the states and bodies a text names in a relation). Empty: the
	// threshold decides. At most one topic has a model.
	Model string `yaml:"model"`
	// Confidence, on the topic a model decides (Model), is the least
	// probability the model must give an article, 0 to 1, for every
	// language or per language: 0 keeps the model's fitted cut, which
	// weighs precision and recall as fitted; a higher one files fewer
	// articles and fewer wrong ones, for a reader who wants a strict feed
	// (BENCHMARKS.md, "confidence"). What decides beside the model keeps
	// deciding: the stance of a bare Indonesian headline, the stream
	// model's lift, a source's boost.
	Confidence Confidence `yaml:"confidence"`
	// Desk names the competing explanation this topic's score gives the
	// actors model: one of DeskNames (a desk such as "sport" or "economy").
	// Empty: the score is no feature of the model. A topic of a main desk
	// (world, economy, sport, science-technology) is decided by the desk
	// model, its score a feature of the others' too.
	Desk string `yaml:"desk"`
	// Foreign, when set, lets the topic apply only to an article about
	// another country: one its own terms score above 0 for, or one whose
	// title or body names a state other than its language's home state, or
	// an international body (see abroad.go). Like Require it bars every
	// way in: the models, the stream model and a source's boost. No
	// built-in topic sets it (BENCHMARKS.md, "abroad"); a config sets it on
	// world with `- {slug: world, foreign: true}`.
	Foreign bool `yaml:"foreign"`
	// Disabled, on a config's topic, removes the built-in topic of the same
	// slug (see Override); New leaves a disabled Spec out.
	Disabled bool `yaml:"disabled"`
}

// ErrDuplicateSlug is the cause of the RuleError of a Spec whose slug an
// earlier Spec of the same list already has.
var ErrDuplicateSlug = errors.New("duplicate slug")

// RuleError is one problem in a list of Specs, located inside it: the
// Spec's index, the field (a path within the Spec such as "slug",
// "terms.en[3]" or "expr") and, for an expression, the column of the
// problem within the expression's text.
type RuleError struct {
	Topic  int // index of the Spec in the list
	Slug   string
	Field  string
	Column int // 1-based, in characters; 0 when the problem has no place in the text
	Err    error
}

func (e *RuleError) Error() string {
	name := e.Slug
	if name == "" {
		name = fmt.Sprintf("topic %d", e.Topic+1)
	}
	msg := fmt.Sprintf("topic: %s: %s: %v", name, e.Field, e.Err)
	if e.Column > 0 {
		msg += fmt.Sprintf(" (column %d of the expression)", e.Column)
	}
	return msg
}

func (e *RuleError) Unwrap() error { return e.Err }

// RuleErrors is every problem Check found, in list order.
type RuleErrors []*RuleError

func (es RuleErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As and errors.Is see each *RuleError.
func (es RuleErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Check reports every problem of specs at once, as RuleErrors: a missing or
// duplicate slug, an IPTC code that is not one, a negative or non-finite
// threshold, a confidence that is no probability under 1, a term language
// other than en and id, a term that does not parse, and an expression that
// does not parse. A disabled Spec is checked for its slug only. What Check
// accepts, New compiles, but for what only the topics in effect can tell
// (CheckInEffect).
func Check(specs []Spec) error {
	var errs RuleErrors
	seen := map[string]bool{}
	modelTopic := -1
	for i, sp := range specs {
		add := func(field string, col int, err error) {
			errs = append(errs, &RuleError{Topic: i, Slug: sp.Slug, Field: field, Column: col, Err: err})
		}
		switch {
		case sp.Slug == "":
			add("slug", 0, errors.New("slug is required"))
		case seen[sp.Slug]:
			add("slug", 0, fmt.Errorf("%w %q", ErrDuplicateSlug, sp.Slug))
		}
		seen[sp.Slug] = true
		if sp.Disabled {
			continue
		}
		if sp.IPTC != "" && !validIPTC(sp.IPTC) {
			add("iptc", 0, fmt.Errorf("invalid IPTC Media Topic code %q: want \"medtop:\" and 8 digits, such as \"medtop:11000000\"", sp.IPTC))
		}
		switch {
		case sp.Model != "" && sp.Model != ModelActors:
			add("model", 0, fmt.Errorf("unknown model %q: the one model is %q", sp.Model, ModelActors))
		case sp.Model != "" && modelTopic >= 0:
			add("model", 0, fmt.Errorf("model %q already decides topics[%d] (%s)", sp.Model, modelTopic, specs[modelTopic].Slug))
		case sp.Model != "":
			modelTopic = i
		}
		if sp.Desk != "" && deskFeature(sp.Desk) < 0 {
			add("desk", 0, fmt.Errorf("unknown desk %q: want one of %s", sp.Desk, strings.Join(DeskNames(), ", ")))
		}
		if math.IsNaN(sp.Threshold) || math.IsInf(sp.Threshold, 0) || sp.Threshold < 0 {
			add("threshold", 0, fmt.Errorf("threshold must be a finite number >= 0, got %v", sp.Threshold))
		}
		sp.Confidence.check(func(field string, err error) { add(field, 0, err) })
		for _, set := range termSets(&sp) {
			for _, lang := range slices.Sorted(maps.Keys(set.terms)) {
				at := set.field + "." + lang
				if l := langIndex(lang); l < 0 || langName(l) != lang {
					add(at, 0, fmt.Errorf("unsupported language %q: terms are written for \"en\" or \"id\"", lang))
					continue
				}
				backed, marked := false, false
				for j, s := range set.terms[lang] {
					text, w, err := parseTerm(s)
					if err != nil {
						add(fmt.Sprintf("%s[%d]", at, j), 0, err)
						continue
					}
					_, _, supporting := termMarks(text)
					if supporting && (set.kind != kindScore || w < 0) {
						add(fmt.Sprintf("%s[%d]", at, j), 0, fmt.Errorf("term %q: \"~\" (counts only beside the topic's other terms) is for terms of positive weight", s))
					}
					if w > 0 {
						backed, marked = backed || !supporting, marked || supporting
					}
				}
				// A "~" term counts only beside an unmarked term of its
				// language (dropUnbacked), which this language has none of.
				if set.kind == kindScore && marked && !backed {
					add(at, 0, fmt.Errorf("every positive term of %q is marked ~: none can count, since a ~ term counts only beside an unmarked one", lang))
				}
			}
		}
		if strings.TrimSpace(sp.Expr) != "" {
			if _, err := parseExpr(sp.Expr); err != nil {
				var pe *exprError
				col := 0
				if errors.As(err, &pe) {
					col = pe.column
				}
				add("expr", col, err)
			}
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// CheckInEffect reports, as RuleErrors, what Check cannot tell of a
// config's topics before Override gives a topic of a built-in slug the
// built-in's model: a confidence on a topic no model decides. New runs it
// on the topics it compiles.
func CheckInEffect(specs []Spec) error {
	var errs RuleErrors
	for i, sp := range specs {
		if !sp.Disabled && !sp.Confidence.IsZero() && sp.Model == "" {
			errs = append(errs, &RuleError{Topic: i, Slug: sp.Slug, Field: "confidence",
				Err: fmt.Errorf("confidence is for the topic the actors model decides (model: %s); %q has no model", ModelActors, sp.Slug)})
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// termSet is one of a Spec's language → terms maps and what it is for.
type termSet struct {
	field string
	terms map[string][]string
	kind  termKind
}

// ExprLanguages returns the languages in which sp's expression applies:
// those of which it names at least one of the topic's terms (terms,
// require or exclude, compared as the tagger matches them: folded and
// stemmed), so that an expression written in English constrains English
// articles and leaves Indonesian ones alone. An expression that names no
// term of the topic applies in both (named is false): its words must then
// occur in articles of both languages, which `warta check` warns of.
func ExprLanguages(sp Spec) (langs []string, named bool) {
	names := exprNames(&sp)
	for l := range numLangs {
		if names[l] || names == [numLangs]bool{} {
			langs = append(langs, langName(l))
		}
	}
	return langs, names != [numLangs]bool{}
}

// exprLanguages is ExprLanguages by rule language.
func exprLanguages(sp *Spec) [numLangs]bool {
	if names := exprNames(sp); names != [numLangs]bool{} {
		return names
	}
	return [numLangs]bool{true, true}
}

// exprNames reports, per rule language, whether sp's expression names
// one of the topic's terms of that language (none when it has no
// expression or it does not parse).
func exprNames(sp *Spec) [numLangs]bool {
	var names [numLangs]bool
	n, err := parseExpr(sp.Expr)
	if strings.TrimSpace(sp.Expr) == "" || err != nil {
		return names
	}
	for l := range numLangs {
		known := map[string]bool{}
		for _, set := range termSets(sp) {
			for _, s := range set.terms[langName(l)] {
				if raw, _, err := parseTerm(s); err == nil {
					known[termKey(raw, l)] = true
				}
			}
		}
		n.leaves(func(leaf *node) { names[l] = names[l] || known[termKey(leaf.leaf, l)] })
	}
	return names
}

// termKey is what a term written raw matches in language l: its folded,
// stemmed words (or folded words, for an exact "=term").
func termKey(raw string, l int) string {
	words, exact, _ := termMarks(raw)
	if exact {
		return "=" + stemKey(compileExact(words))
	}
	return stemKey(compileWords(words, l))
}

func termSets(sp *Spec) [3]termSet {
	return [3]termSet{{"terms", sp.Terms, kindScore}, {"require", sp.Require, kindRequire}, {"exclude", sp.Exclude, kindExclude}}
}

// validIPTC reports whether s is a Media Topic qcode such as medtop:11000000.
func validIPTC(s string) bool {
	code, ok := strings.CutPrefix(s, "medtop:")
	if !ok || len(code) != 8 {
		return false
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return false
		}
	}
	return true
}

// Override applies a configuration's topics to base (the built-in ones): a
// topic whose slug is in base replaces it in place, keeping what it leaves
// out from the built-in — title, description, IPTC code, terms, require,
// exclude, expr, threshold, model, confidence and desk, each unless it
// names its own (so `{slug: world, foreign: true}` is the built-in world
// that needs another country) —, a disabled one removes it, and the others
// are appended in their order. Both lists are expected to have passed Check. Neither is
// modified.
func Override(base, own []Spec) []Spec {
	bySlug := make(map[string]int, len(own))
	for i, sp := range own {
		bySlug[sp.Slug] = i
	}
	out := make([]Spec, 0, len(base)+len(own))
	inBase := make(map[string]bool, len(base))
	for _, sp := range base {
		inBase[sp.Slug] = true
		if i, ok := bySlug[sp.Slug]; ok {
			sp = inherit(own[i], sp)
		}
		if !sp.Disabled {
			out = append(out, sp)
		}
	}
	for _, sp := range own {
		if !inBase[sp.Slug] && !sp.Disabled {
			out = append(out, sp)
		}
	}
	return out
}

// inherit is sp with what it leaves out taken from builtin, as Override
// describes. A map written empty (`exclude: {}`) is named: it drops the
// built-in's. Foreign and Disabled are sp's own: no built-in topic sets
// either.
func inherit(sp, builtin Spec) Spec {
	if sp.Title == "" {
		sp.Title = builtin.Title
	}
	if sp.Description == "" {
		sp.Description = builtin.Description
	}
	if sp.IPTC == "" {
		sp.IPTC = builtin.IPTC
	}
	if sp.Terms == nil {
		sp.Terms = builtin.Terms
	}
	if sp.Require == nil {
		sp.Require = builtin.Require
	}
	if sp.Exclude == nil {
		sp.Exclude = builtin.Exclude
	}
	if sp.Expr == "" {
		sp.Expr = builtin.Expr
	}
	if sp.Threshold == 0 {
		sp.Threshold = builtin.Threshold
	}
	if sp.Confidence.IsZero() {
		sp.Confidence = builtin.Confidence
	}
	if sp.Model == "" {
		sp.Model = builtin.Model
	}
	if sp.Desk == "" {
		sp.Desk = builtin.Desk
	}
	return sp
}
