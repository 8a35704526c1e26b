package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/warta-news/warta/pipeline"
)

// cmdOnce runs one full cycle. Failing sources are logged and recorded;
// they fail the command (errSourcesFailed, after the summary) only when
// every source the cycle tried failed. The config, the store or
// publishing fail it as always.
func cmdOnce(ctx context.Context, e *env) error {
	fs := e.flags("once")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the whole command to this file")
	if err := e.parse(fs, false); err != nil {
		return err
	}
	if *cpuprofile != "" {
		stop, err := startCPUProfile(*cpuprofile)
		if err != nil {
			return err
		}
		defer stop()
	}
	return withApp(ctx, e, modeOnce, "", func(a *app) error {
		rep, err := a.pipeline.RunCycle(ctx)
		// Another process's cycle holding the whole store (SQLite) left
		// every due source to it, as a daemon sharing PostgreSQL may
		// some: not a failure, but said.
		if err != nil && !errors.Is(err, pipeline.ErrCycleRunning) {
			return storeAdvice(err)
		}
		if rep.Elsewhere > 0 {
			e.logger.Warn("sources not fetched: "+pipeline.ElsewhereWhy, "sources", rep.Elsewhere, "names", rep.Names(pipeline.OutcomeElsewhere))
		}
		if err := rep.WriteSummary(e.stdout); err != nil {
			return err
		}
		if rep.AllFailed() {
			// Logged, so that -log-json and -log-level hold for it.
			e.logger.Warn("every due source failed; nothing fetched", "failed", rep.Failed)
			return errSourcesFailed
		}
		return nil
	})
}

// startCPUProfile profiles the process into path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpuprofile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
