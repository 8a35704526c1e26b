package topiceval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/topic"
)

// TestSourcePriorLOSO prints the spent streams' figures of the source
// prior's variants (BENCHMARKS.md, branch feedprior): each stream tagged
// as one cycle (ScoreStream) for every weight of the grid, pooled per
// language over streams 1–58 (the word model's training) and 59–64 (not),
// and the weight chosen leaving each stream out. It is an experiment: it
// runs with WARTA_FEEDPRIOR_LOSO=1 and never reads a judge stream
// (stream-heldout65 and later).
func TestSourcePriorLOSO(t *testing.T) {
	if os.Getenv("WARTA_FEEDPRIOR_LOSO") == "" {
		t.Skip("skipped: an experiment, run with WARTA_FEEDPRIOR_LOSO=1")
	}
	cfg, err := config.Load(filepath.Join("..", "..", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tg := defaultTagger(t)
	dir, labels := filepath.Join("..", "fixtures", "testdata"), filepath.Join("..", "..", "cmd", "warta", "testdata")
	names, err := LabelledStreams(dir, labels)
	if err != nil {
		t.Fatal(err)
	}
	names = slices.DeleteFunc(names, func(n string) bool { return spentNumber(n) >= 65 })
	var streams []*LabelledStream
	for _, name := range names {
		s, err := LoadStream(context.Background(), cfg, tg, filepath.Join(dir, name), labels, WordStreamsFetchedAt())
		if err != nil {
			t.Fatal(err)
		}
		streams = append(streams, s)
	}
	t.Logf("%d spent streams", len(streams))
	fresh := func(n string) bool { return spentNumber(n) >= 59 }
	report := func(name string, scores []StreamScore) {
		older := slices.DeleteFunc(slices.Clone(scores), func(sc StreamScore) bool { return fresh(sc.Stream) })
		newer := slices.DeleteFunc(slices.Clone(scores), func(sc StreamScore) bool { return !fresh(sc.Stream) })
		t.Logf("%-22s all  %s", name, tallyLine(PoolStreams(scores), 4))
		t.Logf("%-22s 1-58 %s", name, tallyLine(PoolStreams(older), 4))
		t.Logf("%-22s 59+  %s", name, tallyLine(PoolStreams(newer), 4))
	}
	score := func(p topic.SourcePrior) []StreamScore {
		tp := tg.WithSourcePrior(p)
		out := make([]StreamScore, len(streams))
		for i, s := range streams {
			out[i] = StreamScore{Stream: s.Name, Tallies: ScoreStream(tp, s)}
		}
		return out
	}
	report("main (w=0)", score(topic.SourcePrior{}))
	grid := []float64{0.25, 0.5, 0.75, 1, 1.5, 2}
	for _, v := range []struct {
		name string
		p    topic.SourcePrior
	}{{"P1", topic.SourcePrior{Bound: 1.5}}, {"P2", topic.SourcePrior{Bound: 0.5}}, {"P3", topic.SourcePrior{Bound: 1.5, LowerOnly: true}}} {
		byW := make([][]StreamScore, len(grid))
		for k, w := range grid {
			p := v.p
			p.Weight = w
			byW[k] = score(p)
			report(fmt.Sprintf("%s w=%g", v.name, w), byW[k])
		}
		var loso []StreamScore
		var chosen []string
		for i := range streams {
			best, bestF := 0, -1.0
			for k := range grid {
				f := pooledF1Sum(slices.Delete(slices.Clone(byW[k]), i, i+1))
				if f > bestF+1e-12 {
					best, bestF = k, f
				}
			}
			loso = append(loso, byW[best][i])
			chosen = append(chosen, strconv.FormatFloat(grid[best], 'g', -1, 64))
		}
		report(v.name+" LOSO", loso)
		t.Logf("%s LOSO weights: %s", v.name, strings.Join(chosen, " "))
	}
}

// pooledF1Sum is the sum of the pooled English and Indonesian F1.
func pooledF1Sum(scores []StreamScore) float64 {
	sum := 0.0
	for _, c := range PoolStreams(scores) {
		_, _, f := c.Scores()
		sum += f
	}
	return sum
}

// spentNumber is the number of stream-heldoutN (1 for stream-heldout, 0
// for stream).
func spentNumber(name string) int {
	rest, ok := strings.CutPrefix(name, "stream-heldout")
	if !ok {
		return 0
	}
	if rest == "" {
		return 1
	}
	n, err := strconv.Atoi(rest)
	if err != nil {
		return 1 << 30 // unknown: treated as a judge
	}
	return n
}
