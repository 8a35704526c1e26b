package publish

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// refreshed returns the handler of a Publisher refreshed over testStories.
func refreshed(t *testing.T) http.Handler {
	t.Helper()
	p, _ := newTestPublisher(t, Options{Sources: testSources()})
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	return p.Handler()
}

func TestHandlerBeforeFirstRefresh(t *testing.T) {
	p, _ := newTestPublisher(t, Options{})
	h := p.Handler()
	for _, path := range []string{"/", "/feeds/all.atom", "/feeds/economy.rss", "/feeds.opml"} {
		rec := get(t, h, "GET", path, nil)
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
			t.Errorf("%s before refresh: %d Retry-After %q", path, rec.Code, rec.Header().Get("Retry-After"))
		}
	}
	if rec := get(t, h, "GET", "/healthz", nil); rec.Code != http.StatusOK || rec.Body.String() != "ok\n" {
		t.Errorf("healthz = %d %q", rec.Code, rec.Body.String())
	}
}

func TestHandlerContentTypes(t *testing.T) {
	h := refreshed(t)
	for path, ct := range map[string]string{
		"/feeds/all.atom":                     "application/atom+xml; charset=utf-8",
		"/feeds/international-relations.atom": "application/atom+xml; charset=utf-8",
		"/feeds/economy.rss":                  "application/rss+xml; charset=utf-8",
		"/feeds/sport.json":                   "application/feed+json; charset=utf-8",
		"/feeds.opml":                         "text/x-opml; charset=utf-8",
		"/":                                   "text/html; charset=utf-8",
	} {
		rec := get(t, h, "GET", path, nil)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != ct {
			t.Errorf("%s: %d %q, want %q", path, rec.Code, rec.Header().Get("Content-Type"), ct)
		}
		vary := "Accept-Encoding"
		if strings.HasSuffix(path, ".atom") || strings.HasSuffix(path, ".rss") {
			vary = "Accept, Accept-Encoding" // browsers get application/xml
		}
		if rec.Header().Get("Vary") != vary || rec.Header().Get("Content-Encoding") != "" {
			t.Errorf("%s: Vary %q Content-Encoding %q", path, rec.Header().Get("Vary"), rec.Header().Get("Content-Encoding"))
		}
	}
}

// A browser navigating to a feed gets its bytes as application/xml, which
// it shows through the stylesheet; feed readers get the feed types.
func TestFeedTypeForBrowsers(t *testing.T) {
	h := refreshed(t)
	const chrome = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
	for _, tc := range []struct{ path, accept, want string }{
		{"/feeds/all.atom", chrome, "application/xml; charset=utf-8"},
		{"/feeds/economy.rss?lang=id", chrome, "application/xml; charset=utf-8"},
		{"/feeds/all.json", chrome, "application/feed+json; charset=utf-8"},
		{"/feeds/all.atom", "application/atom+xml, text/html;q=0.1", "application/atom+xml; charset=utf-8"},
		{"/feeds/all.atom", "*/*", "application/atom+xml; charset=utf-8"},
		{"/feeds/all.rss", "", "application/rss+xml; charset=utf-8"},
	} {
		rec := get(t, h, "GET", tc.path, map[string]string{"Accept": tc.accept})
		if got := rec.Header().Get("Content-Type"); got != tc.want {
			t.Errorf("%s for %q: %q, want %q", tc.path, tc.accept, got, tc.want)
		}
	}
	a := get(t, h, "GET", "/feeds/all.atom", map[string]string{"Accept": chrome})
	b := get(t, h, "GET", "/feeds/all.atom", nil)
	if a.Body.String() != b.Body.String() || a.Header().Get("ETag") != b.Header().Get("ETag") {
		t.Error("a browser gets other bytes than a reader")
	}
}

func TestHandlerNotFound(t *testing.T) {
	h := refreshed(t)
	for _, path := range []string{"/feeds/nope.atom", "/feeds/economy.xml", "/feeds/economy", "/feeds/", "/nope", "/feeds/legacy-topic.atom"} {
		if rec := get(t, h, "GET", path, nil); rec.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, rec.Code)
		}
	}
	if rec := get(t, h, "POST", "/feeds/all.atom", nil); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d, want 405", rec.Code)
	}
}

