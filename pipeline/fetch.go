package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	neturl "net/url"
	"strings"
	"sync"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/dedupe"
	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/store"
)

// sourceResult is what fetching and preparing one source produced.
type sourceResult struct {
	source   config.Source
	state    sourceState
	articles []*article.Article // prepared; nil when nothing new was fetched
	// corrected are the stored articles the source changed (Prepared.Corrected).
	corrected []*article.Article
	// carried are the IDs of the stored articles the feed listed
	// (store.SourceWrite.Carried).
	carried  []string
	sketches []dedupe.Sketched // articles[i]'s sketch for the story index
	stored   int               // articles written
	saved    bool              // its fetch state and articles are written
	items    int               // items in the fetched feed
	outcome  Outcome
	// attempted is set when this cycle fetched the source: only then is
	// its fetch state saved.
	attempted bool
	// asked says what the worker's question to the store covered: when
	// every article's ID was asked and answered, the answer holds for the
	// writer too unless something was written since (storedAsOf).
	asked storedAsOf
}

// storedAsOf is when a source's articles were found not stored: the
// sources of the cycle written by then (window.writtenSources) and the
// story index's loads (Pipeline.loads, which counts every catching up
// with another process's writes). complete is false when some article's
// ID was not asked or the store did not answer.
type storedAsOf struct {
	complete bool
	written  int
	loads    uint64
}

// retiredNow reports whether this cycle's fetch retired the source (one
// retired before is not fetched).
func (r *sourceResult) retiredNow() bool { return r.attempted && r.outcome == OutcomeRetired }

// fetchAll decides which sources are due, and fetches and prepares those
// this process claims (see claimUnit) with bounded concurrency (the
// fetcher itself caps and spaces requests per host), handing each result
// in to w. It claims as it goes, a few units at a time as workers come
// free, so that daemons sharing the store split the work by their speed;
// each unit is offered once, and handed out as the window has room. Units
// are offered one host after another, so that thirty feeds of one outlet
// waiting their turn do not hold every worker. A due source another
// daemon claimed is OutcomeElsewhere. It returns at once; wait, called
// once w is written, waits for the workers and returns the release of the
// claims, to call once the results are saved, and the claim's error.
func (p *Pipeline) fetchAll(ctx context.Context, states map[string]sourceState, w *window) (wait func() (func(context.Context) error, error)) {
	now := p.now()
	var due []int
	var dueURLs []string
	for i, src := range p.cfg.Sources {
		st := states[src.Name]
		if r := p.notFetched(src, st, now); r != nil {
			w.set(i, r)
			continue
		}
		due = append(due, i)
		dueURLs = append(dueURLs, st.fetchURL(src.URL))
	}
	var units []string
	sourcesOf := map[string][]int{}
	for _, j := range byHostInTurn(dueURLs) {
		u := p.claimUnit(p.cfg.Sources[due[j]].Name, dueURLs[j])
		if sourcesOf[u] == nil {
			units = append(units, u)
		}
		sourcesOf[u] = append(sourcesOf[u], due[j])
	}

	// unsaved are the units of claimed some source of which has no result
	// saved: the release frees them for a retry; call it once w is written.
	unsaved := func(claimed []string) []string {
		results := w.all()
		var out []string
		for _, u := range claimed {
			for _, i := range sourcesOf[u] {
				if r := results[i]; r == nil || !r.saved {
					out = append(out, u)
					break
				}
			}
		}
		return out
	}
	workers := max(p.cfg.Fetch.Concurrency, 1)
	var releases []func(context.Context) error
	releaseAll := func(ctx context.Context) error {
		var errs []error
		for _, r := range releases {
			errs = append(errs, r(ctx))
		}
		return errors.Join(errs...)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(due)) {
		wg.Go(func() {
			for i := range jobs {
				src := p.cfg.Sources[i]
				w.set(i, p.prepareSource(ctx, src, states[src.Name], w))
			}
		})
	}
	var claimErr error
	dispatched := make(chan struct{})
	go func() {
		defer close(dispatched)
		// One claim at least, even of nothing: on SQLite it takes the
		// store-wide lock, which the cycle holds to its end.
	claiming:
		for first := true; (first || len(units) > 0) && ctx.Err() == nil; first = false {
			offer := units[:min(workers, len(units))]
			units = units[len(offer):]
			claimed, release, err := p.store.Claim(ctx, store.ClaimRequest{Owner: p.instance, Units: offer,
				Now: now, Since: now.Add(-claimWindow), Limit: len(offer), Lease: p.lease})
			if err != nil {
				claimErr = err
				break
			}
			releases = append(releases, func(ctx context.Context) error { return release(ctx, unsaved(claimed)) })
			mine := make(map[string]bool, len(claimed))
			for _, u := range claimed {
				mine[u] = true
			}
			for _, u := range offer {
				if !mine[u] {
					for _, i := range sourcesOf[u] {
						w.set(i, &sourceResult{source: p.cfg.Sources[i], state: states[p.cfg.Sources[i].Name], outcome: OutcomeElsewhere})
					}
				}
			}
			for _, u := range claimed {
				for _, i := range sourcesOf[u] {
					if !w.admit(ctx, i) {
						break claiming
					}
					jobs <- i
				}
			}
		}
		close(jobs)
		wg.Wait()
		// Never handed out: another process's cycle holds the store
		// (SQLite's store-wide claim), or the cycle stopped.
		missing := OutcomeBackingOff
		if errors.Is(claimErr, store.ErrBusy) {
			missing = OutcomeElsewhere
		}
		w.close(func(i int) *sourceResult {
			return &sourceResult{source: p.cfg.Sources[i], state: states[p.cfg.Sources[i].Name], outcome: missing}
		}, claimErr)
	}()
	return func() (func(context.Context) error, error) {
		<-dispatched
		return releaseAll, claimErr
	}
}

