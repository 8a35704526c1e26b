package main

import (
	"context"
	"fmt"
)

// cmdOnce runs one full cycle. Failing sources are logged and recorded but
// do not fail the command: only the config, the store or publishing do.
func cmdOnce(ctx context.Context, e *env) error {
	fs := e.flags("once")
	if err := e.parse(fs, false); err != nil {
		return err
	}
	return withApp(ctx, e, func(a *app) error {
		rep, err := a.pipeline.RunCycle(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "sources %d: fetched %d, not modified %d, backing off %d, failed %d; items %d, new articles %d, new stories %d\n",
			rep.Sources, rep.Fetched, rep.NotModified, rep.Skipped, rep.Failed, rep.Items, rep.New, rep.NewStories)
		return nil
	})
}
