package websub

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"
)

// ErrForbiddenAddress is returned for a callback on an address the hub
// does not call: loopback, private, link-local, shared (CGNAT), multicast
// or unspecified, unless Options.AllowNets admits it.
var ErrForbiddenAddress = errors.New("websub: callback address not allowed")

// sharedNet is RFC 6598 shared address space (carrier-grade NAT), not
// covered by netip.Addr.IsPrivate.
var sharedNet = netip.MustParsePrefix("100.64.0.0/10")

// guard decides which addresses the hub may call.
type guard struct {
	allow []netip.Prefix
}

// allowed reports whether the hub may connect to addr.
func (g guard) allowed(addr netip.Addr) bool {
	addr = addr.Unmap()
	for _, p := range g.allow {
		if p.Contains(addr) {
			return true
		}
	}
	return addr.IsValid() && addr.IsGlobalUnicast() && !addr.IsPrivate() && !sharedNet.Contains(addr)
}

// checkHost resolves host and fails unless every address it has may be
// called; subscribers hear at once that their callback cannot work.
func (g guard) checkHost(ctx context.Context, host string) error {
	if addr, err := netip.ParseAddr(host); err == nil {
		if !g.allowed(addr) {
			return fmt.Errorf("%w: %s", ErrForbiddenAddress, addr)
		}
		return nil
	}
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return fmt.Errorf("websub: resolve %s: %w", host, err)
	}
	for _, a := range addrs {
		if !g.allowed(a) {
			return fmt.Errorf("%w: %s resolves to %s", ErrForbiddenAddress, host, a)
		}
	}
	return nil
}

// control checks the address every connection is about to be made to:
// after DNS resolution and on every redirect, so neither a DNS answer
// that changes nor a redirect reaches a forbidden address.
func (g guard) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("websub: dial %s: %w", address, err)
	}
	if !g.allowed(ap.Addr()) {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, ap.Addr())
	}
	return nil
}

// maxRedirects bounds the redirects a callback may answer with.
const maxRedirects = 3

// client returns the HTTP client the hub verifies intent with: every
// connection checked by the guard, no proxy, bounded redirects, a timeout.
func (g guard) client(timeout time.Duration) *http.Client {
	dialer := &net.Dialer{Timeout: timeout, Control: g.control}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would hide the real destination from the guard
		DialContext:           dialer.DialContext,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       30 * time.Second,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
	}
	return &http.Client{
		Transport: tr,
		Timeout:   timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= maxRedirects {
				return fmt.Errorf("websub: more than %d redirects", maxRedirects)
			}
			return nil
		},
	}
}

// deliveryClient returns the verifier client, sharing its connections, with
// redirects not followed: WebSub §7 counts only a 2xx from the callback as
// a delivery, and Go would follow a 301/302/303 with a GET without the
// body, so a 3xx is a failure to retry.
func deliveryClient(verifier *http.Client) *http.Client {
	c := *verifier
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// checkCallback validates a callback URL: absolute http(s), no user info,
// a host whose addresses may be called.
func (g guard) checkCallback(ctx context.Context, raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("websub: callback %q is not an absolute http(s) URL", raw)
	}
	if u.User != nil {
		return nil, fmt.Errorf("websub: callback %q carries credentials", raw)
	}
	if err := g.checkHost(ctx, u.Hostname()); err != nil {
		return nil, err
	}
	return u, nil
}
