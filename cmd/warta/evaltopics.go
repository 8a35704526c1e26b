package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/format"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/internal/topiceval"
	"github.com/warta-news/warta/topic"
)

// cmdEvalTopics scores the configured topic rules on labelled articles
// (JSON Lines with id, title, summary, language, label, source, pair) and
// optional hand labels for international relations ({id, ir}). It prints
// per-topic precision, recall and F1 by language, and the agreement of
// English/Indonesian twins. Only id, url, title, summary and language reach
// the tagger; the labels are read for scoring alone.
func cmdEvalTopics(ctx context.Context, e *env) (err error) {
	fs := e.flags("eval-topics")
	articlesPath := fs.String("articles", "", "labelled articles, a JSON Lines `file` (required)")
	irPath := fs.String("ir", "", "international-relations labels, a JSON Lines `file` of {id, ir}")
	predictionsPath := fs.String("predictions", "", "also write the predictions, as warta tag prints them, to this `file`")
	fitPath := fs.String("fit", "", "fit the actors model's weights on the IR labels (-ir) with cross-validation and write them as Go source to this `file` (topic/irmodel_weights.go)")
	folds := fs.Int("folds", 5, "the cross-validation of -fit uses `k` folds")
	cv := fs.Int("cv", 0, "cross-validate the actors model's weights over `k` folds: the IR figures are of folds the weights were not fitted on (needs -ir)")
	rulesOnly := fs.Bool("rules-only", false, "tag with the rules and the actors model alone, without the stream model")
	streamsDir := fs.String("streams", "", "with -fit, -cv or -loso, also fit the actors model on the labelled real feed streams whose snapshot directories are in this `directory` (internal/fixtures/testdata; the streams of topiceval.WordStreams)")
	streamLabels := fs.String("stream-labels", "", "the `directory` of the streams' labels files (NAME-labels.tsv for a stream NAME: cmd/warta/testdata)")
	streamShare := fs.Float64("stream-share", topic.IRStreamShare, "the streams together weigh this `share` of the labelled articles' weight in the fit, each stream an equal part; 0 fits on the articles alone")
	loso := fs.Bool("loso", false, "leave one stream out: score each stream by the actors model fitted on the articles and the other streams, and print the tallies")
	wordsVariant := fs.String("words", "", "with -cv, -streams and -stream-labels, also decide international relations with the word model of this `variant` ("+wordVariantIDs()+": topiceval.WordVariants; "+topiceval.ShippedWordVariantID+" ships) trained on the labelled streams (topiceval.WordStreams)")
	fitWords := fs.String("fit-words", "", "with -streams and -stream-labels, train the shipped word model (topiceval.ShippedWordVariant) on the labelled streams (topiceval.WordStreams) and write it as Go source to this `file` (topic/wordmodel_weights.go); needs no -articles")
	fitLeaders := fs.String("fit-leaders", "", "with -streams and -stream-labels, learn the leaders prior from the labelled streams' snapshots (but topiceval.LeaderPriorHeldOutStreams) and the loose snapshots beside them and write it as Go source to this `file` (topic/leaders_prior.go); needs no -articles")
	leadersMinArticles := fs.Int("leaders-min-articles", topiceval.ShippedLeaderMinArticles, "with -fit-leaders or -leaders-loso, keep in the leaders prior only the names anchored to a state in at least this many distinct articles (the default is the shipped prior's, topiceval.ShippedLeaderMinArticles)")
	leadersLOSO := fs.Bool("leaders-loso", false, "with -streams and -stream-labels, score each labelled stream without a leaders prior and with the prior learned from the other snapshots, and print the tallies; needs no -articles")
	viewNames := fs.String("view", "full", "with -cv, show the tagger this much of each article: full, title, sentence (the title and the first sentence) or lead200 (the title and 200 characters), or several, comma-separated, or all")
	if err := e.parse(fs, false); err != nil {
		return err
	}
	if *fitWords != "" {
		if *streamsDir == "" || *streamLabels == "" {
			return &usageError{"-fit-words needs -streams and -stream-labels"}
		}
		cfg, tagger, err := loadConfig(e.configPath)
		if err != nil {
			return err
		}
		return fitWordModel(ctx, cfg, tagger, *streamsDir, *streamLabels, *fitWords)
	}
	if *fitLeaders != "" || *leadersLOSO {
		if *streamsDir == "" || *streamLabels == "" {
			return &usageError{"-fit-leaders and -leaders-loso need -streams and -stream-labels"}
		}
		cfg, tagger, err := loadConfig(e.configPath)
		if err != nil {
			return err
		}
		if *leadersLOSO {
			return leaderPriorLOSO(ctx, e, cfg, tagger, *streamsDir, *streamLabels, *leadersMinArticles)
		}
		return fitLeaderPrior(ctx, cfg, tagger, *streamsDir, *streamLabels, *fitLeaders, *leadersMinArticles)
	}
	if *articlesPath == "" {
		return &usageError{"-articles is required"}
	}
	views, err := parseViews(*viewNames)
	if err != nil {
		return &usageError{err.Error()}
	}
	if *cv == 0 && (len(views) != 1 || views[0] != topiceval.ViewFull) {
		return &usageError{"-view needs -cv"}
	}
	if (*streamsDir == "") != (*streamLabels == "") || *streamShare < 0 || *loso && *streamsDir == "" {
		return &usageError{"-streams and -stream-labels go together, -loso needs them, and -stream-share is not negative"}
	}
	cfg, tagger, err := loadConfig(e.configPath)
	if err != nil {
		return err
	}
	var streams []*topiceval.LabelledStream
	if *streamsDir != "" && (*streamShare > 0 || *loso) {
		names, err := topiceval.WordStreams(*streamsDir, *streamLabels)
		if err != nil {
			return err
		}
		for _, name := range names {
			s, err := topiceval.LoadStream(ctx, cfg, tagger, filepath.Join(*streamsDir, name), *streamLabels, topiceval.WordStreamsFetchedAt())
			if err != nil {
				return err
			}
			streams = append(streams, s)
		}
	}
	articles, err := os.Open(*articlesPath)
	if err != nil {
		return err
	}
	defer articles.Close()
	var ir io.Reader = strings.NewReader("") // no hand labels: IR is not scored
	if *irPath != "" {
		f, err := os.Open(*irPath)
		if err != nil {
			return err
		}
		defer f.Close()
		ir = f
	}
	if *fitPath != "" {
		if *irPath == "" {
			return &usageError{"-fit needs -ir"}
		}
		return fitIR(e, tagger, articles, ir, *fitPath, *folds, streamSamples(tagger, streams), *streamShare)
	}
	if *loso {
		if *irPath == "" {
			return &usageError{"-loso needs -ir"}
		}
		return leaveOneStreamOut(e, tagger, articles, ir, streams, *streamShare, *folds)
	}
	if *cv > 0 {
		if *irPath == "" {
			return &usageError{"-cv needs -ir"}
		}
		a, err := io.ReadAll(articles)
		if err != nil {
			return err
		}
		l, err := io.ReadAll(ir)
		if err != nil {
			return err
		}
		var words func(*topic.Tagger) *topic.Tagger
		if *wordsVariant != "" {
			if *streamsDir == "" {
				return &usageError{"-words needs -streams and -stream-labels"}
			}
			if words, err = wordModel(ctx, cfg, tagger, *streamsDir, *streamLabels, *wordsVariant); err != nil {
				return err
			}
		}
		for _, view := range views {
			rep, err := topiceval.CrossValidate(tagger, a, l, *cv, !*rulesOnly, view, streamSamples(tagger, streams), *streamShare, words)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%d-fold cross-validation, view %s (IR of held-out folds; desks the mean of the folds' runs)\n", *cv, view)
			if err := rep.Write(e.stdout); err != nil {
				return err
			}
		}
		return nil
	}
	evaluate := topiceval.EvaluateStream
	if *rulesOnly {
		evaluate = func(t *topic.Tagger, articles, ir io.Reader) (*topiceval.Report, error) {
			return topiceval.Evaluate(t, articles, ir)
		}
	}
	rep, err := evaluate(tagger, articles, ir)
	if err != nil {
		return err
	}
	if *predictionsPath != "" {
		f, err := os.Create(*predictionsPath)
		if err != nil {
			return err
		}
		if err := errors.Join(rep.WritePredictions(f), f.Close()); err != nil {
			return fmt.Errorf("predictions: %w", err)
		}
	}
	return rep.Write(e.stdout)
}

// fitIR fits the actors model and writes its weights as Go source, printing
// the cross-validated figures.
func fitIR(e *env, tagger *topic.Tagger, articles, labels io.Reader, path string, folds int, streams [][]topic.IRSample, share float64) error {
	a, err := io.ReadAll(articles)
	if err != nil {
		return err
	}
	samples, err := topiceval.IRSamples(tagger, bytes.NewReader(a), labels)
	if err != nil {
		return err
	}
	fit, err := topic.FitIR(topiceval.WeighStreams(samples, streams, share), folds)
	if err != nil {
		return err
	}
	deskSamples, err := topiceval.DeskSamples(tagger, bytes.NewReader(a))
	if err != nil {
		return err
	}
	desks, err := topic.FitDesks(deskSamples, folds)
	if err != nil {
		return err
	}
	var src bytes.Buffer
	if err := topic.WriteFitted(&src, "warta eval-topics -fit", fit, desks); err != nil {
		return err
	}
	formatted, err := format.Source(src.Bytes())
	if err != nil {
		return fmt.Errorf("eval-topics: fit: %w", err)
	}
	if err := os.WriteFile(path, formatted, 0o644); err != nil {
		return err
	}
	for _, s := range fit.CV {
		fmt.Fprintf(e.stdout, "cv %d-fold actors model %-8s %-3s pos %3d  P %.3f  R %.3f  F1 %.3f\n", fit.Folds, s.View, s.Lang, s.Positives, s.Precision, s.Recall, s.F1)
	}
	for _, s := range desks.CV {
		fmt.Fprintf(e.stdout, "cv %d-fold desk model %-18s %-3s pos %4d  P %.3f  R %.3f  F1 %.3f\n", desks.Folds, s.View, s.Lang, s.Positives, s.Precision, s.Recall, s.F1)
	}
	return nil
}

// streamSamples returns each stream's samples for the actors model's fit.
func streamSamples(tagger *topic.Tagger, streams []*topiceval.LabelledStream) [][]topic.IRSample {
	out := make([][]topic.IRSample, len(streams))
	for i, s := range streams {
		out[i] = s.IRSamples(tagger)
	}
	return out
}

// leaveOneStreamOut prints, for each stream, the international-relations
// tallies of a cycle over it tagged with the actors model fitted on the
// labelled articles and the other streams, and the tallies pooled.
func leaveOneStreamOut(e *env, tagger *topic.Tagger, articles, labels io.Reader, streams []*topiceval.LabelledStream, share float64, folds int) error {
	research, err := topiceval.IRSamples(tagger, articles, labels)
	if err != nil {
		return err
	}
	scores, err := topiceval.LeaveOneStreamOut(tagger, research, streams, share, folds)
	if err != nil {
		return err
	}
	for _, s := range scores {
		fmt.Fprintf(e.stdout, "loso %-16s cut %-4s%s\n", s.Stream, fmt.Sprint(s.Cut), tallyColumns(s.Tallies))
	}
	fmt.Fprintf(e.stdout, "loso %-16s cut %-4s%s\n", "pooled", "", tallyColumns(topiceval.PoolStreams(scores)))
	return nil
}

// tallyColumns is the tallies of English and Indonesian, tp/fp/fn, P, R, F1.
func tallyColumns(tallies map[string]*topic.Tally) string {
	var b strings.Builder
	for _, lang := range []string{"en", "id"} {
		c := tallies[lang]
		p, r, f1 := c.Scores()
		fmt.Fprintf(&b, "  %s %d/%d/%d P %.3f R %.3f F1 %.3f", lang, c.TP, c.FP, c.FN, p, r, f1)
	}
	return b.String()
}

// parseViews reads the -view flag: view names, comma-separated, or all.
func parseViews(s string) ([]topiceval.View, error) {
	if s == "all" {
		return topiceval.Views(), nil
	}
	var out []topiceval.View
	for _, name := range strings.Split(s, ",") {
		v, err := topiceval.ParseView(strings.TrimSpace(name))
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// wordSamples loads the labelled streams the word model learns from
// (topiceval.WordStreams) and returns them and their word samples.
func wordSamples(ctx context.Context, cfg *config.Config, tagger *topic.Tagger, streamsDir, labelsDir string) ([]*topiceval.LabelledStream, [][]topic.WordSample, error) {
	names, err := topiceval.WordStreams(streamsDir, labelsDir)
	if err != nil {
		return nil, nil, err
	}
	var streams []*topiceval.LabelledStream
	var samples [][]topic.WordSample
	for _, name := range names {
		s, err := topiceval.LoadStream(ctx, cfg, tagger, filepath.Join(streamsDir, name), labelsDir, topiceval.WordStreamsFetchedAt())
		if err != nil {
			return nil, nil, err
		}
		streams = append(streams, s)
		samples = append(samples, s.WordSamples(tagger))
	}
	return streams, samples, nil
}

// stackFolds says, for the generated header, what the stacking's scores
// were trained without (topiceval.StackGroups).
func stackFolds(v topiceval.WordVariant) string {
	if v.StackByPeriod {
		return "every stream captured in its period"
	}
	return "its own stream"
}

// openLanguages says, for the generated header, which languages a word
// variant keeps open: only, or every one when only is empty.
func openLanguages(only string) string {
	if only == "" {
		return "Every language is open"
	}
	return "Languages other than " + only + " are closed"
}

// heldOutNames names the streams held out of the word model for the
// generated header, "none" when every labelled stream trains it.
func heldOutNames() string {
	if names := topiceval.HeldOutStreams(); len(names) > 0 {
		return strings.Join(names, ", ")
	}
	return "none"
}

// fitWordModel trains the shipped word model on the labelled streams and
// writes it as Go source to path.
func fitWordModel(ctx context.Context, cfg *config.Config, tagger *topic.Tagger, streamsDir, labelsDir, path string) error {
	streams, samples, err := wordSamples(ctx, cfg, tagger, streamsDir, labelsDir)
	if err != nil {
		return err
	}
	var names []string
	for _, s := range streams {
		names = append(names, s.Name)
	}
	var items, pos [2]int
	for _, ss := range samples {
		for _, w := range ss {
			items[w.Lang]++
			if w.Y {
				pos[w.Lang]++
			}
		}
	}
	v := topiceval.ShippedWordVariant().For(tagger)
	_, cut := tagger.IRModel()
	m, stack := topiceval.TrainWords(samples, topiceval.StackGroups(streams, v), v, cut)
	header := fmt.Sprintf(`fittedWordModel is the word model of international relations (wordir.go),
variant %q, trained by %s on the labelled items of the
streams %s (internal/fixtures/testdata, labels in cmd/warta/testdata;
held out: %s): en %d items, %d IR; id %d items, %d IR; its stacking
with the actors model (fittedWordStack) is fitted on the same streams'
candidates, each scored by a word model trained without %s, with the cut of the actors model's precision. %s; its mode
(fittedWordMode) says where it decides:
under WordShortOnly only items whose text beyond the title has at most
WordShortWords words, under WordAddOnly (in every language, or in one
whose stacking says AddOnly) it only adds the topic, to an item the
actors model rejects whose title and lead name WordPairActors actors,
and never removes it; under WordSolo it files alone an item that
is no actors candidate when its own probability reaches the language's
Solo, the cut at which it is as precise there, out of fold, as the actors
model's own decisions. Regenerate with go generate -run fit-words
./topic (it needs only the repository).`, v.Name, v.Learner, strings.Join(names, ", "), heldOutNames(), items[0], pos[0], items[1], pos[1], stackFolds(v), openLanguages(v.Only))
	src, err := format.Source(m.Source(v.Mode, stack, header))
	if err != nil {
		return fmt.Errorf("fit-words: %w", err)
	}
	return os.WriteFile(path, src, 0o644)
}

// wordVariantIDs names the variants -words accepts, from the list
// itself, so that the help never lags behind a new variant.
func wordVariantIDs() string {
	var ids []string
	for _, v := range topiceval.WordVariants() {
		ids = append(ids, strings.Fields(v.Name)[0])
	}
	return strings.Join(ids, ", ")
}

// wordModel trains the word model of the variant named (its name's first
// word) on the labelled streams and returns what applies it to a tagger.
func wordModel(ctx context.Context, cfg *config.Config, tagger *topic.Tagger, streamsDir, labelsDir, variant string) (func(*topic.Tagger) *topic.Tagger, error) {
	streams, samples, err := wordSamples(ctx, cfg, tagger, streamsDir, labelsDir)
	if err != nil {
		return nil, err
	}
	_, cut := tagger.IRModel()
	v, ok := topiceval.WordVariantNamed(variant)
	if !ok {
		return nil, &usageError{"-words: no variant " + variant}
	}
	m, stack := topiceval.TrainWords(samples, topiceval.StackGroups(streams, v), v.For(tagger), cut)
	return func(t *topic.Tagger) *topic.Tagger { return t.WithWordModel(m, stack, v.Mode) }, nil
}
