// Package websub is a W3C WebSub hub for warta's own feeds: subscribers
// POST hub.mode=subscribe (or unsubscribe), hub.topic and hub.callback;
// the hub verifies their intent with a GET carrying a challenge, keeps the
// subscription (bounded lease, in a Store, so it survives restarts) and,
// whenever a topic's content changes, POSTs the new content to every
// subscriber, signed with X-Hub-Signature when the subscriber gave a
// secret, retrying with backoff and dropping subscribers that keep
// failing.
//
// The hub calls addresses that strangers give it, so callbacks on
// loopback, private, link-local and other non-public addresses are
// refused (checked on the resolved address of every connection, redirects
// included) unless Options.AllowNets admits them.
package websub

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/warta-news/warta/store"
)

// Subscription is one subscriber of one topic, as the store keeps it: the
// topic and callback identify it.
type Subscription = store.Subscription

// Store keeps subscriptions across restarts. The store drivers implement
// it.
type Store interface {
	// Subscriptions returns every stored subscription.
	Subscriptions(ctx context.Context) ([]Subscription, error)
	// SaveSubscription inserts or replaces the subscription with the same
	// topic and callback.
	SaveSubscription(ctx context.Context, s Subscription) error
	// DeleteSubscription removes one subscription; removing one that is
	// not stored is not an error.
	DeleteSubscription(ctx context.Context, topic, callback string) error
}

// Contents gives the current content of a topic: the feed document at
// that URL. found is false for a URL that is not a feed of this
// publisher; err is a document that cannot be given now (a failed
// render), which the hub tries again later rather than drop its
// subscribers. publish.Publisher implements it.
type Contents interface {
	Content(topic string) (contentType string, body []byte, found bool, err error)
}

