// Package metrics exposes what warta's cycles do as Prometheus metrics.
//
// A cycle's result is "ok" when every source answered, "degraded" when it
// ran to its end but some source failed, backs off or is retired, and
// "error" when storage or publishing failed. Every configured source has
// its series from the first cycle on: warta_source_last_success_timestamp_seconds
// is 0 for a source that never answered, and warta_source_failures the
// consecutive failures (0 when healthy).
package metrics

import (
	"net/http"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/warta-news/warta/pipeline"
)

// Metrics records cycles. It implements pipeline.Observer; all its state
// lives in its own registry.
type Metrics struct {
	registry      *prometheus.Registry
	cycles        *prometheus.CounterVec
	cycleDuration prometheus.Histogram
	lastCycle     prometheus.Gauge
	fetches       *prometheus.CounterVec
	articles      *prometheus.CounterVec
	stories       prometheus.Counter
	lastSuccess   *prometheus.GaugeVec
	failures      *prometheus.GaugeVec

	// mu guards observed: the sources that have series, for KeepSources.
	mu       sync.Mutex
	observed map[string]bool
}

// New returns metrics registered in a new registry, with the Go runtime
// and process collectors beside them.
func New() *Metrics {
	m := &Metrics{
		observed: map[string]bool{},
		registry: prometheus.NewRegistry(),
		cycles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "warta_cycles_total", Help: "Cycles run, by result: ok, degraded (some source failed, backs off or is retired) or error.",
		}, []string{"result"}),
		cycleDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "warta_cycle_duration_seconds", Help: "How long a cycle took.",
			Buckets: prometheus.ExponentialBuckets(0.5, 2, 10),
		}),
		lastCycle: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "warta_last_cycle_timestamp_seconds", Help: "When the last cycle ended.",
		}),
		fetches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "warta_source_fetches_total",
			Help: "Source fetches by outcome: fetched, not_modified, skipped (backing off), failed, retired (410 Gone), not_due (it asked to be left alone until later) or elsewhere (another daemon sharing the store claimed it).",
		}, []string{"source", "outcome"}),
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "warta_articles_stored_total", Help: "Articles stored for the first time, by source.",
		}, []string{"source"}),
		stories: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "warta_stories_started_total", Help: "Articles that started a new story.",
		}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "warta_source_last_success_timestamp_seconds",
			Help: "When a source last answered with a feed or 304; 0 if it never did.",
		}, []string{"source"}),
		failures: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "warta_source_failures",
			Help: "Consecutive failed fetches of a source; 0 when it answered last time.",
		}, []string{"source"}),
	}
	m.registry.MustRegister(m.cycles, m.cycleDuration, m.lastCycle, m.fetches, m.articles, m.stories, m.lastSuccess, m.failures,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// ObserveCycle records one cycle.
func (m *Metrics) ObserveCycle(rep pipeline.Report, err error) {
	result := "ok"
	switch {
	case err != nil:
		result = "error"
	case rep.Degraded():
		result = "degraded"
	}
	m.cycles.WithLabelValues(result).Inc()
	if !rep.Finished.IsZero() {
		m.cycleDuration.Observe(rep.Finished.Sub(rep.Started).Seconds())
		m.lastCycle.Set(float64(rep.Finished.Unix()))
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, s := range rep.PerSource {
		m.observed[s.Name] = true
		m.fetches.WithLabelValues(s.Name, s.Outcome.String()).Inc()
		m.articles.WithLabelValues(s.Name).Add(float64(s.New))
		m.failures.WithLabelValues(s.Name).Set(float64(s.Failures))
		last := 0.0
		if !s.LastSuccess.IsZero() {
			last = float64(s.LastSuccess.Unix())
		}
		m.lastSuccess.WithLabelValues(s.Name).Set(last)
	}
	m.stories.Add(float64(rep.NewStories))
}

// KeepSources drops the series of every source observed but not in names
// (the sources of a reloaded config), so that an alert on a removed
// source's failures clears.
func (m *Metrics) KeepSources(names []string) {
	keep := make(map[string]bool, len(names))
	for _, n := range names {
		keep[n] = true
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for name := range m.observed {
		if keep[name] {
			continue
		}
		labels := prometheus.Labels{"source": name}
		for _, v := range []interface{ DeletePartialMatch(prometheus.Labels) int }{m.fetches, m.articles, m.lastSuccess, m.failures} {
			v.DeletePartialMatch(labels)
		}
		delete(m.observed, name)
	}
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}
