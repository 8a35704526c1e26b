package topic

import (
	"strings"
	"unicode"

	"github.com/warta-news/warta/actor"
)

// The precision guards of the actors model: readings of a headline that
// the labelling guide (../shared/data/ir-labelling-guide.md) files outside
// international relations whatever the rest of the text names. They are no
// features — the labelled news the weights are fitted on files inter-state
// conflict under world and international relations alike, so a fitted
// weight says little (BENCHMARKS.md, irprec) — but bars: a text a guard
// holds gets the topic neither from the actors model nor from the stream
// model.

// The guards' names, for explain.
const (
	// guardViolentHeadline: a headline that reports violence and no
	// relation (see violentHeadline).
	guardViolentHeadline = "violent headline: violence, no relation, no one's stance"
	// guardRoundup: a headline that lists several stories (see
	// roundupHeadline).
	guardRoundup = "roundup: a headline of several stories"
)

// irGuardsVersion names the precision guards' rules; it is part of the
// Fingerprint, so that stored articles are re-tagged when a guard changes.
const irGuardsVersion = "guards-v3: roundups by ; | • · or a bracketed label, no site after a bar"

// roundupStories is the least number of stories that make a headline a
// roundup; labelledRoundupStories the least after a bracketed label
// ("[POPULAR] A | B"), which already says the headline is a list.
const (
	roundupStories         = 3
	labelledRoundupStories = 2
	// storyWords is the least words of a story: a section's or a site's
	// short name after a bar ("… | World | Site") is none.
	storyWords = 3
)

// siteSeparator reports whether feeds also put a site's or a section's
// name after sep ("… | South China Morning Post"): the last segment after
// one is no story of an unlabelled list, whatever its length. After a
// bracketed label it still counts, so "[VIDEO] A | A Three Word Site" is
// taken for a list: a known limit, rarer than the "[POPULAR] A | B" the
// label lets through.
func siteSeparator(sep string) bool { return sep == " | " || sep == " · " }

// roundupHeadline reports whether title lists several stories, as a
// newsletter's, a briefing's or a "most read" box's does ("The Brief:
// Senate passes budget; troops to monitor ceasefire; storm hits coast; and
// more", "[POPULAR] A | B"): such an item is substantially about none of
// them (the labelling guide's test), and one relation among its stories
// does not make it international relations. The separators are those
// feeds run independent headlines together with; a dash joins the clauses
// of one story and a slash pairs names, so neither is one.
func roundupHeadline(title string) bool {
	rest, labelled := title, false
	if strings.HasPrefix(rest, "[") {
		if i := strings.IndexByte(rest, ']'); i > 0 {
			rest, labelled = rest[i+1:], true
		}
	}
	stories, afterSite := 0, false
	for rest != "" {
		// The story runs to the first separator of any kind.
		end, next := len(rest), len(rest)
		for _, sep := range [...]string{"; ", " | ", " • ", " · "} {
			if i := strings.Index(rest[:end], sep); i >= 0 {
				end, next = i, i+len(sep)
			}
		}
		seg := rest[:end]
		last := next == len(rest)
		if !last {
			afterSite = siteSeparator(rest[end:next])
		}
		rest = rest[next:]
		if last && afterSite && !labelled {
			break
		}
		if countWords(seg, storyWords) >= storyWords {
			stories++
		}
	}
	return stories >= roundupStories || labelled && stories >= labelledRoundupStories
}

// countWords counts the space-separated words of s that hold a letter or a
// digit, up to most: a dash standing alone is no word.
func countWords(s string, most int) int {
	n := 0
	for w := range strings.FieldsSeq(s) {
		if n >= most {
			break
		}
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// irGuard names the guard that bars the actors model's topic for title
// (language lang, actors ms), or is "".
func (t *Tagger) irGuard(title, lang string, ms []actor.Mention) string {
	switch {
	case roundupHeadline(title):
		return guardRoundup
	case t.violentHeadline(title, lang, ms):
		return guardViolentHeadline
	}
	return ""
}

// violentHeadline reports whether title (language lang, actors ms)
// reports violence and nothing of a relation: it names violence
// (actor.Mention.ReportsViolence: an attack, its toll, the displaced; a
// weapon's name alone is none), no relation word,
// foreign minister or diplomat, no one's stance (actor.Headline: a verb
// of speech outside an attribution, or a state speaking in one), and it
// asks or supposes nothing (an analysis of the states' conduct). A report's
// headline says what it is mainly about, and the guide's "armed conflict,
// attacks, casualties with no diplomatic angle" is not international
// relations however many states its body names (invented examples):
// "Air strikes kill dozens in border town", "Rebels storm camp, hundreds
// killed, UN says"; but "Three states urge the army to halt strikes",
// "Government denies drone attack on port" and "…shelling of the port a
// 'breach of the truce': minister" are stances on an attack, and "…as
// ceasefire talks resume" names a relation.
func (t *Tagger) violentHeadline(title, lang string, ms []actor.Mention) bool {
	violence := false
	for _, m := range ms {
		switch m.Kind {
		case actor.Violence:
			violence = violence || m.ReportsViolence()
		case actor.Relation:
			return false
		case actor.Office:
			if diplomatic(m) {
				return false
			}
		}
	}
	if !violence {
		return false
	}
	h := t.actors.Headline(title, lang, ms)
	return !h.Stance && !h.Conjecture
}