// claimUnit is what a due source is claimed as among daemons sharing the
// store. The sources of a host spaced by fetch.per_host_interval (public
// hosts, by default) are claimed together, by one daemon per due time, so
// that the interval and the per-host cap hold across daemons as they do
// in one; the sources of an unspaced host (loopback, private addresses:
// the operator's own servers) are claimed one by one and split among
// daemons.
func (p *Pipeline) claimUnit(name, url string) string {
	host := hostOf(url)
	if p.fetchOptions.HostInterval(host) > 0 {
		return "host:" + host
	}
	return "source:" + name
}

// notFetched returns the result of a source that is not fetched at now:
// retired, backing off, or asked to be left alone; nil when it is due.
func (p *Pipeline) notFetched(src config.Source, state sourceState, now time.Time) *sourceResult {
	log := p.logger.With("source", src.Name)
	res := &sourceResult{source: src, state: state}
	switch {
	case state.retired(src.URL):
		res.outcome = OutcomeRetired
		log.Debug("source retired: gone (410) until its url changes")
	case state.backingOff(now):
		res.outcome = OutcomeBackingOff
		log.Debug("source backing off", "until", state.NextAttempt, "failures", state.Failures)
	case state.notDue(now):
		res.outcome = OutcomeNotDue
		log.Debug("source not due: it asked not to be fetched before", "until", state.NextAttempt)
	default:
		return nil
	}
	return res
}

