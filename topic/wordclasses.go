package topic

import (
	"github.com/warta-news/warta/actor"
)

// numKinds bounds the kinds of actors (actor.Kind) read as classes.
const numKinds = int(actor.Office) + 1

// The actors' classes a word model may read beside the stems
// (WordModel.Classes; BENCHMARKS.md, branch wactors): the per-name weights
// a word model learns ("russia", "gaza") carry the topic of the years and
// outlets it was trained on, while the kinds of actors an item names carry
// over to others. The classes are the tagger's own reading of the actors
// (findActors), never a list of names of their own.

// isClass reports whether actors of kind are read as classes: the actors
// proper, not the relation and violence words, which the stems carry.
func isClass(kind actor.Kind) bool {
	return kind == actor.State || kind == actor.Body || kind == actor.Office
}

// classBuckets is how many buckets the distinct states (and states and
// bodies) of a title are counted in: 0, 1, 2 and 3 or more.
const classBuckets = 4

// titleStem is one stem of the title a word model reads: its hash
// (featureHash) and its byte offset in the title, to find the actor it
// belongs to.
type titleStem struct {
	hash  uint64
	start int
}

// classHash is featureHash of prefix+name, hashed without building the
// string: "@t:state", "@l:body", "@t:states2".
func classHash(prefix, name string) uint64 {
	return fnvAdd(featureHash(prefix), name)
}

// classPairHash hashes the pair of a title stem of hash h and an actor's
// class (its kind's name) next to it, before or after it: the stem's FNV
// state continued over the class, so no stem's or stems' pair's hash
// (classes hold '@', stems none).
func classPairHash(h uint64, kind actor.Kind, classFirst bool) uint64 {
	if classFirst {
		return fnvAdd(fnvAdd(h, " <@"), kind.String())
	}
	return fnvAdd(fnvAdd(h, " @"), kind.String())
}

// appendClassFeatures appends to dst the class features of an article
// whose title's stems are stems and whose actors findActors found in the
// title (titleActors) and the body (bodyActors, the lead being the body up
// to leadEnd): the kinds of actors in the title and in the lead, the
// number of distinct states and of distinct states and bodies in the
// title (bucketed), and the title's pairs of consecutive stems with an
// actor's stems read as its class. The features may repeat.
func appendClassFeatures(dst []uint64, stems []titleStem, titleActors, bodyActors []actor.Mention, leadEnd int) []uint64 {
	var inTitle, inLead [numKinds]bool
	var statesBuf, allBuf [8]string
	states, all := statesBuf[:0], allBuf[:0]
	for _, m := range titleActors {
		if isClass(m.Kind) {
			inTitle[m.Kind] = true
		}
		switch m.Kind {
		case actor.State:
			states = addDistinct(states, m.ID)
			all = addDistinct(all, m.ID)
		case actor.Body:
			all = addDistinct(all, m.ID)
		}
	}
	for _, m := range bodyActors {
		if m.Start >= leadEnd {
			break
		}
		if isClass(m.Kind) {
			inLead[m.Kind] = true
		}
	}
	for k := range numKinds {
		kind := actor.Kind(k)
		if inTitle[k] {
			dst = append(dst, classHash("@t:", kind.String()))
		}
		if inLead[k] {
			dst = append(dst, classHash("@l:", kind.String()))
		}
	}
	const digits = "0123456789"
	n := min(len(states), classBuckets-1)
	dst = append(dst, classHash("@t:states", digits[n:n+1]))
	n = min(len(all), classBuckets-1)
	dst = append(dst, classHash("@t:actors", digits[n:n+1]))
	// The title as units: a stem outside any actor, or an actor (its
	// stems one unit, its class); a pair of consecutive units with one
	// actor is a feature, two actors side by side are none (their stems'
	// pair is one already).
	prevActor, prevStem := -1, -1 // the previous unit: an actor's index or a stem's
	for i, st := range stems {
		a := mentionAt(titleActors, st.start)
		switch {
		case a >= 0 && a == prevActor:
			continue
		case a >= 0:
			if prevStem >= 0 {
				dst = append(dst, classPairHash(stems[prevStem].hash, titleActors[a].Kind, false))
			}
			prevActor, prevStem = a, -1
		default:
			if prevActor >= 0 {
				dst = append(dst, classPairHash(st.hash, titleActors[prevActor].Kind, true))
			}
			prevActor, prevStem = -1, i
		}
	}
	return dst
}

// mentionAt is the index of the actor among ms (of a kind read as a
// class) whose mention holds byte offset at, -1 for none.
func mentionAt(ms []actor.Mention, at int) int {
	for i, m := range ms {
		if m.Start <= at && at < m.End && isClass(m.Kind) {
			return i
		}
	}
	return -1
}

// frameGap is how many stems may stand between two actors of a title for
// them to be read as its relation's words ("China urges Ukraine", "US
// and Iran hold talks" hold one or none; a longer gap is two clauses).
const frameGap = 3

// frameAfter is how many stems after two actors side by side or joined
// by one word ("US, Iran to hold talks", "Japan and China … meet") are
// read as what they do together.
const frameAfter = 3

// frameHash hashes a title stem of hash h read as the relation of two
// actors: between them (together false) or after both side by side
// (together true); disjoint from stems, pairs and classes (the marker's
// '@' and its name).
func frameHash(h uint64, together bool) uint64 {
	if together {
		return fnvAdd(fnvAdd(h, " @"), "frame&")
	}
	return fnvAdd(fnvAdd(h, " @"), "frame")
}

// isFrameEnd reports whether an actor of kind is one end of a relation
// frame: a state or an international body; an office ("minister") is
// part of the state it serves, neither an end nor a word between.
func isFrameEnd(kind actor.Kind) bool { return kind == actor.State || kind == actor.Body }

// appendFrameFeatures appends to dst the relation frames of a title whose
// stems are stems and whose actors findActors found (titleActors): for
// each two consecutive ends (states or bodies, isFrameEnd) that are not
// the same actor, the stems between them when at most frameGap stand
// there ("China urges Ukraine": urge), and, when at most one stands
// there ("US, Iran", "US and Iran"), the first frameAfter stems after the
// second too ("… to hold talks"). Who acts on whom is what sets
// international relations apart from a report that names two states: the
// word model reads "urge" between two states apart from "urge" anywhere.
func appendFrameFeatures(dst []uint64, stems []titleStem, titleActors []actor.Mention) []uint64 {
	empty := featureHash("")
	type unit struct {
		actor int // index in titleActors of an end, -1 for a stem
		hash  uint64
	}
	var buf [32]unit
	units := buf[:0]
	prev := -1
	for _, st := range stems {
		a := mentionAt(titleActors, st.start)
		switch {
		case a >= 0 && !isFrameEnd(titleActors[a].Kind):
			prev = a // an office: no end, no word
		case a >= 0:
			if a != prev {
				units = append(units, unit{actor: a})
			}
			prev = a
		case st.hash != empty:
			units = append(units, unit{actor: -1, hash: st.hash})
			prev = -1
		}
	}
	last := -1 // the unit index of the previous end
	for i, u := range units {
		if u.actor < 0 {
			continue
		}
		if last >= 0 && titleActors[units[last].actor].ID != titleActors[u.actor].ID {
			if between := i - last - 1; between <= frameGap {
				for _, w := range units[last+1 : i] {
					dst = append(dst, frameHash(w.hash, false))
				}
				if between <= 1 {
					for j := i + 1; j < len(units) && j <= i+frameAfter && units[j].actor < 0; j++ {
						dst = append(dst, frameHash(units[j].hash, true))
					}
				}
			}
		}
		last = i
	}
	return dst
}
