package main

import (
	"context"
	"flag"
	"time"
)

// cmdCheck validates the configuration, topic rules included, and prints
// what it holds. A bad config exits with code 2 and names file, line, field.
func cmdCheck(_ context.Context, e *env) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	if err := fs.Parse(e.args); err != nil {
		return &usageError{err.Error()}
	}
	cfg, _, err := loadConfig(e.configPath)
	if err != nil {
		return err
	}
	return cfg.Describe(e.stdout, time.Now())
}
