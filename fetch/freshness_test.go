package fetch

import (
	"net/http"
	"testing"
	"time"
)

func TestFreshFor(t *testing.T) {
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	date := now.Format(http.TimeFormat)
	for _, c := range []struct {
		name   string
		header http.Header
		want   time.Duration
	}{
		{"nothing", http.Header{}, 0},
		{"max-age", http.Header{"Cache-Control": {"public, max-age=1800"}}, 30 * time.Minute},
		{"max-age less age", http.Header{"Cache-Control": {"max-age=1800"}, "Age": {"600"}}, 20 * time.Minute},
		{"older than max-age", http.Header{"Cache-Control": {"max-age=60"}, "Age": {"600"}}, 0},
		{"max-age beats expires", http.Header{"Cache-Control": {"max-age=60"},
			"Expires": {now.Add(time.Hour).Format(http.TimeFormat)}, "Date": {date}}, time.Minute},
		{"no-cache", http.Header{"Cache-Control": {"max-age=600, no-cache"}}, 0},
		{"no-store", http.Header{"Cache-Control": {"no-store"}, "Expires": {now.Add(time.Hour).Format(http.TimeFormat)}}, 0},
		{"bad max-age", http.Header{"Cache-Control": {"max-age=soon"}}, 0},
		{"huge max-age", http.Header{"Cache-Control": {"max-age=99999999999999"}}, MaxPollWait},
		{"expires", http.Header{"Expires": {now.Add(45 * time.Minute).Format(http.TimeFormat)}, "Date": {date}}, 45 * time.Minute},
		{"expires without date", http.Header{"Expires": {now.Add(10 * time.Minute).Format(http.TimeFormat)}}, 10 * time.Minute},
		{"expires past", http.Header{"Expires": {now.Add(-time.Hour).Format(http.TimeFormat)}, "Date": {date}}, 0},
		{"expires 0", http.Header{"Expires": {"0"}}, 0},
	} {
		if got := freshFor(c.header, now); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestPollWait(t *testing.T) {
	for _, c := range []struct{ fresh, feed, want time.Duration }{
		{0, 0, 0},
		{30 * time.Second, 0, 0}, // under the floor: the schedule decides
		{10 * time.Minute, 0, 10 * time.Minute},
		{10 * time.Minute, time.Hour, time.Hour}, // the longer ask wins
		{0, 30 * 24 * time.Hour, MaxPollWait},    // capped
	} {
		if got := PollWait(c.fresh, c.feed); got != c.want {
			t.Errorf("PollWait(%v, %v) = %v, want %v", c.fresh, c.feed, got, c.want)
		}
	}
}

// A fetch reports the freshness its response declared, on 200 and on 304.
func TestResultFreshFor(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=900")
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write([]byte(feedXML))
	})
	f := newFetcher(t, Options{})
	for _, etag := range []string{"", `"v1"`} {
		res, err := f.Fetch(testCtx(t), Request{URL: srv.URL, ETag: etag})
		if err != nil {
			t.Fatal(err)
		}
		if res.FreshFor != 15*time.Minute {
			t.Errorf("status %d: FreshFor %v, want 15m", res.StatusCode, res.FreshFor)
		}
	}
}
