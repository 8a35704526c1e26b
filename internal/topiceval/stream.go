package topiceval

import (
	"bytes"
	"fmt"
	"io"
	"slices"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/topic"
)

// EvaluateStream is Evaluate with two passes, as `warta tag` tags: a
// topic.Stream first learns from every article (no labels: only the
// rules' confident decisions), then tags them.
func EvaluateStream(t *topic.Tagger, articles io.Reader, irLabels io.Reader) (*Report, error) {
	raw, err := io.ReadAll(articles)
	if err != nil {
		return nil, fmt.Errorf("topiceval: articles: %w", err)
	}
	items, err := readJSONL[evalItem](bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("topiceval: articles: %w", err)
	}
	as := make([]*article.Article, len(items))
	for i, it := range items {
		as[i] = &article.Article{ID: it.ID, URL: it.URL, Title: it.Title, Text: it.Summary, Language: it.Language}
	}
	st := t.NewStream()
	st.Learn(as, topic.Hints{})
	return Evaluate(st, bytes.NewReader(raw), irLabels)
}

// notIRDesk reports whether a desk label is, by definition, not
// international relations (the labelling guide: sport, including
// international tournaments, science and technology): its labelled
// articles are negatives of the actors model's fit, so that it learns that
// two countries in a match report are not diplomacy.
func notIRDesk(label string) bool {
	return label == "sport" || label == "science-technology"
}

// deskNegativeWeight is the weight of a desk's negative in the fit: there
// are some thousands of them against a few hundred hand-labelled articles,
// and they should teach what sport and science look like, not drown the
// labels.
const deskNegativeWeight = 0.2

// IRSamples reads labelled articles (JSON Lines: id, title, summary,
// language, label and optionally pair, as the dev data has them) and IR
// labels (JSON Lines {id, ir}) and returns the actors model's samples: the
// articles in English or Indonesian with an IR label, then those of a desk
// that is not international relations (see notIRDesk) as negatives.
func IRSamples(t *topic.Tagger, articles, labels io.Reader) ([]topic.IRSample, error) {
	items, gold, err := readLabelled(articles, labels)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*evalItem, len(items))
	for i := range items {
		byID[items[i].ID] = &items[i]
	}
	views := fitViews()
	var out []topic.IRSample
	add := func(it *evalItem, y bool, weight float64) {
		group := it.Pair
		if group == "" {
			group = it.ID
		}
		for _, v := range views {
			a := &article.Article{ID: it.ID, Title: it.Title, Text: v.apply(it.Summary), Language: it.Language}
			out = append(out, topic.IRSample{ID: it.ID, X: t.IRFeatures(a), Y: y, Lang: it.Language, View: v.String(), Group: group, Weight: weight / float64(len(views))})
		}
	}
	known := func(it *evalItem) bool { return it.Language == "en" || it.Language == "id" }
	labelled := make(map[string]bool, len(gold))
	for _, g := range gold {
		labelled[g.ID] = true
		if it := byID[g.ID]; it != nil && known(it) {
			add(it, g.IR == 1, 1)
		}
	}
	for i := range items {
		if it := &items[i]; !labelled[it.ID] && notIRDesk(it.Label) && known(it) {
			add(it, false, deskNegativeWeight)
		}
	}
	return out, nil
}

// fitViews are the views of every labelled article the actors model is
// fitted on: the full text, and the shorter ones feeds carry, so that the
// weights hold for a title and a sentence as well as for a report.
func fitViews() []View { return []View{ViewFull, ViewSentence, ViewTitle} }

// deskFitViews are the views the desk model is fitted on: the full text
// and the title with its first sentence (fitted on titles alone too, the
// desks lose on full reports what they gain on titles).
func deskFitViews() []View { return []View{ViewFull, ViewSentence} }

// DeskSamples reads labelled articles and returns the desk model's
// samples: every article in English or Indonesian scored as Evaluate
// scores the desks (no outlet-section headline, no item labelled
// national), in the views of deskFitViews.
func DeskSamples(t *topic.Tagger, articles io.Reader) ([]topic.DeskSample, error) {
	items, err := readJSONL[evalItem](articles)
	if err != nil {
		return nil, fmt.Errorf("topiceval: articles: %w", err)
	}
	var out []topic.DeskSample
	for i := range items {
		it := &items[i]
		if it.Language != "en" && it.Language != "id" || !deskScored(it) {
			continue
		}
		group := it.Pair
		if group == "" {
			group = it.ID
		}
		for _, v := range deskFitViews() {
			a := &article.Article{ID: it.ID, Title: it.Title, Text: v.apply(it.Summary), Language: it.Language}
			out = append(out, t.DeskSamples(a, it.Label, group)...)
		}
	}
	return out, nil
}