// fetchSource fetches and prepares one due source of w. It never fails: a
// problem is logged and recorded in the returned fetch state.
func (p *Pipeline) fetchSource(ctx context.Context, src config.Source, state sourceState, w *window) *sourceResult {
	log := p.logger.With("source", src.Name)
	res := &sourceResult{source: src, state: state, attempted: true}
	now := p.now()
	res.state.attempted(now)
	url := state.fetchURL(src.URL)
	req := fetch.Request{URL: url, ETag: state.ETag, LastModified: state.LastModified}
	if wholeFeedFor(src, state.ItemVotes) {
		req.ETag, req.LastModified = "", ""
	}
	fr, err := p.fetcher.Fetch(ctx, req)
	if err != nil && ctx.Err() != nil {
		// Shutting down is no fault of the source.
		res.outcome = OutcomeBackingOff
		return res
	}
	if err != nil {
		p.fail(res, err, log, "fetch failed")
		return res
	}
	if fr.NotModified {
		p.redirected(res, fr.PermanentRedirect, log)
		res.outcome = OutcomeNotModified
		res.state.succeeded(now, fr.StatusCode, fr.ETag, fr.LastModified,
			fetch.PollWait(fr.FreshFor, res.state.noteFor(src.URL).TTL))
		log.Debug("not modified")
		return res
	}
	// The stored items are left out before they are prepared: a refresh
	// finds most of them again.
	asked := map[string]bool{}
	answered := true
	k := &known{votes: state.ItemVotes, now: p.cycleStart, stored: func(ids []string) map[string]bool {
		if len(asked) == 0 {
			// Read before asking: what is written later may be missed.
			res.asked = storedAsOf{written: w.writtenSources(), loads: p.loads.Load()}
		}
		for _, id := range ids {
			asked[id] = true
		}
		stored, err := p.store.Existing(ctx, ids)
		if err != nil {
			// Only work is saved here: the writer asks again, under the
			// stories lock, and fails the cycle if the store does.
			log.Debug("stored articles not known before writing", "err", err)
			answered = false
		}
		return stored
	}, article: func(id string) *article.Article {
		a, err := p.store.Article(ctx, id)
		if err != nil {
			log.Debug("stored article not read", "id", id, "err", err)
			return nil
		}
		return a
	}}
	// Dated by the cycle's clock reading, not the answer's arrival: an
	// undated item's date places it among its story's copies.
	prep, err := p.prepareFetched(ctx, Feed{Body: fr.Body, ContentType: fr.ContentType, URL: fr.URL, FetchedAt: p.cycleStart, MaxItems: p.cfg.Fetch.MaxItems}, src, k)
	if err != nil && ctx.Err() != nil {
		res.outcome = OutcomeBackingOff
		return res
	}
	if err != nil {
		res.state.LastStatus = fr.StatusCode
		p.fail(res, err, log, "parse failed")
		return res
	}
	// Only a redirect to a feed that parses counts towards a move.
	p.redirected(res, fr.PermanentRedirect, log)
	if prep.Dropped > 0 {
		log.Warn("feed over fetch.max_items: only its newest items kept", "kept", p.cfg.Fetch.MaxItems, "left_out", prep.Dropped)
	}
	for _, sk := range prep.Skipped {
		log.Warn("item skipped", "guid", sk.Item.GUID, "title", sk.Item.Title, "err", sk.Err)
	}
	if o := prep.LanguageOverride; o != nil {
		// A feed that declares no language has none to overrule: many do,
		// every cycle, and at Info they would hide the real overrides.
		level, msg := slog.LevelInfo, "feed's declared language overruled by its items' confident votes"
		if o.Declared == "" {
			level, msg = slog.LevelDebug, "feed declares no language: its items' confident votes give it one"
		}
		log.Log(ctx, level, msg, "declared", o.Declared, "language", o.Voted,
			"declared_votes", o.DeclaredVotes, "votes", o.Votes, "items", o.Items, "new_articles_overruled", o.Overruled)
	}
	res.articles, res.corrected, res.carried = prep.Articles, prep.Corrected, prep.storedIDs
	res.asked.complete = answered && len(asked) > 0
	for _, a := range prep.Articles {
		if !asked[a.ID] {
			res.asked.complete = false
			break
		}
	}
	res.items = len(prep.Articles) + len(prep.Skipped) + prep.Stored + prep.Dropped
	res.outcome = OutcomeFetched
	res.state.feedInterval(src.URL, prep.TTL)
	res.state.parsed(res.items, prep.Votes)
	res.state.succeeded(now, fr.StatusCode, fr.ETag, fr.LastModified, fetch.PollWait(fr.FreshFor, prep.TTL))
	return res
}

// prepareFetched prepares a fetched feed once one of the preparing slots
// is free: fetch workers wait for answers on the network, more of them than
// there are cores, but parsing and normalising only run on the cores, so
// only as many feeds as cores are half-parsed at once (each a body, a parse
// tree and its items), the others waiting with their body alone.
func (p *Pipeline) prepareFetched(ctx context.Context, f Feed, src config.Source, k *known) (Prepared, error) {
	select {
	case p.preparing <- struct{}{}:
	case <-ctx.Done():
		return Prepared{}, fmt.Errorf("pipeline: prepare: %w", ctx.Err())
	}
	defer func() { <-p.preparing }()
	return prepareFeed(ctx, p.normalizer, p.tagger.Genres(), f, src, k)
}

