// Package benchsite is a loopback news site for warta's whole-process
// benchmark: N feeds of M items each, RSS 2.0 and Atom 1.0, English and
// Indonesian, with a fraction of feeds gaining new items on every Advance,
// optional latency, and ETag / Last-Modified validators answered with 304.
// Its content is a deterministic function of the seed, so runs compare.
//
// The HTTP interface: GET /opml.xml lists every feed, GET /feed/N.xml serves
// feed N, POST /advance?frac=F&items=K gives a fraction F of the feeds K new
// items each, GET /stats counts feed requests, 200s and 304s (JSON).
package benchsite

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/warta-news/warta/internal/ctxtime"
)

// Options shape a site. Zero values take the defaults noted.
type Options struct {
	Feeds int    // number of feeds (default 1000)
	Items int    // items per feed (default 20)
	Seed  uint64 // content seed
	// AtomFrac and IDFrac are the fractions of feeds served as Atom and
	// written in Indonesian; negative means none (default 0.5 each).
	AtomFrac, IDFrac float64
	// WireFrac is the fraction of items that are copies of a wire story
	// carried by several feeds, under their own headline suffix (default
	// 0.1; negative means none).
	WireFrac float64
	// Latency is added to every feed response.
	Latency time.Duration
	// BaseTime is the publication time of the newest initial item
	// (default 2026-06-01T00:00:00Z); each Advance moves the clock on by
	// 15 minutes.
	BaseTime time.Time
	// BaseURL is the site's own address as written into feeds and the
	// OPML list (default: the Host of each request).
	BaseURL string
}

func (o Options) withDefaults() Options {
	if o.Feeds <= 0 {
		o.Feeds = 1000
	}
	if o.Items <= 0 {
		o.Items = 20
	}
	frac := func(f *float64) {
		switch {
		case *f == 0:
			*f = 0.5
		case *f < 0:
			*f = 0
		}
	}
	frac(&o.AtomFrac)
	frac(&o.IDFrac)
	switch {
	case o.WireFrac == 0:
		o.WireFrac = 0.1
	case o.WireFrac < 0:
		o.WireFrac = 0
	}
	if o.BaseTime.IsZero() {
		o.BaseTime = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	}
	return o
}

// advanceStep is how far the site's clock moves per Advance.
const advanceStep = 15 * time.Minute

// Site is the news site. It is safe for concurrent use.
type Site struct {
	opts Options

	mu    sync.Mutex
	gen   int // Advance calls so far
	feeds []*feed
	stats Stats
}

// feed is one feed's state: its items newest first and its validators.
type feed struct {
	n        int
	atom     bool
	lang     string
	items    []item
	serial   int       // items ever published
	version  int       // bumped whenever items change
	modified time.Time // the newest item's time
	body     []byte    // rendered for version
}

type item struct {
	serial    int
	title     string
	html      string
	published time.Time
}

// Stats counts what the site served since it started.
type Stats struct {
	FeedRequests int `json:"feed_requests"`
	Feed200      int `json:"feed_200"`
	Feed304      int `json:"feed_304"`
	Generation   int `json:"generation"`
}

// New returns a site with every feed holding its first Items items.
func New(opts Options) *Site {
	opts = opts.withDefaults()
	s := &Site{opts: opts, feeds: make([]*feed, opts.Feeds)}
	pick := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	for n := range s.feeds {
		f := &feed{n: n, atom: pick.Float64() < opts.AtomFrac, lang: "en"}
		if pick.Float64() < opts.IDFrac {
			f.lang = "id"
		}
		// Oldest first, so the last published is the newest.
		for k := opts.Items - 1; k >= 0; k-- {
			s.publish(f, opts.BaseTime.Add(-time.Duration(k)*time.Hour/time.Duration(opts.Items)))
		}
		s.feeds[n] = f
	}
	return s
}

// publish adds the next item of f, published at t, dropping the oldest
// beyond the window.
func (s *Site) publish(f *feed, t time.Time) {
	rng := rand.New(rand.NewPCG(s.opts.Seed, uint64(f.n)<<32|uint64(f.serial)))
	var it item
	if rng.Float64() < s.opts.WireFrac {
		// A wire story: wireStories per generation, shared across feeds.
		it = wireItem(s.opts.Seed, f.lang, s.gen, rng.IntN(wireStories), f.n)
	} else {
		it = ownItem(rng, f.lang, f.n)
	}
	it.serial = f.serial
	it.published = t
	f.serial++
	f.items = append([]item{it}, f.items...)
	if len(f.items) > s.opts.Items {
		f.items = f.items[:s.opts.Items]
	}
	f.version++
	f.modified = t
	f.body = nil
}

