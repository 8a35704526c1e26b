// Package publish republishes warta's stories as one feed per topic, one
// per feed people define (package filter) and an "all" feed, in Atom (its
// own RFC 4287 writer), RSS 2.0 and JSON Feed 1.1 (gorilla/feeds types),
// over HTTP and as static files, with views (?lang, ?source, ?q), RFC 5005
// pages and archives, and server-rendered pages (index, topics, status).
//
// The store is read once per Refresh, never per request: plain feeds are
// rendered then, views on first request from the same stories; the HTTP
// handler serves cached bytes (plain and pre-gzipped) with strong ETags,
// Last-Modified and 304s.
package publish

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/publish/filter"
)

// FeedInfo describes one configured feed: a topic's, or one people
// defined with a filter. New adds the "all" feed.
type FeedInfo struct {
	Slug, Title, Description string
	// Filter, when set, makes the feed the stories of "all" that match it
	// (package filter's grammar) rather than a topic's stories.
	Filter string

	filter filter.Filter
}

// StoryLister lists the newest stories of a topic; topic "" means every
// story. store.Store satisfies it.
type StoryLister interface {
	Stories(ctx context.Context, topic string, limit int) ([]*article.Story, error)
}

// StoryCounter counts the stories of a topic ("" for every story). A
// StoryLister that also implements it gives pages the real count rather
// than the number of stories loaded.
type StoryCounter interface {
	CountStories(ctx context.Context, topic string) (int, error)
}

// StoryHeads is a StoryLister that can read only the first full of a
// feed's newest stories, as an Atom document shows them (it may leave out
// the articles' plain text and sketches and the topics' matched terms),
// and of the others only the lead's ID, publication time and arrival
// (FirstSeen): all that the first page's document needs of them (the
// count of pages, the archive days). A FilesOnly Publisher, which renders nothing but the first pages'
// Atom documents, reads the stories so.
type StoryHeads interface {
	StoryHeads(ctx context.Context, topic string, limit, full int) ([]*article.Story, error)
}

// SourceInfo describes one configured source.
type SourceInfo struct {
	// Name is the source's configured name, as articles carry it.
	Name string
}

// Options configures a Publisher.
type Options struct {
	// BaseURL is the public URL warta is served at, e.g.
	// http://127.0.0.1:8080; feed ids and rel=self links derive from it.
	// Required: its default is config's (server.base_url, from
	// server.listen).
	BaseURL string
	// Title prefixes every feed title, e.g. "warta".
	Title string
	// MaxItems is the number of stories per feed document (one page);
	// 0 means DefaultMaxItems.
	MaxItems int
	// Pages is how many pages of MaxItems stories each feed keeps for RFC
	// 5005 paging; 0 means DefaultPages.
	Pages int
	// NextCycle returns when the first scheduled cycle after t is due (a
	// cron schedule's Next): responses of a snapshot built at t may be
	// cached until then (Cache-Control max-age), whether t was on the
	// schedule or not (the cycle at start, after a reload, another
	// daemon's). nil gives the least max-age (30 s): the schedule, and its
	// default, are config's.
	NextCycle func(t time.Time) time.Time
	// Sources are the configured sources, for the ?source= view.
	Sources []SourceInfo
	// Status, when set, gives the pages each source's fetch status.
	Status StatusReader
	// Articles, when set, lets the status page chart articles per hour.
	Articles ArticleCounter
	// Related, when set, lists on each story's page the other stories
	// its headlines come near (StoryRelations).
	Related StoryRelations
	// Labeller, with LabelsToken, serves the labels API: readers' labels
	// set and cleared over HTTP by a client that presents the token
	// (StoryLabeller). Without both, there is none.
	Labeller    StoryLabeller
	LabelsToken string
	// Hub is the URL of the WebSub hub every feed advertises (rel="hub");
	// "" advertises none.
	Hub string
	// OnRefresh, when set, is called after every successful Refresh (the
	// WebSub hub's Notify): feeds may have changed.
	OnRefresh func()
	// Dir, when set, receives <slug>.atom and all.atom on every Refresh.
	Dir string
	// FilesOnly renders only what Dir receives, each feed's Atom document,
	// for a process that serves nothing (`warta once`): no other format,
	// compressed copy, OPML or stylesheet. Such a Publisher is not served.
	FilesOnly bool
	// Build identifies the running binary (its version and executable), so
	// that files rendered by another build are rendered again; a FilesOnly
	// Publisher skips rendering unchanged feeds (RefreshVersion) only when
	// it is set.
	Build string
	// Now returns the current time; nil means time.Now. It dates each
	// Refresh: the archive days, and a Last-Modified when bytes change
	// with no newer article.
	Now func() time.Time
}

