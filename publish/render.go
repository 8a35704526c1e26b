package publish

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/warta-news/warta/article"
)

// snapshot is everything one Refresh read and rendered. It never changes
// once stored, except for its cache of rendered views.
type snapshot struct {
	// built is when the Refresh that made it started.
	built time.Time
	// feeds holds each feed's stories, by slug.
	feeds map[string]*feedState
	// resources maps a request path ("/feeds.opml", "/feeds/<slug>.<ext>")
	// to its rendered bytes.
	resources map[string]*resource

	// views caches the views rendered on request; viewMods are what the
	// previous snapshot's cached views were and since when, which date
	// this snapshot's (Last-Modified).
	views    *viewCache
	viewMods modifications
	// charts caches the status pages' charts.
	charts chartCache
}

// feedState is one feed as one Refresh read it.
type feedState struct {
	info FeedInfo
	// stories are the feed's newest stories, every page of them.
	stories []*article.Story
	// count is the number of stories the store holds for the feed, -1
	// when the store cannot count them.
	count int
	// modified is when the feed's content last changed (Last-Modified).
	modified time.Time
	// built is when the Refresh that read it started; truncated is set
	// when stories are only the newest of more.
	built     time.Time
	truncated bool
}

// feed returns the state of the feed slug, nil when unknown or s is nil.
func (s *snapshot) feed(slug string) *feedState {
	if s == nil {
		return nil
	}
	return s.feeds[slug]
}

// storyCount returns the number of stories of a feed: the store's count when
// known, else the number loaded.
func (fs *feedState) storyCount() int {
	if fs.count >= 0 {
		return fs.count
	}
	return len(fs.stories)
}

// maxCachedViews bounds the views a snapshot keeps rendered; the least
// recently used goes first.
const maxCachedViews = 512

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

// jsonFeedType is the media type of JSON Feed documents.
const jsonFeedType = "application/feed+json; charset=utf-8"

// feedFormats returns the feed formats served.
func feedFormats() []format {
	return []format{
		{"atom", "application/atom+xml; charset=utf-8", WriteAtom},
		{"rss", "application/rss+xml; charset=utf-8", WriteRSS},
		{"json", jsonFeedType, WriteJSON},
	}
}

// formatByExt returns the format with extension ext.
func formatByExt(ext string) (format, bool) {
	for _, fm := range feedFormats() {
		if fm.ext == ext {
			return fm, true
		}
	}
	return format{}, false
}

// render renders every feed's plain view in every format, plus the OPML
// list and the stylesheet.
//
// A feed's modification time (Last-Modified) is when the newest of its
// articles was first stored: the store's time, not this process's, so that
// a restart, a reload or another daemon sharing the store gives the same
// Last-Modified for the same bytes, and If-Modified-Since keeps working.
// An empty feed, the OPML list and the stylesheet have none (their ETag
// serves). A document whose bytes changed with no newer article (a retag,
// a prune, a new publish.title) is modified at built, and at least a
// second after its last modification (HTTP dates count seconds), so that
// Last-Modified never goes back and an If-Modified-Since of the old bytes
// is not answered 304. What the document was is recorded, when
// given (recorded: by the last render of any process sharing the store),
// else prev's.
func (p *Publisher) render(states []*feedState, prev *snapshot, recorded modifications, built time.Time) (*snapshot, error) {
	formats := feedFormats()
	if p.opts.FilesOnly {
		formats = formats[:1] // feedFormats lists first the Atom that Dir receives
	}
	snap := &snapshot{
		built:     built,
		feeds:     make(map[string]*feedState, len(states)),
		resources: make(map[string]*resource, len(states)*len(formats)+3),
		views:     newViewCache(maxCachedViews),
	}
	if prev != nil {
		snap.viewMods = prev.views.modifications()
	}
	var buf bytes.Buffer
	modifiedAt := func(path string, r *resource, changed time.Time) {
		old, ok := recorded[path]
		if !ok && prev != nil {
			if res := prev.resources[path]; res != nil {
				old, ok = modification{ETag: res.etag, Modified: res.modified}, true
			}
		}
		r.modified = modifiedSince(r.etag, changed, built, old, ok)
	}
	for _, fs := range states {
		snap.feeds[fs.info.Slug] = fs
		f := p.feed(fs, View{})
		changed := newestFirstSeen(fs.stories)
		for _, fm := range formats {
			buf.Reset()
			if err := fm.write(&buf, f); err != nil {
				return nil, fmt.Errorf("publish: feed %q: %w", fs.info.Slug, err)
			}
			r, err := newResource(fm.contentType, buf.Bytes(), !p.opts.FilesOnly)
			if err != nil {
				return nil, err
			}
			path := feedPath(fs.info.Slug, fm.ext)
			modifiedAt(path, r, changed)
			if r.modified.After(fs.modified) {
				fs.modified = r.modified
			}
			snap.resources[path] = r
		}
	}
	if p.opts.FilesOnly {
		return snap, nil
	}
	buf.Reset()
	if err := p.writeOPML(&buf, states); err != nil {
		return nil, err
	}
	opml, err := newResource("text/x-opml; charset=utf-8", buf.Bytes(), true)
	if err != nil {
		return nil, err
	}
	modifiedAt(opmlPath, opml, time.Time{})
	snap.resources[opmlPath] = opml
	snap.resources[legacyOPMLPath] = opml
	xsl, err := newResource("text/xsl; charset=utf-8", []byte(feedStylesheet(p.opts.BaseURL)), true)
	if err != nil {
		return nil, err
	}
	modifiedAt(stylesheetPath, xsl, time.Time{})
	snap.resources[stylesheetPath] = xsl
	return snap, nil
}

