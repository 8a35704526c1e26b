package main

import (
	"context"
)

// cmdOnce runs one full cycle. Failing sources are logged and recorded but
// do not fail the command: only the config, the store or publishing do.
func cmdOnce(ctx context.Context, e *env) error {
	fs := e.flags("once")
	if err := e.parse(fs, false); err != nil {
		return err
	}
	return withApp(ctx, e, modeOnce, func(a *app) error {
		rep, err := a.pipeline.RunCycle(ctx)
		if err != nil {
			return err
		}
		return rep.WriteSummary(e.stdout)
	})
}
