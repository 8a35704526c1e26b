package pipeline

import (
	"context"
	"sync"
)

// Bounds of one write batch: enough sources that commits no longer
// dominate the writing (1,000 sources: 40 commits instead of 1,000), few
// enough articles that the batch's encoded rows stay small in memory (with
// 2,000 articles per batch the PostgreSQL driver's buffers raised the peak
// RSS of a 1,000-feed first ingest from 300 to 420 MB).
const (
	saveBatchSources  = 100
	saveBatchArticles = 500
)

// Bounds of a cycle's window, how far fetching runs ahead of writing: two
// batches, one decided while the other is written, and the workers fetch
// the next as soon as a write is done. Memory grows with the window, not
// with the number of sources: the held articles are most of a cycle's
// live heap, and the garbage collector lets the heap grow in proportion
// to what is live (by 30% of it at cmd/warta's default GOGC=30), so a
// third batch (the workers fetching while both others are
// busy) cost ~5 MB of peak RSS in a 1,000-feed first ingest and bought
// no measurable speed on two cores (BENCHMARKS.md). A batch always fits
// (it closes at saveBatchSources or saveBatchArticles), so the window
// never stops fetching for good.
const (
	windowBatches  = 2
	windowSources  = windowBatches * saveBatchSources
	windowArticles = windowBatches * saveBatchArticles
)

// window sequences a cycle: fetch workers hand in sources as they finish,
// in any order; the writer takes them back in the order they were handed
// out, a batch of consecutive sources at a time, so that what it decides
// (stories, the stream model's learning) does not depend on which answer
// came first. Handing out waits while the window is full.
type window struct {
	mu      sync.Mutex
	cond    *sync.Cond
	results []*sourceResult // by config index; nil until known
	order   []int           // config indexes in the order handed out
	taken   int             // order[:taken] is taken by the writer
	next    int             // order[:next] is written
	held    int             // articles of fetched sources not yet written
	closed  bool            // nothing more will be handed out
	stopped bool            // the writer gave up: hand out nothing more
	// claimErr is why the cycle stopped claiming sources, set on close.
	claimErr error
}

func newWindow(sources int) *window {
	w := &window{results: make([]*sourceResult, sources)}
	w.cond = sync.NewCond(&w.mu)
	return w
}

// wakeOnDone wakes every waiter when ctx ends; call the returned stop
// once the window is no longer waited on.
func (w *window) wakeOnDone(ctx context.Context) (stop func() bool) {
	return context.AfterFunc(ctx, func() {
		w.mu.Lock()
		w.cond.Broadcast()
		w.mu.Unlock()
	})
}

// admit waits for room in the window and enters source i, to be handed
// to a fetch worker. It returns false, entering nothing, when ctx ended or
// the writer stopped.
func (w *window) admit(ctx context.Context, i int) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for !w.stopped && ctx.Err() == nil && (len(w.order)-w.next >= windowSources || w.held >= windowArticles) {
		w.cond.Wait()
	}
	if w.stopped || ctx.Err() != nil {
		return false
	}
	w.order = append(w.order, i)
	return true
}

// set records the result of source i: fetched by a worker, or not fetched
// by this process.
func (w *window) set(i int, r *sourceResult) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.results[i] = r
	w.held += len(r.articles)
	w.cond.Broadcast()
}

// close says that nothing more will be handed out or set; the sources
// still without a result get missing(i)'s. claimErr is why sources were
// not claimed, if they were not.
func (w *window) close(missing func(i int) *sourceResult, claimErr error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.claimErr = claimErr
	for i, r := range w.results {
		if r == nil {
			w.results[i] = missing(i)
		}
	}
	w.closed = true
	w.cond.Broadcast()
}

// stop makes admit refuse from now on: the writer will take no more.
func (w *window) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stopped = true
	w.cond.Broadcast()
}

// nextBatch waits for the next batch of consecutive fetched sources (up to
// saveBatchSources sources or saveBatchArticles items, fewer at the end)
// and returns their results, nil when every source is written or ctx
// ended. Before it waits it calls idle, unless nil.
func (w *window) nextBatch(ctx context.Context, idle func()) []*sourceResult {
	w.mu.Lock()
	defer w.mu.Unlock()
	for ctx.Err() == nil {
		end, articles := w.taken, 0
		for end < len(w.order) && w.results[w.order[end]] != nil {
			// Batches are cut by the items fetched, not by the articles
			// still new when a worker asked the store, which depends on
			// timing: so are the batches, and the stories decided in them.
			articles += w.results[w.order[end]].items
			end++
			if end-w.taken >= saveBatchSources || articles >= saveBatchArticles {
				break
			}
		}
		full := end-w.taken >= saveBatchSources || articles >= saveBatchArticles
		if full || w.closed && end == len(w.order) && end > w.taken {
			batch := make([]*sourceResult, 0, end-w.taken)
			for _, i := range w.order[w.taken:end] {
				batch = append(batch, w.results[i])
			}
			w.taken = end
			return batch
		}
		if w.closed && end == len(w.order) {
			return nil
		}
		if idle != nil {
			w.mu.Unlock()
			idle()
			w.mu.Lock()
			idle = nil
			continue
		}
		w.cond.Wait()
	}
	return nil
}

// written frees a batch nextBatch returned, the batches in the order
// they were returned: its articles leave the window.
func (w *window) written(batch []*sourceResult) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, r := range batch {
		w.held -= len(r.articles)
		r.articles, r.sketches = nil, nil
	}
	w.next += len(batch)
	w.cond.Broadcast()
}

// writtenSources is how many sources, in the order handed out, are
// written: their articles are in the store.
func (w *window) writtenSources() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.next
}

// claimFailed reports whether the cycle stopped claiming sources on an
// error: call it once the window is closed.
func (w *window) claimFailed() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.claimErr != nil
}

// all returns every source's result, in config order: call it once the
// window is closed.
func (w *window) all() []*sourceResult {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.results
}