// Options configures a Hub. Zero values take the defaults below.
type Options struct {
	// URL is the hub's public URL, advertised in deliveries' Link header;
	// SetURL changes it.
	URL string
	// AllowNets are address ranges callbacks may use although they are
	// not public (for example 127.0.0.0/8 for a subscriber on the same
	// machine).
	AllowNets []netip.Prefix
	// DefaultLease, MinLease and MaxLease bound the lease of a
	// subscription; a requested lease is clamped to [MinLease, MaxLease].
	DefaultLease, MinLease, MaxLease time.Duration
	// MaxSubscriptions bounds the number of subscriptions kept.
	MaxSubscriptions int
	// MaxPending bounds the verifications of intent in flight.
	MaxPending int
	// MaxFailures is the number of consecutive failed deliveries after
	// which a subscriber is dropped.
	MaxFailures int
	// RetryBase is the first retry delay of a failed delivery; each
	// further failure doubles it, up to RetryMax.
	RetryBase, RetryMax time.Duration
	// Timeout bounds each request the hub makes.
	Timeout time.Duration
	// Concurrency bounds the deliveries in flight.
	Concurrency int
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// Defaults for unset Options.
const (
	DefaultLease            = 7 * 24 * time.Hour
	DefaultMinLease         = time.Hour
	DefaultMaxLease         = 30 * 24 * time.Hour
	DefaultMaxSubscriptions = 1000
	DefaultMaxPending       = 32
	DefaultMaxFailures      = 8
	DefaultRetryBase        = time.Minute
	DefaultRetryMax         = 6 * time.Hour
	DefaultTimeout          = 15 * time.Second
	DefaultConcurrency      = 4
)

// maxSecretBytes is the longest hub.secret WebSub allows.
const maxSecretBytes = 200

// Hub is a WebSub hub. Its Handler takes subscription requests; Notify
// says that topics may have changed; Run delivers. A Hub is safe for
// concurrent use.
type Hub struct {
	opts Options
	// url is the public URL deliveries advertise (opts.URL, then SetURL's).
	url      atomic.Pointer[string]
	store    Store
	contents Contents
	guard    guard
	// client verifies intent; deliverer delivers content.
	client    *http.Client
	deliverer *http.Client
	logger    *slog.Logger

	// pending limits verifications of intent in flight.
	pending chan struct{}
	// wake asks Run to look for changed topics; buffered, so Notify never
	// blocks and several notifications fold into one pass.
	wake chan struct{}
	// mu guards retryAt and the store's read-modify-write of one
	// subscription.
	mu      sync.Mutex
	retryAt map[key]time.Time
	// wg tracks verifications, so tests and shutdown can wait for them.
	wg sync.WaitGroup
	// verifying is the context of verifications, which outlive the
	// requests that ask for them; stopVerifying, called when Run ends
	// (after stopGrace), cancels those in flight, so that a slow callback
	// does not hold the daemon's shutdown.
	verifying     context.Context
	stopVerifying context.CancelFunc
}

// key identifies a subscription.
type key struct{ topic, callback string }

// New returns a Hub. logger may be nil.
func New(opts Options, store Store, contents Contents, logger *slog.Logger) *Hub {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	defInt := func(n *int, v int) {
		if *n <= 0 {
			*n = v
		}
	}
	def(&opts.DefaultLease, DefaultLease)
	def(&opts.MinLease, DefaultMinLease)
	def(&opts.MaxLease, DefaultMaxLease)
	def(&opts.RetryBase, DefaultRetryBase)
	def(&opts.RetryMax, DefaultRetryMax)
	def(&opts.Timeout, DefaultTimeout)
	defInt(&opts.MaxSubscriptions, DefaultMaxSubscriptions)
	defInt(&opts.MaxPending, DefaultMaxPending)
	defInt(&opts.MaxFailures, DefaultMaxFailures)
	defInt(&opts.Concurrency, DefaultConcurrency)
	if opts.Now == nil {
		opts.Now = time.Now
	}
	g := guard{allow: opts.AllowNets}
	client := g.client(opts.Timeout)
	verifying, stopVerifying := context.WithCancel(context.Background())
	h := &Hub{
		verifying:     verifying,
		stopVerifying: stopVerifying,
		opts:          opts,
		store:         store,
		contents:      contents,
		guard:         g,
		client:        client,
		deliverer:     deliveryClient(client),
		logger:        logger,
		pending:       make(chan struct{}, opts.MaxPending),
		wake:          make(chan struct{}, 1),
		retryAt:       map[key]time.Time{},
	}
	h.url.Store(&opts.URL)
	return h
}

// SetURL changes the hub's public URL, as a reloaded config's base URL
// does: the next deliveries advertise it.
func (h *Hub) SetURL(u string) { h.url.Store(&u) }

// request is a validated subscription request.
type request struct {
	mode     string
	topic    string
	callback *url.URL
	lease    time.Duration
	secret   string
}

// ServeHTTP takes a subscription request (a form POST) and answers 202
// Accepted once it is valid; the verification of intent follows
// asynchronously, as WebSub §5.3 allows. An invalid request gets 400, a
// hub at its bounds 429 or 503.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "websub: POST a subscription request", http.StatusMethodNotAllowed)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "websub: "+err.Error(), http.StatusBadRequest)
		return
	}
	req, err := h.parse(r)
	if errors.Is(err, errUnavailable) {
		w.Header().Set("Retry-After", "60")
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if req.mode == "subscribe" {
		n, err := h.count(r.Context(), key{req.topic, req.callback.String()})
		if err != nil {
			h.logger.Error("websub: read subscriptions", "err", err)
			http.Error(w, "websub: cannot read subscriptions", http.StatusInternalServerError)
			return
		}
		if n >= h.opts.MaxSubscriptions {
			http.Error(w, "websub: too many subscriptions", http.StatusTooManyRequests)
			return
		}
	}
	select {
	case h.pending <- struct{}{}:
	default:
		w.Header().Set("Retry-After", "60")
		http.Error(w, "websub: too many requests being verified", http.StatusServiceUnavailable)
		return
	}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		defer func() { <-h.pending }()
		// The verification outlives the request that asked for it, not
		// the hub.
		ctx, cancel := context.WithTimeout(h.verifying, 2*h.opts.Timeout)
		defer cancel()
		if err := h.verify(ctx, req); err != nil {
			h.logger.Warn("websub: intent not verified", "mode", req.mode, "topic", req.topic, "callback", req.callback.String(), "err", err)
		}
	}()
	w.WriteHeader(http.StatusAccepted)
}

// parse validates a subscription request.
func (h *Hub) parse(r *http.Request) (request, error) {
	req := request{mode: r.PostForm.Get("hub.mode"), topic: r.PostForm.Get("hub.topic"), secret: r.PostForm.Get("hub.secret")}
	if req.mode != "subscribe" && req.mode != "unsubscribe" {
		return req, fmt.Errorf("websub: hub.mode must be subscribe or unsubscribe, not %q", req.mode)
	}
	if _, _, found, err := h.contents.Content(req.topic); err != nil {
		return req, fmt.Errorf("%w: hub.topic %q: %w", errUnavailable, req.topic, err)
	} else if !found {
		return req, fmt.Errorf("websub: hub.topic %q is not a feed of this hub", req.topic)
	}
	cb, err := h.guard.checkCallback(r.Context(), r.PostForm.Get("hub.callback"))
	if err != nil {
		return req, err
	}
	req.callback = cb
	if len(req.secret) > maxSecretBytes {
		return req, fmt.Errorf("websub: hub.secret is longer than %d bytes", maxSecretBytes)
	}
	req.lease = h.opts.DefaultLease
	if s := r.PostForm.Get("hub.lease_seconds"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			return req, fmt.Errorf("websub: bad hub.lease_seconds %q", s)
		}
		req.lease = time.Duration(min(n, int64(h.opts.MaxLease/time.Second))) * time.Second
	}
	req.lease = min(max(req.lease, h.opts.MinLease), h.opts.MaxLease)
	return req, nil
}

