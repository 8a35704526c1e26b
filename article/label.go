package article

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Label is a reader's verdict on a story: it is (Of) or is not of Topic,
// whatever the tagger says. It holds for every article of the story,
// those that join it later included, until the reader clears it: the
// tagger decides one article at a time, a reader who has read the story
// decides for all of it.
type Label struct {
	Story string `json:"story"`
	Topic string `json:"topic"` // a topic's slug
	Of    bool   `json:"of"`
	// Note is the reader's reason, if given; At when the label was set.
	Note string    `json:"note,omitempty"`
	At   time.Time `json:"at"`
}

// NoteFits reports whether note may be kept as a reader's reason (a
// label's or a join's Note): UTF-8 text of at most MaxLabelNote
// characters.
func NoteFits(note string) bool {
	return utf8.ValidString(note) && utf8.RuneCountInString(note) <= MaxLabelNote
}

// MaxLabelNote is the longest Note `warta label`, `warta join` and the
// labels API keep, in characters: a reason, not an essay.
const MaxLabelNote = 500

// LabelSet is a set of labels by story, then topic: what a cycle applies.
type LabelSet map[string]map[string]Label

// NewLabelSet indexes ls; a later label of the same story and topic
// replaces an earlier one.
func NewLabelSet(ls []Label) LabelSet {
	set := LabelSet{}
	for _, l := range ls {
		if set[l.Story] == nil {
			set[l.Story] = map[string]Label{}
		}
		set[l.Story][l.Topic] = l
	}
	return set
}

// Of returns the labels of story, ordered by topic.
func (s LabelSet) Of(story string) []Label {
	out := make([]Label, 0, len(s[story]))
	for _, l := range s[story] {
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b Label) int { return strings.Compare(a.Topic, b.Topic) })
	return out
}

// Verdict reports the label of story on topic: whether it is of it, and
// whether there is a label at all.
func (s LabelSet) Verdict(story, topic string) (of, labelled bool) {
	l, ok := s[story][topic]
	return l.Of, ok
}

// Apply returns topics, an article of story as the tagger tagged it, with
// the story's labels applied: a topic it is labelled not of is removed, a
// topic it is labelled of is added (with no score and no terms: no rule
// gave it) where the tagger did not give it. It reports whether anything
// changed; topics itself is not modified.
func (s LabelSet) Apply(story string, topics []TopicMatch) ([]TopicMatch, bool) {
	ls := s[story]
	if len(ls) == 0 {
		return topics, false
	}
	out := make([]TopicMatch, 0, len(topics)+len(ls))
	changed := false
	have := map[string]bool{}
	for _, t := range topics {
		if l, ok := ls[t.Slug]; ok && !l.Of {
			changed = true
			continue
		}
		have[t.Slug] = true
		out = append(out, t)
	}
	for _, l := range s.Of(story) {
		if l.Of && !have[l.Topic] {
			out = append(out, TopicMatch{Slug: l.Topic})
			changed = true
		}
	}
	if !changed {
		return topics, false
	}
	return out, true
}
