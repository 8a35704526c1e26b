package pipeline

import (
	"context"
	"log/slog"
	"time"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store"
)

// SourceStates returns the fetch state of each of cfg's sources that has
// one, as a cycle of cfg at now takes it from st: a state stored for
// another configured URL is fresh (a source whose URL changed starts
// afresh, with no error, failures or wait of the old URL), a stored wait
// is bounded by fetch.max_backoff, and a wait still running at now ends
// at the first cycle of cycles at or after it (FirstCycleAt), when the
// source is really fetched. The status pages show these.
func SourceStates(ctx context.Context, st store.Store, cfg *config.Config, cycles Schedule, now time.Time, logger *slog.Logger) (map[string]store.FetchState, error) {
	p := &Pipeline{store: st, cfg: cfg, logger: logger, schedule: cycles, cycleStart: now}
	states, err := p.loadStates(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]store.FetchState, len(cfg.Sources))
	for _, src := range cfg.Sources {
		s, ok := states[src.Name]
		if !ok {
			continue
		}
		if s.NextAttempt.After(now) {
			s.NextAttempt = p.shownNext(s.Failures > 0, s.NextAttempt)
		}
		out[src.Name] = s.FetchState
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
