package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/dedupe"
	"github.com/warta-news/warta/store"
)

// metaRetiredPrefix, followed by a source's name, keys the URL a 410 Gone
// retired the source at.
const metaRetiredPrefix = "retired:"

// metaSourceNotes keys the sources' notes (sourceNote), one JSON object by
// source name: read once a cycle, written when they changed.
const metaSourceNotes = "source_notes"

// staleEpoch marks a story index that holds articles a cycle did not store:
// it never equals a stored epoch, so the next cycle rebuilds the index.
const staleEpoch = "stale"

// loadStates reads every source's fetch state, and the URL a retired
// source was retired at.
func (p *Pipeline) loadStates(ctx context.Context) (map[string]sourceState, error) {
	stored, err := p.store.FetchStates(ctx)
	if err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	states := make(map[string]sourceState, len(stored))
	for name, fs := range stored {
		st := sourceState{FetchState: fs}
		if fs.LastStatus == http.StatusGone && fs.Failures > 0 {
			url, _, err := p.store.Meta(ctx, metaRetiredPrefix+name)
			if err != nil {
				return nil, fmt.Errorf("pipeline: %w", err)
			}
			st.retiredURL = url
		}
		states[name] = st
	}
	notes, err := p.loadNotes(ctx)
	if err != nil {
		return nil, err
	}
	for name, n := range notes {
		st := states[name]
		st.note = n
		states[name] = st
	}
	for _, src := range p.cfg.Sources {
		if st, ok := states[src.Name]; ok {
			st = st.forURL(src.URL)
			st.NextAttempt = st.retryAt(p.cfg.Fetch.MaxBackoff)
			states[src.Name] = st
		}
	}
	return states, nil
}

// followRenames has each configured source carry what a source no longer
// configured carried when that one was last fetched at the same configured
// URL (its note says so): a source renamed in the config keeps its
// ?source= view and /status count (store.Store.CarryAs), as its items
// with links of their own keep their identity.
func (p *Pipeline) followRenames(ctx context.Context, states map[string]sourceState) error {
	byURL := make(map[string]string, len(p.cfg.Sources))
	configured := make(map[string]bool, len(p.cfg.Sources))
	for _, src := range p.cfg.Sources {
		byURL[src.URL], configured[src.Name] = src.Name, true
	}
	for old, st := range states {
		if configured[old] || st.note.ConfigURL == "" {
			continue
		}
		renamed, ok := byURL[st.note.ConfigURL]
		if !ok {
			continue
		}
		n, err := p.store.CarryAs(ctx, old, renamed)
		if err != nil {
			return fmt.Errorf("pipeline: %w", err)
		}
		if n > 0 {
			p.logger.Info("source renamed: it carries what its earlier name did", "source", renamed, "was", old, "articles", n)
		}
	}
	return nil
}

// loadNotes reads the sources' notes. Unreadable notes are logged and
// dropped: they only save requests.
func (p *Pipeline) loadNotes(ctx context.Context) (map[string]sourceNote, error) {
	raw, _, err := p.store.Meta(ctx, metaSourceNotes)
	if err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	p.notes = raw
	if raw == "" {
		return nil, nil
	}
	notes := map[string]sourceNote{}
	if err := json.Unmarshal([]byte(raw), &notes); err != nil {
		p.logger.Warn("sources' notes unreadable: forgotten", "err", err)
		return nil, nil
	}
	return notes, nil
}

// saveNotes writes the notes of the configured sources when they changed:
// those of the sources this cycle fetched and saved, each on its
// configured URL (the URL its saved fetch state is of), and the others as
// stored now (another daemon sharing the store may have fetched them since
// the cycle began), even on a URL no longer configured: their stored fetch
// state is still of that URL.
func (p *Pipeline) saveNotes(ctx context.Context, results []*sourceResult) error {
	stored, err := p.loadNotes(ctx)
	if err != nil {
		return err
	}
	notes := map[string]sourceNote{}
	for _, r := range results {
		if r.attempted && r.saved {
			notes[r.source.Name] = r.state.noteFor(r.source.URL)
		} else if n, ok := stored[r.source.Name]; ok {
			notes[r.source.Name] = n
		}
	}
	b, err := json.Marshal(notes) // map keys sorted: equal notes, equal bytes
	if err != nil {
		return fmt.Errorf("pipeline: notes: %w", err)
	}
	if string(b) == p.notes || (len(notes) == 0 && p.notes == "") {
		// Unchanged, or nothing to remember and nothing remembered.
		return nil
	}
	if err := p.store.SetMeta(ctx, metaSourceNotes, string(b)); err != nil {
		return fmt.Errorf("pipeline: notes: %w", err)
	}
	p.notes = string(b)
	return nil
}

