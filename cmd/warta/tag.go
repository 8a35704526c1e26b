package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	ID       json.RawMessage      `json:"id"`       // as given; "" when the line has none
	Language string               `json:"language"` // "" when not known, never left out
	Topics   []article.TopicMatch `json:"topics"`
}

// cmdTag tags JSON Lines articles from stdin with the configured topics and
// prints one JSON line per article: no network, no storage. By default it
// reads its whole input first and lets the stream model learn from all of
// it (the rules' confident decisions), then tags every article with the
// rules, the actors model and what the stream model learned: what the
// daemon's settled view once it has seen these articles (a re-tag after
// restart). With -stream it answers line by line, the stream model
// learning from each article as it tags it: what the daemon stores for a
// new article. Answers keep the input's order; a line without an id is
// answered with the id "". Like a cycle, which stores one article per id,
// the stream model learns from each distinct id once.
func cmdTag(ctx context.Context, e *env) error {
	fs := e.flags("tag")
	sourceName := fs.String("source", "", "apply this configured `source`'s boosts and forced topics")
	online := fs.Bool("stream", false, "answer line by line, learning from each article as it is tagged: what the daemon stores for a new article (default: learn from the whole input first, then tag every line: the settled view a re-tag stores and eval-topics scores)")
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
	norm := normalize.New(pipeline.NormalizeCaps(cfg))
	// A line is as long as it is (no limit short of memory); a bad line is
	// reported on stderr by number and the others are still answered.
	in := bufio.NewReader(e.stdin)
	out := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(out)
	stream := tagger.NewStream()
	answer := func(id json.RawMessage, a *article.Article, topics []article.TopicMatch) error {
		if topics == nil {
			topics = []article.TopicMatch{}
		}
		if len(id) == 0 {
			id = json.RawMessage(`""`)
		}
		if err := enc.Encode(tagOutput{ID: id, Language: a.Language, Topics: topics}); err != nil {
			return fmt.Errorf("stdout: %w", err)
		}
		return nil
	}
	var all []tagPending
	seen := map[string]bool{} // -stream: the ids learned from
	now := time.Now()
	bad := 0
	for line := 1; ; line++ {
		raw, rerr := in.ReadBytes('\n')
		if rerr != nil && rerr != io.EOF {
			out.Flush()
			return fmt.Errorf("stdin line %d: %w", line, rerr)
		}
		if raw = bytes.TrimSpace(raw); len(raw) > 0 {
			id, a, err := readTagLine(ctx, norm, src, raw, now)
			switch {
			case err != nil:
				bad++
				fmt.Fprintf(e.stderr, "warta tag: stdin line %d: %v\n", line, err)
			case *online:
				topics := stream.Tag
				if key, ok := idKey(id); !ok || !seen[key] {
					seen[key], topics = ok, stream.TagAndObserve
				}
				if err := answer(id, a, topics(a, hints)); err != nil {
					return err
				}
				// Line by line: the answer goes out before the next line
				// is read.
				if err := out.Flush(); err != nil {
					return err
				}
			default:
				all = append(all, tagPending{id, a})
			}
		}
		if rerr == io.EOF {
			break
		}
	}
	learnOnce(all, func(p tagPending) { stream.Observe(p.a, hints) })
	for _, p := range all {
		if err := answer(p.id, p.a, stream.Tag(p.a, hints)); err != nil {
			return err
		}
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if bad > 0 {
		return fmt.Errorf("%d bad input lines (reported above)", bad)
	}
	return nil
}

// tagPending is an answered line of the two-pass mode: its id and article.
type tagPending struct {
	id json.RawMessage
	a  *article.Article
}

// idKey is id in compact form, for telling repeated ids; ok is false for a
// line without one, which is an item of its own.
func idKey(id json.RawMessage) (key string, ok bool) {
	if len(id) == 0 {
		return "", false
	}
	var b bytes.Buffer
	if err := json.Compact(&b, id); err != nil {
		return string(id), true
	}
	return b.String(), true
}

// learnOnce calls observe for the first line of each distinct id, and for
// every line without one.
func learnOnce(items []tagPending, observe func(tagPending)) {
	seen := map[string]bool{}
	for _, p := range items {
		key, ok := idKey(p.id)
		if ok && seen[key] {
			continue
		}
		seen[key] = ok
		observe(p)
	}
}

// readTagLine reads one non-empty input line, which must be a JSON object,
// into its id and the prepared article.
func readTagLine(ctx context.Context, norm *normalize.Normalizer, src config.Source, raw []byte, now time.Time) (json.RawMessage, *article.Article, error) {
	if raw[0] != '{' {
		return nil, nil, errors.New("not a JSON object")
	}
	var ti tagInput
	if err := json.Unmarshal(raw, &ti); err != nil {
		return nil, nil, err
	}
	a, err := articleFromInput(ctx, norm, ti, src, now)
	if err != nil {
		return nil, nil, err
	}
	return ti.ID, a, nil
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
