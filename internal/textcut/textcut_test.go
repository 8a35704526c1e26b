package textcut

import "testing"

func TestAtWord(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"Short text.", 100, "Short text."},
		{"Short text.", 11, "Short text."},
		{"No sentence ends within the cut at all here", 20, "No sentence ends"},
		{"Überall Ümlaute", 2, "Ü"},
		{"Überall", 1, ""},
		{"abcdef", 3, "abc"},
		{" leading", 4, " lea"}, // a space at 0 ends no word
	} {
		if got := AtWord(c.s, c.n); got != c.want {
			t.Errorf("AtWord(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}
