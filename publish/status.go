package publish

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"
)

// SourceStatus is what the store knows about fetching one source.
type SourceStatus struct {
	Name string
	// LastAttempt, LastSuccess and NextAttempt are zero when unknown.
	// NextAttempt is the cycle that fetches the source again.
	LastAttempt, LastSuccess, NextAttempt time.Time
	// WaitEnds is when the source's wait (a backoff, a Retry-After) ends,
	// at or before NextAttempt; zero when unknown, and NextAttempt stands
	// for it (waitEnds).
	WaitEnds time.Time
	// Failures counts consecutive failed fetches.
	Failures int
	// LastStatus is the HTTP status of the last attempt (0 when none).
	LastStatus int
	// LastError is the error of the last attempt, "" on success.
	LastError string
	// Articles is the number of articles stored from the source; -1 when
	// unknown.
	Articles int
}

// StatusReader gives the pages each source's fetch status at now (the
// publisher's clock, Options.Now).
type StatusReader interface {
	SourceStatuses(ctx context.Context, now time.Time) ([]SourceStatus, error)
}

// ArticleCounter counts the articles first seen since t by UTC hour (the
// hour's start), per source (topic "") and per topic (source ""); the
// status pages chart them. store.Store satisfies it.
type ArticleCounter interface {
	ArticlesPerHour(ctx context.Context, t time.Time, fn func(hour time.Time, source, topic string, n int) error) error
}

// CycleStatus is the outcome of one cycle, as the pages show it.
type CycleStatus struct {
	Started, Finished time.Time
	// Sources, Failed and New count the sources, those that failed, and
	// the articles stored for the first time.
	Sources, Failed, New int
	// Err is why the cycle failed, "" when it ran to its end.
	Err string
}

// RecordCycle tells the pages about a finished cycle.
func (p *Publisher) RecordCycle(c CycleStatus) {
	p.cycle.Store(&c)
}

// LastCycle returns the last cycle recorded; ok is false before any.
func (p *Publisher) LastCycle() (c CycleStatus, ok bool) {
	if last := p.cycle.Load(); last != nil {
		return *last, true
	}
	return CycleStatus{}, false
}

// Outcomes of a source, as the status pages name them.
const (
	OutcomeOK         = "ok"
	OutcomeNotFetched = "not fetched yet"
	OutcomeFailing    = "failing"
	OutcomeBackingOff = "backing off"
	OutcomeRetired    = "retired"
)

// outcome names the state of a source at now.
func (s SourceStatus) outcome(now time.Time) string {
	switch {
	case s.LastAttempt.IsZero():
		return OutcomeNotFetched
	case s.LastError == "" && s.Failures == 0:
		return OutcomeOK
	case s.LastStatus == 410 && s.NextAttempt.IsZero():
		// 410 Gone: not fetched again until its URL changes.
		return OutcomeRetired
	case s.waitEnds().After(now):
		return OutcomeBackingOff
	default:
		return OutcomeFailing
	}
}

// waitEnds is when the source's wait ends (WaitEnds, else NextAttempt).
func (s SourceStatus) waitEnds() time.Time {
	if s.WaitEnds.IsZero() {
		return s.NextAttempt
	}
	return s.WaitEnds
}

// chartDays is how far back the status charts go; chartHours their bars.
const (
	chartDays  = 3
	chartHours = chartDays * 24
)

// hourly is a count per hour over the chart window, oldest first.
type hourly [chartHours]int

// statusData is what the status page and JSON show.
type statusData struct {
	Now       time.Time
	Cycle     *CycleStatus
	Sources   []sourceRow
	Failing   int
	ChartFrom time.Time
	// Topics and SourceCharts are the articles per hour, by topic slug and
	// by source name.
	Topics       map[string]*hourly
	SourceCharts map[string]*hourly
}

// sourceRow is one source on the status page.
type sourceRow struct {
	SourceStatus
	Outcome string
}

// failing reports whether the source is not delivering news.
func (r sourceRow) failing() bool { return bad(r.Outcome) }

// bad reports whether an outcome means the source delivers no news.
func bad(outcome string) bool {
	return outcome == OutcomeFailing || outcome == OutcomeBackingOff || outcome == OutcomeRetired
}

// charts are the articles per hour of one chart window, by topic slug
// and by source name, as one snapshot's store held them.
type charts struct {
	from            time.Time
	topics, sources map[string]*hourly
}

// chartCache keeps a snapshot's charts for the window they were counted
// for: the store changes only between snapshots, so each snapshot reads
// it once per chart hour however often the status pages are asked for.
type chartCache struct {
	mu     sync.Mutex // held while counting: one count at a time
	counts *charts
}

// status reads the sources' status and, with withCharts, when the store
// can walk articles, the hourly counts of the chart window (once per
// snapshot and chart hour).
func (p *Publisher) status(ctx context.Context, snap *snapshot, withCharts bool) (*statusData, error) {
	now := p.opts.Now().UTC()
	d := &statusData{
		Now:   now,
		Cycle: p.cycle.Load(),
	}
	names := map[string]bool{}
	if p.opts.Status != nil {
		statuses, err := p.opts.Status.SourceStatuses(ctx, now)
		if err != nil {
			return nil, fmt.Errorf("publish: status: %w", err)
		}
		for _, s := range statuses {
			row := sourceRow{SourceStatus: s, Outcome: s.outcome(now)}
			if row.failing() {
				d.Failing++
			}
			names[s.Name] = true
			d.Sources = append(d.Sources, row)
		}
	}
	// Configured sources never fetched are listed too.
	for _, src := range p.opts.Sources {
		if !names[src.Name] {
			d.Sources = append(d.Sources, sourceRow{SourceStatus: SourceStatus{Name: src.Name, Articles: -1}, Outcome: OutcomeNotFetched})
		}
	}
	sort.SliceStable(d.Sources, func(i, j int) bool {
		a, b := d.Sources[i], d.Sources[j]
		if fa, fb := a.failing(), b.failing(); fa != fb {
			return fa
		}
		return a.Name < b.Name
	})
	d.ChartFrom = now.Truncate(time.Hour).Add(-(chartHours - 1) * time.Hour)
	if !withCharts {
		return d, nil
	}
	c, err := p.charts(ctx, &snap.charts, d.ChartFrom)
	if err != nil {
		return nil, err
	}
	d.Topics, d.SourceCharts = c.topics, c.sources
	return d, nil
}

// charts returns the charts of the window from, counted once into cache.
func (p *Publisher) charts(ctx context.Context, cache *chartCache, from time.Time) (*charts, error) {
	cache.mu.Lock()
	defer cache.mu.Unlock()
	if c := cache.counts; c != nil && c.from.Equal(from) {
		return c, nil
	}
	c := &charts{from: from, topics: map[string]*hourly{}, sources: map[string]*hourly{}}
	if p.opts.Articles != nil {
		bump := func(m map[string]*hourly, key string, i, n int) {
			h := m[key]
			if h == nil {
				h = new(hourly)
				m[key] = h
			}
			h[i] += n
		}
		err := p.opts.Articles.ArticlesPerHour(ctx, from, func(hour time.Time, source, topic string, n int) error {
			i := int(hour.Sub(from) / time.Hour)
			switch {
			case i < 0 || i >= chartHours:
			case topic != "":
				bump(c.topics, topic, i, n)
			default:
				bump(c.sources, source, i, n)
				bump(c.topics, AllSlug, i, n)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("publish: status: %w", err)
		}
	}
	cache.counts = c
	return c, nil
}
