package topic

import (
	"slices"

	"github.com/warta-news/warta/actor"
)

// Homes: an outlet names its own state's officials by their office alone
// ("Presiden Joko Widodo" in Detik, "President Joe Biden" in a US paper),
// so a Stream learns each source's home state, the state its items name
// most, and binds an office its item binds to no state to it (see
// actor.Recognizer.AppendAnchors). The language is no key: a translated
// report names a foreign president so too (BENCHMARKS.md, irerrors5id,
// feedhome). An article of no source, or of one the stream has not seen
// enough of, has no home.

// Home constants; the stream's change its snapshot key.
const (
	// HomeMinItems is how many of a source's items must name a state for
	// it to be the source's home.
	HomeMinItems = 3
	// HomeDominance is how many times the items naming the home must
	// outnumber those naming any other state: an outlet of world news
	// names many states and has no home.
	HomeDominance = 2
	// StreamMaxSources bounds the sources a Stream learns homes of: a
	// configuration names its sources, and a source past the bound (from
	// one-off tagging) learns none.
	StreamMaxSources = 4096
)

// homeBook is what a Stream learned of its sources' homes: per source
// name, the items that named each state (each item once per state), and
// the home of each source that has one.
type homeBook struct {
	seen  map[string][]stateCount
	homes map[string]string
}

// home is the state a source's counts make its home ("" for none).
func home(states []stateCount) string {
	var top, second stateCount
	for _, sc := range states {
		switch {
		case sc.n > top.n || sc.n == top.n && sc.state < top.state:
			top, second = sc, top
		case sc.n > second.n:
			second = sc
		}
	}
	if top.n < HomeMinItems || top.n < HomeDominance*second.n {
		return ""
	}
	return top.state
}

// add counts the states the actors of one item of source name (a state
// named by a learned name does not count: it would count the home's own
// binding again).
func (b *homeBook) add(source string, actors ...[]actor.Mention) {
	if source == "" {
		return
	}
	if b.seen == nil {
		b.seen, b.homes = map[string][]stateCount{}, map[string]string{}
	}
	states, known := b.seen[source]
	if !known && len(b.seen) >= StreamMaxSources {
		return
	}
	var named []string
	for _, ms := range actors {
		for _, m := range ms {
			if m.Kind == actor.State && m.Name == "" && !slices.Contains(named, m.ID) {
				named = append(named, m.ID)
			}
		}
	}
	for _, id := range named {
		i := slices.IndexFunc(states, func(sc stateCount) bool { return sc.state == id })
		if i < 0 {
			states = append(states, stateCount{state: id})
			i = len(states) - 1
		}
		states[i].n++
	}
	b.seen[source] = states
	if h := home(states); h != "" {
		b.homes[source] = h
	} else {
		delete(b.homes, source)
	}
}

// sourceHome is the home state the stream learned for source ("" for
// none, and for no stream).
func (st *Stream) sourceHome(source string) string {
	if st == nil || source == "" {
		return ""
	}
	st.mu.RLock()
	defer st.mu.RUnlock()
	return st.homes.homes[source]
}

// learnHome counts the states an item of source names in its title and
// body actors.
func (st *Stream) learnHome(source string, title, body []actor.Mention) {
	if source == "" {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.homes.add(source, title, body)
}