// count returns the number of live subscriptions other than k.
func (h *Hub) count(ctx context.Context, k key) (int, error) {
	subs, err := h.store.Subscriptions(ctx)
	if err != nil {
		return 0, err
	}
	now := h.opts.Now()
	n := 0
	for _, s := range subs {
		if s.Expires.After(now) && (key{s.Topic, s.Callback}) != k {
			n++
		}
	}
	return n, nil
}

// verify asks the callback to confirm req (WebSub §5.3) and stores or
// deletes the subscription when it does.
func (h *Hub) verify(ctx context.Context, req request) error {
	challenge, err := newChallenge()
	if err != nil {
		return err
	}
	params := map[string]string{"hub.mode": req.mode, "hub.topic": req.topic, "hub.challenge": challenge}
	if req.mode == "subscribe" {
		params["hub.lease_seconds"] = strconv.FormatInt(int64(req.lease/time.Second), 10)
	}
	resp, err := h.callbackGET(ctx, *req.callback, params)
	if err != nil {
		return fmt.Errorf("websub: verify: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, int64(len(challenge))+1))
	if err != nil {
		return fmt.Errorf("websub: verify: %w", err)
	}
	if resp.StatusCode/100 != 2 || string(body) != challenge {
		return fmt.Errorf("websub: verify: callback answered %d without the challenge", resp.StatusCode)
	}
	if req.mode == "unsubscribe" {
		h.mu.Lock()
		defer h.mu.Unlock()
		if err := h.store.DeleteSubscription(ctx, req.topic, req.callback.String()); err != nil {
			return fmt.Errorf("websub: %w", err)
		}
		h.logger.Info("websub: unsubscribed", "topic", req.topic, "callback", req.callback.String())
		return nil
	}
	sub := Subscription{Topic: req.topic, Callback: req.callback.String(), Secret: req.secret, Expires: h.opts.Now().Add(req.lease)}
	// The subscriber is pushed what changes from now on: the content as it
	// is counts as delivered (a renewal keeps what it had been sent).
	if _, body, found, err := h.contents.Content(sub.Topic); found && err == nil {
		sum := sha256.Sum256(body)
		sub.Delivered = hex.EncodeToString(sum[:])
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if old, ok, err := h.find(ctx, key{sub.Topic, sub.Callback}); err != nil {
		return err
	} else if ok {
		sub.Delivered = old.Delivered
	} else if n, err := h.count(ctx, key{sub.Topic, sub.Callback}); err != nil {
		return fmt.Errorf("websub: %w", err)
	} else if n >= h.opts.MaxSubscriptions {
		// Checked again under mu: verifications in flight together all
		// passed the check when they were asked for.
		return fmt.Errorf("websub: too many subscriptions")
	}
	if err := h.store.SaveSubscription(ctx, sub); err != nil {
		return fmt.Errorf("websub: %w", err)
	}
	h.logger.Info("websub: subscribed", "topic", sub.Topic, "callback", sub.Callback, "lease", req.lease)
	return nil
}

// find returns the stored subscription k.
func (h *Hub) find(ctx context.Context, k key) (Subscription, bool, error) {
	subs, err := h.store.Subscriptions(ctx)
	if err != nil {
		return Subscription{}, false, fmt.Errorf("websub: %w", err)
	}
	for _, s := range subs {
		if s.Topic == k.topic && s.Callback == k.callback {
			return s, true, nil
		}
	}
	return Subscription{}, false, nil
}

// newChallenge returns a random challenge string.
func newChallenge() (string, error) {
	var b [24]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("websub: challenge: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// Wait waits for the verifications in flight.
func (h *Hub) Wait() { h.wg.Wait() }

// errUnavailable marks a topic whose document cannot be given now.
var errUnavailable = errors.New("websub: topic unavailable for now")

// errGone marks a subscriber that answered 410 Gone: it is dropped at
// once.
var errGone = errors.New("websub: callback is gone (410)")
