package config

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/genre"
	"github.com/warta-news/warta/language"
	"github.com/warta-news/warta/publish"
	"github.com/warta-news/warta/publish/filter"
	"github.com/warta-news/warta/store/postgres"
	"github.com/warta-news/warta/topic"
)

// Limits checked by validation.
const (
	MaxMaxItems = 10000
	MinWindow   = time.Hour
)

// validator checks a decoded, defaulted Config and collects every problem.
type validator struct {
	cfg     *Config
	doc     *document
	builtin []topic.Spec // the built-in topics, generated (builtin_gen.go) or decoded from builtinDoc
	// builtinDoc is the built-in topics' document; nil when they came
	// generated, until an error in them needs its positions.
	builtinDoc       *document
	baseURLDefaulted bool
	errs             Errors
}

func (v *validator) errorf(path, format string, args ...any) {
	v.errs = append(v.errs, v.doc.errorf(path, format, args...))
}

func (v *validator) line(path string) int { return v.doc.ix.pos(path).line }

// errorf makes an *Error at path of d.
func (d *document) errorf(path, format string, args ...any) *Error {
	p := d.ix.pos(path)
	return &Error{File: d.file, Line: p.line, Column: p.col, Field: path, Msg: fmt.Sprintf(format, args...)}
}

func (v *validator) validate() {
	if _, err := ParseSchedule(v.cfg.Schedule); err != nil {
		v.errorf("schedule", "%v", err)
	}
	slugs := v.topics()
	v.sources(slugs)
	v.feeds(slugs)
	v.storage()
	v.server()
	v.publish()
	v.websub()
	v.fetch()
	v.dedupe()
	v.normalize()
}

// topics validates the file's topics and the built-in ones, sets
// cfg.Topics to the topics in effect and returns their slugs, so that
// sources can be checked against them. The rules of a topic are topic's to
// check (topic.Check); what a topic is as a feed (its slug and title) and
// how the file overrides the built-in topics are checked here.
func (v *validator) topics() map[string]bool {
	own := v.cfg.Topics
	v.ruleErrors(v.doc, own, topic.Check(own))
	if err := topic.Check(v.builtin); err != nil {
		v.ruleErrors(v.builtinDocument(), v.builtin, err)
	}
	builtin := map[string]bool{}
	for _, t := range v.builtin {
		builtin[t.Slug] = true
	}
	forced := map[string]bool{}
	for _, s := range v.cfg.Sources {
		for _, t := range s.Topics {
			forced[t] = true
		}
	}
	for i, t := range own {
		at := fmt.Sprintf("topics[%d]", i)
		// An empty slug is reported by topic.Check.
		if msg := slugProblem(t.Slug); t.Slug != "" && msg != "" {
			v.errorf(at+".slug", "%s", msg)
		}
		if t.Disabled {
			// A topic of the file's own may be switched off too; a bare
			// "disabled" entry must name a built-in topic.
			if t.Slug != "" && !builtin[t.Slug] && strings.TrimSpace(t.Title) == "" {
				v.errorf(at+".slug", "no built-in topic %q to disable%s", t.Slug, slugHint(t.Slug, builtin))
			}
			continue
		}
		// A topic of a built-in slug changes the built-in one: what it
		// leaves out, its title and terms among it, stays the built-in's
		// (topic.Override); terms it names are its own.
		changes := builtin[t.Slug]
		if strings.TrimSpace(t.Title) == "" && (!changes || t.Title != "") {
			v.errorf(at+".title", "title is required")
		}
		terms := 0
		for _, list := range t.Terms {
			terms += len(list)
		}
		if terms == 0 && (!changes || t.Terms != nil) && strings.TrimSpace(t.Expr) == "" && !forced[t.Slug] {
			v.errorf(at, "topic %q has no terms and no expr, so no article can match it; add terms, or force it with a source's topics", t.Slug)
		}
	}
	slugs := v.cfg.applyTopics(v.builtin, own)
	if len(v.cfg.Topics) == 0 {
		v.errorf("topics", "every topic is disabled; at least one is required")
	}
	v.inEffectErrors(own)
	return slugs
}

