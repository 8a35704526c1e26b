package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/pipeline"
	"github.com/warta-news/warta/topic"
)

// exportRecord is one line of `warta export`.
type exportRecord struct {
	ID         string               `json:"id"`
	URL        string               `json:"url"`
	Link       string               `json:"link,omitempty"`
	Title      string               `json:"title"`
	Source     string               `json:"source"`
	Outlet     string               `json:"outlet,omitempty"`
	Published  time.Time            `json:"published"`
	FirstSeen  time.Time            `json:"first_seen"`
	Language   string               `json:"language,omitempty"`
	FeedGenre  string               `json:"feed_genre,omitempty"`
	Topics     []article.TopicMatch `json:"topics"`
	Story      string               `json:"story"`
	StoryMatch *article.StoryMatch  `json:"story_match,omitempty"`
}

// newExportRecord is a's line; h are its source's hints, for its feed's
// genre as tagging judges it (the store keeps none for a source that
// configures one).
func newExportRecord(a *article.Article, h topic.Hints) exportRecord {
	r := exportRecord{
		ID: a.ID, URL: a.URL, Link: a.Link, Title: a.Title, Source: a.Source, Outlet: a.Outlet,
		Published: a.Published, FirstSeen: a.FirstSeen, Language: a.Language,
		FeedGenre: h.FeedGenre(a), Topics: a.Topics, Story: a.StoryID,
	}
	if r.Topics == nil {
		r.Topics = []article.TopicMatch{}
	}
	if a.StoryMatch.MatchedID != "" {
		m := a.StoryMatch
		r.StoryMatch = &m
	}
	return r
}

// cmdExport prints every stored article, oldest first, as JSON Lines.
func cmdExport(ctx context.Context, e *env) (err error) {
	fs := e.flags("export")
	since := fs.Duration("since", 0, "only articles first seen within this long (0: all)")
	if err := e.parse(fs, false); err != nil {
		return err
	}
	cfg, err := config.Load(e.configPath)
	if err != nil {
		return &configError{err}
	}
	st, err := openStore(ctx, cfg.Storage, readOnly)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, st.Close()) }()
	var from time.Time
	if *since > 0 {
		from = time.Now().Add(-*since)
	}
	hints := pipeline.SourceHints(cfg)
	out := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(out)
	if err := st.Since(ctx, from, func(a *article.Article) error {
		return enc.Encode(newExportRecord(a, hints[a.Source]))
	}); err != nil {
		return storeAdvice(err)
	}
	return out.Flush()
}
