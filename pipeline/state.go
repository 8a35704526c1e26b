package pipeline

import (
	"errors"
	"time"

	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/store"
)

// movedAfter is how many fetches in a row must be permanently redirected
// (301, 308) to one URL before the source is fetched there: one redirect
// may be a mistake on the server.
const movedAfter = 2

// notDueSlack is how early a source whose feed asked not to be fetched
// again before a time is fetched anyway: cycles do not start to the
// second, and one that starts a moment early must not skip the source for
// a whole further cycle.
const notDueSlack = time.Minute

// sourceState is one source's fetch state with its transitions. The store
// keeps the state; this type alone changes it.
type sourceState struct {
	store.FetchState
	// retiredURL is the URL the source had when a 410 Gone retired it,
	// "" when it is not retired.
	retiredURL string
	// note is what is remembered beside the fetch state.
	note sourceNote
}

// sourceNote is what the pipeline remembers of a source beside its fetch
// state, kept in the store's meta (metaSourceNotes). It holds for one
// configured URL: when the config names another, it is void, and so is
// the fetch state (see forURL).
type sourceNote struct {
	// ConfigURL is the configured URL this note, and the fetch state
	// stored beside it, are about. A source fetched by a build before
	// this field was kept for every source has none: its state is taken
	// to be of the URL configured now.
	ConfigURL string `json:"config_url"`
	// MovedTo is where the feed moved for good (movedAfter permanent
	// redirects in a row); it is fetched instead of ConfigURL.
	MovedTo string `json:"moved_to,omitempty"`
	// Redirect is the permanent redirect target of the last fetches, and
	// Redirects how many in a row went there, until they reach movedAfter.
	Redirect  string `json:"redirect,omitempty"`
	Redirects int    `json:"redirects,omitempty"`
	// TTL is the refresh interval the feed asked for at its last parse
	// (RSS <ttl>), still honoured when later fetches answer 304.
	TTL time.Duration `json:"ttl,omitempty"`
}

// forURL is the state of the source as configured at configURL: the
// stored one, or a fresh one when the stored state was measured at another
// configured URL. A new URL starts afresh: the old one's validators would
// make the new feed answer 304 for good, and its backoff, Retry-After and
// refresh interval are about a server the source no longer asks.
func (s sourceState) forURL(configURL string) sourceState {
	if s.note.ConfigURL == "" || s.note.ConfigURL == configURL {
		return s
	}
	return sourceState{note: sourceNote{ConfigURL: configURL}}
}

// noteFor returns the note on configURL; a note on another URL is void.
func (s *sourceState) noteFor(configURL string) sourceNote {
	if s.note.ConfigURL != configURL {
		return sourceNote{ConfigURL: configURL}
	}
	return s.note
}

// fetchURL is where the source configured at configURL is fetched: where
// it moved, if it did.
func (s *sourceState) fetchURL(configURL string) string {
	if n := s.noteFor(configURL); n.MovedTo != "" {
		return n.MovedTo
	}
	return configURL
}

// redirected records where a successful fetch of the source configured at
// configURL was permanently redirected ("" for nowhere, or only through a
// temporary redirect) and reports whether the source has now moved there.
func (s *sourceState) redirected(configURL, target string) (moved bool) {
	n := s.noteFor(configURL)
	switch {
	case target == "":
		n.Redirect, n.Redirects = "", 0
	case target == n.Redirect:
		n.Redirects++
	default:
		n.Redirect, n.Redirects = target, 1
	}
	if n.Redirects >= movedAfter {
		n.MovedTo, n.Redirect, n.Redirects = n.Redirect, "", 0
		moved = true
	}
	s.note = n
	return moved
}

// forgetMove drops the move of the source configured at configURL, so its
// configured URL is fetched again.
func (s *sourceState) forgetMove(configURL string) {
	n := s.noteFor(configURL)
	n.MovedTo, n.Redirect, n.Redirects = "", "", 0
	s.note = n
}

