package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/language"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/pipeline"
	"github.com/warta-news/warta/topic"
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
func cmdTag(_ context.Context, e *env) error {
	fs := e.flags("tag")
	sourceName := fs.String("source", "", "apply this configured source's boosts and forced topics")
	if err := e.parse(fs, false); err != nil {
		return err
	}
	cfg, tagger, err := loadConfig(e.configPath)
	if err != nil {
		return err
	}
	var hints topic.Hints
	if *sourceName != "" {
		found := false
		for _, s := range cfg.Sources {
			if s.Name == *sourceName {
				hints, found = pipeline.Hints(s), true
			}
		}
		if !found {
			return &usageError{fmt.Sprintf("-source %q: no such source in %s", *sourceName, e.configPath)}
		}
	}
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
		a, err := articleFromInput(norm, ti, now)
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

// articleFromInput normalises a JSON article as the pipeline would a feed
// item, so tagging sees the same text.
func articleFromInput(norm *normalize.Normalizer, ti tagInput, now time.Time) (*article.Article, error) {
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
	if err := norm.Article(a, normalize.Options{Now: now, SourceName: "stdin"}); err != nil {
		return nil, err
	}
	a.Language = language.Resolve(a.Language, a.Title, a.Text)
	return a, nil
}
