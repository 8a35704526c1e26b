package pipeline

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/warta-news/warta/config"
)

// A source is not fetched more often than it asks: Cache-Control max-age,
// or its feed's <ttl> (remembered across 304s). Meanwhile the cycle skips
// it with the outcome "not due" and says when it will be fetched.
func TestSourceNotFetchedBeforeItAsks(t *testing.T) {
	const ttlFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><ttl>60</ttl>
<item><title>Embassy opens</title><link>https://news.example/ttl</link><description>The embassy opened.</description></item>
</channel></rss>`
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		switch r.URL.Path {
		case "/cached":
			w.Header().Set("Cache-Control", "public, max-age=1800")
			w.Write([]byte(oneItem))
		case "/ttl":
			w.Header().Set("ETag", `"t1"`)
			if r.Header.Get("If-None-Match") == `"t1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Write([]byte(ttlFeed))
		default:
			w.Write([]byte(oneItem))
		}
	}))
	defer srv.Close()
	p, _ := newTestPipeline(t, srv.URL+"/cached", srv.URL+"/ttl", srv.URL+"/plain")
	start := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	var clock time.Time
	p.now = func() time.Time { return clock }
	p.schedule = cron.Every(15 * time.Minute)

	type want struct{ cached, ttl Outcome }
	for i, w := range []want{
		{OutcomeFetched, OutcomeFetched},     // 10:00
		{OutcomeNotDue, OutcomeNotDue},       // 10:15
		{OutcomeFetched, OutcomeNotDue},      // 10:30: max-age 30m has passed
		{OutcomeNotDue, OutcomeNotDue},       // 10:45
		{OutcomeFetched, OutcomeNotModified}, // 11:00: ttl 60m has passed; 304
		{OutcomeNotDue, OutcomeNotDue},       // 11:15: the ttl still holds after the 304
	} {
		// Cycles start a little late or early, as real ones do.
		clock = start.Add(time.Duration(i)*15*time.Minute + time.Duration(i%2)*2*time.Second - time.Duration(i%3)*time.Second)
		rep, err := p.RunCycle(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		got := want{rep.PerSource[0].Outcome, rep.PerSource[1].Outcome}
		if got != w {
			t.Errorf("cycle at %s: cached %v, ttl %v; want %v, %v", clock.Format("15:04:05"), got.cached, got.ttl, w.cached, w.ttl)
		}
		if o := rep.PerSource[2].Outcome; o != OutcomeFetched {
			t.Errorf("cycle at %s: the source that asks nothing: %v", clock.Format("15:04:05"), o)
		}
		if rep.Degraded() {
			t.Errorf("cycle at %s: not due counted as degraded", clock.Format("15:04:05"))
		}
		if i == 1 {
			if rep.NotDue != 2 {
				t.Errorf("report: %d not due, want 2", rep.NotDue)
			}
			// Due at 10:30, it is fetched at the next cycle.
			if got, want := rep.PerSource[0].NextAttempt, p.schedule.Next(clock); !got.Equal(want) {
				t.Errorf("not-due source's next attempt %v, want the next cycle %v", got, want)
			}
			var out strings.Builder
			rep.WriteSummary(&out)
			if !strings.Contains(out.String(), "not due 2") || !strings.Contains(out.String(), "  2 sources not due (A, B): ") {
				t.Errorf("summary does not count and name the not-due sources:\n%s", out.String())
			}
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if hits["/cached"] != 3 || hits["/ttl"] != 2 || hits["/plain"] != 6 {
		t.Errorf("hits %v, want cached 3, ttl 2, plain 6", hits)
	}
}

// fetch.per_host_interval: unset is the fetcher's per-host default, an
// explicit 0 spaces nothing.
func TestFetchOptionsPerHostInterval(t *testing.T) {
	zero, three := time.Duration(0), 3*time.Second
	for _, c := range []struct {
		set  *time.Duration
		want time.Duration
	}{{nil, 0}, {&zero, -1}, {&three, three}} {
		cfg := &config.Config{Fetch: config.Fetch{PerHostInterval: c.set}}
		if got := FetchOptions(cfg).PerHostInterval; got != c.want {
			t.Errorf("per_host_interval %v: fetch option %v, want %v", c.set, got, c.want)
		}
	}
}
