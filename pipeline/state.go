package pipeline

import (
	"errors"
	"time"

	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/store"
)

// sourceState is one source's fetch state with its transitions. The store
// keeps the state; this type alone changes it.
type sourceState struct {
	store.FetchState
	// retiredURL is the URL the source had when a 410 Gone retired it,
	// "" when it is not retired.
	retiredURL string
}

// retired reports whether the source is gone at url: a 410 retired it and
// its configured URL has not changed since.
func (s *sourceState) retired(url string) bool {
	return s.retiredURL != "" && s.retiredURL == url
}

// due reports whether the source may be fetched at now: it is not backing
// off after failures.
func (s *sourceState) due(now time.Time) bool {
	return s.NextAttempt.IsZero() || !now.Before(s.NextAttempt)
}

// attempted records the start of a fetch.
func (s *sourceState) attempted(now time.Time) { s.LastAttempt = now }

// succeeded records an answer: a feed, or 304 Not Modified. The validators
// are sent with the next conditional GET.
func (s *sourceState) succeeded(now time.Time, status int, etag, lastModified string) {
	s.LastSuccess = now
	s.LastStatus = status
	s.ETag, s.LastModified = etag, lastModified
	s.Failures = 0
	s.LastError = ""
	s.NextAttempt = time.Time{}
	s.retiredURL = ""
}

// failed records a failed fetch or parse at now (when it failed), classified
// by fetch.RetryAfterFailure: a 410 retires the source at url; anything
// else backs off, measured from the failure. The validators are dropped so
// that the next fetch gets the body again.
func (s *sourceState) failed(now time.Time, err error, url string, maxBackoff time.Duration) {
	var se *fetch.StatusError
	if errors.As(err, &se) {
		s.LastStatus = se.StatusCode
	}
	s.ETag, s.LastModified = "", ""
	s.Failures++
	s.LastError = err.Error()
	retry := fetch.RetryAfterFailure(err, s.Failures, maxBackoff)
	if retry.Retire {
		s.retiredURL = url
		s.NextAttempt = time.Time{}
		return
	}
	s.NextAttempt = now.Add(retry.After)
}
