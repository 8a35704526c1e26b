package topiceval

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/warta-news/warta/topic"
)

// The stream names below are internal/fixtures' *StreamDir constants,
// written out: this package is in the binary and the fixtures embed every
// snapshot (TestWordStreamNamesAreTheFixtures holds them equal).

// HeldOutStreams are the labelled streams held out of every word model
// and every choice: the judges of the current session,
// stream-heldout65 to 68, gathered in the thirteenth to judge its
// experiments, and stream-heldout70, one of the fourteenth session's
// judges. Every other labelled stream trains the word model, in
// English and Indonesian: the judges of earlier sessions (stream-heldout7
// and 13 to 64), held out while they judged those sessions' experiments,
// are spent since (read for design), so they train it too (BENCHMARKS.md,
// branches wordfull and wordfull3).
func HeldOutStreams() []string {
	return []string{"stream-heldout65", "stream-heldout66", "stream-heldout67", "stream-heldout68", "stream-heldout70"}
}

// LeaderPriorHeldOutStreams are the labelled streams the leaders prior
// is not learned from: those gathered after the shipped prior was learned
// (BENCHMARKS.md, branch leaderprior3), so that its generator reproduces
// it (stream-heldout20 to 70 came later still). stream-heldout16 and 17
// were in its training, each left out of its own fold by the
// leave-one-stream-out.
func LeaderPriorHeldOutStreams() []string {
	return []string{"stream-heldout18", "stream-heldout19", "stream-heldout20", "stream-heldout21", "stream-heldout22", "stream-heldout23", "stream-heldout24", "stream-heldout25", "stream-heldout26", "stream-heldout27", "stream-heldout28", "stream-heldout29", "stream-heldout30", "stream-heldout31", "stream-heldout32", "stream-heldout33", "stream-heldout34", "stream-heldout35", "stream-heldout36", "stream-heldout37", "stream-heldout38", "stream-heldout39", "stream-heldout40", "stream-heldout41", "stream-heldout42", "stream-heldout43", "stream-heldout44", "stream-heldout45", "stream-heldout46", "stream-heldout47", "stream-heldout48", "stream-heldout49", "stream-heldout50", "stream-heldout51", "stream-heldout52", "stream-heldout53", "stream-heldout54", "stream-heldout55", "stream-heldout56", "stream-heldout57", "stream-heldout58", "stream-heldout59", "stream-heldout60", "stream-heldout61", "stream-heldout62", "stream-heldout63", "stream-heldout64", "stream-heldout65", "stream-heldout66", "stream-heldout67", "stream-heldout68", "stream-heldout70"}
}

// FreshStreams are the labelled streams that landed after the word
// model's variants V5-V7 were written (BENCHMARKS.md, branch wordir2):
// their pooled figures are checked apart.
func FreshStreams() []string {
	return []string{"stream-heldout6", "stream-heldout8", "stream-heldout9", "stream-heldout12"}
}

// WordStreamsFetchedAt is when the word model's and the leaders prior's
// generators and the word model's tests say the labelled streams were
// fetched: an undated item is dated so,
// which orders same-title items (OrderForStories) and so decides which of
// them is labelled; a fixed time keeps the generated weights those of the
// streams, not of the day they are regenerated.
func WordStreamsFetchedAt() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }

// LabelledStreams are the labelled real feed streams: every stream with
// a labels file in labelsDir (NAME-labels.tsv, NAME starting with
// "stream") and its snapshots in streamsDir, by name.
func LabelledStreams(streamsDir, labelsDir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(labelsDir, "stream*-labels.tsv"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), "-labels.tsv")
		if _, err := os.Stat(filepath.Join(streamsDir, name)); err == nil {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out, nil
}

// WordStreams are the labelled real feed streams the word model learns
// from: the LabelledStreams but HeldOutStreams. The actors model is fitted
// on the same streams beside the labelled articles (topic.IRStreamShare),
// so that one list says what every fit may see.
func WordStreams(streamsDir, labelsDir string) ([]string, error) {
	names, err := LabelledStreams(streamsDir, labelsDir)
	return slices.DeleteFunc(names, func(name string) bool { return slices.Contains(HeldOutStreams(), name) }), err
}

