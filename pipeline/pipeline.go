// Package pipeline runs one warta cycle: fetch every source, parse,
// normalise, detect language, find stories, tag topics, store and publish.
// It is the only package besides cmd/warta that knows every stage.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
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
	// retagging is metaTopicRules while a re-tag runs: the fingerprint
	// of no rules.
	retagging = "retagging"
	// metaLastFirstSeen holds the latest FirstSeen a cycle gave, written
	// under the stories lock: the next cycle to take it, in any process,
	// stamps after it (firstSeen).
	metaLastFirstSeen = "last_first_seen"
)

// storiesLock is the store-wide lock under which a cycle decides the
// stories of its new articles and writes them: daemons sharing a store
// fetch at once but take turns here, each first catching up with what the
// others stored, so a story is started once however many daemons fetch
// its copies.
const storiesLock = "stories"

// storiesLockPoll is how often a cycle waiting for the stories lock asks
// for it again.
const storiesLockPoll = 20 * time.Millisecond

// DefaultLease is how long a cycle's claim on its sources holds when it is
// not released: a daemon killed in a cycle leaves its sources to the
// others for this long. A running cycle renews its claims every third of
// a lease (renewClaims), so a cycle may last longer: one host's forty
// slow feeds, fetched two at a time, take longer than any one fetch.
const DefaultLease = 10 * time.Minute

// claimWindow is how far back a cycle's due time reaches among daemons
// sharing a store: they start the cycles of one scheduled time within
// seconds of each other (cron fires on the second), so a source claimed
// less than this before a cycle starts was claimed for the same time and
// is not fetched again. Cycles are at least a minute apart, so a cycle
// never mistakes the previous one's claims for its own.
const claimWindow = 30 * time.Second

// Publisher is the publishing stage as the pipeline uses it: it renders
// the stored stories, whose version (changed whenever they change) is
// feedsVersion.
type Publisher interface {
	RefreshVersion(ctx context.Context, feedsVersion string) error
}

// Pipeline holds the stages of a cycle. Build it with New, call Init once
// (or Start, for a single cycle), then RunCycle as often as the schedule
// says.
type Pipeline struct {
	cfg        *config.Config
	fetcher    *fetch.Fetcher
	normalizer *normalize.Normalizer
	tagger     *topic.Tagger
	stream     *topic.Stream // the tagger plus the words it learns from the stream
	store      store.Store
	publisher  Publisher
	observer   Observer
	schedule   Schedule
	logger     *slog.Logger
	now        func() time.Time
	lease      time.Duration
	// fetchOptions are the fetcher's, for its per-host interval.
	fetchOptions fetch.Options

	running sync.Mutex // held for the length of a cycle

	// holdsClear says the store keeps no host hold this process knows of:
	// its last storeHolds stored none (and dropped the ended ones) and no
	// loadHolds since found one, so a cycle that holds none has nothing
	// to write or drop. False in a new process, which does not know.
	holdsClear atomic.Bool

	feedsVersion string    // the store.MetaFeedsVersion last published
	published    time.Time // when the feeds were last published
	followSeen   string    // the store.MetaFeedsVersion FollowFeeds last read

	hints      map[string]topic.Hints // by source name
	sourceRank map[string]int         // a source's place in the config
	// labels are the readers' labels as the running cycle read them when
	// it took the stories lock (loadLabels); labelsApplied names the
	// labels and store state applyLabels last applied them at.
	labels        article.LabelSet
	labelsApplied string

	indexMu sync.Mutex // guards index and storiesVersion
	index   *dedupe.Index
	// storiesVersion is the store.MetaStoriesVersion the index was built
	// at (followJoins).
	storiesVersion string
	// loads counts the reloads of the store's state (catch-up): one
	// between a fetch worker's question to the store and the writer's
	// means another process wrote meanwhile.
	loads  atomic.Uint64
	actors dedupe.ActorSource // the index's actor recogniser, nil for none
	// sketcher sketches articles for the index, on any goroutine.
	sketcher dedupe.Sketcher
	// preparing holds a slot per feed being prepared: one per core.
	preparing chan struct{}

	// indexLoad is the story index's load when Start left it until an
	// article needs it; nil once the index is loaded with the rest
	// (Init, reload).
	indexLoad atomic.Pointer[indexLoad]

	instance string // this pipeline's name in cycle epochs
	// rulesLoaded is when this pipeline's topic rules were loaded: its
	// rules' generation in the store's rules record (rulesRecord).
	rulesLoaded time.Time
	// rulesWarned is the newer rules record the running cycle warned of.
	rulesWarned string
	marks       int    // cycle epochs this pipeline has written
	epoch       string // the cycle epoch the index is up to date with
	// cycleStart is the running cycle's one clock reading for what it
	// decides: the date of undated items, the story index's window and
	// the articles' FirstSeen (firstSeen). Reading the clock per answer
	// would make the decisions depend on which answer came first.
	cycleStart time.Time
	// expiredAt is the cycleStart the story index was last expired at,
	// under indexMu.
	expiredAt time.Time
	// seenFrom is the running cycle's first FirstSeen: cycleStart, or
	// just past the last one another cycle stored (followFirstSeen).
	seenFrom time.Time
	decided  int    // articles the running cycle gave stories since seenFrom (firstSeen)
	notes    string // the sources' notes as last read or written
}

