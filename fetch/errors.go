package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// ErrTooLarge reports a body whose decompressed size exceeds
// Options.MaxBodyBytes. It is returned wrapped; test with errors.Is.
var ErrTooLarge = errors.New("fetch: response body too large")

// ErrTooManyRedirects reports a redirect chain longer than
// Options.MaxRedirects. It is returned wrapped; test with errors.Is.
var ErrTooManyRedirects = errors.New("fetch: too many redirects")

// ErrUnsupportedEncoding reports a Content-Encoding this package cannot
// decode (it only asks for gzip). It is returned wrapped.
var ErrUnsupportedEncoding = errors.New("fetch: unsupported content encoding")

// StatusError is returned for a final response that is neither 2xx nor 304.
type StatusError struct {
	StatusCode int
	// RetryAfter is the server's Retry-After (429 and 503 only), zero when
	// absent or unparseable.
	RetryAfter time.Duration
}

// Error returns e.g. "fetch: http 503 Service Unavailable".
func (e *StatusError) Error() string {
	if text := http.StatusText(e.StatusCode); text != "" {
		return fmt.Sprintf("fetch: http %d %s", e.StatusCode, text)
	}
	return fmt.Sprintf("fetch: http %d", e.StatusCode)
}

// Temporary reports whether a later retry of the same request may succeed:
// timeouts, cancellations, network failures (DNS ones, "no such host"
// included), truncated bodies, 408, 425,
// 429 and 5xx. Not found, gone, other 4xx, a body over the cap, a redirect
// loop, a bad URL, an unsupported encoding or a certificate error are
// permanent until someone changes something.
func Temporary(err error) bool {
	if err == nil {
		return false
	}
	var se *StatusError
	if errors.As(err, &se) {
		switch c := se.StatusCode; {
		case c == http.StatusRequestTimeout, c == http.StatusTooEarly,
			c == http.StatusTooManyRequests, c >= 500 && c <= 599:
			return true
		default:
			return false
		}
	}
	if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrTooManyRedirects) ||
		errors.Is(err, ErrUnsupportedEncoding) {
		return false
	}
	// Cancellation is the caller's doing (shutdown), not the source's fault.
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return true
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		// Every DNS failure, NXDOMAIN included: a resolver answers "no
		// such host" while a machine has no network yet (boot, a captive
		// portal's DNS), and the name resolves once it has.
		return true
	}
	if isTimeout(err) {
		return true
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return true // refused, reset, unreachable
	}
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// HostNotFound reports whether err is a resolver's "no such host"
// (NXDOMAIN). Temporary counts it as temporary, for a configured URL; a
// URL a feed moved to whose host stops resolving is given up instead
// (the domain may have lapsed while the configured URL still works).
func HostNotFound(err error) bool {
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr) && dnsErr.IsNotFound
}
