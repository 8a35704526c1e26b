package topic

import "github.com/warta-news/warta/article"

// FeedPriorItems is the weight, in items, of the whole stream's share of
// international relations in a feed's share (feedShare): a new or small
// feed says nothing of its items.
const FeedPriorItems = 20

// feedCount is what a stream has decided of one feed's items in one
// language: n items learned from, a of them international relations by
// the actors model alone.
type feedCount struct{ a, n int }

// WithFeedPrior returns a Tagger that shares t's compiled rules but whose
// Streams move the candidates of international relations by what their
// feed usually carries, with weight w per language (en, id); raiseOnly
// lets a feed lift its candidates, never sink them.
func (t *Tagger) WithFeedPrior(w [numLangs]float64, raiseOnly bool) *Tagger {
	c := *t
	c.feedWeight, c.feedRaiseOnly = w, raiseOnly
	c.fingerprint = c.computeFingerprint()
	return &c
}

// countFeed counts an item of feed in language l that the stream learned
// from; ir is whether the actors model alone accepted it. Called with
// st.mu held.
func (st *Stream) countFeed(l int, feed string, ir bool) {
	if feed == "" {
		return
	}
	if st.feeds[l] == nil {
		st.feeds[l] = map[string]feedCount{}
	}
	c := st.feeds[l][feed]
	c.n++
	st.feedTotal[l].n++
	if ir {
		c.a++
		st.feedTotal[l].a++
	}
	st.feeds[l][feed] = c
}

// feedShare is feed's share of international relations in language l,
// smoothed towards the whole stream's (all) by FeedPriorItems items; ok
// is false when the stream's share says nothing (no item, none or all
// of them international relations).
func (st *Stream) feedShare(l int, feed string) (share, all float64, ok bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	tot := st.feedTotal[l]
	if tot.n == 0 || tot.a == 0 || tot.a == tot.n {
		return 0, 0, false
	}
	all = float64(tot.a) / float64(tot.n)
	c := st.feeds[l][feed]
	return (float64(c.a) + FeedPriorItems*all) / float64(c.n+FeedPriorItems), all, true
}

// feedPrior moves v's deciding probability of international relations
// (irP) by what a's feed usually carries: w·(logit(share) − logit(all)).
// Only a candidate the actors model scored and no guard bars moves; the
// actors model's own probability, which the stream and the feed counts
// learn from, stays.
func (st *Stream) feedPrior(a *article.Article, l int, v *verdict) {
	if st == nil || a.Source == "" || st.t.ir < 0 {
		return
	}
	w := st.t.feedWeight[l]
	if w == 0 || !irCandidate(&v.irX) || v.irGuard != "" || v.irP <= 0 || v.irP >= 1 {
		return
	}
	share, all, ok := st.feedShare(l, a.Source)
	if !ok {
		return
	}
	shift := w * (logit(share) - logit(all))
	if st.t.feedRaiseOnly {
		shift = max(0, shift)
	}
	v.irFeedShare, v.irFeedShift = share, shift
	v.irP = sigmoid(logit(v.irP) + shift)
}