// writeAll is the cycle's ordered stage: it takes the fetched sources
// from w a batch at a time, in the order they were handed out, gives the
// new articles their stories and topics (decideBatch) and stores them with
// each source's fetch state, one transaction per batch (saveBatch), while
// later sources are still being fetched. Deciding and writing are two
// goroutines: the next batch is decided while one is written. It holds
// the stories lock while it has batches to decide or write, catching up
// with what other processes stored each time it takes it (then it marks
// the store with a new epoch), and lets it go, once the writes are done
// and the stream model's snapshot is stored, while it waits for fetches;
// on a store whose claims keep other cycles out (SQLite) nobody else
// wants it meanwhile, so it keeps it to the end: one epoch mark and one
// snapshot a cycle instead of one a wait.
// Once every source is in it saves the sources' notes and the stream
// model's snapshot. A source that cannot be written is left out alone;
// then the story index and the stream model are reloaded from what was
// stored, so that its articles are matched and learned afresh when
// fetched again.
func (p *Pipeline) writeAll(ctx context.Context, w *window, rep *Report) error {
	writes := make(chan decided)
	var pending sync.WaitGroup // batches handed to the writer, not yet written
	var saveErr error          // the writer's, read once its batches are written
	var failed bool            // the writer stopped: ctx ended while writing
	written := make(chan struct{})
	go func(writes <-chan decided) {
		defer close(written)
		for d := range writes {
			if !failed {
				srcErr, err := p.saveBatch(ctx, d, rep)
				saveErr = errors.Join(saveErr, srcErr, err)
				failed = err != nil
			}
			w.written(d.batch)
			pending.Done()
		}
	}(writes)
	var unlock func() // the stories lock's release while it is held
	stopWriting := func() {
		if writes != nil {
			close(writes)
			writes = nil
			<-written
		}
	}
	defer func() {
		stopWriting()
		if unlock != nil {
			unlock()
		}
	}()
	lock := func() error {
		if unlock != nil {
			return nil
		}
		release, err := p.lockStories(ctx)
		if err != nil {
			return err
		}
		unlock = release
		if err := p.catchUp(ctx); err != nil {
			return err
		}
		if err := p.followJoins(ctx); err != nil {
			return err
		}
		newer, err := p.retagIfRulesChanged(ctx)
		if err != nil {
			return err
		}
		p.rulesWarned = newer
		cleared, err := p.loadLabels(ctx)
		if err != nil {
			return err
		}
		if err := p.applyLabels(ctx, cleared); err != nil {
			return err
		}
		if err := p.followFirstSeen(ctx); err != nil {
			return err
		}
		return p.markEpoch(ctx)
	}
	sent := false // a batch was handed to the writer under the lock held
	keep := p.store.ClaimsExclusive()
	idle := func() {
		if unlock != nil && !keep {
			pending.Wait()
			if sent && saveErr == nil && !failed {
				// Another process taking the lock now loads the model
				// of what is stored instead of learning it again.
				p.saveStream(ctx)
			}
			unlock()
			unlock, sent = nil, false
		}
	}
	var inFlight map[string]bool // IDs of the batch being written
	// The sources handed out before the batch being written (inFlight) and
	// before the batch taken: batches are consecutive in that order.
	inFlightFrom, taken := 0, 0
	for {
		batch := w.nextBatch(ctx, idle)
		if batch == nil {
			break
		}
		if err := lock(); err != nil {
			w.written(batch)
			return err
		}
		d, err := p.decideBatch(ctx, batch, rep, inFlight, inFlightFrom)
		if err != nil {
			w.written(batch)
			p.epoch = staleEpoch
			return err
		}
		inFlight, inFlightFrom = d.ids, taken
		taken += len(batch)
		pending.Add(1)
		sent = true
		writes <- d
	}
	stopWriting()
	if failed {
		p.epoch = staleEpoch
		return saveErr
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("pipeline: cycle cancelled: %w", err)
	}
	if w.claimFailed() {
		return saveErr // the caller reports the claim's error
	}
	if err := lock(); err != nil {
		return err
	}
	saveErr = errors.Join(saveErr, p.saveNotes(ctx, w.all()))
	p.saveHolds(ctx)
	if saveErr != nil {
		if err := ctx.Err(); err != nil {
			p.epoch = staleEpoch
			return saveErr
		}
		if err := p.reload(ctx); err != nil {
			saveErr = errors.Join(saveErr, err)
		}
		return saveErr
	}
	// The snapshot is of the store as written under the lock held now
	// (taken last after catching up): of every stored article.
	p.saveStream(ctx)
	return nil
}

