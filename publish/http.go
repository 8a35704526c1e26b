package publish

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/warta-news/warta/publish/filter"
)

// feedsPrefix is the path every feed is served under (feedPath).
const feedsPrefix = "/feeds/"

// feedPath is the path of feed slug in format ext ("/feeds/all.atom"), and
// the key of its resource in a snapshot.
func feedPath(slug, ext string) string { return feedsPrefix + slug + "." + ext }

// Paths of the documents served besides the feeds.
const (
	opmlPath       = "/opml"
	legacyOPMLPath = "/feeds.opml"
	stylesheetPath = "/feed.xsl"
)

// retryAfter is the Retry-After, in seconds, sent before the first Refresh.
const retryAfter = 30

// minMaxAge is the shortest max-age sent: a cycle running late must not
// make every reader revalidate on every poll.
const minMaxAge = 30 * time.Second

// Handler serves the feeds, the pages and the OPML list from the last
// Refresh:
//
//	GET /                      every topic's latest headlines, the last cycle, failing sources
//	GET /topics/<slug>         a topic's latest stories and subscribe links
//	GET /stories/<id>          one story whole: every outlet's article, how each
//	                           joined it, the feeds that carry it, the stories near it
//	GET /stories/<id>.json     the same as JSON
//	GET /status                every source's fetch status; charts of articles per hour
//	GET /status.json           the same as JSON
//	GET /feeds/<slug>.atom     Atom (also .rss, .json); slug "all" for every story;
//	                           views ?lang=id|en, ?source=<name>, ?page=<n>
//	GET /opml                  OPML 2.0 list of the feeds (also /feeds.opml)
//	GET /feed.xsl              the stylesheet browsers show feeds with
//	GET /healthz               200 "ok"
//
// With a Labeller and a token (Options.LabelsToken), the labels API
// (labelsapi.go, joinsapi.go):
//
//	POST   /stories/<id>/labels          {"topic": …, "of": true|false, "note": …}
//	DELETE /stories/<id>/labels/<topic>
//	POST   /stories/<id>/joins           {"stories": […], "note": …}
//	DELETE /stories/<id>/joins           (the join of story <id> undone)
//
// Documents carry strong ETags and, feeds, Last-Modified (when the newest
// of their articles was stored: the same in every process and across
// restarts) and answer conditional requests with 304; gzip is used when the
// client accepts it; they may be cached until the next cycle. Before the
// first Refresh, documents answer 503 with Retry-After.
func (p *Publisher) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /{$}", p.serveIndex)
	mux.HandleFunc("GET "+opmlPath, p.serveFixed)
	mux.HandleFunc("GET "+legacyOPMLPath, p.serveFixed)
	mux.HandleFunc("GET "+stylesheetPath, p.serveFixed)
	mux.HandleFunc("GET "+feedsPrefix+"{file}", p.serveFeed)
	mux.HandleFunc("GET /topics/{slug}", p.serveTopic)
	mux.HandleFunc("GET "+storyPagePrefix+"{id}", p.serveStory)
	mux.HandleFunc("GET /status", p.serveStatus)
	mux.HandleFunc("GET /status.json", p.serveStatusJSON)
	if p.opts.Labeller != nil && p.opts.LabelsToken != "" {
		mux.HandleFunc("POST "+storyPagePrefix+"{id}/labels", p.serveSetLabel)
		mux.HandleFunc("DELETE "+storyPagePrefix+"{id}/labels/{topic}", p.serveClearLabel)
		mux.HandleFunc("POST "+storyPagePrefix+"{id}/joins", p.serveJoinStories)
		mux.HandleFunc("DELETE "+storyPagePrefix+"{id}/joins", p.serveUnjoinStory)
	}
	return mux
}

// current returns the current snapshot, or answers 503 and returns nil.
func (p *Publisher) current(w http.ResponseWriter) *snapshot {
	snap := p.snap.Load()
	if snap == nil {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, "feeds are not ready yet", http.StatusServiceUnavailable)
	}
	return snap
}