func TestHandlerConditional(t *testing.T) {
	h := refreshed(t)
	rec := get(t, h, "GET", "/feeds/all.atom", nil)
	etag := rec.Header().Get("ETag")
	lm := rec.Header().Get("Last-Modified")
	if !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) || len(etag) < 10 {
		t.Fatalf("ETag = %q, want a strong quoted tag", etag)
	}
	// The newest article (t0+2h) was first stored a minute after it
	// was published.
	if lm != "Fri, 20 Nov 2026 10:31:00 GMT" {
		t.Errorf("Last-Modified = %q, want when the newest article was stored", lm)
	}

	rec = get(t, h, "GET", "/feeds/all.atom", map[string]string{"If-None-Match": etag})
	if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Errorf("If-None-Match: %d with %d bytes", rec.Code, rec.Body.Len())
	}
	if rec := get(t, h, "GET", "/feeds/all.atom", map[string]string{"If-None-Match": `"other"`}); rec.Code != http.StatusOK {
		t.Errorf("stale If-None-Match: %d", rec.Code)
	}
	if rec := get(t, h, "GET", "/feeds/all.atom", map[string]string{"If-Modified-Since": lm}); rec.Code != http.StatusNotModified {
		t.Errorf("If-Modified-Since equal: %d", rec.Code)
	}
	earlier := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC).Format(http.TimeFormat)
	if rec := get(t, h, "GET", "/feeds/all.atom", map[string]string{"If-Modified-Since": earlier}); rec.Code != http.StatusOK {
		t.Errorf("If-Modified-Since earlier: %d", rec.Code)
	}

	// Each feed has its own tag; the same feed keeps its tag across refreshes.
	if other := get(t, h, "GET", "/feeds/economy.atom", nil).Header().Get("ETag"); other == etag {
		t.Error("two feeds share an ETag")
	}
	if again := refreshed(t); get(t, again, "GET", "/feeds/all.atom", nil).Header().Get("ETag") != etag {
		t.Error("ETag changed across publishers with the same stories")
	}
}

func TestHandlerGzip(t *testing.T) {
	h := refreshed(t)
	plain := get(t, h, "GET", "/feeds/all.atom", nil)
	rec := get(t, h, "GET", "/feeds/all.atom", map[string]string{"Accept-Encoding": "br;q=1.0, gzip;q=0.8"})
	if rec.Header().Get("Content-Encoding") != "gzip" || rec.Header().Get("Vary") != "Accept, Accept-Encoding" {
		t.Fatalf("Content-Encoding %q Vary %q", rec.Header().Get("Content-Encoding"), rec.Header().Get("Vary"))
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(body, plain.Body.Bytes()) {
		t.Error("gzip body differs from the plain one")
	}
	gzTag := rec.Header().Get("ETag")
	if gzTag == plain.Header().Get("ETag") || !strings.HasPrefix(gzTag, `"`) {
		t.Errorf("gzip ETag %q must be a strong tag distinct from %q", gzTag, plain.Header().Get("ETag"))
	}
	rec = get(t, h, "GET", "/feeds/all.atom", map[string]string{"Accept-Encoding": "gzip", "If-None-Match": gzTag})
	if rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match with the gzip tag: %d", rec.Code)
	}
	if rec := get(t, h, "GET", "/feeds/all.atom", map[string]string{"Accept-Encoding": "gzip;q=0, deflate"}); rec.Header().Get("Content-Encoding") != "" {
		t.Error("gzip sent though refused with q=0")
	}

	// A real client over a loopback server decompresses transparently.
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL + "/feeds/all.atom")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	if !resp.Uncompressed || !bytes.Equal(got, plain.Body.Bytes()) {
		t.Errorf("client round trip: uncompressed=%v equal=%v", resp.Uncompressed, bytes.Equal(got, plain.Body.Bytes()))
	}
}

func TestHandlerHead(t *testing.T) {
	h := refreshed(t)
	full := get(t, h, "GET", "/feeds/economy.rss", nil)
	rec := get(t, h, "HEAD", "/feeds/economy.rss", nil)
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 {
		t.Errorf("HEAD: %d with %d bytes", rec.Code, rec.Body.Len())
	}
	if rec.Header().Get("ETag") != full.Header().Get("ETag") || rec.Header().Get("Content-Length") != full.Header().Get("Content-Length") {
		t.Errorf("HEAD headers differ from GET: %v vs %v", rec.Header(), full.Header())
	}
}

