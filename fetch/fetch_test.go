package fetch

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

const feedXML = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title></channel></rss>`

func TestConditionalGET(t *testing.T) {
	const etag = `"v1"`
	const lastMod = "Wed, 25 Nov 2026 10:00:00 GMT"
	var gotINM, gotIMS []string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		gotINM = append(gotINM, r.Header.Get("If-None-Match"))
		gotIMS = append(gotIMS, r.Header.Get("If-Modified-Since"))
		if r.Header.Get("If-None-Match") == etag && r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified) // no validators: client must keep its own
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, feedXML)
	})
	f := newFetcher(t, Options{})
	ctx := testCtx(t)

	first, err := f.Fetch(ctx, Request{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if first.NotModified || first.StatusCode != 200 || string(first.Body) != feedXML {
		t.Fatalf("first fetch: %+v", first)
	}
	if first.ETag != etag || first.LastModified != lastMod {
		t.Fatalf("validators = %q, %q", first.ETag, first.LastModified)
	}
	if first.ContentType != "application/rss+xml; charset=utf-8" {
		t.Errorf("ContentType = %q", first.ContentType)
	}
	if first.FetchedAt.IsZero() {
		t.Error("FetchedAt not set")
	}

	second, err := f.Fetch(ctx, Request{URL: srv.URL, ETag: first.ETag, LastModified: first.LastModified})
	if err != nil {
		t.Fatal(err)
	}
	if !second.NotModified || second.StatusCode != 304 || second.Body != nil {
		t.Fatalf("second fetch: NotModified=%v status=%d body=%q", second.NotModified, second.StatusCode, second.Body)
	}
	if second.ETag != etag || second.LastModified != lastMod {
		t.Errorf("validators not kept on 304: %q, %q", second.ETag, second.LastModified)
	}
	if gotINM[0] != "" || gotIMS[0] != "" {
		t.Errorf("first request sent validators: %q %q", gotINM[0], gotIMS[0])
	}
	if gotINM[1] != etag || gotIMS[1] != lastMod {
		t.Errorf("second request validators: %q %q", gotINM[1], gotIMS[1])
	}
}

func TestNotModifiedNewValidators(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v2"`)
		w.WriteHeader(http.StatusNotModified)
	})
	res, err := newFetcher(t, Options{}).Fetch(testCtx(t), Request{URL: srv.URL, ETag: `"v1"`, LastModified: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if res.ETag != `"v2"` || res.LastModified != "x" {
		t.Errorf("got %q, %q; want the server's new ETag and the old Last-Modified", res.ETag, res.LastModified)
	}
}

// A validator is echoed back as is, so one a store cannot keep as text
// (not UTF-8: HTTP allows any byte from 0x80) or of no sane size is not
// kept: the next request is unconditional, which is only less efficient
// (review 12: F6).
func TestUnstorableValidatorsAreDropped(t *testing.T) {
	for _, tc := range []struct{ etag, lastModified string }{
		{"\"caf\xe9\"", "Mon, 30 Nov 2026 10:00:00 GMT\xff"},
		{`"` + strings.Repeat("e", maxValidatorBytes) + `"`, "Mon, 30 Nov 2026 10:00:00 GMT\t" + strings.Repeat(" x", maxValidatorBytes)},
	} {
		srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("ETag", tc.etag)
			w.Header().Set("Last-Modified", tc.lastModified)
			fmt.Fprint(w, feedXML)
		})
		res, err := newFetcher(t, Options{}).Fetch(testCtx(t), Request{URL: srv.URL})
		if err != nil {
			t.Fatal(err)
		}
		if res.ETag != "" || res.LastModified != "" {
			t.Errorf("validators %.40q, %.40q kept, want neither", res.ETag, res.LastModified)
		}
	}
}

func TestHeadersSent(t *testing.T) {
	var ua, accept, ae string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		ua, accept, ae = r.UserAgent(), r.Header.Get("Accept"), r.Header.Get("Accept-Encoding")
	})
	if _, err := newFetcher(t, Options{}).Fetch(testCtx(t), Request{URL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	if ua != DefaultUserAgent {
		t.Errorf("User-Agent = %q", ua)
	}
	for _, typ := range []string{"application/atom+xml", "application/rss+xml", "application/feed+json", "*/*;q=0.8"} {
		if !strings.Contains(accept, typ) {
			t.Errorf("Accept %q lacks %q", accept, typ)
		}
	}
	if ae != "gzip" {
		t.Errorf("Accept-Encoding = %q", ae)
	}

	if _, err := newFetcher(t, Options{UserAgent: "custom/1"}).Fetch(testCtx(t), Request{URL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	if ua != "custom/1" {
		t.Errorf("custom User-Agent = %q", ua)
	}
}

func TestGzip(t *testing.T) {
	body := []byte(strings.Repeat(feedXML, 50))
	gz := gzipBytes(t, body)
	cases := []struct {
		name     string
		encoding string
		payload  []byte
	}{
		{"content-encoding gzip", "gzip", gz},
		{"x-gzip", "x-gzip", gz},
		{"unasked gzip, no header", "", gz},
		{"gzip file inside gzip encoding", "gzip", gzipBytes(t, gz)},
		{"claims gzip, sends plain", "gzip", body},
		{"plain", "", body},
		{"deflate as zlib", "deflate", compress(t, body, true)},
		{"deflate as raw DEFLATE", "deflate", compress(t, body, false)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if c.encoding != "" {
					w.Header().Set("Content-Encoding", c.encoding)
				}
				w.Header().Set("Content-Type", "application/xml")
				w.Write(c.payload)
			})
			res, err := newFetcher(t, Options{}).Fetch(testCtx(t), Request{URL: srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(res.Body, body) {
				t.Fatalf("body = %d bytes %q..., want %d bytes", len(res.Body), res.Body[:min(20, len(res.Body))], len(body))
			}
		})
	}
}

func TestUnsupportedEncoding(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "br")
		w.Write([]byte{1, 2, 3})
	})
	_, err := newFetcher(t, Options{}).Fetch(testCtx(t), Request{URL: srv.URL})
	if !errors.Is(err, ErrUnsupportedEncoding) || Temporary(err) {
		t.Fatalf("err = %v", err)
	}
}

