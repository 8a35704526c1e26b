package fetch

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// maxGzipLayers allows one gzip layer from Content-Encoding plus one inside
// it (a .xml.gz file served with Content-Encoding: gzip). More is a trick.
const maxGzipLayers = 2

// maxDeflateRatio is the most a DEFLATE stream decodes to per byte of it
// (a 258-byte match in under 2 bits, some 1032:1): a gzip trailer claiming
// more than this many times the body's length lies, and the buffer sized
// by it is capped so a small body cannot allocate up to the limit.
const maxDeflateRatio = 1032

// drainLimit is how much of an unwanted body is read so the connection can
// be reused; past it closing the connection is cheaper.
const drainLimit = 64 << 10

// readBody returns the decoded body of resp, at most limit bytes after
// decompression. Bodies that look like gzip are decoded whatever the headers
// say: servers gzip unasked, label .gz files as plain, or claim gzip and
// send plain text, and a feed parser can never use gzip bytes.
func readBody(resp *http.Response, rawURL string, limit int64) ([]byte, error) {
	rawURL = RedactURL(rawURL)
	enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
	var r io.Reader = bufio.NewReader(resp.Body)
	// compressed is set once a decoder reads the body: a body over the cap
	// is then a bomb, and the error says so.
	compressed := false
	switch enc {
	case "", "identity", "gzip", "x-gzip":
		// Decided by sniffing below.
	case "deflate":
		d, err := deflateReader(r.(*bufio.Reader))
		if err != nil {
			return nil, fmt.Errorf("fetch: %s: deflate: %w", rawURL, err)
		}
		r, compressed = d, true
	default:
		return nil, fmt.Errorf("%w: %s: %q", ErrUnsupportedEncoding, rawURL, enc)
	}
	if enc == "" || enc == "identity" {
		if resp.ContentLength > limit {
			return nil, fmt.Errorf("%w: %s: content length %d over %d bytes",
				ErrTooLarge, rawURL, resp.ContentLength, limit)
		}
	}
	// A hint only, for the buffer the body is read into: the length the
	// response or its gzip trailer gives.
	size := resp.ContentLength
	for range maxGzipLayers {
		br, ok := r.(*bufio.Reader)
		if !ok {
			br = bufio.NewReader(r)
		}
		r = br
		magic, _ := br.Peek(2)
		if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
			break
		}
		var in io.Reader = br
		if n := resp.ContentLength; !compressed && n > 0 && n <= limit {
			// br reads the body as sent, of a known length within the
			// limit: read it whole first, for the decoded length its
			// gzip trailer gives.
			packed := make([]byte, n)
			if _, err := io.ReadFull(br, packed); err != nil {
				return nil, fmt.Errorf("fetch: read %s: %w", rawURL, err)
			}
			in, size = bytes.NewReader(packed), min(gzipSize(packed), n*maxDeflateRatio)
		}
		zr, err := gzip.NewReader(in)
		if err != nil {
			return nil, fmt.Errorf("fetch: %s: gzip: %w", rawURL, err)
		}
		r, compressed = zr, true
	}

	var buf bytes.Buffer
	if size > 0 && size <= limit {
		// ReadFrom wants MinRead spare bytes to detect EOF without
		// growing.
		buf.Grow(int(size) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, limit+1)); err != nil {
		return nil, fmt.Errorf("fetch: read %s: %w", rawURL, err)
	}
	if int64(buf.Len()) > limit {
		what := "bytes"
		if compressed {
			what = "bytes decompressed"
		}
		return nil, fmt.Errorf("%w: %s: over %d %s", ErrTooLarge, rawURL, limit, what)
	}
	return buf.Bytes(), nil
}

// gzipSize is the decoded length a whole gzip stream's trailer gives (its
// last member's, modulo 2³²: a hint, not a promise), 0 when too short to
// hold one.
func gzipSize(packed []byte) int64 {
	const minGzip = 18 // header 10, trailer 8
	if len(packed) < minGzip {
		return 0
	}
	return int64(binary.LittleEndian.Uint32(packed[len(packed)-4:]))
}

// deflateReader decodes HTTP "deflate", which RFC 9110 defines as zlib but
// some servers send as raw DEFLATE; the zlib header tells them apart.
func deflateReader(br *bufio.Reader) (io.Reader, error) {
	h, _ := br.Peek(2)
	if len(h) == 2 && h[0]&0x0f == 8 && (uint16(h[0])<<8|uint16(h[1]))%31 == 0 {
		return zlib.NewReader(br)
	}
	return flate.NewReader(br), nil
}

// drain reads what is left of an unwanted body (bounded) and closes it, so
// the keep-alive connection can serve the next request.
func drain(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, drainLimit))
	_ = body.Close()
}
