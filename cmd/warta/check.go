package main

import (
	"context"
	"time"
)

// cmdCheck validates the configuration, topic rules included, and prints
// what it holds. A bad config exits with code 2 and names file, line, field.
func cmdCheck(_ context.Context, e *env) error {
	fs := e.flags("check")
	if err := e.parse(fs, false); err != nil {
		return err
	}
	cfg, _, err := loadConfig(e.configPath)
	if err != nil {
		return err
	}
	return cfg.Describe(e.stdout, time.Now())
}