// Deps are the stages New wires together. Now defaults to time.Now.
type Deps struct {
	Fetcher   *fetch.Fetcher
	Tagger    *topic.Tagger
	Store     store.Store
	Publisher Publisher
	Observer  Observer // optional
	// Schedule, when set, is when cycles run: the real time of a failing
	// source's next attempt is the first cycle after its backoff.
	Schedule Schedule
	Logger   *slog.Logger
	Now      func() time.Time
	// Lease is how long a cycle's claim on its sources holds unless
	// released; DefaultLease when zero.
	Lease time.Duration
	// Actors, when set, recognises actors in headlines for the story
	// index's event signatures (HeadlineActors).
	Actors dedupe.ActorSource
}

// Schedule tells when cycles run; cron.Schedule implements it.
type Schedule interface {
	// Next returns the first run after t, zero if there is none.
	Next(t time.Time) time.Time
}

// FixedSchedule is a Schedule whose answers depend on state read
// elsewhere (a daemon's cron entry, whose next run each Next asks for):
// Fixed returns it with that state read once, for a run of Next calls.
type FixedSchedule interface {
	Schedule
	Fixed() Schedule
}

// fixed is s with its state read once when it has any (FixedSchedule).
func fixed(s Schedule) Schedule {
	if f, ok := s.(FixedSchedule); ok {
		return f.Fixed()
	}
	return s
}

// New returns a pipeline for cfg.
func New(cfg *config.Config, d Deps) *Pipeline {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Lease <= 0 {
		d.Lease = DefaultLease
	}
	hints := SourceHints(cfg)
	rank := make(map[string]int, len(cfg.Sources))
	for i, s := range cfg.Sources {
		rank[s.Name] = i
	}
	return &Pipeline{
		cfg:         cfg,
		hints:       hints,
		sourceRank:  rank,
		fetcher:     d.Fetcher,
		normalizer:  normalize.New(NormalizeCaps(cfg)),
		tagger:      d.Tagger,
		stream:      d.Tagger.NewStreamFor(hints),
		store:       d.Store,
		publisher:   d.Publisher,
		observer:    d.Observer,
		schedule:    d.Schedule,
		logger:      d.Logger,
		now:         d.Now,
		lease:       d.Lease,
		index:       dedupe.NewIndex(DedupeOptions(cfg, d.Actors)),
		actors:      d.Actors,
		sketcher:    dedupe.NewSketcher(DedupeOptions(cfg, d.Actors)),
		preparing:   make(chan struct{}, runtime.GOMAXPROCS(0)),
		instance:    store.NewName(), // this pipeline's name among the processes sharing the store
		rulesLoaded: d.Now(),

		fetchOptions: FetchOptions(cfg),
	}
}

// Init prepares the pipeline from what is stored: it rebuilds the story
// index over the dedupe window, readies the stream model (LoadStream) and
// re-tags stored articles when the topic rules changed since they were
// tagged.
func (p *Pipeline) Init(ctx context.Context) error {
	if err := p.Load(ctx); err != nil {
		return err
	}
	return p.RetagIfRulesChanged(ctx)
}

// Load is Init without the re-tag, which changes the store: a daemon
// applying a reloaded config loads its pipeline, readies everything else
// that can fail, and only then re-tags (RetagIfRulesChanged).
func (p *Pipeline) Load(ctx context.Context) error { return p.reload(ctx) }

