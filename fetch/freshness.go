package fetch

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Bounds of how long a source may ask not to be fetched again (Cache-Control
// max-age, Expires, RSS <ttl>); PollWait applies them.
const (
	// MinPollWait: a shorter wait is not worth keeping; the schedule
	// alone decides.
	MinPollWait = time.Minute
	// MaxPollWait caps a longer one, so a careless header cannot silence
	// a news source for days.
	MaxPollWait = 3 * time.Hour
)

// PollWait is how long to leave a source alone after it answered, given
// the freshness its response declared (Result.FreshFor) and the interval
// its feed asked for (an RSS <ttl>): the longer of the two, 0 when under
// MinPollWait, at most MaxPollWait.
func PollWait(freshFor, feedInterval time.Duration) time.Duration {
	d := max(freshFor, feedInterval)
	if d < MinPollWait {
		return 0
	}
	return min(d, MaxPollWait)
}

// freshFor reads how long a response stays fresh for a private cache:
// Cache-Control max-age less the Age header, else Expires less Date (or
// now). no-store, no-cache and a malformed or past Expires give 0.
func freshFor(h http.Header, now time.Time) time.Duration {
	maxAge, hasMaxAge := time.Duration(0), false
	for _, line := range h.Values("Cache-Control") {
		for _, dir := range strings.Split(line, ",") {
			name, value, _ := strings.Cut(strings.TrimSpace(dir), "=")
			switch strings.ToLower(strings.TrimSpace(name)) {
			case "no-store", "no-cache":
				return 0
			case "max-age":
				secs, err := strconv.ParseInt(strings.Trim(strings.TrimSpace(value), `"`), 10, 64)
				if err != nil || secs < 0 {
					return 0 // RFC 9111: an invalid max-age means stale
				}
				maxAge, hasMaxAge = time.Duration(min(secs, int64(MaxPollWait/time.Second)))*time.Second, true
			}
		}
	}
	if hasMaxAge {
		if age, err := strconv.ParseInt(strings.TrimSpace(h.Get("Age")), 10, 64); err == nil && age > 0 {
			maxAge -= time.Duration(min(age, int64(MaxPollWait/time.Second))) * time.Second
		}
		return max(maxAge, 0)
	}
	exp := h.Get("Expires")
	if exp == "" {
		return 0
	}
	expires, err := http.ParseTime(exp)
	if err != nil {
		return 0
	}
	date := now
	if d, err := http.ParseTime(h.Get("Date")); err == nil {
		date = d
	}
	return min(max(expires.Sub(date), 0), MaxPollWait)
}
