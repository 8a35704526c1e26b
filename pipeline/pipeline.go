// Package pipeline runs one warta cycle: fetch every source, parse,
// normalise, detect language, find stories, tag topics, store and publish.
// It is the only package besides cmd/warta that knows every stage.
package pipeline

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/dedupe"
	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/topic"
)

// ErrCycleRunning is returned by RunCycle when another cycle is in flight:
// cycles never overlap.
var ErrCycleRunning = errors.New("pipeline: a cycle is already running")

// Keys in the store's meta table.
const (
	// metaTopicRules holds the fingerprint of the topic rules the stored
	// articles were tagged with.
	metaTopicRules = "topic_rules"
	// metaCycleEpoch names the last cycle that wrote to the store. A
	// pipeline that finds another's there rebuilds its story index: another
	// daemon, or `warta once`, stored articles it has not seen.
	metaCycleEpoch = "cycle_epoch"
)

// cycleLock is the store-wide lock a cycle holds.
const cycleLock = "cycle"

// Publisher is the publishing stage as the pipeline uses it.
type Publisher interface {
	Refresh(ctx context.Context) error
}

// Pipeline holds the stages of a cycle. Build it with New, call Init once,
// then RunCycle as often as the schedule says.
type Pipeline struct {
	cfg        *config.Config
	fetcher    *fetch.Fetcher
	normalizer *normalize.Normalizer
	tagger     *topic.Tagger
	store      store.Store
	publisher  Publisher
	observer   Observer
	logger     *slog.Logger
	now        func() time.Time

	running sync.Mutex // held for the length of a cycle

	indexMu sync.Mutex // guards index
	index   *dedupe.Index

	instance string // this pipeline's name in cycle epochs
	cycles   int    // cycles this pipeline has run
	epoch    string // the cycle epoch the index is up to date with
}

// Deps are the stages New wires together. Now defaults to time.Now.
type Deps struct {
	Fetcher   *fetch.Fetcher
	Tagger    *topic.Tagger
	Store     store.Store
	Publisher Publisher
	Observer  Observer // optional
	Logger    *slog.Logger
	Now       func() time.Time
}

// New returns a pipeline for cfg.
func New(cfg *config.Config, d Deps) *Pipeline {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	return &Pipeline{
		cfg:        cfg,
		fetcher:    d.Fetcher,
		normalizer: normalize.New(),
		tagger:     d.Tagger,
		store:      d.Store,
		publisher:  d.Publisher,
		observer:   d.Observer,
		logger:     d.Logger,
		now:        d.Now,
		index:      dedupe.NewIndex(DedupeOptions(cfg)),
		instance:   newInstanceName(),
	}
}

// newInstanceName names this pipeline among the processes sharing a store.
func newInstanceName() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// DedupeOptions returns the story index options the configuration asks for.
func DedupeOptions(cfg *config.Config) dedupe.Options {
	return dedupe.Options{Window: cfg.Dedupe.Window, Threshold: cfg.Dedupe.Threshold}
}

// Hints returns the topic hints a source gives its articles.
func Hints(src config.Source) topic.Hints {
	return topic.Hints{Boost: src.Boost, Forced: src.Topics}
}

// Init prepares the pipeline from what is stored: it rebuilds the story
// index over the dedupe window and re-tags stored articles when the topic
// rules changed since they were tagged.
func (p *Pipeline) Init(ctx context.Context) error {
	if err := p.rebuildIndex(ctx); err != nil {
		return err
	}
	return p.retagIfRulesChanged(ctx)
}

// rebuildIndex builds the story index afresh from the articles stored
// within the dedupe window.
func (p *Pipeline) rebuildIndex(ctx context.Context) error {
	epoch, _, err := p.store.Meta(ctx, metaCycleEpoch)
	if err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	ix := dedupe.NewIndex(DedupeOptions(p.cfg))
	since := p.now().Add(-p.cfg.Dedupe.Window)
	err = p.store.Since(ctx, since, func(a *article.Article) error {
		ix.Add(a)
		return nil
	})
	if err != nil {
		return fmt.Errorf("pipeline: rebuild story index: %w", err)
	}
	p.indexMu.Lock()
	p.index = ix
	p.indexMu.Unlock()
	p.epoch = epoch
	p.logger.Info("story index rebuilt", "articles", ix.Len(), "window", p.cfg.Dedupe.Window)
	return nil
}

// retagIfRulesChanged re-tags the articles within the retention window when
// the topic rules are not the ones they were tagged with, so feeds follow
// the current config.
func (p *Pipeline) retagIfRulesChanged(ctx context.Context) error {
	want := p.tagger.Fingerprint()
	have, ok, err := p.store.Meta(ctx, metaTopicRules)
	if err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	if ok && have == want {
		return nil
	}
	n, err := p.Retag(ctx)
	if err != nil {
		return err
	}
	if err := p.store.SetMeta(ctx, metaTopicRules, want); err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	if ok {
		p.logger.Info("topic rules changed: stored articles re-tagged", "articles", n)
	}
	return nil
}

