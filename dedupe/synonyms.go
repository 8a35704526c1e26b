package dedupe

import "strings"

//go:generate go test -run ^TestSynonymsGenerated$ -args -update-synonyms

// synonymOf maps a content stem of an Indonesian headline to its synonym
// class's representative, so outlets that each chose their own word for
// one thing ("tewas"/"meninggal") share a term; a stem in no class is its
// own. The classes are generated from a thesaurus (synonyms_gen.go).
var synonymOf = func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(generatedSynonyms, "\n") {
		words := strings.Fields(line)
		if len(words) < 2 {
			continue
		}
		for _, w := range words[1:] {
			m[w] = words[0]
		}
	}
	return m
}()

// synonymTerm is a stem's class representative, or the stem.
func synonymTerm(stem string) string {
	if rep, ok := synonymOf[stem]; ok {
		return rep
	}
	return stem
}
