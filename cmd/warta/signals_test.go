package main

import (
	"bytes"
	"context"
	"os"
	"sync"
	"syscall"
	"testing"
)

// syncBuffer is a bytes.Buffer safe for the signal goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// The first signal cancels the work; a second one exits at once with a
// non-zero code.
func TestSecondSignalExitsAtOnce(t *testing.T) {
	sigs := make(chan os.Signal)
	exited := make(chan int, 1)
	var stderr syncBuffer
	ctx, stop := cancelOnSignal(context.Background(), sigs, &stderr, func(code int) { exited <- code })
	defer stop()

	sigs <- syscall.SIGTERM
	<-ctx.Done() // the first signal cancels
	select {
	case code := <-exited:
		t.Fatalf("exited (%d) after the first signal", code)
	default:
	}
	sigs <- os.Interrupt
	if code := <-exited; code == 0 {
		t.Fatalf("second signal: exit code %d, want non-zero", code)
	}
}

// Without a signal nothing is cancelled and nothing said; stop cancels
// the context at once, for the work to end with the command.
func TestNoSignalNoCancel(t *testing.T) {
	sigs := make(chan os.Signal)
	var stderr syncBuffer
	ctx, stop := cancelOnSignal(context.Background(), sigs, &stderr, func(int) { t.Error("exit called") })
	if ctx.Err() != nil {
		t.Fatal("cancelled without a signal")
	}
	stop()
	if ctx.Err() == nil {
		t.Error("stop left the context running")
	}
	stderr.mu.Lock()
	defer stderr.mu.Unlock()
	if stderr.b.Len() > 0 {
		t.Errorf("said without a signal: %q", stderr.b.String())
	}
}