// WordVariant is one pre-registered way of using the word model: Gate
// closes the languages of few IR items (WordModel.Gate), OwnCut holds the
// stacked probability to the cut of the actors model's precision
// (topic.EqualPrecisionCut), Only, when set, closes every language but
// it (topic.WordModel.KeepOnly), Phrases says which pairs of consecutive
// stems the word model reads beside them.
type WordVariant struct {
	Name         string
	Learner      topic.WordLearner
	Mode         topic.WordMode
	Gate, OwnCut bool
	Only         string
	Phrases      topic.WordPhrases
}

// WordVariants are the variants measured (BENCHMARKS.md, branches wordir,
// wordir2, wordir3, wordir4, wordir5, wordir6 and wordfull3).
func WordVariants() []WordVariant {
	return []WordVariant{
		{Name: "V1 stack, NB, no guards", Learner: topic.WordNB, Mode: topic.WordStackNoGuards},
		{Name: "V2 stack, NB, guards", Learner: topic.WordNB, Mode: topic.WordStackGuards},
		{Name: "V3 stack, logistic, guards", Learner: topic.WordLogistic, Mode: topic.WordStackGuards},
		{Name: "V4 prior of the stream model, NB", Learner: topic.WordNB, Mode: topic.WordPrior},
		{Name: "V5 V4 gated", Learner: topic.WordNB, Mode: topic.WordPrior, Gate: true},
		{Name: "V6 V2 gated, cut of equal precision", Learner: topic.WordNB, Mode: topic.WordStackGuards, Gate: true, OwnCut: true},
		{Name: "V7 V5 and V6", Learner: topic.WordNB, Mode: topic.WordStackGuards | topic.WordPrior, Gate: true, OwnCut: true},
		{Name: "V8 V6 in English only", Learner: topic.WordNB, Mode: topic.WordStackGuards, Gate: true, OwnCut: true, Only: "en"},
		{Name: "V9 V8 on short items only", Learner: topic.WordNB, Mode: topic.WordStackGuards | topic.WordShortOnly, Gate: true, OwnCut: true, Only: "en"},
		{Name: "V10 V9 with the actors gate", Learner: topic.WordNB, Mode: topic.WordStackGuards | topic.WordShortOnly | topic.WordPairGate, Gate: true, OwnCut: true, Only: "en"},
		{Name: "V11 V10 in both languages", Learner: topic.WordNB, Mode: topic.WordStackGuards | topic.WordShortOnly | topic.WordPairGate, Gate: true, OwnCut: true},
		{Name: "V12 V9 in both languages", Learner: topic.WordNB, Mode: topic.WordStackGuards | topic.WordShortOnly, Gate: true, OwnCut: true},
		{Name: "V13 V10 add-only", Learner: topic.WordNB, Mode: topic.WordStackGuards | topic.WordShortOnly | topic.WordPairGate | topic.WordAddOnly, Gate: true, OwnCut: true, Only: "en"},
		{Name: "V14 V13 in both languages", Learner: topic.WordNB, Mode: topic.WordStackGuards | topic.WordShortOnly | topic.WordPairGate | topic.WordAddOnly, Gate: true, OwnCut: true},
		{Name: "V15 V6 with the title's phrases", Learner: topic.WordNB, Mode: topic.WordStackGuards, Gate: true, OwnCut: true, Phrases: topic.PhrasesTitle},
		{Name: "V16 V6 with the title's and the lead's phrases", Learner: topic.WordNB, Mode: topic.WordStackGuards, Gate: true, OwnCut: true, Phrases: topic.PhrasesLead},
	}
}

// ShippedWordVariantID is the name (its first word) of the variant the
// tagger ships with (topic/wordmodel_weights.go): V15, V6 (the stack
// deciding on every item whose language the gate opens, which beat V14's
// add-only mode by leave-one-stream-out in both languages, BENCHMARKS.md,
// branch wordfull) reading the pairs of the title's consecutive stems
// beside the stems, which beat V6 by leave-one-stream-out over streams
// 1–64 in both languages (branch wordfull3).
const ShippedWordVariantID = "V15"

