package topiceval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/topic"
)

// TestFeedPriorLOSO prints the leave-one-stream-out figures of F1 and F2
// beside main (BENCHMARKS.md, branch feedprior). It is an experiment: it
// runs with WARTA_FEEDPRIOR_LOSO=1.
func TestFeedPriorLOSO(t *testing.T) {
	if os.Getenv("WARTA_FEEDPRIOR_LOSO") == "" {
		t.Skip("skipped: an experiment, run with WARTA_FEEDPRIOR_LOSO=1")
	}
	streams, tg := wordStreams(t)
	all := func(int) bool { return true }
	for _, v := range []struct {
		name      string
		raiseOnly bool
	}{{"F1", false}, {"F2", true}} {
		tallies := FeedPriorTallies(tg, streams, v.raiseOnly)
		for _, lang := range []string{"en", "id"} {
			for k, w := range FeedPriorGrid() {
				c := PoolFeedTallies(tallies, k, lang, all)
				p, r, f1 := c.Scores()
				t.Logf("%s %s w=%.2f all 16: %d/%d/%d P %.4f R %.4f F1 %.4f", v.name, lang, w, c.TP, c.FP, c.FN, p, r, f1)
			}
			main := PoolFeedTallies(tallies, 0, lang, all)
			chosen, c := FeedPriorLOSO(tallies, lang)
			p0, r0, f0 := main.Scores()
			p, r, f1 := c.Scores()
			t.Logf("%s %s main %d/%d/%d P %.4f R %.4f F1 %.4f", v.name, lang, main.TP, main.FP, main.FN, p0, r0, f0)
			t.Logf("%s %s LOSO %d/%d/%d P %.4f R %.4f F1 %.4f (ΔF1 %+.4f ΔP %+.4f)", v.name, lang, c.TP, c.FP, c.FN, p, r, f1, f1-f0, p-p0)
			for i, s := range streams {
				m, x := tallies[0][i][lang], tallies[chosen[i]][i][lang]
				if m.TP+m.FP+m.FN+x.TP+x.FP+x.FN > 0 {
					t.Logf("%s %s   %-18s w=%.2f main %d/%d/%d → %d/%d/%d", v.name, lang, s.Name, FeedPriorGrid()[chosen[i]], m.TP, m.FP, m.FN, x.TP, x.FP, x.FN)
				}
			}
			t.Logf("%s %s w on all 16: %.2f", v.name, lang, FeedPriorGrid()[ChooseFeedWeight(tallies, lang, all)])
		}
	}
}

// TestFeedPriorHeldOut tags stream-heldout20 and 21 once with the weights
// chosen on the 16 training streams beside main (BENCHMARKS.md, branch
// feedprior, check 4). It is an experiment, run once:
// WARTA_FEEDPRIOR_HELDOUT=F1 or F2 with WARTA_FEEDPRIOR_W=en,id weights.
func TestFeedPriorHeldOut(t *testing.T) {
	variant := os.Getenv("WARTA_FEEDPRIOR_HELDOUT")
	if variant == "" {
		t.Skip("skipped: an experiment, run once with WARTA_FEEDPRIOR_HELDOUT=F1 or F2")
	}
	var w [2]float64
	if _, err := fmtSscanWeights(os.Getenv("WARTA_FEEDPRIOR_W"), &w); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join("..", "..", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tg := defaultTagger(t)
	dir, labels := filepath.Join("..", "fixtures", "testdata"), filepath.Join("..", "..", "cmd", "warta", "testdata")
	for _, name := range []string{"stream-heldout20", "stream-heldout21"} {
		s, err := LoadStream(context.Background(), cfg, tg, filepath.Join(dir, name), labels, WordStreamsFetchedAt())
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range []struct {
			name string
			t    *topic.Tagger
		}{{"main", tg}, {variant, tg.WithFeedPrior(w, variant == "F2")}} {
			ts := ScoreStream(x.t, s)
			for _, lang := range []string{"en", "id"} {
				c := ts[lang]
				p, r, f1 := c.Scores()
				t.Logf("%s %s %s: %d/%d/%d P %.4f R %.4f F1 %.4f", name, x.name, lang, c.TP, c.FP, c.FN, p, r, f1)
			}
		}
	}
}

// fmtSscanWeights reads "en,id" weights.
func fmtSscanWeights(s string, w *[2]float64) (int, error) {
	return fmt.Sscanf(s, "%g,%g", &w[0], &w[1])
}