// serveFixed answers a request for a document rendered by Refresh.
func (p *Publisher) serveFixed(w http.ResponseWriter, r *http.Request) {
	snap := p.current(w)
	if snap == nil {
		return
	}
	res := snap.resources[r.URL.Path]
	if res == nil {
		http.NotFound(w, r)
		return
	}
	p.serveResource(w, r, res, p.cacheControl(snap))
}

// serveFeed answers a request for a feed in one of its views.
func (p *Publisher) serveFeed(w http.ResponseWriter, r *http.Request) {
	snap := p.current(w)
	if snap == nil {
		return
	}
	slug, ext, ok := strings.Cut(r.PathValue("file"), ".")
	if !ok {
		http.NotFound(w, r)
		return
	}
	v, err := ParseView(r.URL.Query())
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	v, unknown := p.resolveView(snap, v)
	if unknown != "" {
		http.Error(w, "publish: "+unknown, http.StatusNotFound)
		return
	}
	res, found, err := p.view(snap, slug, ext, v)
	if err != nil {
		p.logger.Error("publish: render view", "path", r.URL.String(), "err", err)
		http.Error(w, "cannot render this feed", http.StatusInternalServerError)
		return
	}
	if !found {
		http.NotFound(w, r)
		return
	}
	if res.contentType != jsonFeedType {
		// The same bytes, typed so that a browser shows them through the
		// stylesheet; Vary tells caches the type depends on Accept.
		w.Header().Set("Vary", "Accept")
		if isBrowser(r.Header.Get("Accept")) {
			shown := *res
			shown.contentType = "application/xml; charset=utf-8"
			res = &shown
		}
	}
	if p.opts.Hub != "" {
		// WebSub §4: discovery by HTTP Link headers as well.
		self := (&Feed{BaseURL: p.opts.BaseURL, Slug: slug, View: v}).FeedURL(ext)
		w.Header().Add("Link", "<"+p.opts.Hub+`>; rel="hub"`)
		w.Header().Add("Link", "<"+self+`>; rel="self"`)
	}
	p.serveResource(w, r, res, p.cacheControl(snap))
}

// resolveView returns v with its source spelled as configured, and names
// what v asks for that warta does not know ("" when it knows all): its
// source, or a topic or source its filter names.
func (p *Publisher) resolveView(snap *snapshot, v View) (View, string) {
	if v.Source != "" {
		name, ok := p.sourceName(v.Source)
		if !ok {
			return v, "unknown source " + strconv.Quote(v.Source)
		}
		v.Source = name
	}
	if unknown := p.unknownFilterTerm(snap, v.Filter); unknown != "" {
		return v, "q: " + unknown
	}
	return v, ""
}

// unknownFilterTerm names the first topic or source that filter (a view's
// canonical ?q=) names and warta does not know, as ?source= and a defined
// feed's filter in the config refuse them: a typo in a subscribed URL is
// not an empty feed forever. It returns "" when every term is known.
func (p *Publisher) unknownFilterTerm(snap *snapshot, q string) string {
	if q == "" {
		return ""
	}
	// ParseView accepted the filter; its canonical form parses again.
	f, err := filter.Parse(q)
	if err != nil {
		return err.Error()
	}
	for _, t := range f.Terms {
		switch t.Field {
		case filter.FieldTopic:
			if !p.isTopic(t.Value) {
				return "unknown topic " + strconv.Quote(t.Value)
			}
		case filter.FieldSource:
			if _, ok := p.sourceName(t.Value); !ok {
				return "unknown source " + strconv.Quote(t.Value)
			}
		}
	}
	return ""
}

// isTopic reports whether slug names a topic feed (not "all", nor a feed
// defined by a filter).
func (p *Publisher) isTopic(slug string) bool {
	for _, f := range p.feeds {
		if f.Slug == slug && f.Slug != AllSlug && f.Filter == "" {
			return true
		}
	}
	return false
}

