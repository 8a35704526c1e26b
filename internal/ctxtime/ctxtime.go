// Package ctxtime holds the one way warta waits: a sleep that ends early
// when its context does.
package ctxtime

import (
	"context"
	"time"
)

// Sleep waits d unless ctx ends first, then returning its error; a d of
// zero or less returns at once.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
