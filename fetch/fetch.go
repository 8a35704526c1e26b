package fetch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Request is one feed to fetch, with the validators from the last fetch.
type Request struct {
	URL          string
	ETag         string
	LastModified string
}

// Result is a successful fetch: a 2xx with its body, or a 304.
type Result struct {
	// URL is the final URL after redirects.
	URL        string
	StatusCode int
	// NotModified is set on 304: Body is nil, nothing to parse.
	NotModified bool
	Body        []byte
	// ContentType is the response's Content-Type header; its charset
	// matters to the parser.
	ContentType string
	// ETag and LastModified are the validators to send next time. On 304
	// the request's are kept when the server sends none.
	ETag         string
	LastModified string
	// PermanentRedirect is the new location when 301/308 redirects moved
	// the feed, so the caller can log it or update the source. Only
	// permanent hops from the start of the chain count: after a temporary
	// redirect the target is not a promise.
	PermanentRedirect string
	// FreshFor is how long the response says it stays fresh
	// (Cache-Control max-age, Expires); 0 when it says nothing. PollWait
	// bounds it.
	FreshFor time.Duration
	// FetchedAt is when the response arrived.
	FetchedAt time.Time
}

// Fetcher fetches feeds over one shared HTTP client. It is safe for
// concurrent use.
type Fetcher struct {
	opts   Options
	client *http.Client
	hosts  *hostLimiter
	holds  *hostHolds
	log    *slog.Logger
}

// New returns a Fetcher. Zero Options fields get defaults; a nil logger
// discards.
func New(opts Options, logger *slog.Logger) *Fetcher {
	opts = opts.withDefaults()
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	dialer := &net.Dialer{Timeout: opts.ConnectTimeout, KeepAlive: 30 * time.Second}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   opts.ConnectTimeout,
		ResponseHeaderTimeout: opts.Timeout,
		ExpectContinueTimeout: time.Second,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   opts.PerHost,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
		// We ask for gzip and decode it ourselves so MaxBodyBytes
		// counts decompressed bytes.
		DisableCompression: true,
	}
	return &Fetcher{
		opts: opts,
		client: &http.Client{
			Transport: transport,
			// Redirects are followed by Fetch, hop by hop, to record
			// permanent moves and take each host's slot.
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		},
		hosts: newHostLimiter(opts.PerHost, opts.HostInterval),
		holds: newHostHolds(realClock{}),
		log:   logger,
	}
}

// Held returns the servers (host:port) held back now by a Retry-After, and
// until when: to hand over to the Fetcher of a restart or of another
// process (Hold).
func (f *Fetcher) Held() map[string]time.Time { return f.holds.held() }

// Hold holds server (host:port, as Held gives it) back until until, as if
// it had answered a Retry-After, bounded as one is (a day from now). A
// request to it meanwhile is answered with a *HeldError.
func (f *Fetcher) Hold(server string, until time.Time) { f.holds.hold(server, until) }

// Close releases idle connections. The Fetcher stays usable.
func (f *Fetcher) Close() {
	f.client.CloseIdleConnections()
}

// Fetch downloads req.URL. It returns a Result for 2xx and 304, a
// *StatusError for any other final status, and a wrapped error otherwise
// (ErrTooLarge, ErrTooManyRedirects, network errors, ctx errors). The
// whole fetch is bounded by Options.Timeout; every timeout error matches
// errors.Is(err, context.DeadlineExceeded).
func (f *Fetcher) Fetch(ctx context.Context, req Request) (*Result, error) {
	start := time.Now()
	res, err := f.fetch(ctx, req)
	attrs := []slog.Attr{
		slog.String("url", RedactURL(req.URL)),
		slog.Duration("duration", time.Since(start)),
	}
	var se *StatusError
	switch {
	case err == nil:
		attrs = append(attrs, slog.Int("status", res.StatusCode), slog.Int("bytes", len(res.Body)))
		if res.URL != req.URL {
			attrs = append(attrs, slog.String("final_url", RedactURL(res.URL)))
		}
	case errors.As(err, &se):
		attrs = append(attrs, slog.Int("status", se.StatusCode), slog.Any("error", err))
	default:
		attrs = append(attrs, slog.Any("error", err))
	}
	f.log.LogAttrs(ctx, slog.LevelDebug, "fetch", attrs...)
	return res, err
}

func (f *Fetcher) fetch(parent context.Context, req Request) (*Result, error) {
	u, err := parseHTTPURL(req.URL)
	if err != nil {
		return nil, err
	}
	// Waiting for the host's turn is not part of the fetch's timeout:
	// behind many feeds of one host it may last longer than a fetch.
	first, err := f.acquire(parent, u)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(parent, f.opts.Timeout)
	defer cancel()
	res, err := f.follow(ctx, u, req, first)
	if err != nil && parent.Err() == nil &&
		(errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil || isTimeout(err)) {
		// Our deadline, or the transport's header timeout, perhaps
		// surfaced as some other error: every timeout tests the same
		// way and names the timeout that passed.
		err = &timeoutError{err: err, after: f.opts.Timeout}
	}
	return res, err
}

