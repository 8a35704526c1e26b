package topic

import (
	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/section"
)

// fittedIRDeskCuts are the actors model's cuts for items whose publisher
// filed them under a desk (package section), where that desk moved the
// fitted cut; 0 leaves the model's own cut. Fitted by `go test
// ./cmd/warta -run TestFitIRDeskCuts -v` on the four labelled real
// streams (see BENCHMARKS.md, "The publisher's desk"): the research data
// has no feed context to fit them on.
var fittedIRDeskCuts = [section.NumDesks]float64{
	section.National: 0.6, section.Economy: 0.6, section.Sport: 0.6, section.SciTech: 0.6,
	section.Lifestyle: 0.6, section.Opinion: 0.6,
}

// deskOf is the desk the publisher filed a under: the section of its link
// (as published, else its canonical URL) or its categories.
func deskOf(a *article.Article) section.Desk {
	link := a.Link
	if link == "" {
		link = a.URL
	}
	return section.Of("", a.Categories, link)
}

// irCutFor is the actors model's cut for an item filed under desk d.
func (t *Tagger) irCutFor(d section.Desk) float64 {
	if c := t.irDeskCuts[d]; c != 0 {
		return c
	}
	return t.irCut
}

// WithIRDeskCuts returns a Tagger that shares t's compiled rules but cuts
// the actors model's probability at cuts[d] for items filed under desk d
// (0: the model's own cut): for fitting the cuts and scoring them on
// streams they were not fitted on.
func (t *Tagger) WithIRDeskCuts(cuts [section.NumDesks]float64) *Tagger {
	c := *t
	c.irDeskCuts = cuts
	c.irDeskCuts[section.Unknown] = 0
	c.fingerprint = c.computeFingerprint()
	return &c
}

// IRDeskCuts returns the actors model's cuts by the publisher's desk (0:
// the model's own cut).
func (t *Tagger) IRDeskCuts() [section.NumDesks]float64 { return t.irDeskCuts }
