package pipeline

import (
	"context"
	"fmt"
	"sync"

	"github.com/warta-news/warta/dedupe"
)

// indexLoad is a story index's load left for when an article needs it
// (Start): begun once, by the first fetch that finds an article not
// stored, or by the first story to decide.
type indexLoad struct {
	mu      sync.Mutex
	started bool
	done    chan struct{} // closed when the load has ended, with err
	err     error
}

// begin runs load on a goroutine of its own unless it has begun.
func (l *indexLoad) begin(load func() error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.started {
		return
	}
	l.started = true
	go func() {
		defer close(l.done)
		l.err = load()
	}()
}

// settle ends the load's waits without beginning it, or waits for it to
// end when it has begun.
func (l *indexLoad) settle() {
	l.mu.Lock()
	if !l.started {
		l.started = true
		close(l.done)
	}
	l.mu.Unlock()
	<-l.done
}

// begun reports whether the load has begun.
func (l *indexLoad) begun() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.started
}

// wait waits for a load that has begun and returns its error.
func (l *indexLoad) wait() error {
	l.mu.Lock()
	started := l.started
	l.mu.Unlock()
	if !started {
		return nil
	}
	<-l.done
	return l.err
}

// wantIndex begins the story index's load that Start left for later, if
// it has not begun: a fetch found an article that is not stored, whose
// story will be decided.
func (p *Pipeline) wantIndex(ctx context.Context) {
	l := p.indexLoad.Load()
	if l == nil {
		return
	}
	l.begin(func() error {
		ix, rb, err := loadStoryIndex(ctx, p.store, p.cfg, p.actors, p.cycleStart, true)
		if err != nil {
			return err
		}
		p.setIndex(ix, rb)
		return nil
	})
}

// indexReady returns once the story index is loaded, beginning its load
// if Start left it for later, or with the load's error.
func (p *Pipeline) indexReady(ctx context.Context) error {
	l := p.indexLoad.Load()
	if l == nil {
		return nil
	}
	p.wantIndex(ctx)
	select {
	case <-l.done:
		return l.err
	case <-ctx.Done():
		return fmt.Errorf("pipeline: waiting for the story index: %w", ctx.Err())
	}
}

// setIndex makes ix, loaded as rb says, the story index.
func (p *Pipeline) setIndex(ix *dedupe.Index, rb indexRebuild) {
	p.indexMu.Lock()
	p.index = ix
	p.storiesVersion = rb.storiesVersion
	p.indexMu.Unlock()
	p.logger.Info("story index rebuilt", "articles", ix.Len(), "window", p.cfg.Dedupe.Window,
		"from_text", rb.fromText, "sketches_stored", rb.written)
	if rb.writeErr != nil {
		p.logger.Warn("story sketches rebuilt from text not stored: the next start rebuilds them again", "err", rb.writeErr)
	}
}
