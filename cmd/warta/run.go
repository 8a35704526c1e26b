package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/warta-news/warta/config"
)

// shutdownGrace bounds how long in-flight HTTP requests get to finish.
const shutdownGrace = 10 * time.Second

// followEvery is how often the daemon asks whether another process sharing
// the store changed the feeds (pipeline.FollowFeeds: one indexed read), so
// that every daemon serves them fresh within seconds.
const followEvery = 5 * time.Second

// cmdRun is the daemon: it serves the feeds over HTTP, runs a cycle at start
// and then on the schedule, never two at once, until ctx ends (SIGINT or
// SIGTERM). In-flight work is cancelled and the store closed cleanly.
// SIGHUP reloads the config file (reloadsFrom names another channel).
func cmdRun(ctx context.Context, e *env) error {
	fs := e.flags("run")
	listen := fs.String("listen", "", "serve on this `address` instead of the config's server.listen (0.0.0.0:8080 in a container)")
	if err := e.parse(fs, false); err != nil {
		return err
	}
	if *listen != "" {
		// Before anything is opened: a typo is a usage error, as the
		// same typo in server.listen is a configuration error.
		if err := config.CheckListen(*listen); err != nil {
			return &usageError{"-listen: " + err.Error()}
		}
	}
	reloads := reloadsFrom(ctx)
	if reloads == nil {
		hup := make(chan os.Signal, 1)
		signal.Notify(hup, syscall.SIGHUP)
		defer signal.Stop(hup)
		reloads = hup
	}
	return withApp(ctx, e, modeDaemon, *listen, func(a *app) error {
		return serve(ctx, e, a, runOptions{listen: *listen, reloads: reloads})
	})
}

// serve runs the HTTP servers and the schedule until ctx ends, reloading
// the config on every signal from reloads.
func serve(ctx context.Context, e *env, a *app, opts runOptions) error {
	// Bind first: a daemon whose address is taken (another one runs)
	// fails before it publishes anything.
	public := http.NewServeMux()
	lns, err := listenAll(a.cfg.Server, public, a.metrics.Handler())
	if err != nil {
		return err
	}
	// Serve what is already stored while the first cycle runs.
	if err := a.publisher.Refresh(ctx); err != nil {
		closeListeners(lns)
		return err
	}
	// The WebSub hub delivers until the daemon stops; it is stopped, and
	// its verifications waited for, before the store closes.
	hubCtx, stopHub := context.WithCancel(ctx)
	hubDone := make(chan struct{})
	go func() {
		defer close(hubDone)
		a.hub.Run(hubCtx)
	}()
	defer func() { stopHub(); <-hubDone }()
	// Cycles and following run on cycles, which ends with ctx or when a
	// server fails: either way they are waited for before the store closes.
	cycles, stopCycles := context.WithCancel(ctx)
	defer stopCycles()
	// A tick that meets a running cycle is skipped and logged by the
	// daemon itself (daemon.cycle), never queued: cron's SkipIfStillRunning
	// would skip it silently, DelayIfStillRunning queue every missed tick.
	sched := cron.New(cron.WithLogger(cronLogger{e.logger}))
	d := newDaemon(cycles, e, a, sched, opts.listen)

	public.Handle(hubPath, a.hub)
	public.Handle("/", d)
	servers, serveErr := startServers(e, a.cfg.Server, lns)
	// Cycles out of schedule: the first, and one after each reload, as a
	// restart would run.
	var now sync.WaitGroup
	now.Go(func() { d.cycle(cycles, false) })
	var following sync.WaitGroup
	following.Go(func() { d.follow(cycles) })
	sched.Start()
	e.logger.Info("scheduled", "schedule", a.cfg.Schedule)

	var failed error // a server's
	for done := false; !done; {
		select {
		case <-ctx.Done():
			e.logger.Info("shutting down")
			done = true
		case sig := <-opts.reloads:
			e.logger.Info("reloading the config", "signal", sig, "config", e.configPath)
			if d.reload() {
				now.Go(func() { d.cycle(cycles, false) })
			}
		case err := <-serveErr:
			e.logger.Error("http server failed: shutting down", "err", err)
			failed = fmt.Errorf("http server: %w", err)
			done = true
		}
	}
	// A running cycle is being cancelled: wait for it, and for every
	// other user of the store, before the store closes.
	stopCycles()
	<-sched.Stop().Done()
	now.Wait()
	following.Wait()
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	errs := []error{failed}
	for _, srv := range servers {
		if err := srv.Shutdown(shutdownCtx); err != nil {
			errs = append(errs, fmt.Errorf("http shutdown: %w", err))
		}
	}
	e.logger.Info("stopped")
	return errors.Join(errs...)
}