// Advance gives round(frac × feeds) feeds, chosen by the seed and the
// generation, items new items each, and returns their numbers.
func (s *Site) Advance(frac float64, items int) []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen++
	s.stats.Generation = s.gen
	now := s.opts.BaseTime.Add(time.Duration(s.gen) * advanceStep)
	k := int(frac*float64(len(s.feeds)) + 0.5)
	k = min(max(k, 0), len(s.feeds))
	order := rand.New(rand.NewPCG(s.opts.Seed, uint64(s.gen))).Perm(len(s.feeds))[:k]
	for _, n := range order {
		f := s.feeds[n]
		for i := range items {
			s.publish(f, now.Add(-time.Duration(items-1-i)*time.Minute))
		}
	}
	return order
}

// Stats returns the counters.
func (s *Site) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// Handler serves the site.
func (s *Site) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /opml.xml", s.serveOPML)
	mux.HandleFunc("GET /feed/{file}", s.serveFeed)
	mux.HandleFunc("POST /advance", s.serveAdvance)
	mux.HandleFunc("GET /stats", s.serveStats)
	return mux
}

func (s *Site) base(r *http.Request) string {
	if s.opts.BaseURL != "" {
		return strings.TrimSuffix(s.opts.BaseURL, "/")
	}
	return "http://" + r.Host
}

func (s *Site) serveOPML(w http.ResponseWriter, r *http.Request) {
	base := s.base(r)
	var b strings.Builder
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n<head><title>benchsite: %d feeds, seed %d</title></head>\n<body>\n",
		len(s.feeds), s.opts.Seed)
	for n := range s.feeds {
		fmt.Fprintf(&b, "<outline type=\"rss\" text=\"%[2]s\" title=\"%[2]s\" xmlUrl=\"%[1]s/feed/%[3]d.xml\" htmlUrl=\"%[1]s/site/%[3]d/\"/>\n",
			base, feedTitle(s.feeds[n]), n)
	}
	b.WriteString("</body>\n</opml>\n")
	w.Header().Set("Content-Type", "text/x-opml; charset=utf-8")
	w.Write([]byte(b.String()))
}

func (s *Site) serveFeed(w http.ResponseWriter, r *http.Request) {
	num, ok := strings.CutSuffix(r.PathValue("file"), ".xml")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n < 0 || n >= len(s.feeds) {
		http.NotFound(w, r)
		return
	}
	if ctxtime.Sleep(r.Context(), s.opts.Latency) != nil {
		return
	}
	s.mu.Lock()
	s.stats.FeedRequests++
	f := s.feeds[n]
	etag := fmt.Sprintf(`"%d-%d-%d"`, s.opts.Seed, n, f.version)
	modified := f.modified.UTC().Truncate(time.Second)
	if notModified(r, etag, modified) {
		s.stats.Feed304++
		s.mu.Unlock()
		w.Header().Set("ETag", etag)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s.stats.Feed200++
	if f.body == nil {
		f.body = render(f, s.base(r))
	}
	body := f.body
	s.mu.Unlock()
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Last-Modified", modified.Format(http.TimeFormat))
	if f.atom {
		h.Set("Content-Type", "application/atom+xml; charset=utf-8")
	} else {
		h.Set("Content-Type", "application/rss+xml; charset=utf-8")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

// notModified applies RFC 9110's precedence: If-None-Match when sent,
// else If-Modified-Since.
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
			if t == etag || t == "*" {
				return true
			}
		}
		return false
	}
	ims, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	return err == nil && !modified.After(ims)
}

func (s *Site) serveAdvance(w http.ResponseWriter, r *http.Request) {
	frac, items := 0.1, 3
	q := r.URL.Query()
	if v := q.Get("frac"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 1 {
			http.Error(w, "benchsite: frac must be in [0,1]", http.StatusBadRequest)
			return
		}
		frac = f
	}
	if v := q.Get("items"); v != "" {
		k, err := strconv.Atoi(v)
		if err != nil || k < 0 {
			http.Error(w, "benchsite: items must be a count", http.StatusBadRequest)
			return
		}
		items = k
	}
	changed := s.Advance(frac, items)
	writeJSON(w, map[string]any{"changed_feeds": len(changed), "feeds": changed, "generation": s.Stats().Generation})
}

func (s *Site) serveStats(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, s.Stats())
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}
