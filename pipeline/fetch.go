package pipeline

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/fetch"
)

// sourceResult is what fetching and preparing one source produced.
type sourceResult struct {
	source   config.Source
	state    sourceState
	articles []*article.Article // prepared; nil when nothing new was fetched
	items    int                // items in the fetched feed
	outcome  Outcome
	// retiredNow is set when this cycle's fetch retired the source.
	retiredNow bool
}

// fetchAll fetches and prepares every source with bounded concurrency (the
// fetcher itself caps requests per host). Results come back in config order.
func (p *Pipeline) fetchAll(ctx context.Context, states map[string]sourceState) []*sourceResult {
	results := make([]*sourceResult, len(p.cfg.Sources))
	workers := max(p.cfg.Fetch.Concurrency, 1)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(p.cfg.Sources)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				src := p.cfg.Sources[i]
				results[i] = p.fetchSource(ctx, src, states[src.Name])
			}
		}()
	}
	for i := range p.cfg.Sources {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return results
}

// fetchSource fetches and prepares one source. It never fails: a problem is
// logged and recorded in the returned fetch state.
func (p *Pipeline) fetchSource(ctx context.Context, src config.Source, state sourceState) *sourceResult {
	log := p.logger.With("source", src.Name)
	res := &sourceResult{source: src, state: state}
	now := p.now()
	switch {
	case state.retired(src.URL):
		res.outcome = OutcomeRetired
		log.Debug("source retired: gone (410) until its url changes")
		return res
	case !state.due(now):
		res.outcome = OutcomeBackingOff
		log.Debug("source backing off", "until", state.NextAttempt, "failures", state.Failures)
		return res
	}
	res.state.attempted(now)
	fr, err := p.fetcher.Fetch(ctx, fetch.Request{URL: src.URL, ETag: state.ETag, LastModified: state.LastModified})
	if err != nil && ctx.Err() != nil {
		// Shutting down is no fault of the source.
		res.outcome = OutcomeBackingOff
		return res
	}
	if err != nil {
		p.fail(res, err, log, "fetch failed")
		return res
	}
	if fr.PermanentRedirect != "" {
		log.Warn("feed moved permanently: update its url in the config", "url", src.URL, "new_url", fr.PermanentRedirect)
	}
	if fr.NotModified {
		res.outcome = OutcomeNotModified
		res.state.succeeded(now, fr.StatusCode, fr.ETag, fr.LastModified)
		log.Debug("not modified")
		return res
	}
	prep, err := PrepareFeed(ctx, p.normalizer, Feed{Body: fr.Body, ContentType: fr.ContentType, URL: fr.URL, FetchedAt: fr.FetchedAt}, src)
	if err != nil && ctx.Err() != nil {
		res.outcome = OutcomeBackingOff
		return res
	}
	if err != nil {
		res.state.LastStatus = fr.StatusCode
		p.fail(res, err, log, "parse failed")
		return res
	}
	for _, sk := range prep.Skipped {
		log.Warn("item skipped", "guid", sk.Item.GUID, "title", sk.Item.Title, "err", sk.Err)
	}
	res.articles = prep.Articles
	res.items = len(prep.Articles) + len(prep.Skipped)
	res.state.Items = res.items
	res.outcome = OutcomeFetched
	res.state.succeeded(now, fr.StatusCode, fr.ETag, fr.LastModified)
	return res
}

// fail records a failed fetch or parse, measured from now (the failure),
// and logs it with the real time of the next attempt.
func (p *Pipeline) fail(res *sourceResult, err error, log *slog.Logger, msg string) {
	res.outcome = OutcomeFailed
	res.state.failed(p.now(), err, res.source.URL, p.cfg.Fetch.MaxBackoff)
	if res.state.retired(res.source.URL) {
		res.outcome, res.retiredNow = OutcomeRetired, true
		log.Warn(msg+": source retired until its url changes in the config", "url", res.source.URL, "err", err)
		return
	}
	log.Warn(msg, "url", res.source.URL, "err", err, "failures", res.state.Failures,
		"next_attempt", p.nextTry(res.state.NextAttempt).Format(time.RFC3339))
}

// nextTry is when a source due at due will really be fetched: the first
// cycle at or after due. Without a schedule (one cycle, `warta once`) it is
// due itself.
func (p *Pipeline) nextTry(due time.Time) time.Time {
	if p.schedule == nil || due.IsZero() {
		return due
	}
	t := p.schedule.Next(p.cycleStart)
	// Cycles are at least a minute apart and a wait at most a day
	// (Retry-After's cap), so 10,000 steps always reach due.
	for i := 0; i < 10000 && !t.IsZero() && t.Before(due); i++ {
		t = p.schedule.Next(t)
	}
	if t.IsZero() || t.Before(due) {
		return due
	}
	return t
}
