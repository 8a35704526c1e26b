package topic

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Confidence is the least probability the model must give an article for
// the topic it decides (Spec.Confidence): one for every language, or one
// per language, since a reader may want the English feed stricter than
// the Indonesian one. In YAML it is a number ("confidence: 0.8") or a
// mapping by language ("confidence: {en: 0.9, id: 0.7}"); 0, or a
// language the mapping leaves out, keeps the model's fitted cut.
type Confidence struct {
	// All is every language's, when the YAML gives a number.
	All float64
	// ByLanguage is each named language's, when it gives a mapping.
	ByLanguage map[string]float64
}

// In is the confidence asked of articles in lang.
func (c Confidence) In(lang string) float64 {
	if v, ok := c.ByLanguage[lang]; ok {
		return v
	}
	return c.All
}

// IsZero reports whether c asks nothing beyond the fitted cut.
func (c Confidence) IsZero() bool {
	for _, v := range c.ByLanguage {
		if v != 0 {
			return false
		}
	}
	return c.All == 0
}

// String is c as `warta check` describes it: "0.8", or "en 0.9, id 0.7".
func (c Confidence) String() string {
	if len(c.ByLanguage) == 0 {
		return strconv.FormatFloat(c.All, 'g', -1, 64)
	}
	parts := make([]string, 0, len(c.ByLanguage))
	for _, lang := range slices.Sorted(maps.Keys(c.ByLanguage)) {
		parts = append(parts, lang+" "+strconv.FormatFloat(c.ByLanguage[lang], 'g', -1, 64))
	}
	return strings.Join(parts, ", ")
}

// UnmarshalYAML reads a number or a mapping of languages to numbers.
func (c *Confidence) UnmarshalYAML(unmarshal func(any) error) error {
	var v any
	if err := unmarshal(&v); err != nil {
		return err
	}
	if v == nil {
		*c = Confidence{}
		return nil
	}
	if m, ok := v.(map[string]any); ok {
		by := make(map[string]float64, len(m))
		for lang, x := range m {
			if x == nil {
				continue // unset, or a value of the wrong kind the config's check left out
			}
			f, ok := yamlNumber(x)
			if !ok {
				return fmt.Errorf("confidence.%s: want a number, got %v", lang, x)
			}
			by[lang] = f
		}
		*c = Confidence{ByLanguage: by}
		return nil
	}
	f, ok := yamlNumber(v)
	if !ok {
		return fmt.Errorf("confidence: want a number or a mapping of languages to numbers, got %v", v)
	}
	*c = Confidence{All: f}
	return nil
}

// yamlNumber is a decoded YAML number as a float64.
func yamlNumber(x any) (float64, bool) {
	switch x := x.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	case int:
		return float64(x), true
	}
	return 0, false
}

// check reports each value of c that is no probability under 1, and each
// language it names that has no terms' grammar (en, id), by field.
func (c Confidence) check(add func(field string, err error)) {
	valid := func(v float64) bool { return v >= 0 && v < 1 } // false for NaN
	if !valid(c.All) {
		add("confidence", fmt.Errorf("confidence must be a probability from 0 (the model's own cut) to under 1, got %v", c.All))
	}
	for _, lang := range slices.Sorted(maps.Keys(c.ByLanguage)) {
		at := "confidence." + lang
		if l := langIndex(lang); l < 0 || langName(l) != lang {
			add(at, fmt.Errorf("unsupported language %q: a confidence is given for \"en\" or \"id\"", lang))
			continue
		}
		if v := c.ByLanguage[lang]; !valid(v) {
			add(at, fmt.Errorf("confidence must be a probability from 0 (the model's own cut) to under 1, got %v", v))
		}
	}
}
