package topiceval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/topic"
)

// spent5964 are the twelfth session's judges, spent since: never a
// later session's judge streams.
var spent5964 = []string{"stream-heldout59", "stream-heldout60", "stream-heldout61", "stream-heldout62", "stream-heldout63", "stream-heldout64"}

// TestIRErrorsDump (throwaway, branch irerrors5en): every spent stream
// scored with the word model out of its own stream (1–58 by
// leave-one-stream-out, 59–64 by the model trained on 1–58), its English
// false entries and misses written to WARTA_IRERRORS_DUMP.
func TestIRErrorsDump(t *testing.T) {
	if os.Getenv("WARTA_IRERRORS") == "" {
		t.Skip("experiment")
	}
	train, tg := wordStreams(t)
	cfg, err := config.Load(filepath.Join("..", "..", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir, labels := filepath.Join("..", "fixtures", "testdata"), filepath.Join("..", "..", "cmd", "warta", "testdata")
	var fresh []*LabelledStream
	for _, name := range spent5964 {
		s, err := LoadStream(context.Background(), cfg, tg, filepath.Join(dir, name), labels, WordStreamsFetchedAt())
		if err != nil {
			t.Fatal(err)
		}
		fresh = append(fresh, s)
	}
	v := ShippedWordVariant()
	samples := make([][]topic.WordSample, len(train))
	for i, s := range train {
		samples[i] = s.WordSamples(tg)
	}
	_, cut := tg.IRModel()
	out, err := os.Create(os.Getenv("WARTA_IRERRORS_DUMP"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	dump := func(tagger *topic.Tagger, s *LabelledStream) {
		st := tagger.NewStream()
		exps := make([][]topic.Explanation, len(s.Articles))
		for i, a := range s.Articles {
			exps[i] = st.ExplainAndObserve(a, topic.Hints{})
		}
		s.labelled(func(i int, l StreamLabel) {
			var e *topic.Explanation
			for j := range exps[i] {
				if exps[i][j].Slug == irSlug && exps[i][j].Language == l.Lang {
					e = &exps[i][j]
				}
			}
			if e == nil {
				return
			}
			kind := "tp"
			switch {
			case !e.Passed && !l.IR:
				kind = "tn"
			case e.Passed && !l.IR:
				kind = "fp"
			case !e.Passed:
				kind = "fn"
			}
			var feats []string
			var ap, p, wcut float64
			guard := ""
			if e.Model != nil {
				for _, f := range e.Model.Features {
					feats = append(feats, fmt.Sprintf("%s=%g", f.Name, f.Value))
				}
				ap, p, guard = e.Model.ActorsProbability, e.Model.Probability, e.Model.Guard
				if e.Decider != topic.DeciderWords {
					ap = p
				}
				wcut = e.Model.Cut
			}
			if e.WordDeclined != nil {
				p, wcut = e.WordDeclined.Probability, e.WordDeclined.Cut
			}
			fmt.Fprintf(out, "%s\t%s\t%s\t%s\tap=%.2f\tp=%.2f/%.2f\tw=%.2f\t%s\t%s\t%s\n", s.Name, l.Lang, kind, e.Decider, ap, p, wcut, e.WordLogOdds, guard, strings.Join(feats, " "), StreamTitle(s.Articles[i].Title))
		})
	}
	for i, s := range train {
		m, stack := TrainWords(slices.Delete(slices.Clone(samples), i, i+1), v, cut)
		dump(tg.WithWordModel(m, stack, v.Mode), s)
	}
	m, stack := TrainWords(samples, v, cut)
	for _, s := range fresh {
		dump(tg.WithWordModel(m, stack, v.Mode), s)
	}
}

// TestIRErrorsVariants (throwaway, branch irerrors5en): V6 and the
// registered V15–V17 on the spent streams, the word model out of sample
// everywhere (1–58 leave-one-stream-out, 59–64 by the model of 1–58).
func TestIRErrorsVariants(t *testing.T) {
	if os.Getenv("WARTA_IRERRORS") == "" {
		t.Skip("experiment")
	}
	train, tg := wordStreams(t)
	cfg, err := config.Load(filepath.Join("..", "..", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir, labels := filepath.Join("..", "fixtures", "testdata"), filepath.Join("..", "..", "cmd", "warta", "testdata")
	var fresh []*LabelledStream
	for _, name := range spent5964 {
		s, err := LoadStream(context.Background(), cfg, tg, filepath.Join(dir, name), labels, WordStreamsFetchedAt())
		if err != nil {
			t.Fatal(err)
		}
		fresh = append(fresh, s)
	}
	names := []string{"V6", "V15", "V16", "V17"}
	vs := map[string]WordVariant{}
	for _, n := range names {
		vs[n], _ = WordVariantNamed(n)
	}
	_, cut := tg.IRModel()
	s6 := variantSamples(tg, train, vs["V6"])
	s17 := variantSamples(tg, train, vs["V17"])
	scores := map[string][]StreamScore{}
	run := func(keep func(int) bool, streams []*LabelledStream) {
		pick := func(ss [][]topic.WordSample) [][]topic.WordSample {
			var out [][]topic.WordSample
			for i, s := range ss {
				if keep(i) {
					out = append(out, s)
				}
			}
			return out
		}
		m6, all6 := fitWordModel(pick(s6), vs["V6"])
		stack6 := stackSamples(pick(s6), vs["V6"])
		k6 := stackWeights(stack6, all6, vs["V6"], cut)
		k15 := stackWeights(stack6, all6, vs["V15"], cut)
		m17, k17 := TrainWords(pick(s17), vs["V17"], cut)
		t.Logf("cuts V6 %.3f/%.3f V15 %.3f/%.3f V17 %.3f/%.3f", k6[0].Cut, k6[1].Cut, k15[0].Cut, k15[1].Cut, k17[0].Cut, k17[1].Cut)
		tag := map[string]*topic.Tagger{
			"V6":  tg.WithWordModel(m6, k6, vs["V6"].Mode),
			"V15": tg.WithWordModel(m6, k15, vs["V15"].Mode),
			"V16": tg.WithWordModel(m6, k6, vs["V16"].Mode),
			"V17": tg.WithWordModel(m17, k17, vs["V17"].Mode),
		}
		for _, s := range streams {
			for _, n := range names {
				sc := StreamScore{Stream: s.Name, Tallies: ScoreStream(tag[n], s)}
				scores[n] = append(scores[n], sc)
				t.Logf("%-4s %-18s%s", n, s.Name, tallyLine(sc.Tallies, 0))
			}
		}
	}
	for i, s := range train {
		run(func(j int) bool { return j != i }, []*LabelledStream{s})
	}
	run(func(int) bool { return true }, fresh)
	isFresh := func(sc StreamScore) bool { return slices.Contains(spent5964, sc.Stream) }
	for _, n := range names {
		all := scores[n]
		t.Logf("%-4s 1–58 LOSO %s", n, tallyLine(PoolStreams(slices.DeleteFunc(slices.Clone(all), isFresh)), 4))
		t.Logf("%-4s 59–64     %s", n, tallyLine(PoolStreams(slices.DeleteFunc(slices.Clone(all), func(sc StreamScore) bool { return !isFresh(sc) })), 4))
		t.Logf("%-4s 1–64      %s", n, tallyLine(PoolStreams(all), 4))
	}
}
