// Package config loads and validates warta's YAML configuration.
package config

import (
	"time"

	"github.com/warta-news/warta/topic"
)

// Config is the whole configuration file.
type Config struct {
	// Path is the file the configuration was loaded from.
	Path string `yaml:"-"`

	// Schedule is a cron expression (5 fields, optional seconds field not
	// allowed), a descriptor such as "@every 15m" or "@hourly", optionally
	// prefixed with "CRON_TZ=Area/City ".
	Schedule string   `yaml:"schedule"`
	Sources  []Source `yaml:"sources"`
	// Topics are, once loaded, the topics in effect: the built-in ones
	// (topic.BuiltinYAML) with the file's topics applied by
	// topic.Override. In the file, a topic adds to the built-in ones,
	// replaces the one of its slug, or removes it with disabled: true.
	Topics  []topic.Spec `yaml:"topics"`
	Feeds   []Feed       `yaml:"feeds"`
	Storage Storage      `yaml:"storage"`
	Server  Server       `yaml:"server"`
	Publish Publish      `yaml:"publish"`
	WebSub  WebSub       `yaml:"websub"`
	Fetch   Fetch        `yaml:"fetch"`
	Dedupe  Dedupe       `yaml:"dedupe"`
	// Normalize caps what is kept of each article.
	Normalize Normalize `yaml:"normalize"`

	// topicOrigin says, for Describe, which of Topics are built in
	// unchanged and which replace a built-in one; disabledTopics are the
	// built-in slugs the file removed.
	topicOrigin    map[string]origin
	disabledTopics []string
}

// origin is where one of a loaded Config's topics comes from.
type origin uint8

const (
	fromFile       origin = iota // the file's own topic
	fromBuiltin                  // a built-in topic, unchanged
	changesBuiltin               // the file's topic changing a built-in one in its place
)

// Source is one feed to fetch.
type Source struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
	// Language overrides the feed's declared language when set ("en", "id").
	Language string `yaml:"language"`
	// Topics are forced on every item of the source.
	Topics []string `yaml:"topics"`
	// Boost adds weight to topics for the source's items: a "dunia" section
	// hints at world. Keys are topic slugs.
	Boost map[string]float64 `yaml:"boost"`
	// Genre, when set, is the kind of item the source publishes (a
	// genre.Name: "news", "podcast", "lesson", …) instead of what its feed
	// is judged to be; any genre but news keeps its items out of hard news.
	Genre string `yaml:"genre"`
	// Line is the line of the source's entry in the file, for messages.
	Line int `yaml:"-"`
}