// inEffectErrors places what topic.CheckInEffect finds in the topics in
// effect at the file's own topic of the same slug (the built-in ones pass
// it: the file's own topics are what can fail it).
func (v *validator) inEffectErrors(own []topic.Spec) {
	var es topic.RuleErrors
	if !errors.As(topic.CheckInEffect(v.cfg.Topics), &es) {
		return
	}
	var placed topic.RuleErrors
	for _, e := range es {
		at := *e
		at.Topic = slices.IndexFunc(own, func(o topic.Spec) bool { return o.Slug == e.Slug && !o.Disabled })
		if at.Topic < 0 {
			v.errs = append(v.errs, &Error{File: v.doc.file, Field: "topics", Msg: e.Error()})
			continue
		}
		placed = append(placed, &at)
	}
	if len(placed) > 0 {
		v.ruleErrors(v.doc, own, placed)
	}
}

// applyTopics sets c.Topics to builtin with own applied (topic.Override),
// records for Describe where each comes from, and returns their slugs.
func (c *Config) applyTopics(builtin, own []topic.Spec) map[string]bool {
	c.Topics = topic.Override(builtin, own)
	isBuiltin := map[string]bool{}
	for _, t := range builtin {
		isBuiltin[t.Slug] = true
	}
	mine := map[string]bool{}
	for _, t := range own {
		mine[t.Slug] = true
		if t.Disabled && isBuiltin[t.Slug] {
			c.disabledTopics = append(c.disabledTopics, t.Slug)
		}
	}
	c.topicOrigin = map[string]origin{}
	slugs := map[string]bool{}
	for _, t := range c.Topics {
		slugs[t.Slug] = true
		switch {
		case isBuiltin[t.Slug] && mine[t.Slug]:
			c.topicOrigin[t.Slug] = changesBuiltin
		case isBuiltin[t.Slug]:
			c.topicOrigin[t.Slug] = fromBuiltin
		}
	}
	return slugs
}

// builtinDocument is the built-in topics' document, decoded when the
// topics came generated.
func (v *validator) builtinDocument() *document {
	if v.builtinDoc == nil {
		_, doc, _ := decodeBuiltin()
		if doc == nil {
			// The generated topics match the YAML, which then decodes; a
			// document without positions still names the file.
			doc = &document{file: topic.BuiltinFile, ix: &index{}}
		}
		v.builtinDoc = doc
	}
	return v.builtinDoc
}

// ruleErrors places the problems topic.Check found in specs, the topics of
// d, at their line and column in d.
func (v *validator) ruleErrors(d *document, specs []topic.Spec, err error) {
	if err == nil {
		return
	}
	var es topic.RuleErrors
	if !errors.As(err, &es) {
		v.errs = append(v.errs, &Error{File: d.file, Field: "topics", Msg: err.Error()})
		return
	}
	for _, e := range es {
		path := fmt.Sprintf("topics[%d].%s", e.Topic, e.Field)
		out := d.errorf(path, "%v", e.Err)
		if errors.Is(e, topic.ErrDuplicateSlug) {
			first := slices.IndexFunc(specs, func(s topic.Spec) bool { return s.Slug == e.Slug })
			out.Msg += fmt.Sprintf(": also used by topics[%d] at line %d", first, d.ix.pos(fmt.Sprintf("topics[%d].slug", first)).line)
		}
		if e.Column > 0 {
			if p, ok := d.textColumn(path, specs[e.Topic].Expr, e.Column); ok {
				out.Line, out.Column = p.line, p.col
			} else {
				out.Msg += fmt.Sprintf(" (column %d of the expression)", e.Column)
			}
		}
		v.errs = append(v.errs, out)
	}
}

// textColumn is where column col (1-based, in characters) of text, the
// string value at path, is written in d: known when the value is written
// on one line as it reads, plain or quoted without escapes.
func (d *document) textColumn(path, text string, col int) (position, bool) {
	p, ok := d.ix.value[path]
	if !ok || p.line < 1 || strings.Contains(text, "\n") {
		return position{}, false
	}
	lines := bytes.Split(d.src, []byte("\n"))
	if p.line > len(lines) {
		return position{}, false
	}
	line := []rune(string(lines[p.line-1]))
	if p.col < 1 || p.col > len(line) {
		return position{}, false
	}
	rest, start := string(line[p.col-1:]), p.col
	if rest[0] == '\'' || rest[0] == '"' {
		rest, start = rest[1:], start+1
	}
	if !strings.HasPrefix(rest, text) {
		return position{}, false
	}
	return position{p.line, start + col - 1}, true
}

