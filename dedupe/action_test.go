package dedupe

import (
	"testing"
	"time"
)

// The reviewer's examples on the loopback fixture (headlines written like
// them here): two decisions on one object are two stories, and one
// decision in the active voice, the passive and a bare reworded root is
// one.
func TestEventActionsKeepDecisionsApart(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"Pelindo Kupang membekukan izin smelter nikel", "Pelindo Kupang menyetujui izin smelter nikel", false},
		{"Perusahaan rintisan Palembang memperkenalkan program vaksinasi", "Perusahaan rintisan Palembang menunda program vaksinasi", false},
		{"Port operator in Kupang freezes nickel smelter permits", "Port operator in Kupang approves nickel smelter permits", false},
		// Another object of the same verb.
		{"Pelindo Kupang membekukan izin smelter nikel", "Pelindo Kupang membekukan perluasan bandara", false},
		// One decision: a bare root, the passive, a second prefix.
		{"Pelindo Kupang membekukan izin smelter nikel", "Pelindo Kupang bekukan izin smelter nikel", true},
		{"Pelindo Kupang membekukan izin smelter nikel", "Izin smelter nikel dibekukan Pelindo Kupang", true},
		{"Pelindo Kupang memperkenalkan izin smelter nikel", "Pelindo Kupang kenalkan izin smelter nikel", true},
		{"Port operator in Kupang freezes nickel smelter permits", "Port operator in Kupang froze nickel smelter permits", true},
	} {
		arts := assignHeadlines(t, NewIndex(Options{}), []timedHeadline{{c.a, 0}, {c.b, time.Hour}})
		if got := arts[1].StoryID == arts[0].StoryID; got != c.same {
			t.Errorf("%q / %q: one story %v, want %v (%+v)", c.a, c.b, got, c.same, arts[1].StoryMatch)
		}
	}
}

func TestActionVerb(t *testing.T) {
	for _, c := range []struct {
		word, lemma string
		ok          bool
	}{
		{"membekukan", "beku", true}, {"dibekukan", "beku", true}, {"memperkenalkan", "kenal", true},
		{"menteri", "", false}, {"medis", "", false}, {"diduga", "", false}, {"bekukan", "", false},
		{"freezes", "freeze", true}, {"approved", "approve", true}, {"banned", "ban", true}, {"cutting", "cut", true},
		{"permits", "", false},
	} {
		w := headlineWords(c.word)[0]
		lemma, ok := actionVerb(w)
		if ok != c.ok || lemma != c.lemma {
			t.Errorf("actionVerb(%q) = %q, %v; want %q, %v", c.word, lemma, ok, c.lemma, c.ok)
		}
	}
}
