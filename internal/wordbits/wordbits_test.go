package wordbits

import (
	"fmt"
	"testing"
)

func TestAddedWordsPassOthersMostlyNot(t *testing.T) {
	var s Set
	if s.MayHave("") || s.MayHave("china") {
		t.Fatal("an empty set passes a word")
	}
	added := []string{"", "a", "as", "china", "amerika serikat", "perdana", "ñandú"}
	for _, w := range added {
		s.Add(w)
	}
	for _, w := range added {
		if !s.MayHave(w) {
			t.Errorf("added %q does not pass", w)
		}
	}
	passed := 0
	for i := range 10000 {
		if s.MayHave(fmt.Sprintf("word%d", i)) {
			passed++
		}
	}
	// 7 bits of 65,536 set: a word not added passes about once in 9,000.
	if passed > 20 {
		t.Errorf("%d of 10,000 words not added pass", passed)
	}
}
