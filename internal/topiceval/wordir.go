package topiceval

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/warta-news/warta/topic"
)

// HeldOutStream is the labelled stream held out of every word model and
// every choice: scored once, at the end (BENCHMARKS.md, branch wordir).
const HeldOutStream = "stream-heldout7"

// WordStreams are the labelled real feed streams the word model learns
// from: every stream with a labels file in labelsDir (NAME-labels.tsv,
// NAME starting with "stream") and its snapshots in streamsDir but
// HeldOutStream, by name.
func WordStreams(streamsDir, labelsDir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(labelsDir, "stream*-labels.tsv"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), "-labels.tsv")
		if name != HeldOutStream {
			if _, err := os.Stat(filepath.Join(streamsDir, name)); err != nil {
				continue
			}
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out, nil
}

// WordVariant is one pre-registered way of using the word model.
type WordVariant struct {
	Name    string
	Learner topic.WordLearner
	Mode    topic.WordMode
}

// WordVariants are the variants measured (BENCHMARKS.md, branch wordir).
func WordVariants() []WordVariant {
	return []WordVariant{
		{"V1 stack, NB, no guards", topic.WordNB, topic.WordStackNoGuards},
		{"V2 stack, NB, guards", topic.WordNB, topic.WordStackGuards},
		{"V3 stack, logistic, guards", topic.WordLogistic, topic.WordStackGuards},
		{"V4 prior of the stream model, NB", topic.WordNB, topic.WordPrior},
	}
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
// model trained without its own stream (out of fold).
func TrainWords(samples [][]topic.WordSample, v WordVariant) (*topic.WordModel, [2]topic.WordStack) {
	var all []topic.WordSample
	for _, ss := range samples {
		all = append(all, ss...)
	}
	m := topic.FitWords(all, v.Learner)
	var stack []topic.StackSample
	if v.Mode != topic.WordPrior {
		for i, ss := range samples {
			var others []topic.WordSample
			for j, o := range samples {
				if j != i {
					others = append(others, o...)
				}
			}
			inner := topic.FitWords(others, v.Learner)
			for _, s := range ss {
				if s.Candidate && (v.Mode == topic.WordStackNoGuards || !s.Guarded) {
					stack = append(stack, topic.StackSample{Lang: s.Lang, ActorZ: s.ActorZ, Word: inner.WordLogOdds(s), Y: s.Y})
				}
			}
		}
	}
	return m, topic.FitWordStack(stack)
}

// WordLOSO scores each stream by the tagger with the word model of v
// trained on the other streams.
func WordLOSO(t *topic.Tagger, streams []*LabelledStream, v WordVariant) []StreamScore {
	samples := make([][]topic.WordSample, len(streams))
	for i, s := range streams {
		samples[i] = s.WordSamples(t)
	}
	var out []StreamScore
	for i, s := range streams {
		m, stack := TrainWords(slices.Delete(slices.Clone(samples), i, i+1), v)
		out = append(out, StreamScore{Stream: s.Name, Tallies: ScoreStream(t.WithWordModel(m, stack, v.Mode), s)})
	}
	return out
}
