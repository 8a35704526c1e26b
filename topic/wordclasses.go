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
