package fetch

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"
)

// TestReadBodySizedByGzipTrailer checks that a gzip body of known length
// is decoded into a buffer of the length its trailer gives, not one grown
// by doubling, and that a trailer claiming more than the limit changes
// nothing but the hint.
func TestReadBodySizedByGzipTrailer(t *testing.T) {
	body := []byte(strings.Repeat(feedXML, 2000))
	gz := gzipBytes(t, body)
	resp := func(payload []byte) *http.Response {
		return &http.Response{
			Header:        http.Header{"Content-Encoding": {"gzip"}},
			ContentLength: int64(len(payload)),
			Body:          io.NopCloser(bytes.NewReader(payload)),
		}
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got, err := readBody(resp(gz), "http://x.test/feed", 1<<20)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, body) {
		t.Fatalf("decoded %d bytes, want the %d sent", len(got), len(body))
	}
	// Grown by doubling, the buffers come to about twice the body; the
	// decoder's window and tables take some 50 KB.
	if n := after.TotalAlloc - before.TotalAlloc; !raceBuild && n > uint64(len(body))*3/2 {
		t.Errorf("%d bytes allocated to read a %d-byte body: not sized by the trailer", n, len(body))
	}

	// A trailer that lies low or high is a hint only.
	for _, size := range []uint32{1, 1 << 30} {
		lying := bytes.Clone(gz)
		lying[len(lying)-4] = byte(size)
		lying[len(lying)-3] = byte(size >> 8)
		lying[len(lying)-2] = byte(size >> 16)
		lying[len(lying)-1] = byte(size >> 24)
		_, err := readBody(resp(lying), "http://x.test/feed", 1<<20)
		if err == nil || errors.Is(err, ErrTooLarge) {
			// gzip checks the trailer's size once decoded: a lie is a
			// corrupt stream, not a large one.
			t.Errorf("trailer claiming %d bytes: err = %v, want gzip's size check", size, err)
		}
	}
	// A small body whose trailer claims just under the limit is not
	// given a buffer of the limit: no DEFLATE stream decodes to more
	// than maxDeflateRatio times its length.
	const limit = 10 << 20
	small := gzipBytes(t, []byte("<rss/>"))
	claim := uint32(limit - 1)
	small[len(small)-4] = byte(claim)
	small[len(small)-3] = byte(claim >> 8)
	small[len(small)-2] = byte(claim >> 16)
	small[len(small)-1] = byte(claim >> 24)
	runtime.ReadMemStats(&before)
	_, err = readBody(resp(small), "http://x.test/feed", limit)
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Error("a trailer claiming 10 MB of a 6-byte body read without error")
	}
	// The decoder's window and tables take some 50 KB.
	if n := after.TotalAlloc - before.TotalAlloc; !raceBuild && n > 1<<20 {
		t.Errorf("%d bytes allocated to read a %d-byte body claiming %d", n, len(small), claim)
	}
	// Cut short, the body is an error, as when read as it streams.
	if _, err := readBody(resp(gz[:len(gz)/2]), "http://x.test/feed", 1<<20); err == nil {
		t.Error("a gzip body cut short read without error")
	}
}
