package topiceval

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/warta-news/warta/topic"
)

// stackVariants are the variants TestStackLOSO compares: the shipped V15
// and S1, its stack with the item's shapes (BENCHMARKS.md, branches stack2
// and stackv15). They share V15's word model and candidates, so each fold
// trains those once.
var stackVariants = []string{"V15", "S1"}

// TestStackLOSO prints the leave-one-stream-out figures of V15 and S1
// (each stream scored with the word model and the stack trained on the
// others), pooled over every stream and apart over stream-heldout59 to 64,
// and the stacking weights each fits on every stream. It is an
// experiment: it runs with WARTA_STACK_LOSO=1.
func TestStackLOSO(t *testing.T) {
	if os.Getenv("WARTA_STACK_LOSO") == "" {
		t.Skip("skipped: an experiment, run with WARTA_STACK_LOSO=1")
	}
	streams, tg := wordStreams(t)
	samples := make([][]topic.WordSample, len(streams))
	for i, s := range streams {
		samples[i] = s.WordSamples(tg)
	}
	_, cut := tg.IRModel()
	var variants []WordVariant
	for _, id := range stackVariants {
		v, ok := WordVariantNamed(id)
		if !ok {
			t.Fatalf("no variant %s", id)
		}
		variants = append(variants, v)
	}
	scores := make([][]StreamScore, len(variants))
	for i, s := range streams {
		m, stack := trainWordModel(slices.Delete(slices.Clone(samples), i, i+1), variants[0])
		for j, v := range variants {
			ks := FitStack(stack, v, cut)
			scores[j] = append(scores[j], StreamScore{Stream: s.Name, Tallies: ScoreStream(tg.WithWordModel(m, ks, v.Mode), s)})
		}
	}
	late := []string{"stream-heldout59", "stream-heldout60", "stream-heldout61", "stream-heldout62", "stream-heldout63", "stream-heldout64"}
	for j, v := range variants {
		t.Logf("%-3s all   %s", stackVariants[j], tallyLine(PoolStreams(scores[j]), 4))
		t.Logf("%-3s 59-64 %s", stackVariants[j], tallyLine(PoolStreams(slices.DeleteFunc(slices.Clone(scores[j]), func(sc StreamScore) bool { return !slices.Contains(late, sc.Stream) })), 4))
		_, ks := TrainWords(samples, v, cut)
		for l, k := range ks {
			t.Logf("%-3s weights %s: %s", stackVariants[j], []string{"en", "id"}[l], stackLine(k))
		}
	}
}

// stackLine writes a stack's weights.
func stackLine(k topic.WordStack) string {
	var b strings.Builder
	fmt.Fprintf(&b, "actor %+.3f word %+.3f bias %+.3f", k.Actor, k.Word, k.Bias)
	for _, w := range []struct {
		name string
		v    [topic.NumStackShapes]float64
	}{{"shape", k.Shape}, {"actor×", k.ActorBy}, {"word×", k.WordBy}} {
		fmt.Fprintf(&b, " %s", w.name)
		for _, x := range w.v {
			fmt.Fprintf(&b, " %+.3f", x)
		}
	}
	fmt.Fprintf(&b, " cut %.3f short cut %.3f", k.Cut, k.ShortCut)
	return b.String()
}