func (v *validator) sources(slugs map[string]bool) {
	c := v.cfg
	if len(c.Sources) == 0 {
		v.errorf("sources", "at least one source is required")
	}
	names := map[string]int{}
	urls := map[string]int{}
	for i, s := range c.Sources {
		at := fmt.Sprintf("sources[%d]", i)
		if strings.TrimSpace(s.Name) == "" {
			v.errorf(at+".name", "name is required")
		} else {
			key := NameKey(s.Name)
			if j, dup := names[key]; dup {
				v.errorf(at+".name", "duplicate source name %q: also used by sources[%d] at line %d", s.Name, j, v.line(fmt.Sprintf("sources[%d].name", j)))
			} else {
				names[key] = i
			}
		}
		if s.URL == "" {
			v.errorf(at+".url", "url is required")
		} else if key, err := URLKey(s.URL); err != nil {
			v.errorf(at+".url", "malformed URL%s: %v", quotedURL(s.URL), err)
		} else if j, dup := urls[key]; dup {
			v.errorf(at+".url", "duplicate url%s: also used by sources[%d] at line %d", quotedURL(s.URL), j, v.line(fmt.Sprintf("sources[%d].url", j)))
		} else {
			urls[key] = i
		}
		if s.Language != "" {
			if msg := checkLanguage(s.Language); msg != "" {
				v.errorf(at+".language", "%s", msg)
			}
		}
		if s.Genre != "" {
			if _, ok := genre.Parse(s.Genre); !ok {
				v.errorf(at+".genre", "unknown genre %q: want one of %s", s.Genre, strings.Join(genre.Names(), ", "))
			}
		}
		for j, t := range s.Topics {
			if !slugs[t] {
				v.errorf(fmt.Sprintf("%s.topics[%d]", at, j), "unknown topic %q%s", t, slugHint(t, slugs))
			}
		}
		for slug, w := range s.Boost {
			bp := at + ".boost." + slug
			if !slugs[slug] {
				v.errorf(bp, "unknown topic %q%s", slug, slugHint(slug, slugs))
			}
			if math.IsNaN(w) || math.IsInf(w, 0) || w <= 0 {
				v.errorf(bp, "boost must be a finite number > 0, got %v", w)
			}
		}
	}
}

// slugProblem says what is wrong with a feed's slug, "" when nothing.
func slugProblem(slug string) string {
	switch {
	case !publish.ValidSlug(slug):
		return fmt.Sprintf("invalid slug %q: want lower-case letters and digits in words joined by single hyphens, such as \"international-relations\"", slug)
	case slug == publish.AllSlug:
		return fmt.Sprintf("slug %q is reserved for the feed of all stories", slug)
	}
	return ""
}

// slug checks the slug of entry i of list ("topics" or "feeds"): given,
// well-formed, not reserved and not used by an earlier entry (first maps
// slugs to the entry that has them). It reports whether the slug is
// usable.
func (v *validator) slug(list string, i int, slug string, first map[string]int) bool {
	at := fmt.Sprintf("%s[%d].slug", list, i)
	msg := slugProblem(slug)
	switch {
	case slug == "":
		v.errorf(at, "slug is required")
	case msg != "":
		v.errorf(at, "%s", msg)
	default:
		if j, dup := first[slug]; dup {
			v.errorf(at, "duplicate slug %q: also used by %s[%d] at line %d", slug, list, j, v.line(fmt.Sprintf("%s[%d].slug", list, j)))
		} else {
			first[slug] = i
		}
		return true
	}
	return false
}

