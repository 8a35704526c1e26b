package asciicase

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// lowerByByte is Lower as one byte at a time does it.
func lowerByByte(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func TestLowerKeepsAllButASCIICapitals(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"already lower, 123.", "already lower, 123."},
		{"Jakarta", "jakarta"},
		{"ÉLYSÉE Palace", "\xc3\x89lys\xc3\x89e palace"},
		{"@[`{ AZ az", "@[`{ az az"},
		{"Eight bytes then A", "eight bytes then a"},
		{"ÀÁÂÃÄÅÆÇ", "ÀÁÂÃÄÅÆÇ"},
		{"Jakarta, INDONESIA", "jakarta, indonesia"},
		{"ÉLAN Café Z", "Élan café z"},
		{"A", "a"},
	} {
		if got := Lower(c.in); got != c.want {
			t.Errorf("Lower(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Every byte value at every position of the eight-byte words and the tail
// finds its capital as a byte-at-a-time scan does.
func TestIndexUpperEveryByteEveryPosition(t *testing.T) {
	for n := 1; n <= 19; n++ {
		for pos := range n {
			for c := range 256 {
				b := []byte(strings.Repeat("\xff", n))
				b[pos] = byte(c)
				want := -1
				if 'A' <= c && c <= 'Z' {
					want = pos
				}
				if got := IndexUpper(string(b)); got != want {
					t.Fatalf("IndexUpper(%q) = %d, want %d", b, got, want)
				}
			}
		}
	}
}

func TestLowerRandomTexts(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("AZaz@[`{09 .\x80\xc3\x89\xe2\x80\x99\xff")
	for range 20000 {
		b := make([]byte, r.IntN(40))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		if got, want := Lower(string(b)), lowerByByte(string(b)); got != want {
			t.Fatalf("Lower(%q) = %q, want %q", b, got, want)
		}
	}
}
