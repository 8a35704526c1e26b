package config

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/dedupe"
	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/publish"
)

// validYAML is a small complete configuration; tests derive broken ones
// from it. Line numbers matter: tests assert them.
const validYAML = `schedule: "@every 15m"
sources:
  - name: Antara Dunia
    url: https://www.antaranews.com/rss/dunia.xml
    language: id
    topics: [world]
    boost: {world: 1.5}
  - name: BBC World
    url: https://feeds.bbci.co.uk/news/world/rss.xml
    language: en
topics:
  - slug: world
    title: World
    terms:
      en: [foreign, "united nations^2"]
      id: [dunia, "kerja sama^1.5"]
  - slug: sport
    title: Sport
    terms:
      id: ["sepak bola^2", liga]
    exclude:
      en: [esports]
`

func mustParse(t *testing.T, src string) *Config {
	t.Helper()
	c, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return c
}

func TestLoadRepoConfig(t *testing.T) {
	c, err := Load("../config.yaml")
	if err != nil {
		t.Fatalf("Load(../config.yaml):\n%v", err)
	}
	if c.Path != "../config.yaml" {
		t.Errorf("Path = %q", c.Path)
	}
	if len(c.Sources) == 0 || len(c.Topics) == 0 {
		t.Fatalf("got %d sources, %d topics", len(c.Sources), len(c.Topics))
	}
	for _, s := range c.Sources {
		if s.Line == 0 {
			t.Errorf("source %q has no line", s.Name)
		}
	}
	if _, ok := c.TopicBySlug("world"); !ok {
		t.Error(`TopicBySlug("world") not found`)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load("testdata/does-not-exist.yaml")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want fs.ErrNotExist", err)
	}
	if !strings.HasPrefix(err.Error(), "config: ") {
		t.Errorf("err = %q, want config: prefix", err)
	}
}

func TestLines(t *testing.T) {
	c := mustParse(t, validYAML)
	if got := []int{c.Sources[0].Line, c.Sources[1].Line}; got[0] != 3 || got[1] != 8 {
		t.Errorf("source lines = %v, want [3 8]", got)
	}
	// Flow-style entries get a line too.
	c = mustParse(t, "sources: [{name: A, url: 'https://a.example/'}]\ntopics:\n- {slug: x, title: X, terms: {en: [x]}}\n")
	if c.Sources[0].Line != 1 {
		t.Errorf("flow line = %d, want 1", c.Sources[0].Line)
	}
}

func TestDecodedValues(t *testing.T) {
	c := mustParse(t, validYAML)
	s := c.Sources[0]
	if s.Name != "Antara Dunia" || s.Language != "id" || len(s.Topics) != 1 || s.Topics[0] != "world" || s.Boost["world"] != 1.5 {
		t.Errorf("source 0 = %+v", s)
	}
	tp, ok := c.TopicBySlug("sport")
	if !ok {
		t.Fatal("sport not found")
	}
	if got := tp.Terms["id"]; len(got) != 2 || got[0] != "sepak bola^2" {
		t.Errorf("sport id terms = %q", got)
	}
	if got := tp.Exclude["en"]; len(got) != 1 || got[0] != "esports" {
		t.Errorf("sport exclude = %q", got)
	}
	if _, ok := c.TopicBySlug("nope"); ok {
		t.Error("TopicBySlug(nope) found something")
	}
}

func TestDefaults(t *testing.T) {
	c := mustParse(t, strings.Replace(validYAML, "schedule: \"@every 15m\"\n", "", 1))
	checks := []struct {
		name      string
		got, want any
	}{
		{"schedule", c.Schedule, DefaultSchedule},
		{"driver", c.Storage.Driver, DefaultDriver},
		{"dsn", c.Storage.DSN, DefaultDSN},
		{"retention", c.Storage.Retention, DefaultRetention},
		{"listen", c.Server.Listen, DefaultListen},
		{"base_url", c.Server.BaseURL, "http://" + DefaultListen},
		{"max_items", c.Publish.MaxItems, publish.DefaultMaxItems},
		{"title", c.Publish.Title, publish.DefaultTitle},
		{"timeout", c.Fetch.Timeout, fetch.DefaultTimeout},
		{"connect_timeout", c.Fetch.ConnectTimeout, fetch.DefaultConnectTimeout},
		{"concurrency", c.Fetch.Concurrency, DefaultConcurrency},
		{"per_host", c.Fetch.PerHost, fetch.DefaultPerHost},
		{"max_body_bytes", c.Fetch.MaxBodyBytes, int64(fetch.DefaultMaxBodyBytes)},
		{"fetch max_items", c.Fetch.MaxItems, DefaultFetchMaxItems},
		{"user_agent", c.Fetch.UserAgent, fetch.DefaultUserAgent},
		{"max_backoff", c.Fetch.MaxBackoff, fetch.DefaultMaxBackoff},
		{"window", c.Dedupe.Window, dedupe.DefaultWindow},
		{"dedupe threshold", c.Dedupe.Threshold, dedupe.DefaultThreshold},
		{"dedupe event_threshold", c.Dedupe.EventThreshold, dedupe.DefaultEventThreshold},
		{"max_html_bytes", c.Normalize.MaxHTMLBytes, normalize.DefaultMaxHTMLBytes},
		{"max_text_bytes", c.Normalize.MaxTextBytes, normalize.DefaultMaxTextBytes},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %v, want %v", ch.name, ch.got, ch.want)
		}
	}
}

