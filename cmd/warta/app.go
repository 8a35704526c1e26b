package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

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
	hub       *feedHub
	pipeline  *pipeline.Pipeline
	fetcher   *fetch.Fetcher
	metrics   *metrics.Metrics
	// schedule is the parsed config schedule; the daemon runs it.
	schedule cron.Schedule
	// runs is when the next scheduled cycle is due, for every publisher
	// the app wires (reloads included).
	runs *nextRuns
	// checkpoint is `warta once`'s checkpointing publisher (nil
	// otherwise), whose checkpoint Close waits for.
	checkpoint *checkpointingPublisher
}

// mode says how the wired app will run cycles.
type mode int

const (
	modeOnce   mode = iota // one cycle now (warta once)
	modeDaemon             // cycles on the schedule (warta run)
	// modeReload is modeDaemon for a reloaded config: its pipeline is
	// loaded (pipeline.Load) but re-tags the store only once everything
	// else of the config is ready (daemon.apply).
	modeReload
)

// loadConfig loads and validates the configuration and compiles its topic
// rules: both are configuration errors (exit code 2).
func loadConfig(path string) (*config.Config, *topic.Tagger, error) {
	type loaded struct {
		cfg    *config.Config
		tagger *topic.Tagger
	}
	l, err := pacedForStart(os.Getenv, func() (loaded, error) {
		cfg, err := config.Load(path)
		if err != nil {
			return loaded{}, &configError{err}
		}
		tagger, err := topic.New(cfg.Topics)
		if err != nil {
			return loaded{}, &configError{fmt.Errorf("%s: %w", path, err)}
		}
		return loaded{cfg, tagger}, nil
	})
	return l.cfg, l.tagger, err
}

// openApp loads the config, opens the store and wires every stage;
// listen, when set, replaces server.listen (run -listen) before anything
// is wired on the config's addresses.
func openApp(ctx context.Context, e *env, m mode, listen string) (*app, error) {
	start := time.Now()
	cfg, tagger, err := loadConfig(e.configPath)
	if err != nil {
		return nil, err
	}
	if listen != "" {
		cfg.Server.UseListen(listen)
	}
	// The start's phases, for measuring a whole `warta once`.
	e.logger.Debug("config loaded", "sources", len(cfg.Sources), "took", time.Since(start))
	schedule, err := parseSchedule(cfg)
	if err != nil {
		return nil, err
	}
	opened := time.Now()
	st, err := openStore(ctx, cfg.Storage, readWrite)
	if err != nil {
		return nil, err
	}
	e.logger.Debug("store opened", "took", time.Since(opened))
	// Only the daemon serves metrics; `warta once` keeps none (a series
	// per source and outcome, which nothing would read).
	var met *metrics.Metrics
	if m != modeOnce {
		met = metrics.New()
	}
	hub, err := newFeedHub(cfg, st, e.logger)
	if err != nil {
		return nil, errors.Join(err, st.Close())
	}
	runs := &nextRuns{}
	s, err := pacedForStart(os.Getenv, func() (*stages, error) {
		return wireStages(ctx, e, m, cfg, tagger, schedule, runs, st, met, hub)
	})
	if err != nil {
		return nil, errors.Join(err, st.Close())
	}
	releaseStart()
	hub.serve(ctx, s.publisher, cfg.Server.BaseURL)
	return &app{cfg: cfg, tagger: tagger, store: st, publisher: s.publisher, hub: hub, pipeline: s.pipeline,
		fetcher: s.fetcher, metrics: met, schedule: schedule, runs: runs, checkpoint: s.checkpoint}, nil
}

// parseSchedule parses the config's schedule (a configuration error).
func parseSchedule(cfg *config.Config) (cron.Schedule, error) {
	schedule, err := cfg.ParseSchedule()
	if err != nil {
		return nil, &configError{fmt.Errorf("%s: schedule: %w", cfg.Path, err)}
	}
	return schedule, nil
}

// stages are what one configuration wires on a store: a daemon rebuilds
// them when its config is reloaded.
type stages struct {
	publisher  *publish.Publisher
	fetcher    *fetch.Fetcher
	pipeline   *pipeline.Pipeline
	checkpoint *checkpointingPublisher
}