// Start is Init but for the story index, which a cycle loads beside its
// fetching once a fetched article is not stored (wantIndex), and its
// first story decided waits for (indexReady): a cycle that finds nothing
// new never loads it. Call Start once, instead of Init, before the first
// RunCycle, which returns the index load's error.
func (p *Pipeline) Start(ctx context.Context) error {
	p.indexLoad.Store(&indexLoad{done: make(chan struct{})})
	if err := p.load(ctx, false); err != nil {
		return err
	}
	return p.RetagIfRulesChanged(ctx)
}

// SourceHints maps each configured source's name to its tagging hints.
func SourceHints(cfg *config.Config) map[string]topic.Hints {
	hints := make(map[string]topic.Hints, len(cfg.Sources))
	for _, s := range cfg.Sources {
		hints[s.Name] = Hints(s)
	}
	return hints
}

// retentionStart is the oldest publication time kept at now (zero when
// retention keeps everything).
func retentionStart(cfg *config.Config, now time.Time) time.Time {
	if r := cfg.Storage.Retention; r > 0 {
		return now.Add(-r)
	}
	return time.Time{}
}

// reload rebuilds the story index from the articles stored within the
// dedupe window and readies a stream model of the stored articles, both as
// of the store's cycle epoch, which it notes.
func (p *Pipeline) reload(ctx context.Context) error { return p.load(ctx, true) }

// load is reload, leaving the story index alone unless withIndex is set.
func (p *Pipeline) load(ctx context.Context, withIndex bool) error {
	epoch, _, err := p.store.Meta(ctx, metaCycleEpoch)
	if err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	var ix *dedupe.Index
	var rb indexRebuild
	if withIndex {
		// A load Start left for later is not needed any more; one
		// running ends before this one's index replaces its.
		if l := p.indexLoad.Swap(nil); l != nil {
			l.settle()
		}
		if ix, rb, err = loadStoryIndex(ctx, p.store, p.cfg, p.actors, p.now(), true); err != nil {
			return err
		}
	}
	stream := p.tagger.NewStreamFor(p.hints)
	load, err := loadStream(ctx, p.cfg, p.store, stream, epoch, p.now())
	if err != nil {
		return err
	}
	if ix != nil {
		p.setIndex(ix, rb)
	}
	p.loads.Add(1)
	p.stream = stream
	p.epoch = epoch
	if load.Snapshot {
		p.logger.Info("stream model loaded from its snapshot")
	} else {
		p.logger.Info("stream model learned from stored articles", "articles", load.Learned, "why", load.Why)
	}
	return nil
}

// RetagIfRulesChanged re-tags the articles within the retention window when
// the topic rules or the sources' hints (topic.Tagger.FingerprintWith) are
// not the ones they were tagged with, so feeds follow the current config.
// A cycle asks too, under the stories lock: another process with other
// rules (`warta once` with another config, a daemon mid rolling change)
// may have re-tagged the store since. The rules loaded last win
// (rulesRecord.newer): a process whose rules are older than the stored
// ones warns and leaves the store alone, so two processes with different
// rules do not re-tag the store in turn.
func (p *Pipeline) RetagIfRulesChanged(ctx context.Context) error {
	_, err := p.retagIfRulesChanged(ctx)
	return err
}

// retagIfRulesChanged is RetagIfRulesChanged; it returns the stored rules'
// record when newer rules than its own are stored, after warning of it
// unless they are the ones it warned of last (once per cycle, as a cycle
// may ask several times).
func (p *Pipeline) retagIfRulesChanged(ctx context.Context) (string, error) {
	mine := rulesRecord{fingerprint: p.tagger.FingerprintWith(p.hints), loaded: p.rulesLoaded}
	stored, ok, err := p.store.Meta(ctx, metaTopicRules)
	if err != nil {
		return "", fmt.Errorf("pipeline: %w", err)
	}
	if ok && stored != retagging {
		have := parseRulesRecord(stored)
		if have.fingerprint == mine.fingerprint {
			return "", nil
		}
		if !mine.newer(have) {
			if stored != p.rulesWarned {
				p.logger.Warn("another process sharing the store runs other topic rules, loaded after this one's: "+
					"stored articles keep its topics until this process reloads its config or restarts",
					"stored_rules", have.fingerprint, "stored_loaded", have.loaded, "own_rules", mine.fingerprint, "own_loaded", mine.loaded)
			}
			return stored, nil
		}
	}
	if ok {
		// A re-tag that stops half-way leaves a mark no rules have, so
		// that whichever rules run next re-tag everything.
		if err := p.store.SetMeta(ctx, metaTopicRules, retagging); err != nil {
			return "", fmt.Errorf("pipeline: %w", err)
		}
	}
	n, err := p.Retag(ctx)
	if err != nil {
		return "", err
	}
	if err := p.store.SetMeta(ctx, metaTopicRules, mine.String()); err != nil {
		return "", fmt.Errorf("pipeline: %w", err)
	}
	if ok {
		p.logger.Info("topic rules changed: stored articles re-tagged", "articles", n)
	}
	return "", nil
}

