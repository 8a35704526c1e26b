package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/pipeline"
)

// tagInput is one line of `warta tag` input.
type tagInput struct {
	ID       json.RawMessage `json:"id"`
	Title    string          `json:"title"`
	Summary  string          `json:"summary"`
	Content  string          `json:"content"`
	URL      string          `json:"url"`
	Language string          `json:"language"`
}

// tagOutput is one line of `warta tag` output.
type tagOutput struct {
	ID       json.RawMessage      `json:"id"`
	Language string               `json:"language,omitempty"`
	Topics   []article.TopicMatch `json:"topics"`
}

// cmdTag tags JSON Lines articles from stdin with the configured topics and
// prints one JSON line per article: no network, no storage.
func cmdTag(ctx context.Context, e *env) error {
	fs := e.flags("tag")
	sourceName := fs.String("source", "", "apply this configured `source`'s boosts and forced topics")
	if err := e.parse(fs, false); err != nil {
		return err
	}
	cfg, tagger, err := loadConfig(e.configPath)
	if err != nil {
		return err
	}
	src, err := sourceFlag(cfg, *sourceName, e.configPath)
	if err != nil {
		return err
	}
	hints := pipeline.Hints(src)
	norm := normalize.New()
	in := bufio.NewScanner(e.stdin)
	in.Buffer(make([]byte, 64<<10), 16<<20)
	out := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(out)
	now := time.Now()
	for line := 1; in.Scan(); line++ {
		if len(in.Bytes()) == 0 {
			continue
		}
		var ti tagInput
		if err := json.Unmarshal(in.Bytes(), &ti); err != nil {
			return fmt.Errorf("stdin line %d: %w", line, err)
		}
		a, err := articleFromInput(ctx, norm, ti, src, now)
		if err != nil {
			return fmt.Errorf("stdin line %d: %w", line, err)
		}
		topics := tagger.Tag(a, hints)
		if topics == nil {
			topics = []article.TopicMatch{}
		}
		if err := enc.Encode(tagOutput{ID: ti.ID, Language: a.Language, Topics: topics}); err != nil {
			return err
		}
	}
	if err := in.Err(); err != nil {
		return fmt.Errorf("stdin: %w", err)
	}
	return out.Flush()
}

// articleFromInput prepares a JSON article as a cycle would a feed of
// that one item from src (pipeline.PrepareItems).
func articleFromInput(ctx context.Context, norm *normalize.Normalizer, ti tagInput, src config.Source, now time.Time) (*article.Article, error) {
	a := &article.Article{
		Link:     ti.URL,
		GUID:     string(ti.ID),
		Title:    ti.Title,
		Summary:  ti.Summary,
		Content:  ti.Content,
		Language: ti.Language,
	}
	if a.GUID == "" {
		a.GUID = ti.Title
	}
	return prepareOne(ctx, norm, a, src, "", now)
}

// prepareOne prepares a single article with pipeline.PrepareItems.
func prepareOne(ctx context.Context, norm *normalize.Normalizer, a *article.Article, src config.Source, baseURL string, now time.Time) (*article.Article, error) {
	prep, err := pipeline.PrepareItems(ctx, norm, []*article.Article{a}, src, baseURL, now)
	if err != nil {
		return nil, err
	}
	if len(prep.Skipped) > 0 {
		return nil, prep.Skipped[0].Err
	}
	return prep.Articles[0], nil
}

// sourceFlag returns the configured source a -source flag names; with no
// name, a source named "stdin" with no language and no hints.
func sourceFlag(cfg *config.Config, name, configPath string) (config.Source, error) {
	if name == "" {
		return config.Source{Name: "stdin"}, nil
	}
	src, ok := cfg.SourceByName(name)
	if !ok {
		return src, &usageError{fmt.Sprintf("-source %q: no such source in %s", name, configPath)}
	}
	return src, nil
}
