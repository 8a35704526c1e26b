package topiceval

import (
	"os"
	"testing"

	"github.com/warta-news/warta/topic"
)

// TestIDCutLOSO prints the leave-one-stream-out figures of the actors
// model's Indonesian cut, C1 (every Indonesian item) and C2 (those whose
// title names two actors), beside main (BENCHMARKS.md, branch idcut). It
// is an experiment: it runs with WARTA_IDCUT_LOSO=1.
func TestIDCutLOSO(t *testing.T) {
	if os.Getenv("WARTA_IDCUT_LOSO") == "" {
		t.Skip("skipped: an experiment, run with WARTA_IDCUT_LOSO=1")
	}
	streams, tg := wordStreams(t)
	for _, v := range []struct {
		name  string
		scope topic.IDCutScope
	}{{"C1", topic.IDCutAll}, {"C2", topic.IDCutTitlePair}} {
		c := ScoreIDCuts(tg, streams, v.scope)
		loso, _ := c.LOSO()
		main := make([]StreamScore, len(c.Streams))
		for i, name := range c.Streams {
			main[i] = StreamScore{Stream: name, Tallies: c.Main[i]}
			t.Logf("%s | %-16s cut %.2f%s | main%s", v.name, name, loso[i].Cut, tallyLine(loso[i].Tallies, 0), tallyLine(c.Main[i], 0))
		}
		for k, cut := range IDCutGrid() {
			t.Logf("%s | all streams at %.2f%s", v.name, cut, tallyLine(sumTallies(streamScores(c.Streams, c.ByCut[k]), func(string) bool { return true }), 4))
		}
		t.Logf("%s | main pooled      %s", v.name, tallyLine(sumTallies(main, func(string) bool { return true }), 4))
		t.Logf("%s | LOSO pooled      %s", v.name, tallyLine(sumTallies(loso, func(string) bool { return true }), 4))
		t.Logf("%s | shipped cut (all streams) %.2f", v.name, c.Choose(func(int) bool { return true }))
	}
}

// streamScores pairs the streams' names with their tallies.
func streamScores(names []string, tallies []map[string]*topic.Tally) []StreamScore {
	out := make([]StreamScore, len(names))
	for i, name := range names {
		out[i] = StreamScore{Stream: name, Tallies: tallies[i]}
	}
	return out
}