// runOptions are what `warta run` takes beside the config.
type runOptions struct {
	// listen, when set, replaced server.listen (the -listen flag) of a's
	// config; it replaces it in reloaded configs too.
	listen string
	// reloads delivers the signals that reload the config (SIGHUP).
	reloads <-chan os.Signal
}

// boundListener is a bound address and what serves it.
type boundListener struct {
	ln      net.Listener
	what    string
	handler http.Handler
}

// listenAll binds the public address, whose server serves the routes of
// public, and /metrics on it (added to public) or, with
// server.metrics_listen, on an address of its own. Nothing is bound when
// any address fails.
func listenAll(cfg config.Server, public *http.ServeMux, metrics http.Handler) ([]boundListener, error) {
	type listener struct {
		addr, what string
		handler    http.Handler
	}
	ls := []listener{{cfg.Listen, "serving feeds", public}}
	if cfg.MetricsListen == "" {
		public.Handle("/metrics", metrics)
	} else {
		private := http.NewServeMux()
		private.Handle("/metrics", metrics)
		private.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok\n") })
		ls = append(ls, listener{cfg.MetricsListen, "serving metrics", private})
	}
	var bound []boundListener
	for _, l := range ls {
		ln, err := net.Listen("tcp", l.addr)
		if err != nil {
			closeListeners(bound)
			return nil, fmt.Errorf("listen: %w", err)
		}
		bound = append(bound, boundListener{ln, l.what, l.handler})
	}
	return bound, nil
}

// closeListeners closes listeners no server serves.
func closeListeners(lns []boundListener) {
	for _, l := range lns {
		l.ln.Close()
	}
}

// startServers serves each bound listener. An error of any server arrives
// on serveErr.
func startServers(e *env, cfg config.Server, lns []boundListener) (servers []*http.Server, serveErr <-chan error) {
	errs := make(chan error, len(lns))
	for _, l := range lns {
		srv := &http.Server{
			Handler:           l.handler,
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       30 * time.Second,
			WriteTimeout:      60 * time.Second,
			IdleTimeout:       120 * time.Second,
			ErrorLog:          slog.NewLogLogger(e.logger.Handler(), slog.LevelWarn),
		}
		servers = append(servers, srv)
		go func() {
			if err := srv.Serve(l.ln); !errors.Is(err, http.ErrServerClosed) {
				errs <- err
			}
		}()
		e.logger.Info(l.what, "listen", l.ln.Addr().String(), "base_url", cfg.BaseURL)
	}
	return servers, errs
}

// cronLogger adapts slog to cron's logger.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err)...)
}

// follow re-renders the feeds whenever another process sharing the store
// changed them, until ctx ends. Between cycles only: a cycle publishes at
// its end, and a reload swaps the pipeline under cycleMu.
func (d *daemon) follow(ctx context.Context) {
	tick := time.NewTicker(followEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		d.followOnce(ctx)
	}
}

// followOnce re-renders the feeds if another process changed them, unless
// a cycle runs, then runs a cycle asked for meanwhile (daemon.cycle).
func (d *daemon) followOnce(ctx context.Context) {
	if !d.cycleMu.TryLock() {
		return
	}
	changed, err := d.app.pipeline.FollowFeeds(ctx)
	d.cycleMu.Unlock()
	switch {
	case err != nil && ctx.Err() == nil:
		d.e.logger.Warn("feeds changed by another process not re-rendered", "err", err)
	case changed:
		d.e.logger.Debug("feeds changed by another process: re-rendered")
	}
	d.runAsked(ctx)
}