// feeds validates the feeds people define: a slug no topic or other feed
// has, and a filter that parses and names configured topics and sources.
func (v *validator) feeds(topics map[string]bool) {
	sources := map[string]bool{}
	for _, s := range v.cfg.Sources {
		sources[strings.ToLower(s.Name)] = true
	}
	first := map[string]int{}
	for i, f := range v.cfg.Feeds {
		at := fmt.Sprintf("feeds[%d]", i)
		if topics[f.Slug] {
			v.errorf(at+".slug", "slug %q is a topic's", f.Slug)
		} else {
			v.slug("feeds", i, f.Slug, first)
		}
		if strings.TrimSpace(f.Title) == "" {
			v.errorf(at+".title", "title is required")
		}
		if strings.TrimSpace(f.Filter) == "" {
			v.errorf(at+".filter", "filter is required (for example: topic:economy lang:id)")
			continue
		}
		parsed, err := filter.Parse(f.Filter)
		if err != nil {
			v.errorf(at+".filter", "%v", err)
			continue
		}
		for _, t := range parsed.Terms {
			switch {
			case t.Field == filter.FieldTopic && !topics[t.Value]:
				v.errorf(at+".filter", "unknown topic %q%s", t.Value, slugHint(t.Value, topics))
			case t.Field == filter.FieldSource && !sources[strings.ToLower(t.Value)]:
				v.errorf(at+".filter", "unknown source %q", t.Value)
			case t.Field == filter.FieldLang:
				if msg := checkLanguage(t.Value); msg != "" {
					v.errorf(at+".filter", "%s", msg)
				} else if !language.Tagged(t.Value) {
					v.errorf(at+".filter", "unknown language %q: want an ISO 639 code such as %q or %q", t.Value, language.English, language.Indonesian)
				}
			}
		}
	}
}