// fetch.per_host_interval unset leaves the fetcher's per-host default;
// an explicit 0 (no spacing) is kept apart from it.
func TestPerHostIntervalSetOrNot(t *testing.T) {
	if c := mustParse(t, validYAML); c.Fetch.PerHostInterval != nil {
		t.Errorf("unset: %v, want nil", *c.Fetch.PerHostInterval)
	}
	for src, want := range map[string]time.Duration{"0": 0, "3s": 3 * time.Second} {
		c := mustParse(t, validYAML+"fetch:\n  per_host_interval: "+src+"\n")
		if d := c.Fetch.PerHostInterval; d == nil || *d != want {
			t.Errorf("per_host_interval: %s gave %v, want %v", src, d, want)
		}
	}
	c := mustParse(t, validYAML+"server:\n  metrics_listen: 127.0.0.1:9100\n")
	if c.Server.MetricsListen != "127.0.0.1:9100" {
		t.Errorf("metrics_listen = %q", c.Server.MetricsListen)
	}
}

func TestDefaultsFromListen(t *testing.T) {
	c := mustParse(t, validYAML+"server:\n  listen: \":9000\"\n")
	if c.Server.BaseURL != "http://localhost:9000" {
		t.Errorf("base_url = %q, want http://localhost:9000", c.Server.BaseURL)
	}
	c = mustParse(t, validYAML+"server:\n  listen: 10.0.0.2:80\n  base_url: https://news.example/warta/\n")
	if c.Server.BaseURL != "https://news.example/warta" {
		t.Errorf("base_url = %q, want trailing slash trimmed", c.Server.BaseURL)
	}
	// Every interface is reached as localhost (review 11, F1).
	for _, listen := range []string{"0.0.0.0:8080", "\"[::]:8080\""} {
		c = mustParse(t, validYAML+"server:\n  listen: "+listen+"\n")
		if c.Server.BaseURL != "http://localhost:8080" {
			t.Errorf("listen %s: base_url = %q, want http://localhost:8080", listen, c.Server.BaseURL)
		}
	}
}

// UseListen (run -listen, and a reload keeping the bound address) moves a
// defaulted base URL and leaves a written one (review 11, F1).
func TestUseListen(t *testing.T) {
	c := mustParse(t, validYAML+"server:\n  listen: 127.0.0.1:8080\n")
	c.Server.UseListen("127.0.0.1:9000")
	if c.Server.Listen != "127.0.0.1:9000" || c.Server.BaseURL != "http://127.0.0.1:9000" {
		t.Errorf("defaulted: listen %q, base_url %q; want both at 127.0.0.1:9000", c.Server.Listen, c.Server.BaseURL)
	}
	c = mustParse(t, validYAML+"server:\n  listen: 127.0.0.1:8080\n  base_url: https://news.example\n")
	c.Server.UseListen("127.0.0.1:9000")
	if c.Server.Listen != "127.0.0.1:9000" || c.Server.BaseURL != "https://news.example" {
		t.Errorf("written: listen %q, base_url %q; want the base URL kept", c.Server.Listen, c.Server.BaseURL)
	}
}

func TestDurations(t *testing.T) {
	src := validYAML + `storage:
  retention: 0
fetch:
  timeout: 45s
  connect_timeout: "5s"
  max_backoff: 1h30m
dedupe:
  window: 48h
  threshold: 0.8
  event_threshold: 0.5
`
	c := mustParse(t, src)
	checks := []struct {
		name      string
		got, want time.Duration
	}{
		{"retention (explicit 0 = forever)", c.Storage.Retention, 0},
		{"timeout", c.Fetch.Timeout, 45 * time.Second},
		{"connect_timeout", c.Fetch.ConnectTimeout, 5 * time.Second},
		{"max_backoff", c.Fetch.MaxBackoff, 90 * time.Minute},
		{"window", c.Dedupe.Window, 48 * time.Hour},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %v, want %v", ch.name, ch.got, ch.want)
		}
	}
	if c.Dedupe.Threshold != 0.8 || c.Dedupe.EventThreshold != 0.5 {
		t.Errorf("threshold = %v, event_threshold = %v", c.Dedupe.Threshold, c.Dedupe.EventThreshold)
	}
}

func TestErrorsUnwrap(t *testing.T) {
	_, err := Parse("t.yaml", []byte(strings.Replace(validYAML, "slug: sport", "slug: all", 1)))
	var es Errors
	if !errors.As(err, &es) || len(es) != 1 {
		t.Fatalf("err = %#v, want Errors of 1", err)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatal("errors.As(*Error) failed")
	}
	if e.File != "t.yaml" || e.Line != 17 || e.Column != 5 || e.Field != "topics[1].slug" {
		t.Errorf("error = %+v", e)
	}
}

func TestErrorFormat(t *testing.T) {
	cases := []struct {
		e    Error
		want string
	}{
		{Error{File: "config.yaml", Line: 12, Column: 5, Field: "sources[3].url", Msg: "bad"}, "config.yaml:12:5: sources[3].url: bad"},
		{Error{File: "config.yaml", Field: "sources", Msg: "none"}, "config.yaml: sources: none"},
		{Error{File: "c.yaml", Line: 3, Msg: "x"}, "c.yaml:3: x"},
		{Error{Msg: "x"}, "x"},
	}
	for _, c := range cases {
		if got := c.e.Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
	es := Errors{&cases[0].e, &cases[1].e}
	if got := es.Error(); got != cases[0].want+"\n"+cases[1].want {
		t.Errorf("Errors.Error() = %q", got)
	}
}

func BenchmarkParseRepoConfig(b *testing.B) {
	data, err := os.ReadFile("../config.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("config.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestArticleCaps(t *testing.T) {
	c := mustParse(t, validYAML+"normalize:\n  max_html_bytes: 100000\n  max_text_bytes: 20000\n")
	if c.Normalize.MaxHTMLBytes != 100000 || c.Normalize.MaxTextBytes != 20000 {
		t.Errorf("normalize = %+v", c.Normalize)
	}
}