func TestTooLarge(t *testing.T) {
	const limit = 64 << 10
	big := bytes.Repeat([]byte("a"), limit+1)
	bomb := gzipBytes(t, make([]byte, 8<<20)) // 8 MiB of zeros, a few KiB on the wire
	cases := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"content-length over cap", func(w http.ResponseWriter, r *http.Request) {
			w.Write(big)
		}},
		{"chunked over cap", func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i < len(big); i += 4096 {
				w.Write(big[i:min(i+4096, len(big))])
				w.(http.Flusher).Flush()
			}
		}},
		{"gzip bomb", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb)
		}},
		{"unlabelled gzip bomb", func(w http.ResponseWriter, r *http.Request) {
			w.Write(bomb)
		}},
	}
	f := newFetcher(t, Options{MaxBodyBytes: limit})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := newServer(t, c.handler)
			res, err := f.Fetch(testCtx(t), Request{URL: srv.URL})
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err = %v, res = %v; want ErrTooLarge", err, res != nil)
			}
			if Temporary(err) {
				t.Error("too large reported temporary")
			}
			// A bomb is told apart from a large body: the cap was
			// reached while decompressing.
			if bomb := strings.Contains(c.name, "gzip"); strings.Contains(err.Error(), "decompressed") != bomb {
				t.Errorf("err = %q; says decompressed: %v, want %v", err, !bomb, bomb)
			}
		})
	}

	t.Run("exactly at cap", func(t *testing.T) {
		srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipBytes(t, big[:limit]))
		})
		res, err := f.Fetch(testCtx(t), Request{URL: srv.URL})
		if err != nil || len(res.Body) != limit {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestStatusErrors(t *testing.T) {
	cases := []struct {
		status     int
		retryAfter string
		wantRetry  time.Duration
		temporary  bool
		msg        string
	}{
		{404, "", 0, false, "fetch: http 404 Not Found"},
		{410, "", 0, false, "fetch: http 410 Gone"},
		{403, "60", 0, false, "fetch: http 403 Forbidden"}, // Retry-After only read for 429/503
		{503, "120", 2 * time.Minute, true, "fetch: http 503 Service Unavailable"},
		{429, "30", 30 * time.Second, true, "fetch: http 429 Too Many Requests"},
		{500, "", 0, true, "fetch: http 500 Internal Server Error"},
		{599, "", 0, true, "fetch: http 599"},
	}
	f := newFetcher(t, Options{})
	for _, c := range cases {
		t.Run(fmt.Sprint(c.status), func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if c.retryAfter != "" {
					w.Header().Set("Retry-After", c.retryAfter)
				}
				w.WriteHeader(c.status)
				fmt.Fprint(w, "error page")
			})
			res, err := f.Fetch(testCtx(t), Request{URL: srv.URL})
			var se *StatusError
			if !errors.As(err, &se) || res != nil {
				t.Fatalf("err = %v, res = %+v; want *StatusError", err, res)
			}
			if se.StatusCode != c.status || se.RetryAfter != c.wantRetry {
				t.Errorf("got %+v", se)
			}
			if Temporary(err) != c.temporary {
				t.Errorf("Temporary = %v", !c.temporary)
			}
			if err.Error() != c.msg {
				t.Errorf("Error() = %q, want %q", err.Error(), c.msg)
			}
		})
	}
}

func TestBadURL(t *testing.T) {
	f := newFetcher(t, Options{})
	for _, u := range []string{"", "ftp://example.org/feed", "/relative/feed.xml", "http://", "http://[::1"} {
		_, err := f.Fetch(testCtx(t), Request{URL: u})
		if err == nil || Temporary(err) || !strings.HasPrefix(err.Error(), "fetch: ") {
			t.Errorf("Fetch(%q) err = %v", u, err)
		}
	}
}

// compress returns b as zlib (RFC 9110 "deflate") or as raw DEFLATE.
func compress(t *testing.T, b []byte, zlibWrap bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	var w io.WriteCloser
	if zlibWrap {
		w = zlib.NewWriter(&buf)
	} else {
		fw, err := flate.NewWriter(&buf, flate.DefaultCompression)
		if err != nil {
			t.Fatal(err)
		}
		w = fw
	}
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