// wireStages builds the publisher (its feeds advertising hub), fetcher and
// pipeline of cfg on st and readies the pipeline (pipeline.Init: the story index rebuilt, stored
// articles re-tagged when the topic rules changed; for `warta once`,
// pipeline.Start: the same but the story index, which its cycle loads
// when it needs it).
func wireStages(ctx context.Context, e *env, m mode, cfg *config.Config, tagger *topic.Tagger,
	schedule cron.Schedule, runs *nextRuns, st store.Store, met *metrics.Metrics, hub *feedHub) (*stages, error) {
	// A daemon's failing source is tried again at its first cycle after
	// the backoff; `warta once` cannot know when it will next be run.
	var cycles pipeline.Schedule
	if m != modeOnce {
		cycles = runs.schedule(schedule)
	}
	popts := publishOptions(cfg, st, cycles, runs.next(schedule), e.logger)
	popts.FilesOnly = m == modeOnce // nothing serves what once renders
	if m == modeOnce {
		popts.Build = binaryBuild()
	}
	hub.advertise(&popts)
	related := &relatedStories{}
	labels := &storyLabeller{cfg: cfg, tagger: tagger, store: st}
	if m != modeOnce {
		popts.Related = related
		popts.Labeller, popts.LabelsToken = labels, cfg.Server.LabelsToken
	}
	pub := publish.New(popts, feedInfos(cfg), st, e.logger)
	// Before Init or Start, which may re-tag: a run that dies after
	// changing the stories leaves publish.dir without a stamp that would
	// match them.
	if err := pub.TakeStamp(); err != nil {
		return nil, err
	}
	actors := pipeline.HeadlineActors(tagger.Actors())
	// `warta once` publishes only to publish.dir: without one, the feeds
	// it rendered would be dropped at exit unread.
	var publisher pipeline.Publisher = pub
	if m == modeOnce && cfg.Publish.Dir == "" {
		publisher = nil
	}
	var checkpoint *checkpointingPublisher
	if c, ok := st.(checkpointer); ok && m == modeOnce && publisher != nil {
		checkpoint = &checkpointingPublisher{Publisher: publisher, store: c, logger: e.logger}
		publisher = checkpoint
	}
	fetcher := fetch.New(pipeline.FetchOptions(cfg), e.logger)
	p := pipeline.New(cfg, pipeline.Deps{
		Fetcher:   fetcher,
		Tagger:    tagger,
		Store:     st,
		Publisher: publisher,
		Observer:  newCycleObservers(met, pub),
		Schedule:  cycles,
		Logger:    e.logger,
		Actors:    actors,
	})
	related.pipeline = p
	s := &stages{publisher: pub, fetcher: fetcher, pipeline: p, checkpoint: checkpoint}
	ready := p.Init
	switch m {
	case modeOnce:
		// Its one cycle loads the story index beside its fetching, and
		// only when it fetched something new.
		ready = p.Start
	case modeReload:
		ready = p.Load
	}
	if err := ready(ctx); err != nil {
		s.close()
		return nil, storeAdvice(err)
	}
	return s, nil
}

// close drops stages that were never swapped in.
func (s *stages) close() { s.fetcher.Close() }

// Close waits for a checkpoint begun beside publishing to end (it holds
// the store's writer, which Close needs anyway; its failure logged before
// the run ends), then closes the store.
func (a *app) Close() error {
	if a.checkpoint != nil {
		a.checkpoint.wait()
	}
	return a.store.Close()
}

// withApp runs fn with warta wired from the config (its server.listen
// replaced by listen when set), and closes the store after it.
func withApp(ctx context.Context, e *env, m mode, listen string, fn func(*app) error) (err error) {
	a, err := openApp(ctx, e, m, listen)
	if err != nil {
		return err
	}
	defer func() {
		closing := time.Now()
		errClose := a.Close()
		e.logger.Debug("store closed", "took", time.Since(closing))
		err = errors.Join(err, errClose)
	}()
	return fn(a)
}

func feedInfos(cfg *config.Config) []publish.FeedInfo {
	out := make([]publish.FeedInfo, 0, len(cfg.Topics))
	for _, t := range cfg.Topics {
		out = append(out, publish.FeedInfo{Slug: t.Slug, Title: t.Title, Description: t.Description})
	}
	for _, f := range cfg.Feeds {
		out = append(out, publish.FeedInfo{Slug: f.Slug, Title: f.Title, Description: f.Description, Filter: f.Filter})
	}
	return out
}
