package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/pipeline"
	"github.com/warta-news/warta/topic"
)

// reloadKey carries, in a context, the channel on which `warta run` takes
// its reload signals; tests hand one in, the daemon otherwise listens for
// SIGHUP on its own.
type reloadKey struct{}

// withReloads returns ctx carrying the reload signal channel sigs.
func withReloads(ctx context.Context, sigs <-chan os.Signal) context.Context {
	return context.WithValue(ctx, reloadKey{}, sigs)
}

// reloadsFrom returns the reload signal channel ctx carries, nil if none.
func reloadsFrom(ctx context.Context) <-chan os.Signal {
	sigs, _ := ctx.Value(reloadKey{}).(<-chan os.Signal)
	return sigs
}

// daemon is what `warta run` changes when its config is reloaded: the
// stages of the current config, swapped between cycles.
type daemon struct {
	e *env
	// started is the config the daemon started with: its storage and
	// listen addresses hold until a restart.
	started *config.Config

	// cycleMu is held by a cycle, and by the swap to a reloaded config
	// before it: a reload never lands in the middle of a cycle. follow
	// holds it too, briefly.
	cycleMu sync.Mutex
	// asked is set by a request for a cycle. Whoever holds cycleMu runs
	// cycles while it is set and looks at it again after letting cycleMu
	// go, so that a request meeting a holder (a cycle's end, follow) runs
	// right after it instead of being dropped.
	asked atomic.Bool
	// cycling is set while cycles run under cycleMu.
	cycling atomic.Bool
	app     *app // guarded by cycleMu; its store and metrics are kept
	// pending is a reloaded config waiting for the next cycle.
	pending atomic.Pointer[reloaded]
	// feeds is the public handler of the current publisher.
	feeds atomic.Pointer[http.Handler]

	listen  string // the -listen flag
	sched   *cron.Cron
	job     cron.Job
	schedMu sync.Mutex // guards entry and spec
	entry   cron.EntryID
	spec    string // the schedule entry's spec
}

// reloaded is a config that loaded and validated.
type reloaded struct {
	cfg      *config.Config
	tagger   *topic.Tagger
	schedule cron.Schedule
}

// newDaemon runs a's cycles on sched, with ctx; listen, when set, replaces
// server.listen of reloaded configs as it did a's.
func newDaemon(ctx context.Context, e *env, a *app, sched *cron.Cron, listen string) *daemon {
	d := &daemon{e: e, started: a.cfg, app: a, sched: sched, listen: listen}
	h := a.publisher.Handler()
	d.feeds.Store(&h)
	d.job = cron.FuncJob(func() { d.cycle(ctx, true) })
	d.spec = a.cfg.Schedule
	d.entry = sched.Schedule(a.schedule, d.job)
	a.runs.useEntry(d.nextRun)
	return d
}

// nextRun is when the scheduled entry runs next: zero until sched starts.
func (d *daemon) nextRun() time.Time {
	d.schedMu.Lock()
	defer d.schedMu.Unlock()
	return d.sched.Entry(d.entry).Next
}

// ServeHTTP serves the current publisher's feeds.
func (d *daemon) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	(*d.feeds.Load()).ServeHTTP(w, r)
}

// cycle asks for a cycle with the current config, a reloaded one applied
// first, and runs it unless cycleMu's holder will. A scheduled one that
// meets a running cycle is skipped, and logged, as a missed tick; any
// other request (a reload's, a tick meeting follow) runs right after the
// holder is done.
func (d *daemon) cycle(ctx context.Context, scheduled bool) {
	if scheduled && d.cycling.Load() {
		d.e.logger.Warn("cycle skipped", "why", pipeline.ErrCycleRunning)
		return
	}
	d.asked.Store(true)
	d.runAsked(ctx)
}

// runAsked runs the cycles asked for, unless cycleMu is held: its holder
// runs them once it lets cycleMu go.
func (d *daemon) runAsked(ctx context.Context) {
	for ctx.Err() == nil && d.asked.Load() {
		if !d.cycleMu.TryLock() {
			return
		}
		d.cycling.Store(true)
		for ctx.Err() == nil && d.asked.Swap(false) {
			d.runCycle(ctx)
		}
		d.cycling.Store(false)
		d.cycleMu.Unlock()
	}
}