// Feed is a feed people define: the stories that match a filter, for
// example `topic:economy -source:kompas` or
// `topic:international-relations lang:id "laut china selatan"` (the
// grammar of package publish/filter, also the ?q= view of every feed).
type Feed struct {
	Slug        string `yaml:"slug"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Filter      string `yaml:"filter"`
	// Line is the line of the feed's entry in the file, for messages.
	Line int `yaml:"-"`
}

// Storage selects the store.
type Storage struct {
	// Driver is "sqlite" (the default; embedded, no server) or "postgres"
	// (several daemons sharing one database).
	Driver string `yaml:"driver"`
	// DSN is the database file for sqlite (default data/warta.db). For
	// postgres it is required: a pgx connection string, a URL such as
	// postgres://warta@db:5432/warta?sslmode=disable or key=value pairs
	// such as "host=db user=warta dbname=warta"; several daemons may share
	// the database. Prefer PGPASSWORD or ~/.pgpass to a password in it.
	DSN string `yaml:"dsn"`
	// Retention is how long articles are kept and re-tagged when topics
	// change; 0 keeps them forever.
	Retention time.Duration `yaml:"retention"`
}

// Server is the HTTP server that serves the feeds.
type Server struct {
	Listen string `yaml:"listen"`
	// BaseURL is the public URL feeds are reached at, used for rel=self
	// links and feed ids. Defaults to http://<listen>.
	BaseURL string `yaml:"base_url"`
	// MetricsListen, when set, is a separate address serving /metrics
	// (and /healthz); Listen then does not serve /metrics.
	MetricsListen string `yaml:"metrics_listen"`
	// LabelsTokenFile, when set, names a file holding the token (its only
	// line, at least MinLabelsToken characters) that opens the labels
	// API: readers' labels set over HTTP (POST and DELETE
	// /stories/<id>/labels). A path relative to the config file is read
	// beside it. LabelsToken is the token read; it is never printed.
	LabelsTokenFile string `yaml:"labels_token_file"`
	LabelsToken     string `yaml:"-"`

	// baseURLDefaulted says BaseURL was derived from Listen, not written:
	// UseListen derives it again.
	baseURLDefaulted bool
}

// UseListen makes addr the listen address (run -listen; a reload keeping
// the address bound at the start). A base URL derived from the file's
// listen address is derived from addr instead, so that the feeds link to
// the address served.
func (s *Server) UseListen(addr string) {
	s.Listen = addr
	if s.baseURLDefaulted {
		s.BaseURL = defaultBaseURL(addr)
	}
}

// Publish controls the feeds warta writes.
type Publish struct {
	// MaxItems is the number of entries (stories) per feed.
	MaxItems int `yaml:"max_items"`
	// Dir, when set, receives <slug>.atom and all.atom after every cycle.
	Dir string `yaml:"dir"`
	// Title is the title prefix of the published feeds.
	Title string `yaml:"title"`
	// Pages is how many pages of MaxItems stories a feed keeps for RFC
	// 5005 paging and archives.
	Pages int `yaml:"pages"`
}

// WebSub controls the daemon's WebSub hub.
type WebSub struct {
	// AllowCallbacks are address ranges ("127.0.0.0/8", or one address)
	// that callbacks may use although they are not public addresses.
	AllowCallbacks []string `yaml:"allow_callbacks"`
	// MaxSubscriptions bounds the subscriptions kept; 0 means the hub's
	// default.
	MaxSubscriptions int `yaml:"max_subscriptions"`
}

// Fetch controls how sources are fetched.
type Fetch struct {
	// Timeout bounds one whole request, body included.
	Timeout time.Duration `yaml:"timeout"`
	// ConnectTimeout bounds dialling and the TLS handshake.
	ConnectTimeout time.Duration `yaml:"connect_timeout"`
	// Concurrency is the number of sources fetched at once.
	Concurrency int `yaml:"concurrency"`
	// PerHost is the number of requests at once to one host.
	PerHost int `yaml:"per_host"`
	// MaxBodyBytes caps a feed's (decompressed) size.
	MaxBodyBytes int64 `yaml:"max_body_bytes"`
	// MaxItems caps the items kept of one fetched feed: the newest are
	// kept and the others left out with a warning naming the source, so
	// that one feed of 100,000 items does not fill a cycle and the store.
	MaxItems int `yaml:"max_items"`
	// UserAgent is sent with every request.
	UserAgent string `yaml:"user_agent"`
	// MaxBackoff caps the wait after repeated failures of a source.
	MaxBackoff time.Duration `yaml:"max_backoff"`
	// PerHostInterval is the least time between two requests to one host.
	// Unset (nil), the fetcher's default: fetch.DefaultPerHostInterval for
	// public hosts, none for loopback and private addresses; 0: none.
	PerHostInterval *time.Duration `yaml:"per_host_interval"`
}

// Dedupe controls story detection.
type Dedupe struct {
	// Window is how far back a new article looks for copies of its story.
	Window time.Duration `yaml:"window"`
	// Threshold is the similarity in [0,1] at which two articles are one
	// story. 0 means the default.
	Threshold float64 `yaml:"threshold"`
	// EventThreshold is the rarity-weighted share of two headlines' terms,
	// in (0,1], at which pieces outlets each wrote in their own words
	// report one event: lower folds more retellings and more pieces of
	// other events, higher fewer of both. 0 means the default.
	EventThreshold float64 `yaml:"event_threshold"`
}

// Normalize caps what is kept and republished of each article, so that
// memory and feeds do not grow with what a source sends. Longer articles are
// cut at a word, with "…" and a link to the original. Unset, they are the
// normalize package's defaults.
type Normalize struct {
	// MaxHTMLBytes caps each of an article's summary and content
	// (sanitised HTML).
	MaxHTMLBytes int `yaml:"max_html_bytes"`
	// MaxTextBytes caps an article's plain text, which tagging and story
	// detection read.
	MaxTextBytes int `yaml:"max_text_bytes"`
}

// MinArticleBytes is the smallest cap normalize.max_html_bytes and
// max_text_bytes accept: less would cut ordinary news.
const MinArticleBytes = 4 << 10

// Defaults of the settings config itself owns, applied by Load to anything
// the file leaves unset. The defaults of a stage's settings are the stage's
// own (fetch.DefaultTimeout, publish.DefaultMaxItems, dedupe.DefaultWindow,
// …): Load fills them in from there.
const (
	DefaultSchedule    = "@every 15m"
	DefaultDriver      = "sqlite"
	DefaultDSN         = "data/warta.db"
	DefaultListen      = "127.0.0.1:8080"
	DefaultConcurrency = 8
	// DefaultFetchMaxItems (fetch.max_items) is ten times the largest real
	// news feeds (a few hundred items).
	DefaultFetchMaxItems = 1000
	DefaultRetention     = 30 * 24 * time.Hour
)
