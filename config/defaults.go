package config

import (
	"net"
	"strings"

	"github.com/warta-news/warta/dedupe"
	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/publish"
)

// applyDefaults fills unset fields. A zero value means unset, except for
// storage.retention, where an explicit 0 keeps articles forever. It reports
// whether server.base_url was derived from server.listen.
func applyDefaults(c *Config, ix *index) (baseURLDefaulted bool) {
	if c.Schedule == "" {
		c.Schedule = DefaultSchedule
	}
	if c.Storage.Driver == "" {
		c.Storage.Driver = DefaultDriver
	}
	if c.Storage.DSN == "" {
		c.Storage.DSN = DefaultDSN
	}
	if c.Storage.Retention == 0 && !ix.set["storage.retention"] {
		c.Storage.Retention = DefaultRetention
	}
	if c.Server.Listen == "" {
		c.Server.Listen = DefaultListen
	}
	if c.Server.BaseURL == "" {
		c.Server.BaseURL = defaultBaseURL(c.Server.Listen)
		baseURLDefaulted = true
	}
	c.Server.baseURLDefaulted = baseURLDefaulted
	// Feeds join paths onto the base URL; one form avoids "//".
	c.Server.BaseURL = strings.TrimRight(c.Server.BaseURL, "/")
	if c.Publish.MaxItems == 0 {
		c.Publish.MaxItems = publish.DefaultMaxItems
	}
	if c.Publish.Pages == 0 {
		c.Publish.Pages = publish.DefaultPages
	}
	if c.Publish.Title == "" {
		c.Publish.Title = publish.DefaultTitle
	}
	f := &c.Fetch
	if f.Timeout == 0 {
		f.Timeout = fetch.DefaultTimeout
	}
	if f.ConnectTimeout == 0 {
		f.ConnectTimeout = fetch.DefaultConnectTimeout
	}
	if f.Concurrency == 0 {
		f.Concurrency = DefaultConcurrency
	}
	if f.PerHost == 0 {
		f.PerHost = fetch.DefaultPerHost
	}
	if f.MaxBodyBytes == 0 {
		f.MaxBodyBytes = fetch.DefaultMaxBodyBytes
	}
	if f.MaxItems == 0 {
		f.MaxItems = DefaultFetchMaxItems
	}
	if f.UserAgent == "" {
		f.UserAgent = fetch.DefaultUserAgent
	}
	if f.MaxBackoff == 0 {
		f.MaxBackoff = fetch.DefaultMaxBackoff
	}
	if c.Dedupe.Window == 0 {
		c.Dedupe.Window = dedupe.DefaultWindow
	}
	if c.Dedupe.Threshold == 0 {
		c.Dedupe.Threshold = dedupe.DefaultThreshold
	}
	if c.Dedupe.EventThreshold == 0 {
		c.Dedupe.EventThreshold = dedupe.DefaultEventThreshold
	}
	if c.Normalize.MaxHTMLBytes == 0 {
		c.Normalize.MaxHTMLBytes = normalize.DefaultMaxHTMLBytes
	}
	if c.Normalize.MaxTextBytes == 0 {
		c.Normalize.MaxTextBytes = normalize.DefaultMaxTextBytes
	}
	return baseURLDefaulted
}

// defaultBaseURL is "http://"+listen; a listen address on every interface
// (":8080", "0.0.0.0:8080", "[::]:8080") is reached as localhost.
func defaultBaseURL(listen string) string {
	if host, port, err := net.SplitHostPort(listen); err == nil && (host == "" || isUnspecified(host)) {
		return "http://" + net.JoinHostPort("localhost", port)
	}
	return "http://" + listen
}

// isUnspecified reports whether host is the address of every interface.
func isUnspecified(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsUnspecified()
}
