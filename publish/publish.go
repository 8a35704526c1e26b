// Package publish republishes warta's stories as one feed per topic plus an
// "all" feed, in Atom (its own RFC 4287 writer), RSS 2.0 and JSON Feed 1.1
// (gorilla/feeds types), over HTTP and as static files.
//
// Feeds are rendered once per Refresh, never per request: the HTTP handler
// serves cached bytes (plain and pre-gzipped) with strong ETags,
// Last-Modified and 304s.
package publish

import (
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/warta-news/warta/article"
)

// FeedInfo describes one configured topic feed. New adds the "all" feed.
type FeedInfo struct {
	Slug, Title, Description string
}

// StoryLister lists the newest stories of a topic; topic "" means every
// story. store.Store satisfies it.
type StoryLister interface {
	Stories(ctx context.Context, topic string, limit int) ([]*article.Story, error)
}

// Options configures a Publisher.
type Options struct {
	// BaseURL is the public URL warta is served at, e.g.
	// http://127.0.0.1:8080; feed ids and rel=self links derive from it.
	BaseURL string
	// Title prefixes every feed title, e.g. "warta".
	Title string
	// MaxItems is the number of stories per feed; 0 means DefaultMaxItems.
	MaxItems int
	// Dir, when set, receives <slug>.atom and all.atom on every Refresh.
	Dir string
	// Now returns the current time; nil means time.Now. Only logs use it:
	// rendered feeds depend on their stories alone.
	Now func() time.Time
}

// Defaults for unset Options.
const (
	DefaultBaseURL  = "http://127.0.0.1:8080"
	DefaultTitle    = "warta"
	DefaultMaxItems = 100
)

// AllSlug is the slug of the feed of every story.
const AllSlug = "all"

// Publisher renders feeds from a StoryLister and serves them.
type Publisher struct {
	opts    Options
	feeds   []FeedInfo // AllSlug first, then the topics in configured order
	labels  map[string]string
	stories StoryLister
	logger  *slog.Logger
	index   *template.Template

	// refreshMu makes concurrent Refresh calls take turns; readers never
	// take it: they load the current snapshot atomically.
	refreshMu sync.Mutex
	snap      atomic.Pointer[snapshot]
}

// New returns a Publisher for the given topic feeds. Topics with a slug
// that cannot name a file or URL segment, duplicates, and a topic named
// "all" are logged and left out. logger may be nil.
func New(opts Options, feeds []FeedInfo, stories StoryLister, logger *slog.Logger) *Publisher {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if opts.BaseURL == "" {
		opts.BaseURL = DefaultBaseURL
	}
	for len(opts.BaseURL) > 0 && opts.BaseURL[len(opts.BaseURL)-1] == '/' {
		opts.BaseURL = opts.BaseURL[:len(opts.BaseURL)-1]
	}
	if opts.Title == "" {
		opts.Title = DefaultTitle
	}
	if opts.MaxItems <= 0 {
		opts.MaxItems = DefaultMaxItems
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	p := &Publisher{
		opts:    opts,
		labels:  map[string]string{},
		stories: stories,
		logger:  logger,
		index:   parseIndex(),
	}
	p.feeds = append(p.feeds, FeedInfo{
		Slug:        AllSlug,
		Title:       "All stories",
		Description: "Every story from every source, one entry per story however many outlets carried it.",
	})
	seen := map[string]bool{AllSlug: true}
	for _, f := range feeds {
		switch {
		case !ValidSlug(f.Slug):
			logger.Error("publish: topic slug cannot name a feed; left out", "slug", f.Slug)
			continue
		case seen[f.Slug]:
			logger.Error("publish: duplicate or reserved topic slug; left out", "slug", f.Slug)
			continue
		}
		seen[f.Slug] = true
		if f.Title == "" {
			f.Title = f.Slug
		}
		p.feeds = append(p.feeds, f)
		p.labels[f.Slug] = f.Title
	}
	return p
}

// ValidSlug reports whether slug can name a topic feed: lower-case letters
// and digits in words joined by single hyphens, such as
// "international-relations" (^[a-z0-9]+(-[a-z0-9]+)*$). Such a slug is safe
// as a file name and a URL segment. AllSlug is valid but taken by the feed
// of every story.
func ValidSlug(slug string) bool {
	if slug == "" || slug[0] == '-' || slug[len(slug)-1] == '-' || strings.Contains(slug, "--") {
		return false
	}
	for i := 0; i < len(slug); i++ {
		if c := slug[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// Feeds returns the published feeds, "all" first.
func (p *Publisher) Feeds() []FeedInfo {
	return append([]FeedInfo(nil), p.feeds...)
}

// feed builds the render input of one feed.
func (p *Publisher) feed(info FeedInfo, stories []*article.Story) *Feed {
	return &Feed{
		Slug:        info.Slug,
		Title:       p.opts.Title + ": " + info.Title,
		Description: info.Description,
		BaseURL:     p.opts.BaseURL,
		Author:      p.opts.Title,
		Labels:      p.labels,
		Stories:     stories,
	}
}

// Refresh reads every feed's stories once, renders all formats, the index
// page and the OPML list, and swaps them in for the HTTP handler at once.
// When Dir is set it then writes the Atom files. On a read or render error
// the previous feeds stay in place.
func (p *Publisher) Refresh(ctx context.Context) error {
	p.refreshMu.Lock()
	defer p.refreshMu.Unlock()
	start := p.opts.Now()
	feeds := make([]*Feed, 0, len(p.feeds))
	for _, info := range p.feeds {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("publish: refresh: %w", err)
		}
		topic := info.Slug
		if topic == AllSlug {
			topic = ""
		}
		stories, err := p.stories.Stories(ctx, topic, p.opts.MaxItems)
		if err != nil {
			return fmt.Errorf("publish: stories of feed %q: %w", info.Slug, err)
		}
		if len(stories) > p.opts.MaxItems {
			stories = stories[:p.opts.MaxItems]
		}
		feeds = append(feeds, p.feed(info, stories))
	}
	snap, err := p.render(feeds)
	if err != nil {
		return err
	}
	p.snap.Store(snap)
	if p.opts.Dir != "" {
		if err := p.writeFiles(ctx, snap); err != nil {
			return err
		}
	}
	p.logger.Info("publish: feeds refreshed", "feeds", len(feeds), "took", p.opts.Now().Sub(start))
	return nil
}