// RetagDue reports whether the articles of st were tagged under other topic
// rules or sources' hints than tagger's with cfg's sources (or a re-tag
// stopped half-way): a daemon started with them re-tags the store
// (RetagIfRulesChanged), so today's verdict is what it would store. When
// not due, a stored article's topics stand as decided when it arrived.
func RetagDue(ctx context.Context, st store.Store, cfg *config.Config, tagger *topic.Tagger) (bool, error) {
	stored, ok, err := st.Meta(ctx, metaTopicRules)
	if err != nil {
		return false, fmt.Errorf("pipeline: %w", err)
	}
	if !ok || stored == retagging {
		return true, nil
	}
	return parseRulesRecord(stored).fingerprint != tagger.FingerprintWith(SourceHints(cfg)), nil
}

// Retag tags again every stored article within the retention window with
// the current rules and its source's hints (its configured genre
// included), and returns how many it re-tagged.
func (p *Pipeline) Retag(ctx context.Context) (int, error) {
	since := retentionStart(p.cfg, p.now())
	const batchSize = 500
	batch := make(map[string][]article.TopicMatch, batchSize)
	total := 0
	// A re-tag changes what the tagger says, never a reader's label.
	labels, err := ConfiguredLabels(ctx, p.store, p.cfg)
	if err != nil {
		return 0, err
	}
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
	err = p.store.Since(ctx, since, func(a *article.Article) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		batch[a.ID], _ = labels.Apply(a.StoryID, p.stream.Tag(a, p.hints[a.Source]))
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
	rep, err := p.runCycle(ctx)
	// A cycle that ended early (cancelled, the claim refused) leaves no
	// index loading behind it; a load that failed with no batch waiting
	// for it (nothing to decide) is logged, or its error would be lost.
	if l := p.indexLoad.Load(); l != nil {
		if loadErr := l.wait(); loadErr != nil && !errors.Is(err, loadErr) {
			p.logger.Warn("story index not loaded", "err", loadErr)
		}
	}
	if p.observer != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, ErrCycleRunning) {
		p.observer.ObserveCycle(rep, err)
	}
	return rep, err
}