// Retag tags again every stored article within the retention window with
// the current rules and returns how many it re-tagged.
func (p *Pipeline) Retag(ctx context.Context) (int, error) {
	hints := p.sourceHints()
	var since time.Time
	if r := p.cfg.Storage.Retention; r > 0 {
		since = p.now().Add(-r)
	}
	const batchSize = 500
	batch := make(map[string][]article.TopicMatch, batchSize)
	total := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := p.store.SetTopics(ctx, batch); err != nil {
			return fmt.Errorf("pipeline: retag: %w", err)
		}
		total += len(batch)
		clear(batch)
		return nil
	}
	err := p.store.Since(ctx, since, func(a *article.Article) error {
		batch[a.ID] = p.tagger.Tag(a, hints[a.Source])
		if len(batch) >= batchSize {
			return flush()
		}
		return nil
	})
	if err != nil {
		return total, fmt.Errorf("pipeline: retag: %w", err)
	}
	if err := flush(); err != nil {
		return total, err
	}
	return total, nil
}

func (p *Pipeline) sourceHints() map[string]topic.Hints {
	h := make(map[string]topic.Hints, len(p.cfg.Sources))
	for _, s := range p.cfg.Sources {
		h[s.Name] = Hints(s)
	}
	return h
}

// Report sums up one cycle.
type Report struct {
	Started, Finished time.Time
	Sources           int
	Fetched           int // sources that returned a feed
	NotModified       int // sources that answered 304
	Skipped           int // sources still backing off after failures
	Failed            int // sources whose fetch or parse failed
	Items             int // items in the fetched feeds
	New               int // articles stored for the first time
	NewStories        int // of which started a new story
	// PerSource has one entry per configured source, in config order.
	PerSource []SourceReport
}

// SourceReport is what one cycle did with one source.
type SourceReport struct {
	Name    string
	Outcome string // "fetched", "not_modified", "skipped" (backing off) or "failed"
	Items   int    // items in the fetched feed
	New     int    // articles stored for the first time
	Err     string // why it failed
}

// Observer is told about every cycle that ran to its end or failed; the
// daemon's metrics implement it.
type Observer interface {
	ObserveCycle(rep Report, err error)
}

// RunCycle runs one full cycle. A failing source is logged and recorded in
// its fetch state; it never stops the cycle. The error is non-nil only when
// the store or publishing fail, or ctx ends.
func (p *Pipeline) RunCycle(ctx context.Context) (Report, error) {
	if !p.running.TryLock() {
		return Report{}, ErrCycleRunning
	}
	defer p.running.Unlock()
	release, ok, err := p.store.TryLock(ctx, cycleLock)
	if err != nil {
		return Report{}, fmt.Errorf("pipeline: %w", err)
	}
	if !ok {
		return Report{}, fmt.Errorf("%w in another process sharing the store", ErrCycleRunning)
	}
	defer release()
	if err := p.catchUp(ctx); err != nil {
		return Report{}, err
	}
	rep, err := p.runCycle(ctx)
	if p.observer != nil && !errors.Is(err, context.Canceled) {
		p.observer.ObserveCycle(rep, err)
	}
	return rep, err
}

func (p *Pipeline) runCycle(ctx context.Context) (Report, error) {
	rep := Report{Started: p.now(), Sources: len(p.cfg.Sources)}
	states, err := p.store.FetchStates(ctx)
	if err != nil {
		return rep, fmt.Errorf("pipeline: %w", err)
	}
	results := p.fetchAll(ctx, states)
	if err := ctx.Err(); err != nil {
		return rep, fmt.Errorf("pipeline: cycle cancelled: %w", err)
	}
	if err := p.process(ctx, results, &rep); err != nil {
		return rep, err
	}
	if p.publisher != nil {
		if err := p.publisher.Refresh(ctx); err != nil {
			return rep, fmt.Errorf("pipeline: publish: %w", err)
		}
	}
	now := p.now()
	p.indexMu.Lock()
	p.index.Expire(now)
	p.indexMu.Unlock()
	if r := p.cfg.Storage.Retention; r > 0 {
		n, err := p.store.Prune(ctx, now.Add(-r))
		if err != nil {
			return rep, fmt.Errorf("pipeline: prune: %w", err)
		}
		if n > 0 {
			p.logger.Info("pruned articles past retention", "articles", n)
		}
	}
	rep.Finished = p.now()
	p.logger.Info("cycle done",
		"sources", rep.Sources, "fetched", rep.Fetched, "not_modified", rep.NotModified,
		"skipped", rep.Skipped, "failed", rep.Failed, "items", rep.Items,
		"new", rep.New, "new_stories", rep.NewStories, "took", rep.Finished.Sub(rep.Started).Round(time.Millisecond))
	return rep, nil
}

