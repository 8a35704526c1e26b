package websub

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// idleCheck is how often Run looks at subscriptions without being woken:
// expired leases are removed then.
const idleCheck = time.Hour

// Notify tells the hub that topics may have changed (a cycle refreshed the
// feeds). It never blocks; Run compares each subscribed topic's content
// with what its subscriber last got and delivers what changed.
func (h *Hub) Notify() {
	select {
	case h.wake <- struct{}{}:
	default:
	}
}

// Run delivers changed content until ctx ends: at every Notify, when a
// retry is due, and hourly to drop expired subscriptions. When ctx ends it
// waits for the verifications in flight, cancelling those still running
// after stopGrace; the hub then verifies no more.
func (h *Hub) Run(ctx context.Context) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			h.stopVerifications()
			return
		case <-h.wake:
		case <-timer.C:
		}
		next := h.pass(ctx)
		timer.Reset(next)
	}
}

// stopGrace is how long a stopping hub lets verifications in flight finish:
// a subscriber that answers at once (most do, in milliseconds) is still
// subscribed, while a slow one no longer holds the daemon's shutdown for
// twice the request timeout.
const stopGrace = 2 * time.Second

// stopVerifications waits for the verifications in flight, cancelling
// them after stopGrace.
func (h *Hub) stopVerifications() {
	done := make(chan struct{})
	go func() {
		h.wg.Wait()
		close(done)
	}()
	grace := time.NewTimer(stopGrace)
	defer grace.Stop()
	select {
	case <-done:
	case <-grace.C:
	}
	h.stopVerifying()
	<-done
}

// pass delivers every changed topic to its subscribers once and returns
// how long to wait before the next pass if nothing wakes the hub.
func (h *Hub) pass(ctx context.Context) time.Duration {
	subs, err := h.store.Subscriptions(ctx)
	if err != nil {
		h.logger.Error("websub: read subscriptions", "err", err)
		return h.opts.RetryBase
	}
	now := h.opts.Now()
	wait := idleCheck
	sem := make(chan struct{}, h.opts.Concurrency)
	var wg sync.WaitGroup
	for _, s := range subs {
		k := key{s.Topic, s.Callback}
		if !s.Expires.After(now) {
			h.drop(ctx, s, "lease expired")
			continue
		}
		h.mu.Lock()
		at, waiting := h.retryAt[k]
		if waiting && at.After(now) {
			wait = min(wait, at.Sub(now)) // goroutines below write wait under mu too
		}
		h.mu.Unlock()
		if waiting && at.After(now) {
			continue
		}
		contentType, body, found, err := h.contents.Content(s.Topic)
		if err != nil {
			h.logger.Warn("websub: topic unavailable; will retry", "topic", s.Topic, "err", err)
			wait = min(wait, h.opts.RetryBase)
			continue
		}
		if !found {
			h.dropUnpublished(ctx, s)
			continue
		}
		sum := sha256.Sum256(body)
		hash := hex.EncodeToString(sum[:])
		if hash == s.Delivered {
			continue
		}
		sem <- struct{}{}
		wg.Add(1)
		go func(s Subscription) {
			defer wg.Done()
			defer func() { <-sem }()
			if d := h.deliverOne(ctx, s, contentType, body, hash); d > 0 {
				h.mu.Lock()
				wait = min(wait, d)
				h.mu.Unlock()
			}
		}(s)
	}
	wg.Wait()
	return wait
}

// deliverOne delivers body to s and records the outcome; it returns the
// delay before a retry, 0 when none is due.
func (h *Hub) deliverOne(ctx context.Context, s Subscription, contentType string, body []byte, hash string) time.Duration {
	k := key{s.Topic, s.Callback}
	err := h.deliver(ctx, s, contentType, body)
	h.mu.Lock()
	defer h.mu.Unlock()
	// The subscription may have been renewed or cancelled meanwhile:
	// update what is stored now, and never bring a cancelled one back.
	cur, ok, ferr := h.find(ctx, k)
	if ferr != nil {
		h.logger.Error("websub: read subscription", "err", ferr)
		return h.opts.RetryBase
	}
	if !ok {
		delete(h.retryAt, k)
		return 0
	}
	s = cur
	if err == nil {
		delete(h.retryAt, k)
		s.Failures, s.Delivered = 0, hash
		if err := h.store.SaveSubscription(ctx, s); err != nil {
			h.logger.Error("websub: save subscription", "err", err)
		}
		h.logger.Info("websub: delivered", "topic", s.Topic, "callback", s.Callback, "bytes", len(body))
		return 0
	}
	if ctx.Err() != nil {
		return 0
	}
	s.Failures++
	if errors.Is(err, errGone) || s.Failures >= h.opts.MaxFailures {
		delete(h.retryAt, k)
		h.dropLocked(ctx, s, fmt.Sprintf("%d failed deliveries: %v", s.Failures, err))
		return 0
	}
	if err := h.store.SaveSubscription(ctx, s); err != nil {
		h.logger.Error("websub: save subscription", "err", err)
	}
	delay := h.backoff(s.Failures)
	h.retryAt[k] = h.opts.Now().Add(delay)
	h.logger.Warn("websub: delivery failed; will retry", "topic", s.Topic, "callback", s.Callback, "failures", s.Failures, "retry_in", delay, "err", err)
	return delay
}

