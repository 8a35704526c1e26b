package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/metrics"
	"github.com/warta-news/warta/pipeline"
	"github.com/warta-news/warta/publish"
	"github.com/warta-news/warta/publish/websub"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/topic"
)

// hubPath is where the daemon serves its WebSub hub.
const hubPath = "/websub"

// feedHub is the daemon's WebSub hub and the publisher whose feeds it
// pushes. Reloading the config swaps the publisher, not the hub: its
// subscriptions and retries carry on, and its public URL follows the
// reloaded base URL.
type feedHub struct {
	*websub.Hub
	current atomic.Pointer[publish.Publisher]
	// base is the base URL of the current publisher's feeds.
	base   atomic.Pointer[string]
	logger *slog.Logger
}

// hubURL is the public URL of the hub of the feeds under baseURL.
func hubURL(baseURL string) string { return baseURL + hubPath }

// newFeedHub returns the hub of cfg's feeds, its subscriptions in st. The
// publisher it serves is set with serve.
func newFeedHub(cfg *config.Config, st store.Store, logger *slog.Logger) (*feedHub, error) {
	h := &feedHub{logger: logger}
	opts := websub.Options{URL: hubURL(cfg.Server.BaseURL), MaxSubscriptions: cfg.WebSub.MaxSubscriptions}
	for _, r := range cfg.WebSub.AllowCallbacks {
		p, err := config.ParseAddressRange(r)
		if err != nil {
			return nil, &configError{fmt.Errorf("%s: websub.allow_callbacks: %w", cfg.Path, err)}
		}
		opts.AllowNets = append(opts.AllowNets, p)
	}
	h.Hub = websub.New(opts, st, h, logger)
	return h, nil
}

// serve makes pub, once it has refreshed, the publisher whose feeds the
// hub takes subscriptions to and pushes, and its base URL the hub's. A
// new base URL moves the subscriptions of the old one's feeds with them.
func (h *feedHub) serve(ctx context.Context, pub *publish.Publisher, baseURL string) {
	from := h.base.Swap(&baseURL)
	h.SetURL(hubURL(baseURL))
	swap := func() { h.current.Store(pub) }
	if from == nil {
		swap()
		return
	}
	if _, err := h.Rebase(ctx, strings.TrimRight(*from, "/")+"/", strings.TrimRight(baseURL, "/")+"/", swap); err != nil {
		h.logger.Error("websub: subscriptions not moved to the new base URL; they end with a denial", "err", err)
	}
}

// Content implements websub.Contents with the current publisher.
func (h *feedHub) Content(topic string) (string, []byte, bool, error) {
	pub := h.current.Load()
	if pub == nil {
		return "", nil, false, errNoPublisher
	}
	return pub.Content(topic)
}

// errNoPublisher is content asked for before the first publisher is served.
var errNoPublisher = errors.New("websub: no feeds published yet")

// advertise sets the publisher options that name the hub (under the
// feeds' base URL) in every feed and wake it after every refresh.
func (h *feedHub) advertise(opts *publish.Options) {
	opts.Hub = hubURL(opts.BaseURL)
	opts.OnRefresh = h.Notify
}

// publishOptions are the publisher's options from the config; st gives
// the pages the sources' status and the articles to chart, cycles when the
// cycles run (nil for `warta once`), nextCycle when the next scheduled
// cycle is due.
func publishOptions(cfg *config.Config, st store.Store, cycles pipeline.Schedule, nextCycle func(time.Time) time.Time, logger *slog.Logger) publish.Options {
	opts := publish.Options{
		BaseURL:  cfg.Server.BaseURL,
		Title:    cfg.Publish.Title,
		MaxItems: cfg.Publish.MaxItems,
		Pages:    cfg.Publish.Pages,
		Dir:      cfg.Publish.Dir,
		// A snapshot may be cached until the next scheduled cycle.
		NextCycle: nextCycle,
		Status:    storeStatus{st: st, cfg: cfg, cycles: cycles, logger: logger},
		Articles:  st,
	}
	for _, s := range cfg.Sources {
		opts.Sources = append(opts.Sources, publish.SourceInfo{Name: s.Name})
	}
	return opts
}

// relatedStories gives the story pages the stories related to a story's
// articles (publish.StoryRelations) from its pipeline's story index, by
// dedupe.Nearest.Related. The pipeline is set once built, before the
// publisher that reads it is served.
type relatedStories struct{ pipeline *pipeline.Pipeline }

// RelatedStories implements publish.StoryRelations.
func (r *relatedStories) RelatedStories(ctx context.Context, arts []*article.Article) []publish.RelatedStory {
	var related []publish.RelatedStory
	for i, n := range r.pipeline.Nearest(ctx, arts) {
		if n.Related() {
			related = append(related, publish.RelatedStory{StoryID: n.StoryID, From: arts[i].ID,
				Share: n.Share, Bar: n.Bar, Hours: n.Hours, Shared: n.Shared, Apart: n.Apart})
		}
	}
	return related
}

// storyLabeller serves the labels API (publish.StoryLabeller): labeller
// on the daemon's store. A cleared topic goes back to the tagger with the
// stream model the store keeps (as `warta label -clear` does): the
// pipeline's own is its cycles' alone, replaced when it reloads.
type storyLabeller struct {
	cfg    *config.Config
	tagger *topic.Tagger
	store  store.Store
}

