package main

import (
	"context"
	"sort"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/pipeline"
	"github.com/warta-news/warta/publish"
	"github.com/warta-news/warta/store"
)

// publishOptions are the publisher's options from the config; st gives
// the pages the sources' status and the articles to chart.
func publishOptions(cfg *config.Config, st store.Store, schedule cron.Schedule, now time.Time) publish.Options {
	opts := publish.Options{
		BaseURL:  cfg.Server.BaseURL,
		Title:    cfg.Publish.Title,
		MaxItems: cfg.Publish.MaxItems,
		Pages:    cfg.Publish.Pages,
		Dir:      cfg.Publish.Dir,
		Interval: scheduleInterval(schedule, now),
		Status:   storeStatus{st},
		Articles: st,
	}
	for _, s := range cfg.Sources {
		opts.Sources = append(opts.Sources, publish.SourceInfo{Name: s.Name, URL: s.URL})
	}
	return opts
}

// scheduleInterval is the time between the next two cycles of the
// schedule after now: how long readers may cache a feed.
func scheduleInterval(s cron.Schedule, now time.Time) time.Duration {
	next := s.Next(now)
	return s.Next(next).Sub(next)
}

// storeStatus reads the sources' fetch status from the store for the
// status pages.
type storeStatus struct{ st store.Store }

// SourceStatuses implements publish.StatusReader.
func (s storeStatus) SourceStatuses(ctx context.Context) ([]publish.SourceStatus, error) {
	states, err := s.st.FetchStates(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]publish.SourceStatus, 0, len(states))
	for name, fs := range states {
		out = append(out, publish.SourceStatus{
			Name: name, LastAttempt: fs.LastAttempt, LastSuccess: fs.LastSuccess, NextAttempt: fs.NextAttempt,
			Failures: fs.Failures, LastStatus: fs.LastStatus, LastError: fs.LastError, Articles: -1,
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// cycleObservers tells every observer about each cycle: the metrics and
// the pages.
type cycleObservers struct {
	metrics pipeline.Observer
	pub     *publish.Publisher
}

// ObserveCycle implements pipeline.Observer.
func (o cycleObservers) ObserveCycle(rep pipeline.Report, err error) {
	o.metrics.ObserveCycle(rep, err)
	c := publish.CycleStatus{Started: rep.Started, Finished: rep.Finished, Sources: rep.Sources, Failed: rep.Failed, New: rep.New}
	if err != nil {
		c.Err = err.Error()
		if c.Finished.IsZero() {
			c.Finished = time.Now()
		}
	}
	o.pub.RecordCycle(c)
}
