package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/warta-news/warta/pipeline"
)

// shutdownGrace bounds how long in-flight HTTP requests get to finish.
const shutdownGrace = 10 * time.Second

// cmdRun is the daemon: it serves the feeds over HTTP, runs a cycle at start
// and then on the schedule, never two at once, until ctx ends (SIGINT or
// SIGTERM). In-flight work is cancelled and the store closed cleanly.
func cmdRun(ctx context.Context, e *env) error {
	fs := e.flags("run")
	listen := fs.String("listen", "", "serve on this `address` instead of the config's server.listen (0.0.0.0:8080 in a container)")
	if err := e.parse(fs, false); err != nil {
		return err
	}
	return withApp(ctx, e, modeDaemon, func(a *app) error {
		if *listen != "" {
			a.cfg.Server.Listen = *listen
		}
		return serve(ctx, e, a)
	})
}

// serve runs the HTTP server and the schedule until ctx ends.
func serve(ctx context.Context, e *env, a *app) error {
	// Serve what is already stored while the first cycle runs.
	if err := a.publisher.Refresh(ctx); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", a.cfg.Server.Listen)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", a.metrics.Handler())
	mux.Handle("/", a.publisher.Handler())
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(e.logger.Handler(), slog.LevelWarn),
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	e.logger.Info("serving feeds", "listen", ln.Addr().String(), "base_url", a.cfg.Server.BaseURL)

	cycle := func() {
		_, err := a.pipeline.RunCycle(ctx)
		switch {
		case err == nil, errors.Is(err, context.Canceled):
		case errors.Is(err, pipeline.ErrCycleRunning):
			e.logger.Warn("cycle skipped", "why", err)
		default:
			e.logger.Error("cycle failed", "err", err)
		}
	}
	sched := cron.New(
		cron.WithLogger(cronLogger{e.logger}),
		// Never DelayIfStillRunning: it queues every missed tick.
		cron.WithChain(cron.SkipIfStillRunning(cronLogger{e.logger})),
	)
	sched.Schedule(a.schedule, cron.FuncJob(cycle))
	first := make(chan struct{})
	go func() {
		defer close(first)
		cycle()
	}()
	sched.Start()
	e.logger.Info("scheduled", "schedule", a.cfg.Schedule)

	select {
	case <-ctx.Done():
		e.logger.Info("shutting down")
	case err := <-serveErr:
		sched.Stop()
		<-first
		return fmt.Errorf("http server: %w", err)
	}
	// ctx is done, so a running cycle is being cancelled; wait for it.
	<-sched.Stop().Done()
	<-first
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("http shutdown: %w", err)
	}
	e.logger.Info("stopped")
	return nil
}

// cronLogger adapts slog to cron's logger.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err)...)
}