// Defaults for unset Options.
const (
	DefaultTitle    = "warta"
	DefaultMaxItems = 100
	DefaultPages    = 5
)

// AllSlug is the slug of the feed of every story.
const AllSlug = "all"

// Publisher renders feeds from a StoryLister and serves them.
type Publisher struct {
	opts    Options
	feeds   []FeedInfo // AllSlug first, then the topics in configured order
	labels  map[string]string
	sources map[string]bool // configured source names
	stories StoryLister
	logger  *slog.Logger
	pages   *template.Template

	// refreshMu makes concurrent Refresh calls take turns; readers never
	// take it: they load the current snapshot atomically.
	refreshMu sync.Mutex
	snap      atomic.Pointer[snapshot]
	cycle     atomic.Pointer[CycleStatus]
	// stamp is what Dir's files were last rendered from (TakeStamp,
	// RefreshVersion); nil when unknown. Guarded by refreshMu.
	stamp *stamp
}

// New returns a Publisher for the given topic feeds. Topics with a slug
// that cannot name a file or URL segment, duplicates, and a topic named
// "all" are logged and left out. logger may be nil.
func New(opts Options, feeds []FeedInfo, stories StoryLister, logger *slog.Logger) *Publisher {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
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
	if opts.Pages <= 0 {
		opts.Pages = DefaultPages
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	p := &Publisher{
		opts:    opts,
		labels:  map[string]string{},
		sources: map[string]bool{},
		stories: stories,
		logger:  logger,
		pages:   parsePages(),
	}
	p.feeds = append(p.feeds, FeedInfo{
		Slug:        AllSlug,
		Title:       "All stories",
		Description: "Every story from every source, one entry per story however many outlets carried it.",
	})
	for _, src := range opts.Sources {
		p.sources[src.Name] = true
	}
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
		if f.Filter != "" {
			parsed, err := filter.Parse(f.Filter)
			if err != nil {
				logger.Error("publish: feed filter does not parse; left out", "slug", f.Slug, "err", err)
				continue
			}
			f.filter = parsed
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

// feed builds the render input of one feed in a view.
func (p *Publisher) feed(fs *feedState, v View) *Feed {
	kept := v.narrow(fs.stories)
	var stories []*article.Story
	pages := 1
	if v.Archive != "" {
		for _, s := range kept {
			if archiveDay(s) == v.Archive {
				stories = append(stories, s)
			}
		}
	} else {
		stories, pages = pageOf(kept, v.Page, p.opts.MaxItems)
	}
	title := p.opts.Title + ": " + fs.info.Title
	switch {
	case v.Lang != "" && v.Source != "":
		title += " (" + v.Lang + ", " + v.Source + ")"
	case v.Lang != "":
		title += " (" + v.Lang + ")"
	case v.Source != "":
		title += " (" + v.Source + ")"
	}
	if v.Page > 1 {
		title += fmt.Sprintf(" — page %d", v.Page)
	}
	if v.Archive != "" {
		title += " — archive " + v.Archive
	}
	return &Feed{
		Slug:        fs.info.Slug,
		Title:       title,
		Description: fs.info.Description,
		BaseURL:     p.opts.BaseURL,
		Author:      p.opts.Title,
		Labels:      p.labels,
		Stories:     stories,
		View:        v,
		Pages:       pages,
		Archives:    archives(kept, fs.truncated, fs.built),
		Stylesheet:  p.opts.BaseURL + stylesheetPath,
		Hub:         p.opts.Hub,
	}
}

// Content returns the current document at a feed URL of this publisher
// (any view), for the WebSub hub: found is false for any other URL, err
// is set when the document cannot be given now (no refresh yet, a failed
// render).
func (p *Publisher) Content(topic string) (contentType string, body []byte, found bool, err error) {
	rest, ok := strings.CutPrefix(topic, p.opts.BaseURL+feedsPrefix)
	if !ok {
		return "", nil, false, nil
	}
	u, perr := url.Parse(rest)
	if perr != nil {
		return "", nil, false, nil
	}
	slug, ext, ok := strings.Cut(u.Path, ".")
	v, verr := ParseView(u.Query())
	if !ok || verr != nil {
		return "", nil, false, nil
	}
	snap := p.snap.Load()
	if snap == nil {
		return "", nil, false, errNotRefreshed
	}
	v, unknown := p.resolveView(snap, v)
	if unknown != "" {
		return "", nil, false, nil
	}
	res, ok, err := p.view(snap, slug, ext, v)
	if err != nil {
		return "", nil, false, err
	}
	if !ok {
		return "", nil, false, nil
	}
	return res.contentType, res.body, true, nil
}

// errNotRefreshed is a document asked for before the first Refresh.
var errNotRefreshed = errors.New("publish: feeds not rendered yet")

// Refresh reads every feed's stories once, renders every feed's plain
// view in all formats and the OPML list, and swaps them in for the HTTP
// handler at once; views are rendered on first request from the same
// stories. When Dir is set it then writes the Atom files. On a read or
// render error the previous feeds stay in place.
func (p *Publisher) Refresh(ctx context.Context) error {
	p.refreshMu.Lock()
	defer p.refreshMu.Unlock()
	return p.refresh(ctx, p.opts.Now())
}

// refresh is Refresh, started at start, with refreshMu held.
func (p *Publisher) refresh(ctx context.Context, start time.Time) error {
	prev := p.snap.Load()
	states := make([]*feedState, 0, len(p.feeds))
	counter, _ := p.stories.(StoryCounter)
	heads, _ := p.stories.(StoryHeads)
	if p.opts.FilesOnly {
		// Only the pages and the status, not rendered, show the count.
		counter = nil
	} else {
		heads = nil
	}
	// A defined feed filters the stories of "all", which it needs whole.
	defined := slices.ContainsFunc(p.feeds, func(f FeedInfo) bool { return f.Filter != "" })
	for _, info := range p.feeds {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("publish: refresh: %w", err)
		}
		topic := info.Slug
		if topic == AllSlug {
			topic = ""
		}
		if info.Filter != "" {
			// A defined feed filters the newest stories of "all", read first.
			fs := &feedState{info: info, count: -1, built: start, truncated: states[0].truncated}
			for _, s := range states[0].stories {
				if info.filter.Match(s) {
					fs.stories = append(fs.stories, s)
				}
			}
			states = append(states, fs)
			continue
		}
		limit := p.opts.MaxItems * p.opts.Pages
		var stories []*article.Story
		var err error
		if heads != nil && !(topic == "" && defined) {
			stories, err = heads.StoryHeads(ctx, topic, limit, p.opts.MaxItems)
		} else {
			stories, err = p.stories.Stories(ctx, topic, limit)
		}
		if err != nil {
			return fmt.Errorf("publish: stories of feed %q: %w", info.Slug, err)
		}
		if len(stories) > limit {
			stories = stories[:limit]
		}
		fs := &feedState{info: info, stories: renderable(stories), count: -1, built: start,
			truncated: len(stories) >= limit}
		if counter != nil {
			n, err := counter.CountStories(ctx, topic)
			if err != nil {
				return fmt.Errorf("publish: count stories of feed %q: %w", info.Slug, err)
			}
			fs.count = n
		}
		states = append(states, fs)
	}
	recorded, err := p.recordedModifications(ctx)
	if err != nil {
		return err
	}
	snap, err := p.render(states, prev, recorded, start)
	if err != nil {
		return err
	}
	if err := p.recordModifications(ctx, snap, recorded); err != nil {
		return err
	}
	p.snap.Store(snap)
	if p.opts.Dir != "" {
		if err := p.writeFiles(ctx, snap); err != nil {
			return err
		}
	}
	p.logger.Info("publish: feeds refreshed", "feeds", len(states), "took", p.opts.Now().Sub(start))
	if p.opts.OnRefresh != nil {
		p.opts.OnRefresh()
	}
	return nil
}

// renderable keeps the stories that can be rendered: those with a lead.
func renderable(stories []*article.Story) []*article.Story {
	out := stories[:0:0]
	for _, s := range stories {
		if s != nil && s.Lead != nil {
			out = append(out, s)
		}
	}
	return out
}
