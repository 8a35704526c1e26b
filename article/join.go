package article

import "time"

// Join is a reader's verdict that two stories are one event: the index
// keeps stories told in other words apart unless the evidence is strong
// (precision first), and a reader who has read both can fold them. Every
// article of Story became an article of Into, which keeps its ID (a
// story's ID never changes; Story's is no story's now, and its page leads
// to Into's). Into is the story whose lead was first seen first, so a
// story index rebuilt from the store, oldest article first, meets Into's
// lead before any article joined to it.
type Join struct {
	Story string `json:"story"` // the joined story's ID: its lead's article ID
	Into  string `json:"into"`
	// Note is the reader's reason, if given (at most MaxLabelNote
	// characters); At when the stories were joined.
	Note string    `json:"note,omitempty"`
	At   time.Time `json:"at"`
	// Labels are the labels Story had when it was joined, by topic: each
	// went to Into where Into had none of its topic, else gave way to
	// Into's own; undoing the join gives them all back.
	Labels []Label `json:"labels,omitempty"`
}

// MethodJoin is the StoryMatch.Method of a joined story's lead, whose
// MatchedID is the story it was joined into: a reader joined it, no
// similarity did.
const MethodJoin = "reader's join"

// JoinedFrom returns the IDs of the articles of s that came with story
// former when it was joined into s, those joined to them since included:
// former's lead, and every article whose chain of matches (StoryMatch
// .MatchedID, from article to article of s) reaches it. Undoing the join
// gives them back to former. An article whose chain breaks at one no
// longer stored stays, unless the break names former itself.
func (s *Story) JoinedFrom(former string) []string {
	arts := s.Articles()
	byID := make(map[string]*Article, len(arts))
	for _, a := range arts {
		byID[a.ID] = a
	}
	var out []string
	for _, a := range arts {
		cur := a.ID
		// A chain longer than the story's articles loops: no match
		// chain the index records does, but stored data may.
		for range len(arts) + 1 {
			if cur == former {
				out = append(out, a.ID)
				break
			}
			next, ok := byID[cur]
			if !ok || next.StoryMatch.MatchedID == "" {
				break
			}
			cur = next.StoryMatch.MatchedID
		}
	}
	return out
}
