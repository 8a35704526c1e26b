package topiceval

import (
	"fmt"
	"slices"

	"github.com/warta-news/warta/topic"
)

// ShortStreams are the labelled real feed streams the short actors model
// (topic.ShortMode) is fitted and measured on. stream-heldout13, 14 and 15
// are held out of it: never loaded by its fit or its measures.
func ShortStreams() []string {
	out := []string{"stream", "stream-heldout"}
	for i := 2; i <= 12; i++ {
		out = append(out, fmt.Sprintf("stream-heldout%d", i))
	}
	return out
}

// ShortIRSamples returns the short actors model's samples of the stream:
// its labelled news items that are short (topic.ShortItem), each of
// weight 1, as a labelled article's views weigh together.
func (s *LabelledStream) ShortIRSamples(t *topic.Tagger) []topic.IRSample {
	var out []topic.IRSample
	s.labelled(func(i int, l StreamLabel) {
		a := s.Articles[i]
		if !l.News || !topic.ShortItem(a) {
			return
		}
		out = append(out, topic.IRSample{ID: a.ID, X: t.IRFeatures(a), Y: l.IR, Lang: l.Lang, View: StreamView, Group: s.Name + "\x00" + StreamTitle(a.Title), Weight: 1})
	})
	return out
}

// shortViews are the views of the labelled articles the short actors
// model is fitted on: the short ones of the actors model's (fitViews).
func shortViews() []string { return []string{ViewTitle.String(), ViewSentence.String()} }

// ShortFitSamples returns the short actors model's samples: the research
// samples (IRSamples) in the short views, with their weights, and the
// streams' short samples (ShortIRSamples).
func ShortFitSamples(research []topic.IRSample, streams [][]topic.IRSample) []topic.IRSample {
	var out []topic.IRSample
	for _, s := range research {
		if slices.Contains(shortViews(), s.View) {
			out = append(out, s)
		}
	}
	for _, ss := range streams {
		out = append(out, ss...)
	}
	return out
}

// Short is how a cross-validation or a leave-one-stream-out run measures
// the short actors model: in Mode (topic.ShortNone: not at all), fitted
// on the research samples of the training folds and Streams, each
// stream's short samples.
type Short struct {
	Mode    topic.ShortMode
	Streams [][]topic.IRSample
}

// with returns t deciding short items with the short model fitted on the
// research samples and short.Streams (k folds), or t when short.Mode is
// none.
func (short Short) with(t *topic.Tagger, research []topic.IRSample, k int) (*topic.Tagger, error) {
	if short.Mode == topic.ShortNone {
		return t, nil
	}
	fit, err := topic.FitIR(ShortFitSamples(research, short.Streams), k)
	if err != nil {
		return nil, fmt.Errorf("topiceval: short model: %w", err)
	}
	return t.WithShortModel(short.Mode, fit.Weights, fit.Cut), nil
}

// LeaveOneStreamOutShort scores each stream by t with the short actors
// model in mode fitted (k folds) on the research samples and the other
// streams' short samples: no stream is scored by weights fitted on its own
// items. The actors model is t's.
func LeaveOneStreamOutShort(t *topic.Tagger, research []topic.IRSample, streams []*LabelledStream, mode topic.ShortMode, k int) ([]StreamScore, error) {
	samples := make([][]topic.IRSample, len(streams))
	for i, s := range streams {
		samples[i] = s.ShortIRSamples(t)
	}
	var out []StreamScore
	for i, s := range streams {
		short := Short{Mode: mode, Streams: slices.Delete(slices.Clone(samples), i, i+1)}
		fit, err := topic.FitIR(ShortFitSamples(research, short.Streams), k)
		if err != nil {
			return nil, fmt.Errorf("topiceval: without %s: %w", s.Name, err)
		}
		ts := t
		if mode != topic.ShortNone {
			ts = t.WithShortModel(mode, fit.Weights, fit.Cut)
		}
		out = append(out, StreamScore{Stream: s.Name, Cut: fit.Cut, Tallies: ScoreStream(ts, s)})
	}
	return out, nil
}
