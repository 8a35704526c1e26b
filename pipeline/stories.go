package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/dedupe"
	"github.com/warta-news/warta/store"
)

// errNoSketch stops a walk of stored sketches at an article without a
// usable one.
var errNoSketch = errors.New("pipeline: an article has no usable sketch")

// loadStoryIndex builds a story index from the articles stored within the
// dedupe window before now, as an index expired at now keeps them
// (dedupe.WindowStart): from their stored sketches, or, when one of
// them has none (stored by an older build, or sketched differently), from
// their text. Rebuilt from text with writeBack, it stores the new sketch
// of every article whose stored one it could not use (store.SetSketches,
// sketchWriteBatch at a time, as it goes), so that the next load reads
// sketches alone; the probes of `warta explain`, on a read-only store,
// write nothing. A write-back that fails is reported in the rebuild and
// fails nothing: the index is whole, and the next load rebuilds again.
func loadStoryIndex(ctx context.Context, st store.Store, cfg *config.Config, actors dedupe.ActorSource, now time.Time, writeBack bool) (*dedupe.Index, indexRebuild, error) {
	var rb indexRebuild
	var err error
	if rb.storiesVersion, _, err = st.Meta(ctx, store.MetaStoriesVersion); err != nil {
		return nil, indexRebuild{}, fmt.Errorf("pipeline: rebuild story index: %w", err)
	}
	since := dedupe.WindowStart(now, cfg.Dedupe.Window)
	ix := dedupe.NewIndex(DedupeOptions(cfg, actors))
	err = st.Sketches(ctx, since, func(a *article.Article) error {
		if !ix.AddSketched(a) {
			return errNoSketch
		}
		return ctx.Err()
	})
	if err == nil {
		return ix, rb, nil
	}
	if !errors.Is(err, errNoSketch) {
		return nil, indexRebuild{}, fmt.Errorf("pipeline: rebuild story index: %w", err)
	}
	pending := map[string][]byte{}
	flush := func() {
		if rb.writeErr == nil && len(pending) > 0 {
			if rb.writeErr = st.SetSketches(ctx, pending); rb.writeErr == nil {
				rb.written += len(pending)
			}
		}
		clear(pending)
	}
	ix = dedupe.NewIndex(DedupeOptions(cfg, actors))
	err = st.Since(ctx, since, func(a *article.Article) error {
		stale := !dedupe.SketchUsable(a.Sketch)
		ix.Add(a)
		rb.fromText++
		if writeBack && stale {
			if pending[a.ID] = a.Sketch; len(pending) >= sketchWriteBatch {
				flush()
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, indexRebuild{}, fmt.Errorf("pipeline: rebuild story index: %w", err)
	}
	flush()
	return ix, rb, nil
}

// sketchWriteBatch is how many rebuilt sketches one transaction stores.
const sketchWriteBatch = 1000

// indexRebuild is what loadStoryIndex did beyond reading stored sketches.
type indexRebuild struct {
	// storiesVersion is the store's MetaStoriesVersion read before the
	// index was: a later join changes it (followJoins).
	storiesVersion string
	fromText       int   // articles sketched from their text (0: sketches alone)
	written        int   // new sketches stored in place of unusable ones
	writeErr       error // why the others were not
}

// OrderForStories sorts articles as a cycle assigns their stories: oldest
// published first, so that the earliest copy leads its story whichever feed
// answered first; then by their source's place in the config (rank), then
// by ID. A date before trustFrom (the batch's first-seen time less the
// dedupe window) is a wrong date (a year typed wrong, a stale CMS date), not
// the first report: such articles come after the others (among themselves
// oldest first, as a backfill of old items is), so that a copy fetched
// with a correctly dated one does not file their story back there.
func OrderForStories(arts []*article.Article, rank func(source string) int, trustFrom time.Time) {
	slices.SortStableFunc(arts, func(a, b *article.Article) int { return storyOrder(a, b, rank, trustFrom) })
}

// storyOrder compares two articles as OrderForStories orders them.
func storyOrder(a, b *article.Article, rank func(source string) int, trustFrom time.Time) int {
	ua, ub := a.Published.Before(trustFrom), b.Published.Before(trustFrom)
	switch {
	case ua && !ub:
		return 1
	case ub && !ua:
		return -1
	}
	if c := a.Published.Compare(b.Published); c != 0 {
		return c
	}
	if c := rank(a.Source) - rank(b.Source); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// StoryProbe says which story an article would join if a cycle fetched it
// now, without storing anything: the story index of a cycle, rebuilt from
// the store.
type StoryProbe struct {
	index *dedupe.Index
	now   time.Time
}

// NewStoryProbe builds a probe from the articles stored within the dedupe
// window before now, recognising actors as the daemon does (actors:
// HeadlineActors).
func NewStoryProbe(ctx context.Context, st store.Store, cfg *config.Config, actors dedupe.ActorSource, now time.Time) (*StoryProbe, error) {
	ix, _, err := loadStoryIndex(ctx, st, cfg, actors, now, false)
	if err != nil {
		return nil, err
	}
	return &StoryProbe{index: ix, now: now}, nil
}

// Join returns a copy of a with the story it would join (StoryID,
// StoryMatch, Fingerprint) as first seen now. The copy stays in the probe,
// as in a cycle, so that later articles may join its story.
func (p *StoryProbe) Join(a *article.Article) *article.Article {
	c := *a
	c.FirstSeen = p.now
	p.index.Assign(&c)
	return &c
}

// Nearest says which other story a's headline came nearest to joining,
// and what kept it out (dedupe.Index.Nearest), as the probe's index
// stands: the stored articles of the window and those joined since.
func (p *StoryProbe) Nearest(a *article.Article) (dedupe.Nearest, bool) {
	return p.index.Nearest(a)
}

// Nearest says, for each of arts, which other story its headline comes
// nearest to joining in the story index as it stands now, and what keeps
// it out (dedupe.Index.Nearest): the zero Nearest where none is near, or
// once ctx is done. A story's page asks for its articles together, under
// one hold of the index, which a running cycle's assignments hold too.
func (p *Pipeline) Nearest(ctx context.Context, arts []*article.Article) []dedupe.Nearest {
	near := make([]dedupe.Nearest, len(arts))
	p.indexMu.Lock()
	defer p.indexMu.Unlock()
	for i, a := range arts {
		if ctx.Err() != nil {
			break
		}
		near[i], _ = p.index.Nearest(a)
	}
	return near
}
