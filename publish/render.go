package publish

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"time"
)

// snapshot is everything the handler serves, rendered by one Refresh.
type snapshot struct {
	// resources maps a request path ("/", "/feeds.opml",
	// "/feeds/<slug>.<ext>") to its rendered bytes.
	resources map[string]*resource
	// atom maps a feed slug to its Atom bytes, for the static files.
	atom map[string][]byte
}

// resource is one rendered document in its plain and gzipped forms. Each
// form has its own strong ETag: they are different byte sequences.
type resource struct {
	contentType string
	modified    time.Time
	body        []byte
	etag        string
	gz          []byte
	gzETag      string
}

// format is one feed format: its file extension, media type and writer.
type format struct {
	ext         string
	contentType string
	write       func(io.Writer, *Feed) error
}

// feedFormats returns the feed formats served.
func feedFormats() []format {
	return []format{
		{"atom", "application/atom+xml; charset=utf-8", WriteAtom},
		{"rss", "application/rss+xml; charset=utf-8", WriteRSS},
		{"json", "application/feed+json; charset=utf-8", WriteJSON},
	}
}

// render renders every feed in every format plus the index and OPML.
func (p *Publisher) render(feeds []*Feed) (*snapshot, error) {
	formats := feedFormats()
	snap := &snapshot{
		resources: make(map[string]*resource, len(feeds)*len(formats)+2),
		atom:      make(map[string][]byte, len(feeds)),
	}
	var buf bytes.Buffer
	var newest time.Time
	for _, f := range feeds {
		updated := f.Updated()
		if updated.After(newest) {
			newest = updated
		}
		for _, fm := range formats {
			buf.Reset()
			if err := fm.write(&buf, f); err != nil {
				return nil, fmt.Errorf("publish: feed %q: %w", f.Slug, err)
			}
			r, err := newResource(fm.contentType, updated, buf.Bytes())
			if err != nil {
				return nil, err
			}
			snap.resources["/feeds/"+f.Slug+"."+fm.ext] = r
			if fm.ext == "atom" {
				snap.atom[f.Slug] = r.body
			}
		}
	}
	buf.Reset()
	if err := p.writeIndex(&buf, feeds); err != nil {
		return nil, err
	}
	index, err := newResource("text/html; charset=utf-8", newest, buf.Bytes())
	if err != nil {
		return nil, err
	}
	snap.resources["/"] = index
	buf.Reset()
	if err := p.writeOPML(&buf, feeds); err != nil {
		return nil, err
	}
	// The OPML list depends on the configuration only, so it has no
	// meaningful modification time; its ETag covers revalidation.
	opml, err := newResource("text/x-opml; charset=utf-8", time.Time{}, buf.Bytes())
	if err != nil {
		return nil, err
	}
	snap.resources["/feeds.opml"] = opml
	return snap, nil
}

// newResource copies body and precomputes its gzip form and ETags.
func newResource(contentType string, modified time.Time, body []byte) (*resource, error) {
	r := &resource{
		contentType: contentType,
		modified:    modified,
		body:        bytes.Clone(body),
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz) // no name or mtime in the header: same bytes every time
	if _, err := zw.Write(body); err != nil {
		return nil, fmt.Errorf("publish: gzip: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("publish: gzip: %w", err)
	}
	r.gz = gz.Bytes()
	sum := sha256.Sum256(body)
	tag := hex.EncodeToString(sum[:16])
	r.etag = `"` + tag + `"`
	r.gzETag = `"` + tag + `-gz"`
	return r, nil
}