// labeller is a labeller for one request, dated by the clock as it is
// made.
func (l *storyLabeller) labeller() *labeller {
	return &labeller{cfg: l.cfg, tagger: l.tagger, store: l.store, at: time.Now()}
}

// check refuses a topic the config has not and a story the store has not.
func (l *storyLabeller) check(ctx context.Context, story, slug string) error {
	if _, ok := l.cfg.TopicBySlug(slug); !ok {
		return fmt.Errorf("%w %q (the topics: %s)", publish.ErrUnknownTopic, slug, strings.Join(topicSpecSlugs(l.cfg), ", "))
	}
	_, err := l.store.Story(ctx, story)
	return err
}

// SetLabel implements publish.StoryLabeller.
func (l *storyLabeller) SetLabel(ctx context.Context, story, slug string, of bool, note string) (int, error) {
	if err := l.check(ctx, story, slug); err != nil {
		return 0, err
	}
	return l.labeller().set(ctx, story, slug, of, note)
}

// ClearLabel implements publish.StoryLabeller.
func (l *storyLabeller) ClearLabel(ctx context.Context, story, slug string) (bool, int, error) {
	if err := l.check(ctx, story, slug); err != nil {
		return false, 0, err
	}
	return l.labeller().clear(ctx, story, slug)
}

// joinWait is how long a join over HTTP waits for a cycle deciding
// stories before it is refused (publish.ErrStoriesBusy: 503 with a
// Retry-After): long enough for most cycles' decisions, short of a
// client's patience.
const joinWait = 10 * time.Second

// JoinStories implements publish.StoryLabeller.
func (l *storyLabeller) JoinStories(ctx context.Context, ids []string, note string) ([]article.Join, error) {
	joins, _, err := pipeline.JoinStories(ctx, l.store, l.cfg, ids, note, time.Now(), joinWait)
	return joins, joinError(err)
}

// UnjoinStory implements publish.StoryLabeller.
func (l *storyLabeller) UnjoinStory(ctx context.Context, story string) (article.Join, error) {
	j, err := l.labeller().unjoin(ctx, story, joinWait)
	return j, joinError(err)
}

// joinError is a pipeline's join error as publish names it.
func joinError(err error) error {
	switch {
	case errors.Is(err, pipeline.ErrOneStory), errors.Is(err, pipeline.ErrNotJoined):
		return fmt.Errorf("%w: %w", publish.ErrJoin, err)
	case errors.Is(err, pipeline.ErrStoriesBusy):
		return fmt.Errorf("%w: %w", publish.ErrStoriesBusy, err)
	}
	return err
}

// sourceNames are the names of cfg's sources.
func sourceNames(cfg *config.Config) []string {
	names := make([]string, len(cfg.Sources))
	for i, s := range cfg.Sources {
		names[i] = s.Name
	}
	return names
}

// storeStatus reads the fetch status of the configured sources from the
// store for the status pages, as a cycle of cfg would take it
// (pipeline.SourceStates): a source whose URL changed shows afresh, a wait
// ends at the cycle that will fetch it. The store keeps the state of a
// source removed from the config (its backoff and validators hold if it
// comes back), but the pages neither list it nor count it as failing.
type storeStatus struct {
	st     store.Store
	cfg    *config.Config
	cycles pipeline.Schedule // nil: no schedule (`warta once`)
	logger *slog.Logger
}

// SourceStatuses implements publish.StatusReader.
func (s storeStatus) SourceStatuses(ctx context.Context, now time.Time) ([]publish.SourceStatus, error) {
	states, err := pipeline.SourceStates(ctx, s.st, s.cfg, s.cycles, now, s.logger)
	if err != nil {
		return nil, err
	}
	counts, err := s.st.ArticlesBySource(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]publish.SourceStatus, 0, len(states))
	for _, src := range s.cfg.Sources {
		name := src.Name
		fs, ok := states[name]
		if !ok {
			continue // never fetched: the pages list it as such
		}
		out = append(out, publish.SourceStatus{
			Name: name, LastAttempt: fs.LastAttempt, LastSuccess: fs.LastSuccess, NextAttempt: fs.NextAttempt, WaitEnds: fs.WaitEnds,
			Failures: fs.Failures, LastStatus: fs.LastStatus, Articles: counts[name],
			// Older builds stored error texts naming the source's URL with
			// its username and token; the pages are public.
			LastError: fetch.RedactText(fs.LastError),
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// cycleObservers tells every observer about each cycle: the metrics (the
// daemon's only) and the pages.
type cycleObservers struct {
	metrics pipeline.Observer // nil: none kept
	pub     *publish.Publisher
}

// newCycleObservers observes cycles for met, when it is kept, and pub.
func newCycleObservers(met *metrics.Metrics, pub *publish.Publisher) cycleObservers {
	o := cycleObservers{pub: pub}
	if met != nil {
		o.metrics = met
	}
	return o
}

// ObserveCycle implements pipeline.Observer.
func (o cycleObservers) ObserveCycle(rep pipeline.Report, err error) {
	if o.metrics != nil {
		o.metrics.ObserveCycle(rep, err)
	}
	c := publish.CycleStatus{Started: rep.Started, Finished: rep.Finished, Sources: rep.Sources, Failed: rep.Failed, New: rep.New}
	if err != nil {
		c.Err = err.Error()
		if c.Finished.IsZero() {
			c.Finished = time.Now()
		}
	}
	o.pub.RecordCycle(c)
}