// slugHint suggests the closest configured slug for a typo.
func slugHint(s string, slugs map[string]bool) string {
	best, bestD := "", 3
	for k := range slugs {
		if d := editDistance(s, k); d < bestD || (d == bestD && k < best) {
			best, bestD = k, d
		}
	}
	if best == "" || bestD >= len(s) {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func (v *validator) storage() {
	st := v.cfg.Storage
	switch strings.ToLower(st.Driver) {
	case "sqlite":
		if st.Driver != "sqlite" {
			v.errorf("storage.driver", "driver %q: write it \"sqlite\"", st.Driver)
		}
	case "postgres", "postgresql", "pgx":
		if st.Driver != "postgres" {
			v.errorf("storage.driver", "driver %q: write it \"postgres\"", st.Driver)
		}
		v.postgresDSN()
	default:
		v.errorf("storage.driver", "unknown driver %q; use \"sqlite\" or \"postgres\"", st.Driver)
	}
	if strings.TrimSpace(st.DSN) == "" {
		v.errorf("storage.dsn", "dsn is required")
	}
	switch window := v.cfg.Dedupe.Window; {
	case st.Retention < 0:
		v.errorf("storage.retention", "retention must be >= 0 (0 keeps articles forever), got %s", st.Retention)
	case st.Retention == 0: // keeps every article
	case st.Retention < window:
		// The story index keeps a lead for the dedupe window: pruned
		// before, the copies joining it would name a story no stored
		// article leads, and no feed would show them.
		v.errorf("storage.retention", "retention %s is shorter than dedupe.window (%s): a story's lead would be pruned while later copies still join it",
			fmtDuration(st.Retention), fmtDuration(window))
	case st.Retention < fetch.MaxPollWait:
		// Prune keeps what a source listed at its last success within
		// retention; a healthy feed may ask to be left alone this long.
		v.errorf("storage.retention", "retention %s is shorter than %s, the longest a healthy source may go unfetched: its still-listed items would be pruned and come back as new",
			fmtDuration(st.Retention), fmtDuration(fetch.MaxPollWait))
	}
}

// postgresDSN checks the DSN of driver postgres with the parser the store
// uses. The default DSN is a SQLite file, so postgres needs one written out.
func (v *validator) postgresDSN() {
	dsn := v.cfg.Storage.DSN
	if !v.doc.ix.set["storage.dsn"] {
		v.errorf("storage.dsn", "dsn is required for driver postgres, such as %q", examplePostgresDSN)
		return
	}
	if strings.TrimSpace(dsn) == "" {
		return // reported as missing
	}
	if err := postgres.CheckDSN(dsn); err != nil {
		v.errorf("storage.dsn", "invalid postgres dsn: %v; want a URL such as %q or key=value pairs",
			err, examplePostgresDSN)
	}
}

// examplePostgresDSN shows the DSN form in messages.
const examplePostgresDSN = "postgres://warta@localhost:5432/warta?sslmode=disable"

func (v *validator) server() {
	s := v.cfg.Server
	listenOK := v.listen("server.listen", s.Listen)
	if s.MetricsListen != "" {
		v.listen("server.metrics_listen", s.MetricsListen)
		if s.MetricsListen == s.Listen {
			v.errorf("server.metrics_listen", "metrics_listen %q is the listen address; leave it out to serve /metrics there", s.MetricsListen)
		}
	}
	if s.LabelsTokenFile != "" {
		v.cfg.Server.LabelsToken = v.labelsToken(s.LabelsTokenFile)
	}
	if v.baseURLDefaulted && !listenOK {
		return // derived from the bad listen address, already reported
	}
	u, err := url.Parse(s.BaseURL)
	switch {
	case err != nil:
		v.errorf("server.base_url", "malformed URL %q: %v", s.BaseURL, err)
	case u.Scheme != "http" && u.Scheme != "https":
		v.errorf("server.base_url", "malformed URL %q: want an absolute http:// or https:// URL", s.BaseURL)
	case u.Host == "":
		v.errorf("server.base_url", "malformed URL %q: missing host", s.BaseURL)
	case u.RawQuery != "" || u.Fragment != "":
		v.errorf("server.base_url", "base URL %q must not have a query or fragment", s.BaseURL)
	}
}

// MinLabelsToken is the shortest token server.labels_token_file may hold:
// about 128 bits of a random hex or base64 string, beyond guessing.
const MinLabelsToken = 24

// labelsToken reads the labels API's token from file (relative to the
// config file's directory), "" with an error reported when it cannot be
// read or is too short. The error never quotes the file's contents.
func (v *validator) labelsToken(file string) string {
	const field = "server.labels_token_file"
	if !filepath.IsAbs(file) && v.cfg.Path != "" {
		file = filepath.Join(filepath.Dir(v.cfg.Path), file)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		v.errorf(field, "cannot read the labels token: %v", err)
		return ""
	}
	token := strings.TrimSpace(string(b))
	switch {
	case strings.ContainsAny(token, " \t\r\n"):
		v.errorf(field, "the labels token in %s is more than one word: want the token alone", file)
	case len(token) < MinLabelsToken:
		v.errorf(field, "the labels token in %s has %d characters, fewer than %d: anyone could guess it", file, len(token), MinLabelsToken)
	default:
		return token
	}
	return ""
}

// listen checks a listen address at path and reports whether it is good.
func (v *validator) listen(path, addr string) bool {
	if err := CheckListen(addr); err != nil {
		v.errorf(path, "%v", err)
		return false
	}
	return true
}

// CheckListen checks a listen address (server.listen, and `warta run
// -listen`): host:port, the host possibly empty, the port 0..65535.
func CheckListen(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("invalid listen address %q: want host:port, such as \"127.0.0.1:8080\" or \":8080\"", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("invalid port %q in listen address %q: want 0..65535", port, addr)
	}
	return nil
}

func (v *validator) publish() {
	p := v.cfg.Publish
	if p.MaxItems < 1 || p.MaxItems > MaxMaxItems {
		v.errorf("publish.max_items", "max_items must be in 1..%d, got %d", MaxMaxItems, p.MaxItems)
	}
	if p.Pages < 1 || p.Pages > MaxPages {
		v.errorf("publish.pages", "pages must be in 1..%d, got %d", MaxPages, p.Pages)
	}
}

// MaxPages bounds publish.pages: every page of every feed is held in
// memory.
const MaxPages = 100

func (v *validator) websub() {
	w := v.cfg.WebSub
	for i, c := range w.AllowCallbacks {
		if _, err := ParseAddressRange(c); err != nil {
			v.errorf(fmt.Sprintf("websub.allow_callbacks[%d]", i), "%v", err)
		}
	}
	if w.MaxSubscriptions < 0 {
		v.errorf("websub.max_subscriptions", "must not be negative, got %d", w.MaxSubscriptions)
	}
}

// ParseAddressRange reads an address range of websub.allow_callbacks: a
// CIDR prefix or a single address.
func ParseAddressRange(s string) (netip.Prefix, error) {
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is neither an address range (127.0.0.0/8) nor an address", s)
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}

func (v *validator) fetch() {
	f := v.cfg.Fetch
	for _, d := range []struct {
		path string
		val  time.Duration
	}{{"fetch.timeout", f.Timeout}, {"fetch.connect_timeout", f.ConnectTimeout}, {"fetch.max_backoff", f.MaxBackoff}} {
		if d.val <= 0 {
			v.errorf(d.path, "must be a positive duration, got %s", d.val)
		}
	}
	for _, n := range []struct {
		path string
		val  int64
	}{{"fetch.concurrency", int64(f.Concurrency)}, {"fetch.per_host", int64(f.PerHost)}, {"fetch.max_body_bytes", f.MaxBodyBytes}, {"fetch.max_items", int64(f.MaxItems)}} {
		if n.val <= 0 {
			v.errorf(n.path, "must be a positive number, got %d", n.val)
		}
	}
	if d := f.PerHostInterval; d != nil && *d < 0 {
		v.errorf("fetch.per_host_interval", "must not be negative, got %s", *d)
	}
	// A header value with a line break would inject headers.
	if strings.ContainsAny(f.UserAgent, "\r\n\x00") {
		v.errorf("fetch.user_agent", "user_agent must be one line")
	}
}

func (v *validator) dedupe() {
	d := v.cfg.Dedupe
	if math.IsNaN(d.Threshold) || d.Threshold < 0 || d.Threshold > 1 {
		v.errorf("dedupe.threshold", "threshold must be in [0,1], got %v", d.Threshold)
	}
	if math.IsNaN(d.EventThreshold) || d.EventThreshold <= 0 || d.EventThreshold > 1 {
		v.errorf("dedupe.event_threshold", "event_threshold must be in (0,1], got %v", d.EventThreshold)
	}
	if d.Window < MinWindow {
		v.errorf("dedupe.window", "window must be at least %s, got %s", fmtDuration(MinWindow), d.Window)
	}
}

func (v *validator) normalize() {
	n := v.cfg.Normalize
	for _, c := range []struct {
		path string
		val  int
	}{{"normalize.max_html_bytes", n.MaxHTMLBytes}, {"normalize.max_text_bytes", n.MaxTextBytes}} {
		if c.val < MinArticleBytes {
			v.errorf(c.path, "must be at least %d, got %d", MinArticleBytes, c.val)
		}
	}
}

// quotedURL is a source's URL as its errors quote it, after a space:
// redacted (fetch.RedactURL), since a reload logs them; nothing when it
// does not parse (the error's position points at it).
func quotedURL(raw string) string {
	if _, err := url.Parse(strings.TrimSpace(raw)); err != nil {
		return ""
	}
	return " " + strconv.Quote(fetch.RedactURL(strings.TrimSpace(raw)))
}

// NameKey is the key under which two sources' names are the same: a
// config refuses a second source of one key.
func NameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// URLKey is the key under which two sources' URLs are the same (scheme
// and host compared without case), or why raw is no absolute http(s) URL
// with a host, the feed URL a config takes.
func URLKey(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		// url.Error repeats the whole URL, which the message already quotes.
		if ue, ok := errors.AsType[*url.Error](err); ok {
			return "", ue.Err
		}
		return "", err
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		if scheme == "" {
			return "", fmt.Errorf("want an absolute http:// or https:// URL")
		}
		return "", fmt.Errorf("scheme %q: want http or https", u.Scheme)
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", fmt.Errorf("missing host")
	}
	u.Scheme = scheme
	u.Host = strings.ToLower(u.Host)
	return u.String(), nil
}

// checkLanguage returns a message when lang is not a 2-letter lower-case
// ISO 639-1 code.
func checkLanguage(lang string) string {
	if lang == "in" {
		return `language "in" is the withdrawn code for Indonesian; write "id"`
	}
	if len(lang) != 2 || !isLower(lang[0]) || !isLower(lang[1]) {
		return fmt.Sprintf("invalid language %q: want a 2-letter lower-case ISO 639-1 code, such as \"en\" or \"id\"", lang)
	}
	return ""
}

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
