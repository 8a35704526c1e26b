package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/warta-news/warta/actor"
	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/dedupe"
	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/language"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/parse"
	"github.com/warta-news/warta/topic"
)

// This file is the preparation path every command shares: a cycle,
// `warta explain` and `warta tag` turn feeds and items into articles with
// these functions, so they decide language, topics and stories alike.

// FetchOptions returns the fetcher options the configuration asks for.
func FetchOptions(cfg *config.Config) fetch.Options {
	return fetch.Options{
		Timeout:         cfg.Fetch.Timeout,
		ConnectTimeout:  cfg.Fetch.ConnectTimeout,
		PerHost:         cfg.Fetch.PerHost,
		MaxBodyBytes:    cfg.Fetch.MaxBodyBytes,
		UserAgent:       cfg.Fetch.UserAgent,
		PerHostInterval: perHostInterval(cfg.Fetch.PerHostInterval),
	}
}

// perHostInterval maps fetch.per_host_interval to fetch.Options: unset is
// the fetcher's default (0), an explicit 0 no spacing (negative).
func perHostInterval(d *time.Duration) time.Duration {
	switch {
	case d == nil:
		return 0
	case *d == 0:
		return -1
	}
	return *d
}

// DedupeOptions returns the story index options the configuration asks
// for; the event signatures know actors through actors (nil: by their
// words only).
func DedupeOptions(cfg *config.Config, actors dedupe.ActorSource) dedupe.Options {
	return dedupe.Options{Window: cfg.Dedupe.Window, Threshold: cfg.Dedupe.Threshold, Actors: actors}
}

// HeadlineActors recognises in a headline the states and international
// bodies package actor knows, whatever words name them ("AS", "Amerika
// Serikat", "Gedung Putih"), for the story index's event signatures. The
// daemon and `warta explain` use it alike, with the tagger's recogniser
// (topic.Tagger.Actors), so that one process builds one.
func HeadlineActors(rec *actor.Recognizer) dedupe.ActorSource {
	return headlineActors{rec: rec}
}

type headlineActors struct{ rec *actor.Recognizer }

// Actors returns the states and bodies of title; offices and relation
// words are not actors of one event ("Menlu" names many ministers).
func (h headlineActors) Actors(title string) []dedupe.Actor {
	var out []dedupe.Actor
	for _, m := range h.rec.Find(title, "") {
		if m.Kind == actor.State || m.Kind == actor.Body {
			out = append(out, dedupe.Actor{ID: m.Kind.String() + ":" + m.ID, Text: title[m.Start:m.End]})
		}
	}
	return out
}

// NormalizeCaps returns the caps on what is kept of each article that the
// configuration asks for.
func NormalizeCaps(cfg *config.Config) normalize.Caps {
	return normalize.Caps{MaxHTMLBytes: cfg.Normalize.MaxHTMLBytes, MaxTextBytes: cfg.Normalize.MaxTextBytes}
}

// Hints returns the topic hints a source gives its articles.
func Hints(src config.Source) topic.Hints {
	return topic.Hints{Boost: src.Boost, Forced: src.Topics}
}

// Feed is a fetched feed to prepare.
type Feed struct {
	Body        []byte
	ContentType string
	// URL is where the feed was fetched from, after redirects: relative
	// item links resolve against it.
	URL       string
	FetchedAt time.Time
}

// Prepared is a feed's items made articles.
type Prepared struct {
	Articles []*article.Article
	// Skipped are the items that could not be normalised (no identity).
	Skipped []SkippedItem
	// TTL is how long the feed asked to be left alone (parse.Feed.TTL).
	TTL time.Duration
}

// SkippedItem is an item left out, and why.
type SkippedItem struct {
	Item *article.Article
	Err  error
}

// PrepareFeed parses a fetched feed and prepares its items (PrepareItems)
// as coming from src.
func PrepareFeed(ctx context.Context, n *normalize.Normalizer, f Feed, src config.Source) (Prepared, error) {
	feed, err := parse.Parse(f.Body, f.ContentType, f.FetchedAt)
	if err != nil {
		return Prepared{}, err
	}
	for _, it := range feed.Items {
		if it.Language == "" {
			it.Language = feed.Language
		}
	}
	prep, err := PrepareItems(ctx, n, feed.Items, src, f.URL, f.FetchedAt)
	prep.TTL = feed.TTL
	return prep, err
}

// PrepareItems normalises the items of one feed as coming from src (its
// name and language; baseURL resolves relative links; now dates undated
// items) and settles their languages by the feed-wide vote. An item that
// cannot be normalised is left out and listed in Skipped. It stops with
// ctx's error when ctx ends.
func PrepareItems(ctx context.Context, n *normalize.Normalizer, items []*article.Article, src config.Source, baseURL string, now time.Time) (Prepared, error) {
	opts := normalize.Options{Now: now, SourceName: src.Name, SourceLanguage: src.Language, BaseURL: baseURL}
	out := Prepared{Articles: make([]*article.Article, 0, len(items))}
	for _, a := range items {
		if err := ctx.Err(); err != nil {
			return Prepared{}, fmt.Errorf("pipeline: prepare: %w", err)
		}
		if err := n.Article(a, opts); err != nil {
			out.Skipped = append(out.Skipped, SkippedItem{Item: a, Err: err})
			continue
		}
		out.Articles = append(out.Articles, a)
	}
	resolveLanguages(out.Articles)
	return out, nil
}

// resolveLanguages settles each article's language. Feeds often declare the
// wrong one (many Indonesian feeds say "en"), and a short headline alone is
// weak evidence, so the feed as a whole speaks first: when most of its
// items are confidently detected in one language that is not the declared
// one, that language becomes the declared one; each item is then checked
// against it.
func resolveLanguages(arts []*article.Article) {
	type detection struct {
		lang string
		conf float64
	}
	detected := make([]detection, len(arts))
	votes := map[string]int{}
	confident := 0
	for i, a := range arts {
		lang, conf := language.Detect(language.Sample(a.Title, a.Text))
		detected[i] = detection{lang, conf}
		if lang != "" && conf >= language.Confident {
			votes[lang]++
			confident++
		}
	}
	for i, a := range arts {
		declared := a.Language
		for lang, n := range votes {
			if lang != declared && 2*n > confident && 2*n > len(arts) {
				declared = lang
			}
		}
		a.Language = language.Decide(declared, detected[i].lang, detected[i].conf)
	}
}
