package pipeline

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/language"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/parse"
	"github.com/warta-news/warta/store"
)

// fetchAll fetches and parses every source with bounded concurrency (the
// fetcher itself caps requests per host). Results come back in config order.
func (p *Pipeline) fetchAll(ctx context.Context, states map[string]store.FetchState) []*sourceResult {
	results := make([]*sourceResult, len(p.cfg.Sources))
	workers := p.cfg.Fetch.Concurrency
	if workers < 1 {
		workers = 1
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(p.cfg.Sources)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				src := p.cfg.Sources[i]
				results[i] = p.fetchSource(ctx, src, states[src.Name])
				results[i].order = i
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

// fetchSource fetches, parses and normalises one source. It never fails:
// a problem is logged and recorded in the returned fetch state.
func (p *Pipeline) fetchSource(ctx context.Context, src config.Source, state store.FetchState) *sourceResult {
	log := p.logger.With("source", src.Name)
	res := &sourceResult{source: src, state: state}
	now := p.now()
	if !state.NextAttempt.IsZero() && now.Before(state.NextAttempt) {
		res.outcome = outcomeSkipped
		log.Debug("source backing off", "until", state.NextAttempt, "failures", state.Failures)
		return res
	}
	res.state.LastAttempt = now
	fr, err := p.fetcher.Fetch(ctx, fetch.Request{URL: src.URL, ETag: state.ETag, LastModified: state.LastModified})
	if err != nil && ctx.Err() != nil {
		// Shutting down is no fault of the source.
		res.outcome = outcomeSkipped
		return res
	}
	if err != nil {
		var se *fetch.StatusError
		if errors.As(err, &se) {
			res.state.LastStatus = se.StatusCode
		}
		p.fail(res, err, retryAfter(err))
		log.Warn("fetch failed", "url", src.URL, "err", err, "failures", res.state.Failures, "next_attempt", res.state.NextAttempt)
		return res
	}
	if fr.PermanentRedirect != "" {
		log.Warn("feed moved permanently: update its url in the config", "url", src.URL, "new_url", fr.PermanentRedirect)
	}
	res.state.LastStatus = fr.StatusCode
	res.state.ETag, res.state.LastModified = fr.ETag, fr.LastModified
	if fr.NotModified {
		res.outcome = outcomeNotModified
		p.succeed(res, now)
		log.Debug("not modified")
		return res
	}
	feed, err := parse.Parse(fr.Body, fr.ContentType, fr.FetchedAt)
	if err != nil {
		// Keep no validators: the next fetch must get the body again.
		res.state.ETag, res.state.LastModified = "", ""
		p.fail(res, err, 0)
		log.Warn("parse failed", "url", src.URL, "err", err)
		return res
	}
	res.articles = p.normalizeItems(feed, src, fr.URL, now, log)
	res.state.Items = len(feed.Items)
	res.outcome = outcomeFetched
	p.succeed(res, now)
	return res
}

// normalizeItems turns a parsed feed's items into normalised articles. An
// item with no identity is logged and left out; the others go on.
func (p *Pipeline) normalizeItems(feed *parse.Feed, src config.Source, feedURL string, now time.Time, log *slog.Logger) []*article.Article {
	out := make([]*article.Article, 0, len(feed.Items))
	for _, a := range feed.Items {
		if a.Language == "" {
			a.Language = feed.Language
		}
		err := p.normalizer.Article(a, normalize.Options{
			Now:            now,
			SourceName:     src.Name,
			SourceLanguage: src.Language,
			BaseURL:        feedURL,
		})
		if err != nil {
			log.Warn("item skipped", "guid", a.GUID, "title", a.Title, "err", err)
			continue
		}
		out = append(out, a)
	}
	resolveLanguages(out)
	return out
}

// resolveLanguages settles each article's language. Feeds often declare the
// wrong one (many Indonesian feeds say "en"), and a short headline alone is
// weak evidence, so the feed as a whole speaks first: when most of its
// items are confidently detected in one language that is not the declared
// one, that language becomes the declared one; each item is then checked
// against it.
func resolveLanguages(arts []*article.Article) {
	type detection struct {
		lang string
		conf float64
	}
	detected := make([]detection, len(arts))
	votes := map[string]int{}
	confident := 0
	for i, a := range arts {
		lang, conf := language.Detect(language.Sample(a.Title, a.Text))
		detected[i] = detection{lang, conf}
		if lang != "" && conf >= language.Confident {
			votes[lang]++
			confident++
		}
	}
	for i, a := range arts {
		declared := a.Language
		for lang, n := range votes {
			if lang != declared && 2*n > confident && 2*n > len(arts) {
				declared = lang
			}
		}
		a.Language = language.Decide(declared, detected[i].lang, detected[i].conf)
	}
}

func (p *Pipeline) succeed(res *sourceResult, now time.Time) {
	res.state.LastSuccess = now
	res.state.Failures = 0
	res.state.LastError = ""
	res.state.NextAttempt = time.Time{}
}

func (p *Pipeline) fail(res *sourceResult, err error, retryAfter time.Duration) {
	res.outcome = outcomeFailed
	res.state.Failures++
	res.state.LastError = err.Error()
	res.state.NextAttempt = res.state.LastAttempt.Add(fetch.Backoff(res.state.Failures, retryAfter, p.cfg.Fetch.MaxBackoff))
}

func retryAfter(err error) time.Duration {
	var se *fetch.StatusError
	if errors.As(err, &se) {
		return se.RetryAfter
	}
	return 0
}