func (p *Pipeline) runCycle(ctx context.Context) (Report, error) {
	p.cycleStart, p.decided = p.now(), 0
	p.rulesWarned = "" // each cycle warns of newer rules again
	p.seenFrom = p.cycleStart
	rep := Report{Started: p.cycleStart, Sources: len(p.cfg.Sources)}
	states, err := p.loadStates(ctx)
	if err != nil {
		return rep, err
	}
	if err := p.followRenames(ctx, states); err != nil {
		return rep, err
	}
	if err := p.loadHolds(ctx); err != nil {
		return rep, err
	}
	w := newWindow(len(p.cfg.Sources))
	stopWaking := w.wakeOnDone(ctx)
	defer stopWaking()
	stopRenewing := p.renewClaims(ctx)
	wait := p.fetchAll(ctx, states, w)
	writeErr := p.writeAll(ctx, w, &rep)
	if writeErr != nil {
		w.stop()
	}
	release, claimErr := wait()
	stopRenewing()
	defer func() {
		if err := release(context.WithoutCancel(ctx)); err != nil {
			p.logger.Warn("claims on sources not released: they end with their lease", "err", err)
		}
	}()
	if errors.Is(claimErr, store.ErrBusy) {
		// Every due source is the other process's (OutcomeElsewhere).
		p.countResults(&rep, w.all())
		return rep, fmt.Errorf("%w in another process sharing the store", ErrCycleRunning)
	}
	if claimErr != nil {
		return rep, fmt.Errorf("pipeline: claim sources: %w", claimErr)
	}
	p.countResults(&rep, w.all())
	if writeErr != nil {
		return rep, writeErr
	}
	// The prune comes before publishing: a prune that deletes moves the
	// feeds' version, which the published feeds must show (without the
	// pruned articles) and the `warta once` stamp must hold; and the
	// cycle's writes are done when publishing starts (checkpoint.go).
	now := p.now()
	p.indexMu.Lock()
	p.index.Expire(now)
	p.indexMu.Unlock()
	if since := retentionStart(p.cfg, now); !since.IsZero() {
		// Under the stories lock: another daemon writes a story's copies
		// under it, and a copy whose transaction is still open is one the
		// prune cannot see when it decides a lead has none.
		release, err := p.lockStories(ctx)
		if err != nil {
			return rep, err
		}
		n, err := p.store.Prune(ctx, since, stillListed(w.all(), since))
		release()
		if err != nil {
			return rep, fmt.Errorf("pipeline: prune: %w", err)
		}
		if n > 0 {
			p.logger.Info("pruned articles past retention", "articles", n)
		}
	}
	if err := p.publish(ctx); err != nil {
		return rep, err
	}
	rep.Finished = p.now()
	p.logSummary(&rep)
	return rep, nil
}

// renewClaims renews the lease of the cycle's claims every third of a
// lease until the returned stop is called, which waits for a renewal under
// way: a cycle that runs longer than a lease keeps its sources.
func (p *Pipeline) renewClaims(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(p.lease / 3)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			now := p.now()
			if err := p.store.RenewClaims(ctx, p.instance, now, now.Add(p.lease)); err != nil && ctx.Err() == nil {
				p.logger.Warn("claims on sources not renewed: another daemon may take them when their lease ends", "err", err)
			}
		}
	}()
	return func() { cancel(); <-done }
}

// stillListed returns what Prune keeps past retention: the articles any
// source listed at its last successful fetch (the item votes of each
// configured source's fetch state, as the cycle leaves it: results), which
// the next fetch would store again as new if they were deleted. Any
// source, not only the one an article is stored under: an item two feeds
// list is stored once, under the first, and the second still lists it
// when the first drops it. Feeds list a bounded number of items, so the
// store stays bounded; a source dropped from the config, retired by a 410
// or not fetched successfully since the retention cut (since) keeps
// nothing: it will not list them again soon, if ever. A source another
// daemon fetched this cycle is judged by its fetch before: an item it no
// longer lists goes one cycle later.
func stillListed(results []*sourceResult, since time.Time) store.KeepFunc {
	var votes []string
	for _, r := range results {
		if r != nil && r.state.ItemVotes != "" && !r.state.retired(r.source.URL) && !r.state.LastSuccess.Before(since) {
			votes = append(votes, r.state.ItemVotes)
		}
	}
	// The votes are read when Prune first asks: most cycles find nothing
	// past retention and read none.
	var keys, storedAs map[string]bool // vote keys; the LinklessIDs items are stored under
	return func(id, _ string) bool {
		if keys == nil {
			keys, storedAs = map[string]bool{}, map[string]bool{}
			for _, v := range votes {
				for key, kv := range decodeVotes(v) {
					keys[key] = true
					if kv.storedAs != "" {
						storedAs[kv.storedAs] = true
					}
				}
			}
		}
		return keys[voteKey(id)] || storedAs[id]
	}
}

// logSummary logs the cycle's counts, naming every source that failed,
// backs off or is retired, with its last error and next attempt.
func (p *Pipeline) logSummary(rep *Report) {
	attrs := []any{"sources", rep.Sources, "fetched", rep.Fetched, "not_modified", rep.NotModified,
		"skipped", rep.Skipped, "failed", rep.Failed, "retired", rep.Retired, "not_due", rep.NotDue, "elsewhere", rep.Elsewhere, "items", rep.Items,
		"new", rep.New, "new_stories", rep.NewStories, "corrected", rep.Corrected, "took", rep.Finished.Sub(rep.Started).Round(time.Millisecond)}
	problems := rep.Problems()
	if len(problems) == 0 {
		p.logger.Info("cycle done", attrs...)
		return
	}
	lines := make([]string, len(problems))
	for i, s := range problems {
		lines[i] = s.Problem()
	}
	p.logger.Warn("cycle done, some sources failing", append(attrs, "failing", strings.Join(lines, "; "))...)
}

