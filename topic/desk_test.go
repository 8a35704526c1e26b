package topic

import (
	"math"
	"testing"

	"github.com/warta-news/warta/article"
)

// deskX returns the desk model's features of each desk of a, by desk.
func deskX(tg *Tagger, a *article.Article) map[string][numDeskFeatures]float64 {
	out := map[string][numDeskFeatures]float64{}
	for _, s := range tg.DeskSamples(a, "", "") {
		out[s.Desk] = s.X
	}
	return out
}

// The lead features read the title and the body's first sentence only,
// the length the words of the body, and the share the topic's part of the
// modelled desks' scores. The article is written for the test.
func TestDeskLengthFeatures(t *testing.T) {
	tg := zoneTagger(t)
	a := &article.Article{Language: "en", Title: "Football final tonight",
		Text: "The goal came late. Inflation and the bank worried the fans. Inflation again."}
	x := deskX(tg, a)
	sport, economy := x["sport"], x["economy"]
	// sport: football in the title (3 × TitleWeight), goal in the first
	// sentence (2); economy: nothing in the lead.
	sportScore := 3*TitleWeight + 2.0
	economyScore := 3*(1+math.Log(2)) + 2.0
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"sport own_lead", sport[dOwnLead], math.Log1p(3*TitleWeight + 2)},
		{"economy own_lead", economy[dOwnLead], 0},
		{"economy own_body", economy[dOwnBody], math.Log1p(economyScore)},
		{"length", sport[dLength], math.Log1p(13)},
		{"economy length", economy[dLength], math.Log1p(13)},
		{"sport own_share", sport[dOwnShare], sportScore / (sportScore + economyScore)},
		{"economy own_share", economy[dOwnShare], economyScore / (sportScore + economyScore)},
	} {
		if math.Abs(c.got-c.want) > 1e-9 {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	// No desk's term at all: no share, no lead.
	none := deskX(tg, &article.Article{Language: "en", Title: "A quiet day", Text: "Nothing happened."})
	if s := none["sport"]; s[dOwnShare] != 0 || s[dOwnLead] != 0 || s[dLength] != math.Log1p(2) {
		t.Errorf("no desk's term: %v", s)
	}
}
