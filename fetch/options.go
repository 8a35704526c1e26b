package fetch

import "time"

// Defaults for zero Options fields; they match config's defaults.
const (
	DefaultTimeout        = 30 * time.Second
	DefaultConnectTimeout = 10 * time.Second
	DefaultPerHost        = 2
	DefaultMaxBodyBytes   = 10 << 20
	DefaultUserAgent      = "warta/0.1 (+https://github.com/warta-news/warta; news feed aggregator)"
	DefaultMaxRedirects   = 5
	// DefaultPerHostInterval spaces the starts of requests to one public
	// host, so thirty feeds of one outlet are not asked for at once.
	// Loopback and private addresses get no spacing by default.
	DefaultPerHostInterval = time.Second
)

// accept prefers feed types but takes anything: many servers label feeds
// text/html or application/octet-stream, and the parser sniffs anyway.
const accept = "application/atom+xml, application/rss+xml, application/feed+json, " +
	"application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"

// Options configures a Fetcher. Zero fields get the Default* values.
type Options struct {
	// Timeout bounds one whole fetch: redirects, headers and body.
	Timeout time.Duration
	// ConnectTimeout bounds dialling and the TLS handshake.
	ConnectTimeout time.Duration
	// PerHost is the maximum number of requests in flight to one host name.
	PerHost int
	// MaxBodyBytes caps the decompressed body.
	MaxBodyBytes int64
	// UserAgent is sent with every request.
	UserAgent string
	// MaxRedirects is the longest redirect chain followed; negative
	// follows none.
	MaxRedirects int
	// PerHostInterval is the least time between the starts of two
	// requests to one host name. Zero spaces requests to public hosts by
	// DefaultPerHostInterval and leaves loopback and private addresses
	// unspaced; a positive value spaces every host; negative spaces none.
	PerHostInterval time.Duration
}

// HostInterval is the spacing of requests to the host name.
func (o Options) HostInterval(name string) time.Duration {
	switch {
	case o.PerHostInterval > 0:
		return o.PerHostInterval
	case o.PerHostInterval < 0 || localHost(name):
		return 0
	}
	return DefaultPerHostInterval
}

// withDefaults returns o with every zero field set to its default.
func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}
	if o.PerHost <= 0 {
		o.PerHost = DefaultPerHost
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	switch {
	case o.MaxRedirects == 0:
		o.MaxRedirects = DefaultMaxRedirects
	case o.MaxRedirects < 0:
		o.MaxRedirects = 0
	}
	return o
}