// ShippedWordVariant is the variant named ShippedWordVariantID.
func ShippedWordVariant() WordVariant {
	v, _ := WordVariantNamed(ShippedWordVariantID)
	return v
}

// WordVariantNamed is the variant whose name's first word is id (V1…V16).
func WordVariantNamed(id string) (WordVariant, bool) {
	for _, v := range WordVariants() {
		if strings.Fields(v.Name)[0] == id {
			return v, true
		}
	}
	return WordVariant{}, false
}

// WordSamples are the word samples of the stream's labelled items.
func (s *LabelledStream) WordSamples(t *topic.Tagger) []topic.WordSample {
	var out []topic.WordSample
	s.labelled(func(i int, l StreamLabel) {
		if ws, ok := t.WordSampleOf(s.Articles[i], l.IR); ok {
			out = append(out, ws)
		}
	})
	return out
}

// TrainWords trains the word model of variant v on the streams' samples
// and its stacking weights on their candidates, each scored by a word
// model trained without its own stream (out of fold); cut is the actors
// model's.
func TrainWords(samples [][]topic.WordSample, v WordVariant, cut float64) (*topic.WordModel, [2]topic.WordStack) {
	samples = slices.Clone(samples)
	for i, ss := range samples {
		read := make([]topic.WordSample, len(ss))
		for j, s := range ss {
			read[j] = s.WithPhrases(v.Phrases)
		}
		samples[i] = read
	}
	var all []topic.WordSample
	for _, ss := range samples {
		all = append(all, ss...)
	}
	m := topic.FitWords(all, v.Learner)
	m.Phrases = v.Phrases
	if v.Gate {
		m.Gate(all)
	}
	if v.Only != "" {
		m.KeepOnly(v.Only)
	}
	var stack []topic.StackSample
	if v.Mode&(topic.WordStackGuards|topic.WordStackNoGuards) != 0 {
		for i, ss := range samples {
			var others []topic.WordSample
			for j, o := range samples {
				if j != i {
					others = append(others, o...)
				}
			}
			inner := topic.FitWords(others, v.Learner)
			for _, s := range ss {
				if s.Candidate && (v.Mode&topic.WordStackNoGuards != 0 || !s.Guarded) {
					stack = append(stack, topic.StackSample{Lang: s.Lang, ActorZ: s.ActorZ, Word: inner.WordLogOdds(s), Y: s.Y})
				}
			}
		}
	}
	ks := topic.FitWordStack(stack)
	if v.OwnCut {
		for l := range ks {
			var ss []topic.StackSample
			for _, s := range stack {
				if s.Lang == l {
					ss = append(ss, s)
				}
			}
			ks[l].Cut = topic.EqualPrecisionCut(ss, ks[l], cut)
		}
	}
	return m, ks
}

// WordLOSO scores each stream by the tagger with the word model of v
// trained on the other streams.
func WordLOSO(t *topic.Tagger, streams []*LabelledStream, v WordVariant) []StreamScore {
	samples := make([][]topic.WordSample, len(streams))
	for i, s := range streams {
		samples[i] = s.WordSamples(t)
	}
	_, cut := t.IRModel()
	var out []StreamScore
	for i, s := range streams {
		m, stack := TrainWords(slices.Delete(slices.Clone(samples), i, i+1), v, cut)
		out = append(out, StreamScore{Stream: s.Name, Tallies: ScoreStream(t.WithWordModel(m, stack, v.Mode), s)})
	}
	return out
}

// WordHeldOut scores each held-out stream by the tagger with the word
// model of v trained on all the training streams (BENCHMARKS.md, branch
// wordir8).
func WordHeldOut(t *topic.Tagger, train, heldOut []*LabelledStream, v WordVariant) []StreamScore {
	samples := make([][]topic.WordSample, len(train))
	for i, s := range train {
		samples[i] = s.WordSamples(t)
	}
	_, cut := t.IRModel()
	m, stack := TrainWords(samples, v, cut)
	tagger := t.WithWordModel(m, stack, v.Mode)
	var out []StreamScore
	for _, s := range heldOut {
		out = append(out, StreamScore{Stream: s.Name, Tallies: ScoreStream(tagger, s)})
	}
	return out
}