func TestAcceptsGzip(t *testing.T) {
	for header, want := range map[string]bool{
		"":                     false,
		"gzip":                 true,
		"GZIP":                 true,
		"deflate, gzip":        true,
		"gzip;q=0":             false,
		"gzip; q=0.000":        false,
		"gzip;q=0.5":           true,
		"x-gzip":               true,
		"*":                    true,
		"*;q=0":                false,
		"*, gzip;q=0":          false,
		"br, identity":         false,
		"identity;q=1, *;q=.1": true,
	} {
		if got := acceptsGzip(header); got != want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", header, got, want)
		}
	}
}

func TestIndexPage(t *testing.T) {
	h := refreshed(t)
	page := get(t, h, "GET", "/", nil).Body.String()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	alternates := map[string]string{} // href → title
	var text strings.Builder
	var external []string
	for n := range doc.Descendants() {
		if n.Type == html.TextNode {
			text.WriteString(n.Data)
			text.WriteString(" ")
		}
		if n.Type != html.ElementNode {
			continue
		}
		attr := map[string]string{}
		for _, a := range n.Attr {
			attr[a.Key] = a.Val
		}
		switch n.Data {
		case "link":
			if attr["rel"] == "alternate" && attr["type"] == "application/atom+xml" {
				alternates[attr["href"]] = attr["title"]
			} else {
				external = append(external, attr["href"])
			}
		case "script", "img", "iframe":
			external = append(external, n.Data)
		}
	}
	want := map[string]string{
		testBase + "/feeds/all.atom":                     "warta: All stories",
		testBase + "/feeds/international-relations.atom": "warta: International relations",
		testBase + "/feeds/economy.atom":                 "warta: Ekonomi",
		testBase + "/feeds/sport.atom":                   "warta: Sport",
	}
	for href, title := range want {
		if alternates[href] != title {
			t.Errorf("autodiscovery %s = %q, want %q", href, alternates[href], title)
		}
	}
	if len(alternates) != len(want) {
		t.Errorf("autodiscovery links = %v", alternates)
	}
	if len(external) > 0 {
		t.Errorf("index page loads other resources: %q", external)
	}
	body := strings.Join(strings.Fields(text.String()), " ")
	for _, s := range []string{"International relations", "Diplomacy, treaties & sanctions", "3 stories", "2 stories", "0 stories", "Ekonomi"} {
		if !strings.Contains(body, s) {
			t.Errorf("index text lacks %q: %s", s, body)
		}
	}
	if !strings.Contains(page, "Diplomacy, treaties &amp; sanctions") {
		t.Error("index page does not escape text")
	}
}

func TestOPML(t *testing.T) {
	h := refreshed(t)
	rec := get(t, h, "GET", "/opml", nil)
	if legacy := get(t, h, "GET", "/feeds.opml", nil); legacy.Code != http.StatusOK || legacy.Body.String() != rec.Body.String() {
		t.Errorf("/feeds.opml: %d, differs from /opml", legacy.Code)
	}
	var doc struct {
		Version string `xml:"version,attr"`
		Title   string `xml:"head>title"`
		Body    []struct {
			Type   string `xml:"type,attr"`
			Text   string `xml:"text,attr"`
			XMLURL string `xml:"xmlUrl,attr"`
		} `xml:"body>outline"`
	}
	if err := xml.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "2.0" || doc.Title == "" {
		t.Errorf("opml head = %q %q", doc.Version, doc.Title)
	}
	var urls []string
	for _, o := range doc.Body {
		if o.Text == "" || o.Type != "rss" {
			t.Errorf("outline %+v", o)
		}
		urls = append(urls, o.XMLURL)
	}
	want := []string{
		testBase + "/feeds/all.atom",
		testBase + "/feeds/international-relations.atom",
		testBase + "/feeds/economy.atom",
		testBase + "/feeds/sport.atom",
	}
	if strings.Join(urls, " ") != strings.Join(want, " ") {
		t.Errorf("opml feeds = %q, want %q", urls, want)
	}
	// Every listed feed is served.
	for _, u := range urls {
		if rec := get(t, h, "GET", strings.TrimPrefix(u, testBase), nil); rec.Code != http.StatusOK {
			t.Errorf("%s: %d", u, rec.Code)
		}
	}
}
