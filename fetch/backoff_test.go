package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	cases := []struct {
		failures   int
		retryAfter time.Duration
		max        time.Duration
		want       time.Duration
	}{
		{0, 0, 0, 0},
		{-3, time.Hour, 0, 0},
		{1, 0, 0, time.Minute},
		{2, 0, 0, 2 * time.Minute},
		{3, 0, 0, 4 * time.Minute},
		{9, 0, 0, 256 * time.Minute},
		{10, 0, 0, 6 * time.Hour}, // 512m capped at the default max
		{1 << 30, 0, 0, 6 * time.Hour},
		{5, 0, 10 * time.Minute, 10 * time.Minute},
		{1, 5 * time.Minute, 0, 5 * time.Minute},        // Retry-After longer than the schedule
		{4, 5 * time.Minute, 0, 8 * time.Minute},        // schedule longer than Retry-After
		{10, 12 * time.Hour, time.Hour, 12 * time.Hour}, // Retry-After beats max
		{1, 30 * time.Second, time.Hour, time.Minute},   // never below the base
		{3, 0, 90 * time.Second, 90 * time.Second},      // odd max
		{2, 0, 30 * time.Second, 30 * time.Second},      // max below the base
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.failures, c.retryAfter, c.max), func(t *testing.T) {
			if got := Backoff(c.failures, c.retryAfter, c.max); got != c.want {
				t.Errorf("Backoff(%d, %v, %v) = %v, want %v", c.failures, c.retryAfter, c.max, got, c.want)
			}
		})
	}
	// A huge max must not overflow: the result only grows.
	prev := time.Duration(0)
	for n := 1; n < 100; n++ {
		d := Backoff(n, 0, 1<<63-1)
		if d < prev {
			t.Fatalf("Backoff(%d) = %v < Backoff(%d) = %v", n, d, n-1, prev)
		}
		prev = d
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"120", 2 * time.Minute},
		{" 5 ", 5 * time.Second},
		{"0", 0},
		{"-10", 0},
		{"soon", 0},
		{"Thu, 26 Nov 2026 12:10:00 GMT", 10 * time.Minute},
		{"Thursday, 26-Nov-26 12:00:30 GMT", 30 * time.Second}, // RFC 850
		{"Thu Nov 26 12:01:00 2026", time.Minute},              // asctime
		{"Thu, 26 Nov 2026 11:00:00 GMT", 0},                   // past
		{"Sat, 26 Dec 2026 12:00:00 GMT", maxRetryAfter},
		{"99999999999999999999", 0}, // overflows int64: malformed
		{"999999999", maxRetryAfter},
	}
	for _, c := range cases {
		if got := parseRetryAfter(c.in, now); got != c.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestTemporary(t *testing.T) {
	cases := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{&StatusError{StatusCode: 404}, false},
		{&StatusError{StatusCode: 410}, false},
		{&StatusError{StatusCode: 401}, false},
		{&StatusError{StatusCode: 408}, true},
		{&StatusError{StatusCode: 429}, true},
		{&StatusError{StatusCode: 502}, true},
		{fmt.Errorf("wrapped: %w", &StatusError{StatusCode: 503}), true},
		{fmt.Errorf("%w: x", ErrTooLarge), false},
		{fmt.Errorf("%w: x", ErrTooManyRedirects), false},
		{fmt.Errorf("fetch: %w", context.DeadlineExceeded), true},
		{context.Canceled, true},
		{&net.OpError{Op: "dial", Err: errors.New("connection refused")}, true},
		{&net.DNSError{Err: "no such host", Name: "x.invalid", IsNotFound: true}, true},
		{&net.DNSError{Err: "server misbehaving", Name: "x.example", IsTemporary: true}, true},
		{&net.DNSError{Err: "i/o timeout", Name: "x.example", IsTimeout: true}, true},
		{fmt.Errorf("fetch: read: %w", io.ErrUnexpectedEOF), true},
		{errors.New("fetch: something else"), false},
	}
	for _, c := range cases {
		if got := Temporary(c.err); got != c.want {
			t.Errorf("Temporary(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

// A 410 retires a source; a 404, 401 or 403 waits longer than a 5xx after
// as many failures; 429 and 503 wait as long as Retry-After asks.
func TestRetryAfterFailure(t *testing.T) {
	status := func(code int, ra time.Duration) error {
		return fmt.Errorf("wrapped: %w", &StatusError{StatusCode: code, RetryAfter: ra})
	}
	if r := RetryAfterFailure(status(410, 0), 1, time.Hour); !r.Retire {
		t.Errorf("410: %+v, want retired", r)
	}
	for failures := 1; failures <= 3; failures++ {
		temp := RetryAfterFailure(status(500, 0), failures, 6*time.Hour)
		if temp.Retire || temp.After != Backoff(failures, 0, 6*time.Hour) {
			t.Errorf("500 after %d failures: %+v", failures, temp)
		}
		for _, code := range []int{404, 401, 403} {
			perm := RetryAfterFailure(status(code, 0), failures, 6*time.Hour)
			if perm.Retire || perm.After <= temp.After {
				t.Errorf("%d after %d failures waits %v, want longer than a 500's %v", code, failures, perm.After, temp.After)
			}
		}
	}
	for _, code := range []int{429, 503} {
		if r := RetryAfterFailure(status(code, 3*time.Hour), 1, time.Hour); r.After != 3*time.Hour {
			t.Errorf("%d with Retry-After 3h waits %v", code, r.After)
		}
	}
	if r := RetryAfterFailure(errors.New("parse: not a feed"), 1, time.Hour); r.After != 16*time.Minute {
		t.Errorf("a permanent non-HTTP failure waits %v, want 16m", r.After)
	}
}
