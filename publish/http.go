package publish

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// retryAfter is the Retry-After, in seconds, sent before the first Refresh.
const retryAfter = 30

// Handler serves the feeds, the index page and the OPML list from the last
// Refresh:
//
//	GET /                      index page with autodiscovery links
//	GET /feeds/<slug>.atom     Atom (also .rss, .json); slug "all" for every story
//	GET /feeds.opml            OPML 2.0 list of the topic feeds
//	GET /healthz               200 "ok"
//
// Documents carry strong ETags and Last-Modified and answer conditional
// requests with 304; gzip is used when the client accepts it. Before the
// first Refresh, documents answer 503 with Retry-After.
func (p *Publisher) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /{$}", p.serve)
	mux.HandleFunc("GET /feeds.opml", p.serve)
	mux.HandleFunc("GET /feeds/{file}", p.serve)
	return mux
}

// serve answers a request for a rendered document from the current snapshot.
func (p *Publisher) serve(w http.ResponseWriter, r *http.Request) {
	snap := p.snap.Load()
	if snap == nil {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, "feeds are not ready yet", http.StatusServiceUnavailable)
		return
	}
	res := snap.resources[r.URL.Path]
	if res == nil {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", res.contentType)
	h.Set("Vary", "Accept-Encoding")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "public, max-age=300")
	body, etag := res.body, res.etag
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		body, etag = res.gz, res.gzETag
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", etag)
	// ServeContent handles If-None-Match, If-Modified-Since, HEAD and
	// ranges; a zero modified time sends no Last-Modified.
	http.ServeContent(w, r, "", res.modified, bytes.NewReader(body))
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
