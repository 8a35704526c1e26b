package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/warta-news/warta/internal/topiceval"
)

// cmdEvalTopics scores the configured topic rules on labelled articles
// (JSON Lines with id, title, summary, language, label, source, pair) and
// optional hand labels for international relations ({id, ir}). It prints
// per-topic precision, recall and F1 by language, and the agreement of
// English/Indonesian twins. Only id, url, title, summary and language reach
// the tagger; the labels are read for scoring alone.
func cmdEvalTopics(_ context.Context, e *env) (err error) {
	fs := e.flags("eval-topics")
	articlesPath := fs.String("articles", "", "labelled articles, a JSON Lines `file` (required)")
	irPath := fs.String("ir", "", "international-relations labels, a JSON Lines `file` of {id, ir}")
	predictionsPath := fs.String("predictions", "", "also write the predictions, as warta tag prints them, to this `file`")
	if err := e.parse(fs, false); err != nil {
		return err
	}
	if *articlesPath == "" {
		return &usageError{"-articles is required"}
	}
	_, tagger, err := loadConfig(e.configPath)
	if err != nil {
		return err
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
	rep, err := topiceval.Evaluate(tagger, articles, ir)
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
