package main

import (
	"context"
	"log/slog"
	"sync"

	"github.com/warta-news/warta/pipeline"
)

// checkpointer is a store that can copy its write-ahead log into the
// database file on demand (SQLite); its Close does the same.
type checkpointer interface {
	Checkpoint(ctx context.Context) error
}

// checkpointingPublisher starts the store's checkpoint when `warta once`
// publishes, the cycle's writes being done (the cycle publishes last, after
// its prune): the checkpoint's copying and
// fsyncs then run beside the rendering instead of after it, in Close, at
// the end of the process. Close waits for it (the checkpoint holds the
// store's only writer connection) and finds little left to copy.
type checkpointingPublisher struct {
	pipeline.Publisher
	store  checkpointer
	logger *slog.Logger
	once   sync.Once
	// running is the checkpoint's goroutine, waited for by wait.
	running sync.WaitGroup
}

func (c *checkpointingPublisher) RefreshVersion(ctx context.Context, feedsVersion string) error {
	c.once.Do(func() {
		c.running.Go(func() {
			// A failed checkpoint loses nothing: Close checkpoints again.
			if err := c.store.Checkpoint(context.WithoutCancel(ctx)); err != nil {
				c.logger.Warn("checkpoint beside publishing failed; the store's close does it", "err", err)
			}
		})
	})
	return c.Publisher.RefreshVersion(ctx, feedsVersion)
}

// wait returns when the checkpoint begun by RefreshVersion, if any, has
// ended and logged its failure.
func (c *checkpointingPublisher) wait() { c.running.Wait() }
