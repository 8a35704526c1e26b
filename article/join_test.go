package article

import (
	"slices"
	"strings"
	"testing"
)

func TestStoryJoinedFrom(t *testing.T) {
	art := func(id, matched string) *Article {
		return &Article{ID: id, StoryID: "a", StoryMatch: StoryMatch{MatchedID: matched}}
	}
	s := &Story{ID: "a", Lead: art("a", ""), Copies: []*Article{
		art("a2", "a"),        // a copy of the story's own lead
		art("b", "a"),         // the joined story's lead (MethodJoin: matched the story it joined)
		art("b2", "b"),        // a copy of it
		art("b3", "b2"),       // a copy of its copy
		art("later", "b3"),    // joined after the join, by matching one of b's
		art("c", "gone"),      // matched an article no longer stored
		art("d", "b-pruned"),  // another chain that breaks, not at former
		art("loop1", "loop2"), // stored data with a loop
		art("loop2", "loop1"),
	}}
	got := s.JoinedFrom("b")
	want := []string{"b", "b2", "b3", "later"}
	if !slices.Equal(got, want) {
		t.Errorf("JoinedFrom(b) = %v, want %v", got, want)
	}
	// A chain that breaks at former's own (pruned) lead still reaches it.
	s.Copies = append(s.Copies, art("e", "x"), art("e2", "e"))
	if got := s.JoinedFrom("x"); !slices.Equal(got, []string{"e", "e2"}) {
		t.Errorf("JoinedFrom(x), x's lead pruned = %v, want [e e2]", got)
	}
	if got := s.JoinedFrom("nobody"); len(got) != 0 {
		t.Errorf("JoinedFrom(nobody) = %v, want none", got)
	}
}

func TestNoteFits(t *testing.T) {
	for note, want := range map[string]bool{
		"":                                  true,
		strings.Repeat("é", MaxLabelNote):   true, // characters, not bytes
		strings.Repeat("é", MaxLabelNote+1): false,
		"a reason \xff":                     false,
		"one meeting, two outlets' words":   true,
	} {
		if got := NoteFits(note); got != want {
			t.Errorf("NoteFits(%.20q…) = %v, want %v", note, got, want)
		}
	}
}
