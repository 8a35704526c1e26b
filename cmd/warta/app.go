package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/robfig/cron/v3"

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
	// schedule is the parsed config schedule; the daemon runs it.
	schedule cron.Schedule
}

// mode says how the wired app will run cycles.
type mode int

const (
	modeOnce   mode = iota // one cycle now (warta once)
	modeDaemon             // cycles on the schedule (warta run)
)

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
func openApp(ctx context.Context, e *env, m mode) (*app, error) {
	cfg, tagger, err := loadConfig(e.configPath)
	if err != nil {
		return nil, err
	}
	schedule, err := cfg.ParseSchedule()
	if err != nil {
		return nil, &configError{fmt.Errorf("%s: schedule: %w", e.configPath, err)}
	}
	// A daemon's failing source is tried again at its first cycle after
	// the backoff; `warta once` cannot know when it will next be run.
	var cycles pipeline.Schedule
	if m == modeDaemon {
		cycles = schedule
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
	fetcher := fetch.New(pipeline.FetchOptions(cfg), e.logger)
	met := metrics.New()
	p := pipeline.New(cfg, pipeline.Deps{
		Fetcher:   fetcher,
		Tagger:    tagger,
		Store:     st,
		Publisher: pub,
		Observer:  met,
		Schedule:  cycles,
		Logger:    e.logger,
	})
	if err := p.Init(ctx); err != nil {
		return nil, errors.Join(storeAdvice(err), st.Close())
	}
	return &app{cfg: cfg, tagger: tagger, store: st, publisher: pub, pipeline: p, metrics: met, schedule: schedule}, nil
}

func (a *app) Close() error { return a.store.Close() }

// withApp runs fn with warta wired from the config, and closes the store
// after it.
func withApp(ctx context.Context, e *env, m mode, fn func(*app) error) (err error) {
	a, err := openApp(ctx, e, m)
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
