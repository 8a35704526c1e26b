package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
)

// blockingCheckpointer counts checkpoints, each of which waits for
// release.
type blockingCheckpointer struct {
	calls   atomic.Int32
	release chan struct{}
	done    chan struct{}
}

func (c *blockingCheckpointer) Checkpoint(context.Context) error {
	c.calls.Add(1)
	<-c.release
	close(c.done)
	return nil
}

type countingPublisher struct{ versions []string }

func (p *countingPublisher) RefreshVersion(_ context.Context, v string) error {
	p.versions = append(p.versions, v)
	return nil
}

// Publishing starts the store's checkpoint once and does not wait for it.
func TestCheckpointRunsBesidePublishing(t *testing.T) {
	ckpt := &blockingCheckpointer{release: make(chan struct{}), done: make(chan struct{})}
	pub := &countingPublisher{}
	c := &checkpointingPublisher{Publisher: pub, store: ckpt, logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	for _, v := range []string{"v1", "v2"} {
		if err := c.RefreshVersion(context.Background(), v); err != nil {
			t.Fatal(err)
		}
	}
	// Both refreshes returned while the checkpoint is still held.
	if len(pub.versions) != 2 || pub.versions[1] != "v2" {
		t.Fatalf("publisher refreshed %v, want [v1 v2]", pub.versions)
	}
	close(ckpt.release)
	<-ckpt.done
	if n := ckpt.calls.Load(); n != 1 {
		t.Fatalf("%d checkpoints, want 1", n)
	}
}

// failingCheckpointer's checkpoint fails once release is closed.
type failingCheckpointer struct{ release chan struct{} }

func (c *failingCheckpointer) Checkpoint(context.Context) error {
	<-c.release
	return errors.New("database is closed")
}

// wait returns only once the checkpoint begun beside publishing has ended
// and its failure is logged: a log written after the run has ended raced
// with the reader of the log (TestHostileItemsEndToEnd under -race).
func TestCheckpointWaitIncludesItsLog(t *testing.T) {
	var logged bytes.Buffer
	ckpt := &failingCheckpointer{release: make(chan struct{})}
	c := &checkpointingPublisher{Publisher: &countingPublisher{}, store: ckpt, logger: slog.New(slog.NewTextHandler(&logged, nil))}
	if err := c.RefreshVersion(context.Background(), "v1"); err != nil {
		t.Fatal(err)
	}
	close(ckpt.release)
	c.wait()
	if !strings.Contains(logged.String(), "checkpoint beside publishing failed") {
		t.Fatalf("log after wait: %q, want the checkpoint's failure", logged.String())
	}
}