// CrossValidate scores the whole tagger (rules, actors model and, with
// streamModel, the stream model in two passes) with the actors model's
// weights cross-validated over k folds: for each fold the weights and cut
// are fitted (topic.FitIR, itself cross-validating the cut) on the other
// folds' samples, and the fold's international-relations labels are scored
// on the tagger with those weights. The desk figures are the mean over the
// folds' runs. The desk model's weights are fitted on the other folds too.
// The weights are fitted as the shipped ones are (IRSamples
// of the labelled articles, and streams' samples weighed by share, see
// WeighStreams, in every fold's fit); the tagger is scored on the articles
// as view shows them.
func CrossValidate(t *topic.Tagger, articles, irLabels []byte, k int, streamModel bool, view View, streams [][]topic.IRSample, share float64, words func(*topic.Tagger) *topic.Tagger) (*Report, error) {
	samples, err := IRSamples(t, bytes.NewReader(articles), bytes.NewReader(irLabels))
	if err != nil {
		return nil, err
	}
	shown, err := view.Apply(articles)
	if err != nil {
		return nil, err
	}
	desks, err := DeskSamples(t, bytes.NewReader(articles))
	if err != nil {
		return nil, err
	}
	gold, err := readJSONL[irGold](bytes.NewReader(irLabels))
	if err != nil {
		return nil, fmt.Errorf("topiceval: ir labels: %w", err)
	}
	byID := make(map[string]topic.IRSample, len(samples))
	for _, s := range samples {
		byID[s.ID] = s
	}
	out := &Report{}
	byLang := map[string]*counts{"all": {}, "en": {}, "id": {}}
	for f := range k {
		fit, err := topic.FitIR(WeighStreams(otherFolds(samples, func(s topic.IRSample) string { return s.Group }, k, f), streams, share), k)
		if err != nil {
			return nil, err
		}
		deskFit, err := topic.FitDesks(otherFolds(desks, func(s topic.DeskSample) string { return s.Group }, k, f), k)
		if err != nil {
			return nil, err
		}
		tf := t.WithIRModel(fit.Weights, fit.Cut).WithDeskModel(deskFit.Weights)
		if words != nil {
			tf = words(tf)
		}
		var rep *Report
		if streamModel {
			rep, err = EvaluateStream(tf, bytes.NewReader(shown), bytes.NewReader(irLabels))
		} else {
			rep, err = Evaluate(tf, bytes.NewReader(shown), bytes.NewReader(irLabels))
		}
		if err != nil {
			return nil, err
		}
		for _, g := range gold {
			s, ok := byID[g.ID]
			if !ok || topic.IRFold(s.Group, k) != f {
				continue
			}
			yhat := slices.Contains(rep.Predictions[s.ID], irSlug)
			byLang["all"].add(s.Y, yhat)
			byLang[s.Lang].add(s.Y, yhat)
		}
		if f == 0 {
			out.Rows = make([]Score, len(rep.Rows))
			out.Articles, out.Predictions = rep.Articles, rep.Predictions
		}
		for i, r := range rep.Rows {
			o := &out.Rows[i]
			o.Topic, o.Lang, o.Positives = r.Topic, r.Lang, r.Positives
			o.Precision += r.Precision / float64(k)
			o.Recall += r.Recall / float64(k)
			o.F1 += r.F1 / float64(k)
		}
		out.MacroF1EN += rep.MacroF1EN / float64(k)
		out.MacroF1ID += rep.MacroF1ID / float64(k)
		out.HeadlinesF1 += rep.HeadlinesF1 / float64(k)
		out.Parity += rep.Parity / float64(k)
		out.Untagged += rep.Untagged / float64(k)
	}
	out.IR = byLang["all"].score(irSlug, "all")
	for i, r := range out.Rows {
		if r.Topic == irSlug {
			out.Rows[i] = byLang[r.Lang].score(irSlug, r.Lang)
		}
	}
	return out, nil
}

// otherFolds returns the samples (of the group group gives) that are not
// in fold f of k.
func otherFolds[S any](samples []S, group func(S) string, k, f int) []S {
	var out []S
	for _, s := range samples {
		if topic.IRFold(group(s), k) != f {
			out = append(out, s)
		}
	}
	return out
}
