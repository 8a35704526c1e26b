//go:generate go run ../cmd/warta -config ../config.yaml eval-topics -streams ../internal/fixtures/testdata -stream-labels ../cmd/warta/testdata -fit-leaders leaders_prior.go

package topic

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/warta-news/warta/actor"
)

// Leaders: a person named in an office of a state ("Russian President
// Vladimir Putin", "Menlu AS Marco Rubio"; see actor.Anchor) is that
// state's actor where the text names them. An article's anchors teach its
// own title ("Trump warns Iran" over a body that names "U.S. President
// Donald Trump"); a Stream's teach the articles it tags later, headlines
// without a body included. No person is listed by hand.

// Leader constants; the stream's change its snapshot key.
const (
	// LeaderDominance is how many times the anchors of a name to one state
	// must outnumber those to all others for the name to count for it: a
	// name anchored to two states alike (a surname two states' leaders
	// share) counts for neither.
	LeaderDominance = 3
	// StreamMaxLeaders bounds the names a Stream keeps: when full, the
	// half anchored longest ago is forgotten, so that memory follows the
	// news of the recent window, not the length of the stream.
	StreamMaxLeaders = 4096
)

// leaderBook is what a Stream learned of leaders: per name (an anchor's
// key, see actor.Anchor.Keys) the anchors to each state, and the names
// that count (names), changed where a name's state changes.
type leaderBook struct {
	seen  map[string]*leaderCount
	clock uint64 // anchors counted so far, the age of a name's last
	names *actor.Names
}

// leaderCount is the anchors of one name.
type leaderCount struct {
	states []stateCount
	last   uint64 // the clock of its last anchor
}

type stateCount struct {
	state string
	n     uint32
}

// state is the state a name counts for ("" when none dominates).
func (c *leaderCount) state() string {
	var top stateCount
	total := uint32(0)
	for _, sc := range c.states {
		total += sc.n
		if sc.n > top.n || sc.n == top.n && sc.state < top.state {
			top = sc
		}
	}
	if top.n == 0 || top.n < LeaderDominance*(total-top.n) {
		return ""
	}
	return top.state
}

// add counts anchors as seen now and updates names: only the names whose
// state changed, unless the book forgot its oldest names.
func (b *leaderBook) add(anchors []actor.Anchor) {
	if b.seen == nil {
		b.seen = map[string]*leaderCount{}
	}
	var changes map[string]string
	for _, a := range anchors {
		b.clock++
		for _, key := range a.Keys() {
			c := b.seen[key]
			if c == nil {
				c = &leaderCount{}
				b.seen[key] = c
			}
			before := c.state()
			i := slices.IndexFunc(c.states, func(sc stateCount) bool { return sc.state == a.State })
			if i < 0 {
				c.states = append(c.states, stateCount{state: a.State})
				i = len(c.states) - 1
			}
			c.states[i].n++
			c.last = b.clock
			if after := c.state(); after != before {
				if changes == nil {
					changes = map[string]string{}
				}
				changes[key] = after
			}
		}
	}
	switch {
	case len(b.seen) > StreamMaxLeaders:
		b.forgetOldest()
		b.rebuild()
	case changes != nil:
		b.names = b.names.With(changes)
	}
}

// forgetOldest drops the half of the names anchored longest ago.
func (b *leaderBook) forgetOldest() {
	keys := slices.SortedFunc(maps.Keys(b.seen), func(x, y string) int {
		return cmp.Or(cmp.Compare(b.seen[x].last, b.seen[y].last), cmp.Compare(x, y))
	})
	for _, k := range keys[:len(keys)-StreamMaxLeaders/2] {
		delete(b.seen, k)
	}
}

// rebuild makes names of the names that count.
func (b *leaderBook) rebuild() {
	states := map[string]string{}
	for k, c := range b.seen {
		if s := c.state(); s != "" {
			states[k] = s
		}
	}
	b.names = actor.NewNames(states)
}

// leaderNames are the names the stream has learned, for tagging; nil for
// no stream.
func (st *Stream) leaderNames() *actor.Names {
	if st == nil {
		return nil
	}
	st.mu.RLock()
	defer st.mu.RUnlock()
	return st.leaders.names
}

// priorOnly reports whether st knows the name (an anchor's key) from
// its leaders prior alone: seeded at clock 0 (seed), never anchored by
// the stream itself since.
func (st *Stream) priorOnly(name string) bool {
	if st == nil {
		return false
	}
	st.mu.RLock()
	defer st.mu.RUnlock()
	c := st.leaders.seen[name]
	return c != nil && c.last == 0
}

