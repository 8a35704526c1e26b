package topic

import (
	"fmt"
	"io"
	"math"
)

// A source's own rate of international relations, learned from the
// stream (issue 8, direction 4; BENCHMARKS.md, branch feedprior): a world
// desk's feed carries the topic far more often than a national or a sport
// feed, and the same two-state mention means different things in each.
// The stream counts, per source and language, the confident labels of
// international relations it learned from (Stream.learn's, never a label
// it has not got); the source's rate, shrunk towards the stream's, is a
// prior added to the stacked logit of the actors and word models, bounded
// so that it may tip an item near the cut and never decide one alone.

// SourcePrior weighs a source's learned rate into the stacked decision of
// international relations: Weight × (logit of the source's shrunk rate −
// logit of the stream's rate), clamped to [−Bound, Bound] (to [−Bound, 0]
// when LowerOnly). The zero value adds nothing.
type SourcePrior struct {
	Weight, Bound float64
	LowerOnly     bool
}

// shippedSourcePrior is the prior every Tagger starts with.
var shippedSourcePrior = SourcePrior{}

// SourcePriorShrink is how many confident items of the stream's own rate
// a source's counts are shrunk with: a source with a few confident items
// says little, one with ten moves half-way to its own rate.
const SourcePriorShrink = 10.0

// StreamMaxSources bounds the sources a stream keeps counts of (a
// daemon's config names far fewer): a new source past it is not counted.
const StreamMaxSources = 1 << 14

// sourceKey is a source's name in one language.
type sourceKey struct {
	source string
	lang   int
}

// sourceBook counts the stream's confident labels of international
// relations (not IR, IR) per source and language, and per language in
// all.
type sourceBook struct {
	by    map[sourceKey][2]uint32
	total [numLangs][2]uint32
}

// count adds one confident label y (1 IR, -1 not IR) of source in
// language l.
func (b *sourceBook) count(source string, l int, y int8) {
	if source == "" || y == 0 {
		return
	}
	k := sourceKey{source, l}
	c, ok := b.by[k]
	if !ok && len(b.by) >= StreamMaxSources {
		return
	}
	c[max(y, 0)]++
	b.by[k] = c
	b.total[l][max(y, 0)]++
}

// logOdds is the source's shrunk rate's log-odds over the stream's in
// language l (0 for an article with no source or a source not seen).
func (b *sourceBook) logOdds(source string, l int) float64 {
	if source == "" {
		return 0
	}
	c, ok := b.by[sourceKey{source, l}]
	if !ok {
		return 0
	}
	t := b.total[l]
	r0 := (float64(t[1]) + 1) / (float64(t[0]+t[1]) + 2)
	r := (float64(c[1]) + SourcePriorShrink*r0) / (float64(c[0]+c[1]) + SourcePriorShrink)
	return logit(r) - logit(r0)
}

// adds is what p adds to the stacked logit for a source of log-odds f.
func (p SourcePrior) adds(f float64) float64 {
	hi := p.Bound
	if p.LowerOnly {
		hi = 0
	}
	return max(-p.Bound, min(hi, p.Weight*f))
}

// on reports whether p adds anything.
func (p SourcePrior) on() bool { return p.Weight != 0 && p.Bound > 0 }

// sourcePrior is what the source of the article being judged adds to the
// stacked logit in language l under p, and the source's log-odds; 0
// without a stream.
func (st *Stream) sourcePrior(source string, l int, p SourcePrior) (adds, f float64) {
	if st == nil || !p.on() {
		return 0, 0
	}
	st.mu.RLock()
	f = st.sources.logOdds(source, l)
	st.mu.RUnlock()
	if math.IsNaN(f) {
		return 0, 0
	}
	return p.adds(f), f
}

// WithSourcePrior returns a Tagger that shares t's compiled rules and
// weighs a source's learned rate into the stacked decision as p says.
func (t *Tagger) WithSourcePrior(p SourcePrior) *Tagger {
	c := *t
	c.sourcePrior = p
	c.fingerprint = c.computeFingerprint()
	return &c
}

// fingerprint writes what of p decides topics to h.
func (p SourcePrior) fingerprint(h io.Writer) {
	if p.on() {
		fmt.Fprintf(h, "source prior %+v shrink %g max %d\n", p, SourcePriorShrink, StreamMaxSources)
	}
}

// SourceReading is what a source's learned rate added to the stacked
// decision of international relations (Explanation.Source): the source's
// log-odds over the stream's, what it added to the logit (bounded), and
// whether it tipped the decision (the topic applies, or not, because of it).
type SourceReading struct {
	LogOdds float64 `json:"log_odds"`
	Adds    float64 `json:"adds"`
	Tipped  bool    `json:"tipped,omitempty"`
}