// runCycle applies a reloaded config, if any, and runs one cycle; under
// cycleMu.
func (d *daemon) runCycle(ctx context.Context) {
	if r := d.pending.Swap(nil); r != nil {
		if err := d.apply(ctx, r); err != nil && !errors.Is(err, context.Canceled) {
			d.e.logger.Error("reloaded config not applied; the old one stays", "err", err)
		}
	}
	_, err := d.app.pipeline.RunCycle(ctx)
	switch {
	case err == nil, errors.Is(err, context.Canceled):
	case errors.Is(err, pipeline.ErrCycleRunning):
		d.e.logger.Warn("cycle skipped", "why", err)
	default:
		d.e.logger.Error("cycle failed", "err", err)
	}
}

// reload loads the config file again and reports whether it loaded. A
// config that does not load is logged, with its file and line, and the
// running one is kept; one that does takes effect at the next cycle,
// its schedule too (apply).
func (d *daemon) reload() bool {
	log := d.e.logger
	cfg, tagger, err := loadConfig(d.e.configPath)
	if err != nil {
		log.Error("config reload failed; keeping the running config", "err", err)
		return false
	}
	schedule, err := parseSchedule(cfg)
	if err != nil {
		log.Error("config reload failed; keeping the running config", "err", err)
		return false
	}
	if d.listen != "" {
		cfg.Server.UseListen(d.listen)
	}
	if kept := keepStarted(*cfg, d.started); kept.Storage != cfg.Storage || kept.Server != cfg.Server {
		log.Warn("config reload: storage.driver, storage.dsn, server.listen and server.metrics_listen change at the next start only")
	}
	d.pending.Store(&reloaded{cfg: cfg, tagger: tagger, schedule: schedule})
	log.Info("config reloaded; it takes effect at the next cycle", "config", d.e.configPath,
		"sources", len(cfg.Sources), "topics", len(cfg.Topics))
	return true
}

// keepStarted returns cfg with the settings of started that only a restart
// changes: the store and the listen addresses. A base URL cfg derives from
// its listen address is derived from the one bound.
func keepStarted(cfg config.Config, started *config.Config) config.Config {
	cfg.Storage.Driver, cfg.Storage.DSN = started.Storage.Driver, started.Storage.DSN
	cfg.Server.UseListen(started.Server.Listen)
	cfg.Server.MetricsListen = started.Server.MetricsListen
	return cfg
}

// apply wires the stages of a reloaded config on the running store and
// swaps them in; it runs between cycles. Storage and listen addresses stay
// those the daemon started with. Everything that can fail comes before
// what changes the store (the re-tag) or the daemon (the swap, the
// schedule): a config that fails to apply leaves nothing of it behind in
// the daemon, but the re-tag comes after the new publisher's Refresh,
// which has written publish.dir and the modification records: a re-tag
// that fails leaves those until the running config's next refresh.
func (d *daemon) apply(ctx context.Context, r *reloaded) error {
	cfg := keepStarted(*r.cfg, d.started)
	s, err := wireStages(ctx, d.e, modeReload, &cfg, r.tagger, r.schedule, d.app.runs, d.app.store, d.app.metrics, d.app.hub)
	if err != nil {
		return err
	}
	if err := s.publisher.Refresh(ctx); err != nil {
		s.close()
		return err
	}
	if err := s.pipeline.RetagIfRulesChanged(ctx); err != nil {
		s.close()
		return err
	}
	d.useSchedule(cfg.Schedule, r.schedule)
	// The pages show the last cycle until the reloaded config's first ends.
	if c, ok := d.app.publisher.LastCycle(); ok {
		s.publisher.RecordCycle(c)
	}
	old := d.app.fetcher
	a := *d.app
	a.cfg, a.tagger, a.schedule = &cfg, r.tagger, r.schedule
	a.publisher, a.fetcher, a.pipeline = s.publisher, s.fetcher, s.pipeline
	d.app = &a
	h := s.publisher.Handler()
	d.feeds.Store(&h)
	d.app.hub.serve(ctx, s.publisher, cfg.Server.BaseURL)
	d.app.metrics.KeepSources(sourceNames(&cfg))
	old.Close()
	d.e.logger.Info("reloaded config in effect", "sources", len(cfg.Sources), "topics", len(cfg.Topics))
	return nil
}

// useSchedule runs the daemon's cycles on schedule, whose spec is spec,
// from now on.
func (d *daemon) useSchedule(spec string, schedule cron.Schedule) {
	d.schedMu.Lock()
	defer d.schedMu.Unlock()
	if spec == d.spec {
		return
	}
	d.sched.Remove(d.entry)
	d.entry, d.spec = d.sched.Schedule(schedule, d.job), spec
	d.e.logger.Info("config reload: new schedule", "schedule", spec)
}
