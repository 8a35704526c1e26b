package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/warta-news/warta/article"
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
	return states, nil
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
// those of the sources this cycle fetched, and the others as stored now
// (another daemon sharing the store may have fetched them since the cycle
// began).
func (p *Pipeline) saveNotes(ctx context.Context, results []*sourceResult) error {
	stored, err := p.loadNotes(ctx)
	if err != nil {
		return err
	}
	notes := map[string]sourceNote{}
	for _, r := range results {
		st := r.state
		if !r.attempted {
			st.note = stored[r.source.Name]
		}
		if n := st.noteFor(r.source.URL); !n.empty() {
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

// process gives the cycle's new articles their stories and topics and
// stores them with each fetched source's fetch state, then the stream
// model's snapshot, under the stories lock, after catching up with what
// other processes stored.
func (p *Pipeline) process(ctx context.Context, results []*sourceResult, rep *Report) error {
	release, err := p.lockStories(ctx)
	if err != nil {
		return err
	}
	defer release()
	if err := p.catchUp(ctx); err != nil {
		return err
	}
	fresh, err := p.newArticles(ctx, results)
	if err != nil {
		return err
	}
	var all []*article.Article
	for _, arts := range fresh {
		all = append(all, arts...)
	}
	OrderForStories(all, func(source string) int { return p.sourceRank[source] })
	newStories, err := p.assignStories(ctx, all)
	if err != nil {
		return err
	}
	if err := p.tag(ctx, all); err != nil {
		p.epoch = staleEpoch
		return err
	}
	rep.NewStories = newStories
	if err := p.save(ctx, results, fresh, rep); err != nil {
		return err
	}
	p.saveStream(ctx)
	return nil
}

// newArticles returns, per source, the fetched articles that are not
// stored yet, asking the store once for all sources. The same article in
// two feeds of one outlet, or twice in one feed, is one article: the first
// source in config order keeps it.
func (p *Pipeline) newArticles(ctx context.Context, results []*sourceResult) ([][]*article.Article, error) {
	var ids []string
	for _, r := range results {
		for _, a := range r.articles {
			ids = append(ids, a.ID)
		}
	}
	if len(ids) == 0 {
		return make([][]*article.Article, len(results)), nil
	}
	stored, err := p.store.Existing(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	fresh := make([][]*article.Article, len(results))
	seen := make(map[string]bool, len(ids))
	for i, r := range results {
		for _, a := range r.articles {
			if stored[a.ID] || seen[a.ID] {
				continue
			}
			seen[a.ID] = true
			fresh[i] = append(fresh[i], a)
		}
	}
	return fresh, nil
}

// assignStories gives each article its story, in order, and returns how
// many started a new one. It stops when ctx ends; the index, which then
// holds articles that will not be stored, is marked for a rebuild.
func (p *Pipeline) assignStories(ctx context.Context, arts []*article.Article) (int, error) {
	p.indexMu.Lock()
	defer p.indexMu.Unlock()
	n := 0
	for _, a := range arts {
		if err := ctx.Err(); err != nil {
			p.epoch = staleEpoch
			return 0, fmt.Errorf("pipeline: assign stories: %w", err)
		}
		p.index.Assign(a)
		if a.StoryID == a.ID {
			n++
		}
	}
	return n, nil
}

// tag gives each article its topics, with its source's hints and what the
// stream model learned. It stops when ctx ends.
func (p *Pipeline) tag(ctx context.Context, arts []*article.Article) error {
	for _, a := range arts {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("pipeline: tag: %w", err)
		}
		// The stream model learns from the article as it tags it, so that
		// what one cycle teaches serves the next.
		a.Topics = p.stream.TagAndObserve(a, p.hints[a.Source])
	}
	return nil
}

// Bounds of one SaveSources batch: enough sources that commits no longer
// dominate the writing (1,000 sources: 40 commits instead of 1,000), few
// enough articles that the batch's encoded rows stay small in memory (with
// 2,000 articles per batch the PostgreSQL driver's buffers raised the peak
// RSS of a 1,000-feed first ingest from 300 to 420 MB).
const (
	saveBatchSources  = 100
	saveBatchArticles = 500
)

// save writes the sources' new articles with their fetch states, a batch
// of sources per transaction (each source's articles and fetch state
// together), and records the cycle's epoch. When a source fails to save,
// the story index and the stream model are reloaded from what was stored,
// so the articles that were not are matched and learned afresh when
// fetched again.
func (p *Pipeline) save(ctx context.Context, results []*sourceResult, fresh [][]*article.Article, rep *Report) error {
	// Mark the store before writing: a crash half-way leaves a mark that
	// is not ours, and the next cycle rebuilds its index from the store.
	p.cycles++
	epoch := fmt.Sprintf("%s/%d", p.instance, p.cycles)
	if err := p.store.SetMeta(ctx, metaCycleEpoch, epoch); err != nil {
		p.epoch = staleEpoch
		return fmt.Errorf("pipeline: %w", err)
	}
	saveErr := p.saveNotes(ctx, results)
	var batch []store.SourceWrite
	var batchIdx []int // index in results of each source in batch
	articles := 0
	flush := func() {
		if len(batch) == 0 {
			return
		}
		saved, err := p.store.SaveSources(ctx, batch)
		for j, i := range batchIdx {
			srcErr := err
			if srcErr == nil {
				srcErr = saved[j].Err
			}
			if srcErr != nil {
				saveErr = errors.Join(saveErr, fmt.Errorf("pipeline: store %q: %w", results[i].source.Name, srcErr))
				continue
			}
			rep.New += len(saved[j].Inserted)
			rep.PerSource[i].New = len(saved[j].Inserted)
		}
		batch, batchIdx, articles = batch[:0], batchIdx[:0], 0
	}
	for i, r := range results {
		if !r.attempted {
			// Unchanged here; another daemon may be writing it.
			continue
		}
		if r.retiredNow {
			if err := p.store.SetMeta(ctx, metaRetiredPrefix+r.source.Name, r.source.URL); err != nil {
				saveErr = errors.Join(saveErr, fmt.Errorf("pipeline: retire %q: %w", r.source.Name, err))
				continue
			}
		}
		batch = append(batch, store.SourceWrite{Source: r.source.Name, State: r.state.FetchState, Articles: fresh[i]})
		batchIdx = append(batchIdx, i)
		articles += len(fresh[i])
		if len(batch) >= saveBatchSources || articles >= saveBatchArticles {
			flush()
		}
	}
	flush()
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
	p.epoch = epoch
	if rep.New > 0 {
		return p.feedsChanged(ctx)
	}
	return nil
}