// markEpoch marks the store before writing under a newly taken stories
// lock: another process that sees the mark rebuilds its story index, and a crash half-way leaves a mark that
// is not this pipeline's, so that the next cycle rebuilds its own.
func (p *Pipeline) markEpoch(ctx context.Context) error {
	p.marks++
	epoch := fmt.Sprintf("%s/%d", p.instance, p.marks)
	if err := p.store.SetMeta(ctx, metaCycleEpoch, epoch); err != nil {
		p.epoch = staleEpoch
		return fmt.Errorf("pipeline: %w", err)
	}
	p.epoch = epoch
	return nil
}

// decided is a batch of sources whose new articles have their stories
// and topics, ready to be written.
type decided struct {
	batch []*sourceResult
	fresh [][]*article.Article // per source of batch, its new articles
	// corrected are, per source of batch, its corrections, tagged again.
	corrected [][]*article.Article
	// carried are, per source of batch, the IDs of the articles it listed
	// that are stored or new in another source of the batch.
	carried [][]string
	ids     map[string]bool // the IDs of fresh
}

// decideBatch gives the new articles of a batch of sources their stories
// (oldest published first: OrderForStories), their FirstSeen in that order
// (firstSeen) and their topics. An article stored
// already, or in inFlight (the batch being written, whose first source was
// handed out after inFlightFrom others), is not new; the same article in
// two sources of the batch, or twice in one, is new once, in the first, and
// so is a correction corrected once. The batch's corrections are tagged again and given to the story index first
// (dedupe.Index.Correct), which sets their new sketch. It fails when the
// store does or ctx ends.
//
// The store is asked again only for the articles of sources whose fetch
// worker's answer may be out of date (askedAndUnchanged): the worker left the
// stored ones out already.
func (p *Pipeline) decideBatch(ctx context.Context, batch []*sourceResult, rep *Report, inFlight map[string]bool, inFlightFrom int) (decided, error) {
	var ids []string
	n := 0
	for _, r := range batch {
		n += len(r.articles)
		if p.askedAndUnchanged(r.asked, inFlightFrom) {
			continue
		}
		for _, a := range r.articles {
			ids = append(ids, a.ID)
		}
	}
	stored := map[string]bool{}
	if len(ids) > 0 {
		var err error
		if stored, err = p.store.Existing(ctx, ids); err != nil {
			return decided{}, fmt.Errorf("pipeline: %w", err)
		}
	}
	type sketched struct {
		a *article.Article
		k *dedupe.Sketched
	}
	all := make([]sketched, 0, n)
	d := decided{batch: batch, fresh: make([][]*article.Article, len(batch)), ids: make(map[string]bool, n),
		corrected: make([][]*article.Article, len(batch)), carried: make([][]string, len(batch))}
	var corrected []*article.Article
	correctedIDs := map[string]bool{}
	for i, r := range batch {
		// A correction is tagged as a re-tag does, the stream model
		// learning nothing from it: it learned the article once. An
		// article corrected twice in the batch (a feed listing it twice,
		// once without its text) takes the first: the index and both
		// store drivers keep one version, the same.
		for _, a := range r.corrected {
			if correctedIDs[a.ID] {
				continue
			}
			correctedIDs[a.ID] = true
			a.Topics = p.stream.Tag(a, p.hints[a.Source])
			d.corrected[i] = append(d.corrected[i], a)
			corrected = append(corrected, a)
		}
		d.carried[i] = slices.Clip(r.carried)
		for j, a := range r.articles {
			if stored[a.ID] || inFlight[a.ID] || d.ids[a.ID] {
				d.carried[i] = append(d.carried[i], a.ID)
				continue
			}
			d.ids[a.ID] = true
			d.fresh[i] = append(d.fresh[i], a)
			all = append(all, sketched{a, &r.sketches[j]})
		}
	}
	if len(all)+len(corrected) > 0 {
		if err := p.indexReady(ctx); err != nil {
			return decided{}, err
		}
	}
	rank := func(source string) int { return p.sourceRank[source] }
	trustFrom := p.nextFirstSeen().Add(-p.cfg.Dedupe.Window)
	slices.SortFunc(all, func(x, y sketched) int { return storyOrder(x.a, y.a, rank, trustFrom) })
	for _, s := range all {
		s.a.FirstSeen = p.firstSeen()
	}
	if len(all) > 0 {
		last := all[len(all)-1].a.FirstSeen.UTC().Format(time.RFC3339Nano)
		if err := p.store.SetMeta(ctx, metaLastFirstSeen, last); err != nil {
			return decided{}, fmt.Errorf("pipeline: %w", err)
		}
	}

	// Story assignment and tagging each keep state that depends on the
	// order of the articles (the story index, the stream model's counts)
	// and read nothing the other writes (assignment sets the story fields
	// and the sketch, tagging reads the text): two goroutines, each in the
	// same order, decide the batch in the time of the longer.
	tagged := make(chan error, 1)
	go func() {
		for _, s := range all {
			if err := ctx.Err(); err != nil {
				tagged <- fmt.Errorf("pipeline: tag: %w", err)
				return
			}
			// The stream model learns from the article as it tags it, so
			// that what one cycle teaches serves the next.
			s.a.Topics = p.stream.TagAndObserve(s.a, p.hints[s.a.Source])
		}
		tagged <- nil
	}()
	var assignErr error
	p.indexMu.Lock()
	if len(all)+len(corrected) > 0 && !p.expiredAt.Equal(p.cycleStart) {
		// The index holds what one rebuilt at the cycle's start loads
		// (loadStoryIndex): the copies that left the window since the
		// last cycle must not count in their story's size.
		p.index.Expire(p.cycleStart)
		p.expiredAt = p.cycleStart
	}
	// A correction's new text is what the index matches from now on, before
	// the batch's new articles are matched; its story stays (Correct). Its
	// new sketch is stored with it: an index rebuilt matches alike.
	p.index.Correct(corrected...)
	for _, s := range all {
		if err := ctx.Err(); err != nil {
			assignErr = fmt.Errorf("pipeline: assign stories: %w", err)
			break
		}
		p.index.AssignSketched(s.a, *s.k)
		if s.a.StoryID == s.a.ID {
			rep.NewStories++
		}
	}
	p.indexMu.Unlock()
	if err := errors.Join(assignErr, <-tagged); err != nil {
		return decided{}, err
	}
	// A reader's label holds for the copies that join its story later:
	// applied once both the story and the tagger's topics are known.
	for _, s := range all {
		s.a.Topics, _ = p.labels.Apply(s.a.StoryID, s.a.Topics)
	}
	if len(p.labels) > 0 {
		// A correction keeps its stored story, which the prepared
		// article does not name: the store does (corrections are few).
		for _, a := range corrected {
			story := a.StoryID
			if story == "" {
				stored, err := p.store.Article(ctx, a.ID)
				if err != nil && !errors.Is(err, store.ErrNotFound) {
					return decided{}, fmt.Errorf("pipeline: labels of a correction: %w", err)
				}
				if stored != nil {
					story = stored.StoryID
				}
			}
			a.Topics, _ = p.labels.Apply(story, a.Topics)
		}
	}
	return d, nil
}

