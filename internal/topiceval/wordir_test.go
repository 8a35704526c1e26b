package topiceval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/topic"
)

// TestWordLOSO prints the leave-one-stream-out figures of the word model's
// variants beside the tagger without it (BENCHMARKS.md, branch wordir).
// It is an experiment: it runs with WARTA_WORDIR_LOSO=1.
func TestWordLOSO(t *testing.T) {
	if os.Getenv("WARTA_WORDIR_LOSO") == "" {
		t.Skip("skipped: an experiment, run with WARTA_WORDIR_LOSO=1")
	}
	streams, tg := wordStreams(t)
	pool := func(name string, scores []StreamScore) {
		tot := map[string]*topic.Tally{"en": {}, "id": {}}
		for _, sc := range scores {
			line := fmt.Sprintf("  %-16s", sc.Stream)
			for _, l := range []string{"en", "id"} {
				c := sc.Tallies[l]
				tot[l].TP += c.TP
				tot[l].FP += c.FP
				tot[l].FN += c.FN
				line += fmt.Sprintf(" %s %d/%d/%d", l, c.TP, c.FP, c.FN)
			}
			t.Log(line)
		}
		line := name
		for _, l := range []string{"en", "id"} {
			c := tot[l]
			p, r, f := c.Scores()
			line += fmt.Sprintf(" | %s %d/%d/%d P %.3f R %.3f F1 %.3f", l, c.TP, c.FP, c.FN, p, r, f)
		}
		t.Log(line)
	}
	var base []StreamScore
	for _, s := range streams {
		base = append(base, StreamScore{Stream: s.Name, Tallies: ScoreStream(tg, s)})
	}
	pool("main", base)
	for _, v := range WordVariants() {
		pool(v.Name, WordLOSO(tg, streams, v))
	}
}

// wordStreams loads WordStreams with the repository's tagger.
func wordStreams(t *testing.T) ([]*LabelledStream, *topic.Tagger) {
	t.Helper()
	cfg, err := config.Load(filepath.Join("..", "..", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tg := defaultTagger(t)
	dir, labels := filepath.Join("..", "fixtures", "testdata"), filepath.Join("..", "..", "cmd", "warta", "testdata")
	names, err := WordStreams(dir, labels)
	if err != nil {
		t.Fatal(err)
	}
	var out []*LabelledStream
	for _, name := range names {
		s, err := LoadStream(context.Background(), cfg, tg, filepath.Join(dir, name), labels, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out, tg
}

// TestWordStackWeights prints the stacking weights each leave-one-out fold
// fits (an experiment's diagnostics: WARTA_WORDIR_LOSO=1).
func TestWordStackWeights(t *testing.T) {
	if os.Getenv("WARTA_WORDIR_LOSO") == "" {
		t.Skip("skipped: an experiment, run with WARTA_WORDIR_LOSO=1")
	}
	streams, tg := wordStreams(t)
	samples := make([][]topic.WordSample, len(streams))
	for i, s := range streams {
		samples[i] = s.WordSamples(tg)
	}
	for _, v := range WordVariants()[1:3] {
		for i := range streams {
			_, stack := TrainWords(slices.Delete(slices.Clone(samples), i, i+1), v)
			t.Logf("%s without %s: en %+.2f %+.2f %+.2f id %+.2f %+.2f %+.2f", v.Name, streams[i].Name,
				stack[0].Actor, stack[0].Word, stack[0].Bias, stack[1].Actor, stack[1].Word, stack[1].Bias)
		}
	}
}
