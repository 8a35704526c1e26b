package pipeline

import (
	"context"
	"log/slog"
	"time"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store"
)

// SourceState is a source's fetch state as the status pages show it: its
// NextAttempt is the cycle that fetches it, WaitEnds its stored wait's end.
type SourceState struct {
	store.FetchState
	// WaitEnds is when the source's stored wait (a backoff, a
	// Retry-After) ends, zero when it has none: NextAttempt is the first
	// cycle at or after it.
	WaitEnds time.Time
}

// SourceStates returns the fetch state of each of cfg's sources that has
// one, as a cycle of cfg at now takes it from st: a state stored for
// another configured URL is fresh (a source whose URL changed starts
// afresh, with no error, failures or wait of the old URL), a stored wait
// is bounded by fetch.max_backoff, and a source with a wait, running or
// ended, is next fetched at the first cycle of cycles after now at or
// after the wait's end (FirstCycleAt). The status pages show these.
// cycles is read once (Fixed): one evaluation asks a daemon's cron entry
// once, however many sources wait.
func SourceStates(ctx context.Context, st store.Store, cfg *config.Config, cycles Schedule, now time.Time, logger *slog.Logger) (map[string]SourceState, error) {
	p := &Pipeline{store: st, cfg: cfg, logger: logger, schedule: fixed(cycles), cycleStart: now}
	states, err := p.loadStates(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]SourceState, len(cfg.Sources))
	for _, src := range cfg.Sources {
		s, ok := states[src.Name]
		if !ok {
			continue
		}
		shown := SourceState{FetchState: s.FetchState, WaitEnds: s.NextAttempt}
		if !s.NextAttempt.IsZero() {
			shown.NextAttempt = p.shownNext(s.Failures > 0, s.NextAttempt)
		}
		out[src.Name] = shown
	}
	return out, nil
}

// shownNext is when a source whose stored wait ends at due is fetched
// again, as the reports and the status pages say it: the first cycle at or
// after due for a failing source, and for one that asked not to be
// fetched before due, the first cycle it is no longer notDue at.
func (p *Pipeline) shownNext(failing bool, due time.Time) time.Time {
	if failing {
		return p.nextTry(due)
	}
	return p.nextTry(due.Add(-notDueSlack))
}