// feedInterval records the refresh interval the feed at configURL asked
// for at its last parse.
func (s *sourceState) feedInterval(configURL string, ttl time.Duration) {
	n := s.noteFor(configURL)
	n.TTL = ttl
	s.note = n
}

// parsed records what the last successful parse found: items, and the
// items' language votes (Prepared.Votes).
func (s *sourceState) parsed(items int, votes string) {
	s.Items, s.ItemVotes = items, votes
}

// retired reports whether the source is gone at url: a 410 retired it and
// its configured URL has not changed since.
func (s *sourceState) retired(url string) bool {
	return s.retiredURL != "" && s.retiredURL == url
}

// backingOff reports whether the source waits at now after failures.
func (s *sourceState) backingOff(now time.Time) bool {
	return s.Failures > 0 && now.Before(s.NextAttempt)
}

// retryAt is when the failing source is tried again, as the state is read
// from the store: NextAttempt, but no later than the longest wait maxBackoff allows after its
// last attempt. A wait is stored as a time, computed under the cap of its
// day: a lowered fetch.max_backoff bounds the waits stored before too.
func (s *sourceState) retryAt(maxBackoff time.Duration) time.Time {
	if s.Failures == 0 || s.LastAttempt.IsZero() {
		return s.NextAttempt
	}
	if bound := s.LastAttempt.Add(fetch.LongestWait(s.LastStatus, maxBackoff)); s.NextAttempt.After(bound) {
		return bound
	}
	return s.NextAttempt
}

// notDue reports whether the source, which answered last time, asked (by
// Cache-Control, Expires or its feed's <ttl>) not to be fetched at now.
func (s *sourceState) notDue(now time.Time) bool {
	return s.Failures == 0 && now.Add(notDueSlack).Before(s.NextAttempt)
}

// attempted records the start of a fetch.
func (s *sourceState) attempted(now time.Time) { s.LastAttempt = now }

// succeeded records an answer at now: a feed, or 304 Not Modified. The
// validators are sent with the next conditional GET; the source is not due
// again until wait (fetch.PollWait) has passed.
func (s *sourceState) succeeded(now time.Time, status int, etag, lastModified string, wait time.Duration) {
	s.LastSuccess = now
	s.LastStatus = status
	s.ETag, s.LastModified = etag, lastModified
	s.Failures = 0
	s.LastError = ""
	s.NextAttempt = time.Time{}
	if wait > 0 {
		s.NextAttempt = now.Add(wait)
	}
	s.retiredURL = ""
}

// failed records a failed fetch or parse at now (when it failed), classified
// by fetch.RetryAfterFailure: a 410 retires the source at url; anything
// else backs off, measured from the failure. The validators are dropped so
// that the next fetch gets the body again, unless the request was never
// made (a *fetch.HeldError).
func (s *sourceState) failed(now time.Time, err error, url string, maxBackoff time.Duration) {
	var se *fetch.StatusError
	if errors.As(err, &se) {
		s.LastStatus = se.StatusCode
	}
	// A source held back for its server's Retry-After was not asked: its
	// validators still describe what it holds, and the wait is the
	// server's, not a failure of its own to lengthen its backoff.
	var held *fetch.HeldError
	failures := s.Failures + 1
	if !errors.As(err, &held) {
		s.ETag, s.LastModified = "", ""
		s.Failures = failures
	}
	// The text reaches the public status pages: every URL in it is
	// redacted, the source's and any other an error quotes. It may quote
	// a server's bytes: the store keeps it as text.
	s.LastError = normalize.StorableText(fetch.RedactText(err.Error()))
	retry := fetch.RetryAfterFailure(err, failures, maxBackoff)
	if retry.Retire {
		s.retiredURL = url
		s.NextAttempt = time.Time{}
		return
	}
	s.NextAttempt = now.Add(retry.After)
}