// backoff is the delay after the n-th consecutive failure.
func (h *Hub) backoff(n int) time.Duration {
	d := h.opts.RetryBase
	for i := 1; i < n && d < h.opts.RetryMax; i++ {
		d *= 2
	}
	return min(d, h.opts.RetryMax)
}

// drop removes a subscription.
func (h *Hub) drop(ctx context.Context, s Subscription, why string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.dropLocked(ctx, s, why)
}

func (h *Hub) dropLocked(ctx context.Context, s Subscription, why string) {
	if err := h.store.DeleteSubscription(ctx, s.Topic, s.Callback); err != nil {
		h.logger.Error("websub: delete subscription", "err", err)
		return
	}
	h.logger.Info("websub: subscription dropped", "topic", s.Topic, "callback", s.Callback, "why", why)
}

// dropUnpublished removes a subscription whose topic is no longer
// published, checked again under mu (a Rebase may have moved it
// meanwhile), and tells the subscriber so that it can subscribe anew
// rather than wait out a lease that brings nothing.
func (h *Hub) dropUnpublished(ctx context.Context, s Subscription) {
	const why = "topic no longer published"
	h.mu.Lock()
	cur, ok, err := h.find(ctx, key{s.Topic, s.Callback})
	if err == nil && ok {
		_, _, ok, err = h.contents.Content(cur.Topic)
		ok = !ok && err == nil
	}
	if err != nil || !ok {
		h.mu.Unlock()
		return
	}
	h.dropLocked(ctx, cur, why)
	h.mu.Unlock()
	if err := h.deny(ctx, cur, why); err != nil {
		h.logger.Warn("websub: denial not delivered", "topic", cur.Topic, "callback", cur.Callback, "err", err)
	}
}

// deny tells a subscriber that its subscription ended (WebSub §5.2).
func (h *Hub) deny(ctx context.Context, s Subscription, reason string) error {
	ctx, cancel := context.WithTimeout(ctx, h.opts.Timeout)
	defer cancel()
	u, err := url.Parse(s.Callback)
	if err != nil {
		return fmt.Errorf("websub: %w", err)
	}
	resp, err := h.callbackGET(ctx, *u, map[string]string{"hub.mode": "denied", "hub.topic": s.Topic, "hub.reason": reason})
	if err != nil {
		return fmt.Errorf("websub: deny: %w", err)
	}
	resp.Body.Close()
	return nil
}

// callbackGET asks a callback with a GET carrying params in its query,
// after the callback's own (WebSub §5.3 and §5.2).
func (h *Hub) callbackGET(ctx context.Context, callback url.URL, params map[string]string) (*http.Response, error) {
	q := callback.Query()
	for k, v := range params {
		q.Set(k, v)
	}
	callback.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, callback.String(), nil)
	if err != nil {
		return nil, err
	}
	return h.client.Do(req)
}

// Rebase moves the subscriptions of topics under the URL prefix from to
// the same topics under to, as a reloaded base URL moves the feeds; swap,
// when not nil, makes the publisher at to current and runs first, with
// the subscriptions held still, so that no pass drops a topic between
// the two. It returns the number moved.
func (h *Hub) Rebase(ctx context.Context, from, to string, swap func()) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if swap != nil {
		swap()
	}
	if from == to {
		return 0, nil
	}
	subs, err := h.store.Subscriptions(ctx)
	if err != nil {
		return 0, fmt.Errorf("websub: rebase: %w", err)
	}
	moved := 0
	for _, s := range subs {
		rest, ok := strings.CutPrefix(s.Topic, from)
		if !ok {
			continue
		}
		old := key{s.Topic, s.Callback}
		s.Topic = to + rest
		if err := h.store.SaveSubscription(ctx, s); err != nil {
			return moved, fmt.Errorf("websub: rebase: %w", err)
		}
		if err := h.store.DeleteSubscription(ctx, old.topic, old.callback); err != nil {
			return moved, fmt.Errorf("websub: rebase: %w", err)
		}
		delete(h.retryAt, old)
		moved++
	}
	if moved > 0 {
		h.logger.Info("websub: subscriptions moved to a new base URL", "from", from, "to", to, "moved", moved)
	}
	return moved, nil
}

// Signature returns the X-Hub-Signature of body under secret.
func Signature(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// deliver POSTs one content delivery (WebSub §7).
func (h *Hub) deliver(ctx context.Context, s Subscription, contentType string, body []byte) error {
	ctx, cancel := context.WithTimeout(ctx, h.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.Callback, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("websub: %w", err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Add("Link", "<"+*h.url.Load()+`>; rel="hub"`)
	req.Header.Add("Link", "<"+s.Topic+`>; rel="self"`)
	if s.Secret != "" {
		req.Header.Set("X-Hub-Signature", Signature(s.Secret, body))
	}
	resp, err := h.deliverer.Do(req)
	if err != nil {
		return fmt.Errorf("websub: deliver: %w", err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	switch {
	case resp.StatusCode == http.StatusGone:
		return errGone
	case resp.StatusCode/100 != 2:
		return fmt.Errorf("websub: deliver: callback answered %d", resp.StatusCode)
	}
	return nil
}