// prepareSource fetches and prepares one due source (its articles not
// stored yet: the stored ones are left out, so that the window holds only
// new articles), and sketches them for the story index.
func (p *Pipeline) prepareSource(ctx context.Context, src config.Source, state sourceState, w *window) *sourceResult {
	r := p.fetchSource(ctx, src, state, w)
	if len(r.articles) == 0 || ctx.Err() != nil {
		return r
	}
	// Their stories will be decided: the index loads beside the fetching.
	p.wantIndex(ctx)
	r.sketches = make([]dedupe.Sketched, len(r.articles))
	for j, a := range r.articles {
		r.sketches[j] = p.sketcher.Sketch(a.Title, a.Text)
	}
	return r
}

// redirected records where a successful fetch was permanently redirected
// (301, 308; "" when it was not) and logs a move: after movedAfter fetches
// in a row to one new URL the source is fetched there. The config is not
// rewritten; a new URL in it starts afresh.
func (p *Pipeline) redirected(res *sourceResult, target string, log *slog.Logger) {
	configURL := res.source.URL
	if !res.state.redirected(configURL, target) {
		if target != "" {
			log.Info("feed redirected permanently; it moves there if the next fetch is redirected too",
				"url", fetch.RedactURL(configURL), "new_url", fetch.RedactURL(target))
		}
		return
	}
	log.Warn("feed moved permanently: fetching its new url from now on; update the config",
		"url", fetch.RedactURL(configURL), "new_url", fetch.RedactURL(target))
}

// fail records a failed fetch or parse, measured from now (the failure),
// and logs it with the real time of the next attempt.
func (p *Pipeline) fail(res *sourceResult, err error, log *slog.Logger, msg string) {
	res.outcome = OutcomeFailed
	if moved := res.state.fetchURL(res.source.URL); moved != res.source.URL && (!fetch.Temporary(err) || fetch.HostNotFound(err)) {
		res.state.forgetMove(res.source.URL)
		log.Warn("the url the feed moved to fails for good: back to the configured url", "url", fetch.RedactURL(res.source.URL),
			"moved_to", fetch.RedactURL(moved), "err", err)
	}
	res.state.failed(p.now(), err, res.source.URL, p.cfg.Fetch.MaxBackoff)
	if res.state.retired(res.source.URL) {
		res.outcome = OutcomeRetired
		log.Warn(msg+": source retired until its url changes in the config", "url", fetch.RedactURL(res.source.URL), "err", err)
		return
	}
	log.Warn(msg, "url", fetch.RedactURL(res.source.URL), "err", err, "failures", res.state.Failures,
		"next_attempt", p.nextTry(res.state.NextAttempt).Format(time.RFC3339))
}

// nextTry is when a source due at due will really be fetched: the first
// cycle at or after due (FirstCycleAt from the running cycle's start).
func (p *Pipeline) nextTry(due time.Time) time.Time {
	return FirstCycleAt(p.schedule, p.cycleStart, due)
}

// FirstCycleAt is the first cycle of cycles after from that starts at or
// after due: when a source due at due is really fetched. Without a
// schedule (one cycle, `warta once`) it is due itself. cycles is read
// once (Fixed).
func FirstCycleAt(cycles Schedule, from, due time.Time) time.Time {
	if cycles == nil || due.IsZero() {
		return due
	}
	cycles = fixed(cycles)
	t := cycles.Next(from)
	// Cycles are at least a minute apart and a wait at most a day
	// (Retry-After's cap), so 10,000 steps always reach due.
	for i := 0; i < 10000 && !t.IsZero() && t.Before(due); i++ {
		t = cycles.Next(t)
	}
	if t.IsZero() || t.Before(due) {
		return due
	}
	return t
}

// byHostInTurn orders the indexes of urls taking one of each host in turn
// (hosts in order of first appearance, a host's URLs in their order).
func byHostInTurn(urls []string) []int {
	var hosts []string
	byHost := map[string][]int{}
	for i, raw := range urls {
		h := hostOf(raw)
		if _, ok := byHost[h]; !ok {
			hosts = append(hosts, h)
		}
		byHost[h] = append(byHost[h], i)
	}
	out := make([]int, 0, len(urls))
	for round := 0; len(out) < len(urls); round++ {
		for _, h := range hosts {
			if round < len(byHost[h]) {
				out = append(out, byHost[h][round])
			}
		}
	}
	return out
}

// hostOf is the lower-cased host name of url (url itself when it does not
// parse).
func hostOf(url string) string {
	if u, err := neturl.Parse(url); err == nil {
		return strings.ToLower(u.Hostname())
	}
	return url
}