// learnLeaders counts the anchors of an article the stream was shown.
func (st *Stream) learnLeaders(anchors []actor.Anchor) {
	if len(anchors) == 0 {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.leaders.add(anchors)
}

// findActors fills s.titleActors and s.bodyActors with the actors of the
// title and body text of the article read (in language lang) and s.anchors with their anchors: the
// names the stream learned (s.streamNames) are actors of their states in
// both, and those the article anchors itself (s.articleNames, nil when it
// anchors none the stream does not know) in its title. The body names the
// state where it anchors the name; read into the rest of the body as
// well, the article's own names moved the fitted cut (0.65 to 0.70) and
// cost cross-validated F1 (BENCHMARKS.md, issue 8, leaders).
func (t *Tagger) findActors(s *scratch, lang string) {
	title, body := s.titleText, s.bodyText
	titleLower, bodyLower := s.lowered()
	s.titleActors = t.actors.AppendNamedLower(s.titleActors[:0], title, titleLower, lang, s.streamNames)
	s.bodyActors = t.actors.AppendNamedLower(s.bodyActors[:0], body, bodyLower, lang, s.streamNames)
	s.anchors = t.actors.AppendAnchors(s.anchors[:0], title, lang, s.titleActors)
	s.anchors = t.actors.AppendAnchors(s.anchors, body, lang, s.bodyActors)
	s.articleNames = articleNames(s.anchors, s.streamNames)
	if s.articleNames != nil {
		s.titleActors = t.actors.AppendNamedLower(s.titleActors[:0], title, titleLower, lang, s.articleNames, s.streamNames)
	}
}

// articleNames are the names an article's anchors teach that known does
// not already count for the same state, or nil. A name the article
// anchors to two states counts for neither.
func articleNames(anchors []actor.Anchor, known *actor.Names) *actor.Names {
	var states map[string]string
	for _, a := range anchors {
		for _, key := range a.Keys() {
			if s, ok := known.State(key); ok && s == a.State {
				continue
			}
			if states == nil {
				states = map[string]string{}
			}
			if s, ok := states[key]; ok && s != a.State {
				states[key] = ""
				continue
			}
			states[key] = a.State
		}
	}
	maps.DeleteFunc(states, func(_, s string) bool { return s == "" })
	if len(states) == 0 {
		return nil
	}
	return actor.NewNames(states)
}

// LeaderAnchors is how many anchors tied a name (an anchor's key) to a
// state: a stream's counts (Stream.LeaderAnchors), or the leaders prior
// every new Stream starts with (leaders_prior.go, learned by the anchor
// rule from the public feed snapshots of internal/fixtures/testdata; no
// name is listed by hand).
type LeaderAnchors struct {
	Name, State string
	N           uint32
}

// LeaderAnchors returns the anchors st has counted, by name, then state.
func (st *Stream) LeaderAnchors() []LeaderAnchors {
	st.mu.RLock()
	defer st.mu.RUnlock()
	var out []LeaderAnchors
	for _, name := range slices.Sorted(maps.Keys(st.leaders.seen)) {
		states := slices.Clone(st.leaders.seen[name].states)
		slices.SortFunc(states, func(x, y stateCount) int { return cmp.Compare(x.state, y.state) })
		for _, sc := range states {
			out = append(out, LeaderAnchors{Name: name, State: sc.state, N: sc.n})
		}
	}
	return out
}

// seed counts prior as anchors seen before the book's first: at clock 0,
// the oldest, so that a full book forgets them before any of its own.
func (b *leaderBook) seed(prior []LeaderAnchors) {
	if len(prior) == 0 {
		return
	}
	b.seen = map[string]*leaderCount{}
	for _, p := range prior {
		c := b.seen[p.Name]
		if c == nil {
			c = &leaderCount{}
			b.seen[p.Name] = c
		}
		c.states = append(c.states, stateCount{state: p.State, n: p.N})
	}
	if len(b.seen) > StreamMaxLeaders {
		b.forgetOldest()
	}
	b.rebuild()
}

// LeaderPriorSource is the Go source of leaders_prior.go with prior as
// the anchors every new Stream starts with, header its doc comment.
func LeaderPriorSource(prior []LeaderAnchors, header string) []byte {
	b := []byte("// Code generated by \"warta eval-topics -fit-leaders\"; DO NOT EDIT.\n\npackage topic\n\n")
	for line := range strings.SplitSeq(header, "\n") {
		b = fmt.Appendf(b, "// %s\n", line)
	}
	b = append(b, "func learnedLeaderPrior() []LeaderAnchors {\n\treturn []LeaderAnchors{\n"...)
	for _, p := range prior {
		b = fmt.Appendf(b, "\t\t{%q, %q, %d},\n", p.Name, p.State, p.N)
	}
	return append(b, "\t}\n}\n"...)
}
