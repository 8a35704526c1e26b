package topic

import "github.com/warta-news/warta/actor"

// A topic with Spec.Foreign (a config's `{slug: world, foreign: true}`) is
// news about another country. The desk model that decides world cannot
// learn that on its own: its research data holds no domestic hard news, so
// other topics' evidence of hard news (crime, disaster, politics) counts
// for world whatever country a report is about, and a reader of world gets
// their own country's corruption trials and floods. What tells the two
// apart is named in the text: another country, as the actors model reads
// states and international bodies. It is an option, not the built-in
// world's default, because a bare headline often names no country, and on
// the research data's headlines world then loses recall (BENCHMARKS.md,
// "abroad").

// abroadVersion names the reading of "another country" (namesAbroad and
// homeState) in the tagger's fingerprint: stored articles are re-tagged
// when it changes.
const abroadVersion = "abroad 1: own terms over 0, or a state other than the language's home, or an international body"

// homeState is the state (its ISO 3166 code, as package actor names states)
// whose own language l is, whose naming is no sign of another country:
// Indonesia for Indonesian. English is the language of many states (the
// United States, the United Kingdom, Australia, …), so no state is home to
// it, and every state an English text names counts.
func homeState(l int) string {
	if l == langID {
		return "ID"
	}
	return ""
}

// namesAbroad reports whether the mentions of a text in language l name a
// state other than l's home state, or an international body.
func namesAbroad(l int, mentions ...[]actor.Mention) bool {
	home := homeState(l)
	for _, ms := range mentions {
		for _, m := range ms {
			if m.Kind == actor.Body || m.Kind == actor.State && m.ID != home {
				return true
			}
		}
	}
	return false
}

// foreignMet reports whether the article s holds is about another country
// for a topic whose result is r: its own terms score above 0 (they name
// foreign places and offices), or it names another country (s.abroad).
func foreignMet(s *scratch, r result) bool { return r.score > 0 || s.abroad }

// readAbroad sets s.abroad for the article just evaluated in language l
// when a topic needs it (Tagger.foreign, Tagger.hardDesk), finding its
// actors unless the actors model already has (actorsFound).
func (t *Tagger) readAbroad(s *scratch, l int, actorsFound bool) {
	if !t.foreign && !t.hardDesk {
		s.abroad = false
		return
	}
	if !actorsFound {
		t.findActors(s, langName(l))
	}
	s.abroad = namesAbroad(l, s.titleActors, s.bodyActors)
}
