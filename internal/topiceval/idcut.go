package topiceval

import (
	"slices"

	"github.com/warta-news/warta/topic"
)

// IDCutGrid are the cuts the actors model's Indonesian cut is chosen
// from; the last is main's cut for both languages (BENCHMARKS.md, branch
// idcut).
func IDCutGrid() []float64 { return []float64{0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65} }

// IDCutPrecisionSlack is how far under main's pooled Indonesian precision
// the chosen Indonesian cut's may fall.
const IDCutPrecisionSlack = 0.02

// IDCutTallies are the tallies of the streams scored by t with no
// Indonesian cut (Main) and with each of IDCutGrid's (ByCut, in its order)
// applied to the Indonesian items scope admits, by stream.
type IDCutTallies struct {
	Streams []string
	Main    []map[string]*topic.Tally
	ByCut   [][]map[string]*topic.Tally
}

// ScoreIDCuts scores each stream by t without an Indonesian cut and with
// each of IDCutGrid's.
func ScoreIDCuts(t *topic.Tagger, streams []*LabelledStream, scope topic.IDCutScope) *IDCutTallies {
	out := &IDCutTallies{}
	main := t.WithIndonesianCut(0, scope)
	for _, s := range streams {
		out.Streams = append(out.Streams, s.Name)
		out.Main = append(out.Main, ScoreStream(main, s))
	}
	for _, cut := range IDCutGrid() {
		tg := t.WithIndonesianCut(cut, scope)
		var row []map[string]*topic.Tally
		for _, s := range streams {
			row = append(row, ScoreStream(tg, s))
		}
		out.ByCut = append(out.ByCut, row)
	}
	return out
}

// pooled sums the Indonesian tallies of the streams keep admits.
func pooled(tallies []map[string]*topic.Tally, keep func(i int) bool) topic.Tally {
	var c topic.Tally
	for i, m := range tallies {
		if keep(i) {
			c.TP += m["id"].TP
			c.FP += m["id"].FP
			c.FN += m["id"].FN
		}
	}
	return c
}

// Choose is the cut of IDCutGrid with the best pooled Indonesian F1 over
// the streams keep admits whose pooled Indonesian precision there is at
// least main's minus IDCutPrecisionSlack; among equal F1 the higher cut
// (nearer main's).
func (c *IDCutTallies) Choose(keep func(i int) bool) float64 {
	mainP, _, _ := pooled(c.Main, keep).Scores()
	grid := IDCutGrid()
	best, bestF := grid[len(grid)-1], -1.0
	for k := len(grid) - 1; k >= 0; k-- {
		p, _, f := pooled(c.ByCut[k], keep).Scores()
		if p >= mainP-IDCutPrecisionSlack && f > bestF {
			best, bestF = grid[k], f
		}
	}
	return best
}

// LOSO scores each stream at the cut chosen on the others (Choose): its
// tallies at that cut, by stream, and the cuts.
func (c *IDCutTallies) LOSO() ([]StreamScore, []float64) {
	var out []StreamScore
	var cuts []float64
	for i, name := range c.Streams {
		cut := c.Choose(func(j int) bool { return j != i })
		k := slices.Index(IDCutGrid(), cut)
		out = append(out, StreamScore{Stream: name, Cut: cut, Tallies: c.ByCut[k][i]})
		cuts = append(cuts, cut)
	}
	return out, cuts
}

// FitIDCut is the Indonesian cut chosen on all the streams (Choose), as
// the generator ships it.
func FitIDCut(t *topic.Tagger, streams []*LabelledStream, scope topic.IDCutScope) float64 {
	return ScoreIDCuts(t, streams, scope).Choose(func(int) bool { return true })
}