// follow sends req to u and follows redirects, taking the per-host slot
// for each hop separately; the first hop's slot, release, is already held.
func (f *Fetcher) follow(ctx context.Context, u *url.URL, req Request, release func()) (*Result, error) {
	var moved string
	permanentSoFar := true
	for hops := 0; ; hops++ {
		if hops > 0 {
			var err error
			if release, err = f.acquire(ctx, u); err != nil {
				return nil, err
			}
		}
		resp, err := f.roundTrip(ctx, u, req)
		if err != nil {
			release()
			return nil, err
		}
		loc := resp.Header.Get("Location")
		if !isRedirect(resp.StatusCode) || loc == "" {
			defer release()
			res, err := f.result(resp, u, req)
			if res != nil {
				res.PermanentRedirect = moved
			}
			return res, err
		}
		drain(resp.Body)
		release()
		if hops >= f.opts.MaxRedirects {
			return nil, fmt.Errorf("%w: %s: more than %d", ErrTooManyRedirects, RedactURL(req.URL), f.opts.MaxRedirects)
		}
		next, err := u.Parse(loc)
		if err != nil {
			return nil, fmt.Errorf("fetch: %s: bad redirect location: %w", redacted(u), redactError(err))
		}
		if next, err = checkHTTPURL(next); err != nil {
			return nil, fmt.Errorf("fetch: %s: redirect: %w", redacted(u), err)
		}
		next.Fragment, next.RawFragment = "", ""
		permanent := resp.StatusCode == http.StatusMovedPermanently || resp.StatusCode == http.StatusPermanentRedirect
		permanentSoFar = permanentSoFar && permanent
		if permanentSoFar {
			moved = next.String()
		}
		u = next
	}
}

// acquire takes a slot for u's host, at its turn (the per-host cap and
// interval), unless the server is held back (a *HeldError): checked once
// the turn has come, since a request queued behind the one that earned a
// Retry-After must not go out either.
func (f *Fetcher) acquire(ctx context.Context, u *url.URL) (release func(), err error) {
	if err := f.holds.check(u); err != nil {
		return nil, err
	}
	release, err = f.hosts.acquire(ctx, strings.ToLower(u.Hostname()))
	if err != nil {
		return nil, fmt.Errorf("fetch: %s: waiting for host slot: %w", redacted(u), err)
	}
	if err := f.holds.check(u); err != nil {
		release()
		return nil, err
	}
	return release, nil
}

// roundTrip sends one GET; the caller holds the host's slot. On success the
// caller owns resp.Body.
func (f *Fetcher) roundTrip(ctx context.Context, u *url.URL, req Request) (*http.Response, error) {
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	h := hreq.Header
	h.Set("User-Agent", f.opts.UserAgent)
	h.Set("Accept", accept)
	h.Set("Accept-Encoding", "gzip")
	if req.ETag != "" {
		h.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		h.Set("If-Modified-Since", req.LastModified)
	}
	resp, err := f.client.Do(hreq)
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", redactError(err))
	}
	return resp, nil
}

// maxValidatorBytes bounds a validator kept: real ETags and dates are
// tens of bytes.
const maxValidatorBytes = 1 << 10

// validator is a response's ETag or Last-Modified as kept to be echoed
// back, or "" when it is not valid UTF-8 without control characters (HTTP
// allows any byte from 0x80; a store keeps the validator as text) or is
// over maxValidatorBytes: the next request is then unconditional.
func validator(v string) string {
	if len(v) > maxValidatorBytes || !utf8.ValidString(v) || strings.ContainsFunc(v, unicode.IsControl) {
		return ""
	}
	return v
}

// result turns a final (non-redirect) response into a Result or an error.
func (f *Fetcher) result(resp *http.Response, u *url.URL, req Request) (*Result, error) {
	now := time.Now()
	code := resp.StatusCode
	res := &Result{
		URL:          u.String(),
		StatusCode:   code,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         validator(resp.Header.Get("ETag")),
		LastModified: validator(resp.Header.Get("Last-Modified")),
		FreshFor:     freshFor(resp.Header, now),
		FetchedAt:    now,
	}
	switch {
	case code == http.StatusNotModified:
		drain(resp.Body)
		res.NotModified = true
		if res.ETag == "" {
			res.ETag = req.ETag
		}
		if res.LastModified == "" {
			res.LastModified = req.LastModified
		}
		return res, nil
	case code >= 200 && code <= 299:
		defer resp.Body.Close()
		body, err := readBody(resp, u.String(), f.opts.MaxBodyBytes)
		if err != nil {
			return nil, err
		}
		res.Body = body
		return res, nil
	default:
		drain(resp.Body)
		se := &StatusError{StatusCode: code}
		if carriesRetryAfter(code) {
			se.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), now)
		}
		f.holds.refused(u, se)
		return nil, se
	}
}

// timeoutError marks a timeout as context.DeadlineExceeded whichever layer
// noticed it first.
type timeoutError struct {
	err   error
	after time.Duration
}

func (e *timeoutError) Error() string   { return fmt.Sprintf("%v (timeout %v)", e.err, e.after) }
func (e *timeoutError) Unwrap() []error { return []error{e.err, context.DeadlineExceeded} }

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

func isRedirect(code int) bool {
	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// parseHTTPURL parses a feed URL, accepting only absolute http(s) URLs.
func parseHTTPURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", redactError(err))
	}
	if _, err := checkHTTPURL(u); err != nil {
		return nil, fmt.Errorf("fetch: %q: %w", redacted(u), err)
	}
	return u, nil
}

// errNotHTTP reports a URL that is not absolute http(s).
var errNotHTTP = errors.New("not an absolute http(s) URL")

func checkHTTPURL(u *url.URL) (*url.URL, error) {
	u.Scheme = strings.ToLower(u.Scheme)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errNotHTTP
	}
	return u, nil
}