// sourceName returns the spelling of a configured source's name that
// matches name without regard to case (as a "source:" filter does), so
// that one view has one URL; ok is false when no configured source
// matches: a name no longer configured (a source removed or renamed) is
// unknown, as a typo is, though stored articles still carry it.
func (p *Publisher) sourceName(name string) (string, bool) {
	if _, ok := p.sources[name]; ok {
		return name, true
	}
	// Configured names differ in more than case (config refuses others).
	for configured := range p.sources {
		if strings.EqualFold(configured, name) {
			return configured, true
		}
	}
	return "", false
}

// maxAge is how long a response may be cached: until the first cycle
// scheduled after snap was built is due, at least minMaxAge.
func (p *Publisher) maxAge(snap *snapshot) time.Duration {
	if p.opts.NextCycle == nil {
		return minMaxAge
	}
	left := p.opts.NextCycle(snap.built).Sub(p.opts.Now())
	return max(left, minMaxAge).Round(time.Second)
}

// cacheControl is the Cache-Control of a document of snap.
func (p *Publisher) cacheControl(snap *snapshot) string {
	return "public, max-age=" + strconv.Itoa(int(p.maxAge(snap).Seconds()))
}

// serveResource writes res, gzipped when the client accepts it, and
// answers conditional requests.
func (p *Publisher) serveResource(w http.ResponseWriter, r *http.Request, res *resource, cacheControl string) {
	h := w.Header()
	h.Set("Content-Type", res.contentType)
	if v := h.Get("Vary"); v != "" {
		h.Set("Vary", v+", Accept-Encoding")
	} else {
		h.Set("Vary", "Accept-Encoding")
	}
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", cacheControl)
	body, etag := res.body, res.etag
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		body, etag = res.gz, res.gzETag
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", etag)
	if r.Header.Get("Range") != "" {
		// Rare for feeds: ServeContent answers ranges (and conditions).
		http.ServeContent(w, r, "", res.modified, bytes.NewReader(body))
		return
	}
	if !res.modified.IsZero() {
		h.Set("Last-Modified", res.modified.UTC().Format(http.TimeFormat))
	}
	if notModified(r, etag, res.modified) {
		// RFC 9110 §15.4.5: a 304 carries no content headers.
		h.Del("Content-Type")
		h.Del("Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		// One write of the whole document: ServeContent would copy it in
		// 32 KiB pieces, a write call each.
		w.Write(body)
	}
}

// notModified evaluates a GET's preconditions (RFC 9110 §13.2.2): an
// If-None-Match that names etag (weak comparison) or "*", else, when it is
// absent, an If-Modified-Since not before modified.
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, tag := range strings.Split(inm, ",") {
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == "*" || tag == strings.TrimPrefix(etag, "W/") {
				return true
			}
		}
		return false
	}
	ims := r.Header.Get("If-Modified-Since")
	if ims == "" || modified.IsZero() {
		return false
	}
	t, err := http.ParseTime(ims)
	return err == nil && !modified.Truncate(time.Second).After(t)
}

// isBrowser reports whether an Accept header is a browser navigating to a
// page (it asks for text/html) rather than a feed reader (which names a
// feed type). Browsers show application/atom+xml and application/rss+xml
// as plain text, but apply the stylesheet of application/xml.
func isBrowser(accept string) bool {
	return strings.Contains(accept, "text/html") &&
		!strings.Contains(accept, "application/atom+xml") && !strings.Contains(accept, "application/rss+xml")
}

// acceptsGzip reports whether an Accept-Encoding header admits gzip: an
// explicit gzip (or x-gzip) entry decides by its q-value, else "*" does.
func acceptsGzip(header string) bool {
	gzip, star := -1, -1 // -1 unset, 0 refused, 1 accepted
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		ok := 1
		for _, param := range strings.Split(params, ";") {
			k, v, found := strings.Cut(param, "=")
			if found && strings.EqualFold(strings.TrimSpace(k), "q") {
				if q, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && q <= 0 {
					ok = 0
				}
			}
		}
		switch coding {
		case "gzip", "x-gzip":
			gzip = ok
		case "*":
			star = ok
		}
	}
	if gzip >= 0 {
		return gzip == 1
	}
	return star == 1
}