// catchUp rebuilds the story index when another process ran a cycle on the
// store since this pipeline's last one.
func (p *Pipeline) catchUp(ctx context.Context) error {
	epoch, _, err := p.store.Meta(ctx, metaCycleEpoch)
	if err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	if epoch == p.epoch {
		return nil
	}
	p.logger.Info("another process wrote to the store: rebuilding the story index")
	return p.rebuildIndex(ctx)
}

// sourceResult is what fetching and parsing one source produced.
type sourceResult struct {
	source   config.Source
	order    int
	state    store.FetchState
	articles []*article.Article // normalised; nil when nothing new was fetched
	outcome  outcome
}

type outcome int

const (
	outcomeFetched outcome = iota
	outcomeNotModified
	outcomeSkipped
	outcomeFailed
)

func (o outcome) String() string {
	switch o {
	case outcomeFetched:
		return "fetched"
	case outcomeNotModified:
		return "not_modified"
	case outcomeSkipped:
		return "skipped"
	default:
		return "failed"
	}
}

// process finds stories and topics for the cycle's new articles and writes
// each source's articles with its fetch state in one transaction.
func (p *Pipeline) process(ctx context.Context, results []*sourceResult, rep *Report) error {
	var fresh []*article.Article
	freshBySource := make(map[*sourceResult][]*article.Article, len(results))
	seen := make(map[string]bool)
	rep.PerSource = make([]SourceReport, len(results))
	for i, r := range results {
		rep.PerSource[i] = SourceReport{Name: r.source.Name, Outcome: r.outcome.String(), Items: len(r.articles)}
		if r.outcome == outcomeFailed {
			rep.PerSource[i].Err = r.state.LastError
		}
		switch r.outcome {
		case outcomeNotModified:
			rep.NotModified++
		case outcomeSkipped:
			rep.Skipped++
		case outcomeFailed:
			rep.Failed++
		case outcomeFetched:
			rep.Fetched++
		}
		rep.Items += len(r.articles)
		if len(r.articles) == 0 {
			continue
		}
		ids := make([]string, len(r.articles))
		for i, a := range r.articles {
			ids[i] = a.ID
		}
		stored, err := p.store.Existing(ctx, ids)
		if err != nil {
			return fmt.Errorf("pipeline: %w", err)
		}
		for _, a := range r.articles {
			// The same article in two feeds of one outlet, or twice in
			// one feed, is one article: the first source in config order
			// keeps it.
			if stored[a.ID] || seen[a.ID] {
				continue
			}
			seen[a.ID] = true
			fresh = append(fresh, a)
			freshBySource[r] = append(freshBySource[r], a)
		}
	}

	// Stories are assigned oldest first across all sources, so the earliest
	// published copy leads its story whichever feed answered first.
	order := make(map[string]int, len(results))
	for _, r := range results {
		order[r.source.Name] = r.order
	}
	sort.SliceStable(fresh, func(i, j int) bool {
		a, b := fresh[i], fresh[j]
		if !a.Published.Equal(b.Published) {
			return a.Published.Before(b.Published)
		}
		if order[a.Source] != order[b.Source] {
			return order[a.Source] < order[b.Source]
		}
		return a.ID < b.ID
	})
	hints := p.sourceHints()
	p.indexMu.Lock()
	for _, a := range fresh {
		p.index.Assign(a)
		a.Topics = p.tagger.Tag(a, hints[a.Source])
		if a.StoryID == a.ID {
			rep.NewStories++
		}
	}
	p.indexMu.Unlock()

	// Mark the store before writing: a crash half-way leaves a mark that
	// is not ours, and the next cycle rebuilds its index from the store.
	p.cycles++
	epoch := fmt.Sprintf("%s/%d", p.instance, p.cycles)
	if err := p.store.SetMeta(ctx, metaCycleEpoch, epoch); err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	var saveErr error
	for i, r := range results {
		arts := freshBySource[r]
		inserted, err := p.store.SaveSource(ctx, r.source.Name, r.state, arts)
		if err != nil {
			saveErr = errors.Join(saveErr, fmt.Errorf("pipeline: store %q: %w", r.source.Name, err))
			continue
		}
		rep.New += len(inserted)
		rep.PerSource[i].New = len(inserted)
	}
	if saveErr != nil {
		// The index holds articles that were not stored; rebuild it from
		// what was, so they are matched afresh when fetched again.
		if err := p.rebuildIndex(ctx); err != nil {
			saveErr = errors.Join(saveErr, err)
		}
		return saveErr
	}
	p.epoch = epoch
	return nil
}