// countResults adds the cycle's results, one per configured source, to
// rep.
func (p *Pipeline) countResults(rep *Report, results []*sourceResult) {
	for i, r := range results {
		rep.count(p.sourceReport(r))
		rep.PerSource[i].New = r.stored
	}
}

// sourceReport is what the report says of one source's result.
func (p *Pipeline) sourceReport(r *sourceResult) SourceReport {
	s := SourceReport{Name: r.source.Name, Outcome: r.outcome, Items: r.items,
		Failures: r.state.Failures, LastSuccess: r.state.LastSuccess}
	if !r.outcome.Succeeded() {
		s.Err = r.state.LastError
	}
	switch r.outcome {
	case OutcomeFailed, OutcomeBackingOff:
		s.NextAttempt = p.shownNext(true, r.state.NextAttempt)
	case OutcomeNotDue:
		s.NextAttempt = p.shownNext(false, r.state.NextAttempt)
	}
	return s
}

// catchUp rebuilds the story index and reloads the stream model when
// another process ran a cycle on the store since this pipeline's last one
// (or this pipeline's last cycle failed half-way).
func (p *Pipeline) catchUp(ctx context.Context) error {
	epoch, _, err := p.store.Meta(ctx, metaCycleEpoch)
	if err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	if epoch == p.epoch {
		return nil
	}
	p.logger.Info("another process wrote to the store: rebuilding the story index and reloading the stream model")
	return p.reload(ctx)
}

// publish renders the feeds from what is stored now, noting the feeds'
// version it saw first: a later change by any process differs from it.
func (p *Pipeline) publish(ctx context.Context) error {
	if p.publisher == nil {
		return nil
	}
	v, _, err := p.store.Meta(ctx, store.MetaFeedsVersion)
	if err != nil {
		return fmt.Errorf("pipeline: publish: %w", err)
	}
	if err := p.publisher.RefreshVersion(ctx, v); err != nil {
		return fmt.Errorf("pipeline: publish: %w", err)
	}
	p.feedsVersion, p.followSeen, p.published = v, v, p.now()
	return nil
}

// FollowFeeds re-renders the feeds when a process sharing the store (a
// daemon, `warta once`) changed them since this pipeline last published,
// so that every daemon serves every feed fresh; it reports whether it did.
// One indexed read when nothing changed: daemons call it every few
// seconds. It does nothing while a cycle runs, which publishes at its end.
// While the version still moves from one call to the next (another's
// cycle storing batch after batch) it waits for the call that finds it
// settled, rendering once then, unless the feeds it serves are a lease
// old: a cycle that stores without pause, or dies, still shows.
func (p *Pipeline) FollowFeeds(ctx context.Context) (bool, error) {
	if !p.running.TryLock() {
		return false, nil
	}
	defer p.running.Unlock()
	v, _, err := p.store.Meta(ctx, store.MetaFeedsVersion)
	if err != nil {
		return false, fmt.Errorf("pipeline: follow feeds: %w", err)
	}
	moving := v != p.followSeen
	p.followSeen = v
	if v == p.feedsVersion || moving && p.now().Sub(p.published) < p.lease {
		return false, nil
	}
	if err := p.publish(ctx); err != nil {
		return false, err
	}
	return true, nil
}

// lockStories waits for the stories lock (LockStories).
func (p *Pipeline) lockStories(ctx context.Context) (func(), error) {
	return LockStories(ctx, p.store)
}

// LockStories waits for st's stories lock, under which a cycle decides
// stories and a reader's join moves articles between them, asking every
// storiesLockPoll, and returns its release.
func LockStories(ctx context.Context, st store.Store) (func(), error) {
	for {
		release, ok, err := st.TryLock(ctx, storiesLock)
		if err != nil {
			return nil, fmt.Errorf("pipeline: %w", err)
		}
		if ok {
			return release, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("pipeline: waiting for the stories lock: %w", ctx.Err())
		case <-time.After(storiesLockPoll):
		}
	}
}