// askedAndUnchanged reports whether a fetch worker's finding that a
// source's articles were not stored (asked) still holds under the stories
// lock: every article was asked about, no other process's writes were
// caught up with since (those are the only articles written outside this
// cycle: every writer holds the stories lock and marks its epoch), and
// the cycle's sources written since are all in the batch being written
// (inFlight, from inFlightFrom on), whose IDs decideBatch checks itself.
func (p *Pipeline) askedAndUnchanged(asked storedAsOf, inFlightFrom int) bool {
	return asked.complete && asked.loads == p.loads.Load() && asked.written >= inFlightFrom
}

// saveBatch writes a decided batch: each source's new articles with its
// fetch state, in one transaction. It returns the errors of sources left
// out (srcErr), and err when ctx ended or the stories lock was lost
// before the batch (store.Store.LockHeld): then nothing of it is written.
func (p *Pipeline) saveBatch(ctx context.Context, d decided, rep *Report) (srcErr, err error) {
	// The batch was decided under the stories lock: written without it,
	// another process holding it now could decide the same stories. The
	// lock is asked on its own connection before the batch's transaction,
	// so a lock lost between the two still lets this one batch be written
	// (the unique keys keep its articles single); the next batch is not.
	if err := p.store.LockHeld(ctx, storiesLock); err != nil {
		return nil, fmt.Errorf("pipeline: stories not written: %w", err)
	}
	writes := make([]store.SourceWrite, 0, len(d.batch))
	written := make([]*sourceResult, 0, len(d.batch))
	for i, r := range d.batch {
		if r.retiredNow() {
			if err := p.store.SetMeta(ctx, metaRetiredPrefix+r.source.Name, r.source.URL); err != nil {
				srcErr = errors.Join(srcErr, fmt.Errorf("pipeline: retire %q: %w", r.source.Name, err))
				continue
			}
		}
		writes = append(writes, store.SourceWrite{Source: r.source.Name, State: r.state.FetchState,
			Articles: d.fresh[i], Corrected: d.corrected[i], Carried: d.carried[i]})
		written = append(written, r)
	}
	saved, err := p.store.SaveSources(ctx, writes)
	if err != nil && ctx.Err() != nil {
		return nil, fmt.Errorf("pipeline: store: %w", err)
	}
	for j, r := range written {
		e := err
		if e == nil {
			e = saved[j].Err
		}
		if e != nil {
			srcErr = errors.Join(srcErr, fmt.Errorf("pipeline: store %q: %w", r.source.Name, e))
			continue
		}
		r.stored, r.saved = len(saved[j].Inserted), true
		rep.New += r.stored
		rep.Corrected += saved[j].Corrected
	}
	return srcErr, nil
}

