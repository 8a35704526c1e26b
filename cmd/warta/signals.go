package main

import (
	"context"
	"fmt"
	"io"
	"os"
)

// exitInterrupted is the exit code when a second signal ends warta at once
// (128 + SIGINT, as shells report an interrupted command).
const exitInterrupted = 130

// cancelOnSignal returns a context that the first signal on sigs cancels:
// in-flight work stops and the store is closed cleanly. A second signal
// calls exit(exitInterrupted) at once, for an operator who will not wait.
// stop ends the watch.
func cancelOnSignal(parent context.Context, sigs <-chan os.Signal, stderr io.Writer, exit func(int)) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(parent)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			fmt.Fprintf(stderr, "warta: %v: stopping (send it again to exit at once)\n", sig)
			cancel()
		case <-done:
			return
		}
		select {
		case sig := <-sigs:
			fmt.Fprintf(stderr, "warta: %v again: exiting now\n", sig)
			exit(exitInterrupted)
		case <-done:
		}
	}()
	return ctx, func() {
		close(done)
		cancel()
	}
}
