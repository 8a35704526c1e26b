package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/metrics"
	"github.com/warta-news/warta/pipeline"
	"github.com/warta-news/warta/publish"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/topic"
)

// app is warta wired together from one configuration.
type app struct {
	cfg       *config.Config
	tagger    *topic.Tagger
	store     store.Store
	publisher *publish.Publisher
	pipeline  *pipeline.Pipeline
	metrics   *metrics.Metrics
}

// loadConfig loads and validates the configuration and compiles its topic
// rules: both are configuration errors (exit code 2).
func loadConfig(path string) (*config.Config, *topic.Tagger, error) {
	cfg, err := config.Load(path)
	if err != nil {
		return nil, nil, &configError{err}
	}
	tagger, err := topic.New(cfg.Topics)
	if err != nil {
		return nil, nil, &configError{fmt.Errorf("%s: %w", path, err)}
	}
	return cfg, tagger, nil
}

// openApp loads the config, opens the store and wires every stage.
func openApp(ctx context.Context, e *env) (*app, error) {
	cfg, tagger, err := loadConfig(e.configPath)
	if err != nil {
		return nil, err
	}
	st, err := openStore(ctx, cfg.Storage, readWrite)
	if err != nil {
		return nil, err
	}
	pub := publish.New(publish.Options{
		BaseURL:  cfg.Server.BaseURL,
		Title:    cfg.Publish.Title,
		MaxItems: cfg.Publish.MaxItems,
		Dir:      cfg.Publish.Dir,
	}, feedInfos(cfg), st, e.logger)
	fetcher := fetch.New(fetch.Options{
		Timeout:        cfg.Fetch.Timeout,
		ConnectTimeout: cfg.Fetch.ConnectTimeout,
		PerHost:        cfg.Fetch.PerHost,
		MaxBodyBytes:   cfg.Fetch.MaxBodyBytes,
		UserAgent:      cfg.Fetch.UserAgent,
	}, e.logger)
	m := metrics.New()
	p := pipeline.New(cfg, pipeline.Deps{
		Fetcher:   fetcher,
		Tagger:    tagger,
		Store:     st,
		Publisher: pub,
		Observer:  m,
		Logger:    e.logger,
	})
	if err := p.Init(ctx); err != nil {
		return nil, errors.Join(storeAdvice(err), st.Close())
	}
	return &app{cfg: cfg, tagger: tagger, store: st, publisher: pub, pipeline: p, metrics: m}, nil
}

func (a *app) Close() error { return a.store.Close() }

// withApp runs fn with warta wired from the config, and closes the store
// after it.
func withApp(ctx context.Context, e *env, fn func(*app) error) (err error) {
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, a.Close()) }()
	return fn(a)
}

func feedInfos(cfg *config.Config) []publish.FeedInfo {
	out := make([]publish.FeedInfo, 0, len(cfg.Topics))
	for _, t := range cfg.Topics {
		out = append(out, publish.FeedInfo{Slug: t.Slug, Title: t.Title, Description: t.Description})
	}
	return out
}