// firstSeen is the FirstSeen of the running cycle's next article given
// its story: the cycle's clock reading (or just past the last FirstSeen
// stored, when another cycle stored later ones: followFirstSeen) plus the
// article's place in the cycle's decisions, in microseconds (a store that
// keeps no finer precision keeps their order).
// The story index is rebuilt from the store in FirstSeen order (then ID),
// so it is rebuilt in the order its stories were decided: a lead before
// its copies, whichever answer came first and whichever daemon decided
// it, as the index a daemon keeps holds them.
func (p *Pipeline) firstSeen() time.Time {
	t := p.nextFirstSeen()
	p.decided++
	return t
}

// nextFirstSeen is the FirstSeen firstSeen gives next.
func (p *Pipeline) nextFirstSeen() time.Time {
	return p.seenFrom.Add(time.Duration(p.decided) * time.Microsecond)
}

// maxFirstSeenLead is how far ahead of this process's clock a stored last
// FirstSeen is still followed. Clocks of daemons sharing a store differ by
// seconds; one further ahead has gone wrong, and following it would stamp
// every later article, and the feeds' Last-Modified, after it for good.
const maxFirstSeenLead = time.Minute

// followFirstSeen, under a newly taken stories lock, moves the running
// cycle's next FirstSeen past the last one any cycle stored
// (metaLastFirstSeen) when it is not past it already: a daemon whose cycle
// started before another's, or whose clock is behind, would otherwise
// date its articles, copies of the other's leads among them, before
// those leads. A value that does not parse, or that is more than
// maxFirstSeenLead ahead of this process's clock, is ignored with a
// warning (the next batch overwrites it).
func (p *Pipeline) followFirstSeen(ctx context.Context) error {
	raw, ok, err := p.store.Meta(ctx, metaLastFirstSeen)
	if err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	if !ok {
		return nil
	}
	last, err := time.Parse(time.RFC3339Nano, raw)
	if err != nil {
		p.logger.Warn("pipeline: the last FirstSeen stored is unreadable; ignored", "value", raw, "err", err)
		return nil
	}
	// Read now, not at the cycle's start: a long cycle that took the lock
	// late still follows what others stored meanwhile.
	if now := p.now(); last.After(now.Add(maxFirstSeenLead)) {
		p.logger.Warn("pipeline: the last FirstSeen stored is far ahead of this clock; not followed",
			"value", raw, "now", now, "max_lead", maxFirstSeenLead)
		return nil
	}
	if next := last.Add(time.Microsecond); next.After(p.nextFirstSeen()) {
		p.seenFrom, p.decided = next, 0
	}
	return nil
}
