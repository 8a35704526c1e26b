package topiceval

import "github.com/warta-news/warta/topic"

// FeedPriorGrid are the weights of a feed's share of international
// relations tried per language (BENCHMARKS.md, branch feedprior): 0 (main)
// to 2 in steps of 0.25.
func FeedPriorGrid() []float64 {
	var out []float64
	for k := 0; k <= 8; k++ {
		out = append(out, 0.25*float64(k))
	}
	return out
}

// FeedPriorPrecisionSlack is how far under w = 0's pooled precision a
// weight's may fall and still be chosen (ChooseFeedWeight).
const FeedPriorPrecisionSlack = 0.01

// FeedPriorTallies tags every stream once per weight of FeedPriorGrid (the
// same in both languages: the feed counts are the actors model's alone,
// so one language's weight moves none of the other's decisions) and
// returns the tallies by weight and stream.
func FeedPriorTallies(t *topic.Tagger, streams []*LabelledStream, raiseOnly bool) [][]map[string]*topic.Tally {
	var out [][]map[string]*topic.Tally
	for _, w := range FeedPriorGrid() {
		tw := t.WithFeedPrior([2]float64{w, w}, raiseOnly)
		row := make([]map[string]*topic.Tally, len(streams))
		for i, s := range streams {
			row[i] = ScoreStream(tw, s)
		}
		out = append(out, row)
	}
	return out
}

// PoolFeedTallies sums, for weight k, language lang's tallies of the
// streams keep admits.
func PoolFeedTallies(tallies [][]map[string]*topic.Tally, k int, lang string, keep func(stream int) bool) topic.Tally {
	var c topic.Tally
	for i, ts := range tallies[k] {
		if keep(i) {
			c.TP += ts[lang].TP
			c.FP += ts[lang].FP
			c.FN += ts[lang].FN
		}
	}
	return c
}

// ChooseFeedWeight is the index in FeedPriorGrid of the weight of language
// lang with the highest pooled F1 over the streams keep admits, among those
// whose pooled precision is at least w = 0's minus
// FeedPriorPrecisionSlack; ties go to the smaller weight.
func ChooseFeedWeight(tallies [][]map[string]*topic.Tally, lang string, keep func(stream int) bool) int {
	p0, _, _ := PoolFeedTallies(tallies, 0, lang, keep).Scores()
	best, bestF1 := 0, -1.0
	for k := range tallies {
		p, _, f1 := PoolFeedTallies(tallies, k, lang, keep).Scores()
		if p >= p0-FeedPriorPrecisionSlack && f1 > bestF1 {
			best, bestF1 = k, f1
		}
	}
	return best
}

// FeedPriorLOSO scores each stream, per language, with the weight chosen
// on the other streams (ChooseFeedWeight): the chosen index per stream
// and the pooled tally.
func FeedPriorLOSO(tallies [][]map[string]*topic.Tally, lang string) ([]int, topic.Tally) {
	n := len(tallies[0])
	chosen := make([]int, n)
	var c topic.Tally
	for i := range n {
		k := ChooseFeedWeight(tallies, lang, func(j int) bool { return j != i })
		chosen[i] = k
		t := tallies[k][i][lang]
		c.TP += t.TP
		c.FP += t.FP
		c.FN += t.FN
	}
	return chosen, c
}
