package metrics

import (
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/pipeline"
)

// A cycle in which a source failed is degraded, not ok, and every source
// has its series, a source that never answered included (last success 0).
func TestObserveCycle(t *testing.T) {
	m := New()
	start := time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)
	m.ObserveCycle(pipeline.Report{
		Started: start, Finished: start.Add(3 * time.Second), NewStories: 4, Fetched: 1, Failed: 1,
		PerSource: []pipeline.SourceReport{
			{Name: "Antara", Outcome: pipeline.OutcomeFetched, Items: 20, New: 5, LastSuccess: start},
			{Name: "Tempo", Outcome: pipeline.OutcomeFailed, Err: "fetch: http 503", Failures: 2},
		},
	}, nil)
	m.ObserveCycle(pipeline.Report{Started: start, Finished: start.Add(time.Second), Fetched: 1,
		PerSource: []pipeline.SourceReport{{Name: "Antara", Outcome: pipeline.OutcomeNotModified, LastSuccess: start}}}, nil)
	m.ObserveCycle(pipeline.Report{Started: start}, errors.New("store: disk full"))

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`warta_cycles_total{result="ok"} 1`,
		`warta_cycles_total{result="degraded"} 1`,
		`warta_source_last_success_timestamp_seconds{source="Tempo"} 0`,
		`warta_source_failures{source="Tempo"} 2`,
		`warta_source_failures{source="Antara"} 0`,
		`warta_articles_stored_total{source="Tempo"} 0`,
		`warta_cycles_total{result="error"} 1`,
		`warta_source_fetches_total{outcome="fetched",source="Antara"} 1`,
		`warta_source_fetches_total{outcome="failed",source="Tempo"} 1`,
		`warta_articles_stored_total{source="Antara"} 5`,
		`warta_stories_started_total 4`,
		`warta_cycle_duration_seconds_count 2`,
		`warta_source_last_success_timestamp_seconds{source="Antara"} 1.7951544e+09`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

// A source no longer configured loses its series: an alert on its
// failures clears at the reload that removed it (review 11, F2).
func TestKeepSourcesForgetsRemovedOnes(t *testing.T) {
	m := New()
	start := time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)
	m.ObserveCycle(pipeline.Report{Started: start, Finished: start.Add(time.Second), Failed: 1,
		PerSource: []pipeline.SourceReport{
			{Name: "Antara", Outcome: pipeline.OutcomeFetched, New: 5, LastSuccess: start},
			{Name: "Broken", Outcome: pipeline.OutcomeFailed, Err: "fetch: http 404", Failures: 3},
		}}, nil)
	m.KeepSources([]string{"Antara", "Tempo"})
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	if strings.Contains(body, `source="Broken"`) {
		t.Errorf("metrics keep the removed source's series:\n%s", body)
	}
	for _, want := range []string{
		`warta_source_failures{source="Antara"} 0`,
		`warta_articles_stored_total{source="Antara"} 5`,
		`warta_source_fetches_total{outcome="fetched",source="Antara"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q after KeepSources", want)
		}
	}
}