// modifiedSince is when a document with ETag etag, whose content changed
// at changed, was last modified, given what it was before (old, when
// known): old's time when the bytes are the same; else changed, unless
// that is not after old's time (the bytes changed with no newer article):
// then built, and at least a second after old's time (HTTP dates count
// seconds), so that an If-Modified-Since of the old bytes is not
// answered 304.
func modifiedSince(etag string, changed, built time.Time, old modification, known bool) time.Time {
	switch {
	case !known:
		return changed
	case old.ETag == etag:
		return old.Modified
	case !old.Modified.IsZero() && !changed.After(old.Modified):
		return later(built, old.Modified.Truncate(time.Second).Add(time.Second))
	}
	return changed
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// newestFirstSeen is when the newest of the stories' articles was first
// stored, to the second (HTTP dates have no finer part); zero for none.
func newestFirstSeen(stories []*article.Story) time.Time {
	var newest time.Time
	later := func(a *article.Article) {
		if a != nil && a.FirstSeen.After(newest) {
			newest = a.FirstSeen
		}
	}
	for _, s := range stories {
		later(s.Lead)
		for _, c := range s.Copies {
			later(c)
		}
	}
	return newest.UTC().Truncate(time.Second)
}

// view returns the feed slug in format ext and view v, rendering it on
// first use; ok is false when the feed, format or page does not exist.
func (p *Publisher) view(snap *snapshot, slug, ext string, v View) (r *resource, ok bool, err error) {
	fs := snap.feed(slug)
	fm, found := formatByExt(ext)
	if fs == nil || !found {
		return nil, false, nil
	}
	path := feedPath(slug, ext)
	if v == (View{}) {
		return snap.resources[path], true, nil
	}
	key := path + "?" + v.Query()
	if r := snap.views.get(key); r != nil {
		return r, true, nil
	}
	f := p.feed(fs, v)
	if v.Page > f.Pages || v.Archive != "" && !slices.Contains(f.Archives, v.Archive) {
		return nil, false, nil
	}
	var buf bytes.Buffer
	if err := fm.write(&buf, f); err != nil {
		return nil, false, fmt.Errorf("publish: feed %q: %w", slug, err)
	}
	if r, err = newResource(fm.contentType, buf.Bytes(), true); err != nil {
		return nil, false, err
	}
	// A view shows stories beyond its feed's first page (a page, an
	// archive, a narrowed feed), so its bytes may change when the feed's
	// do not: it is dated by its own bytes, modified when this snapshot
	// was built unless the previous snapshot served the same bytes.
	old, known := snap.viewMods[key]
	r.modified = modifiedSince(r.etag, snap.built.UTC().Truncate(time.Second), snap.built, old, known)
	return snap.views.put(key, r), true, nil
}

// newResource copies body and precomputes its ETags and, when compressed,
// its gzip form (which only serving needs).
func newResource(contentType string, body []byte, compressed bool) (*resource, error) {
	r := &resource{
		contentType: contentType,
		body:        bytes.Clone(body),
	}
	if compressed {
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz) // no name or mtime in the header: same bytes every time
		if _, err := zw.Write(body); err != nil {
			return nil, fmt.Errorf("publish: gzip: %w", err)
		}
		if err := zw.Close(); err != nil {
			return nil, fmt.Errorf("publish: gzip: %w", err)
		}
		r.gz = gz.Bytes()
	}
	sum := sha256.Sum256(body)
	tag := hex.EncodeToString(sum[:16])
	r.etag = `"` + tag + `"`
	r.gzETag = `"` + tag + `-gz"`
	return r, nil
}
