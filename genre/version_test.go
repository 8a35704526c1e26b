package genre

import (
	"math/rand/v2"
	"testing"
)

// versionShaped gates the version pattern: it must hold for every title
// the pattern matches, or a release note would be read as news. Random
// titles over the bytes the pattern reads, and some written ones.
func TestVersionShapedHoldsForEveryVersion(t *testing.T) {
	d := New()
	titles := []string{"v1.2", "V2.0 released", "Tool 2.3.0", "2.0.0-rc1: fixes", "go1.26.0", "x v3 and 1.5", "Rp3.000", "1.5 persen", "v.1.2", "1..2.3"}
	r := rand.New(rand.NewPCG(5, 6))
	alphabet := []byte("vV0129.-a x")
	for range 200000 {
		b := make([]byte, 1+r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		titles = append(titles, string(b))
	}
	for _, s := range titles {
		if d.version.MatchString(s) && !versionShaped(s) {
			t.Errorf("the version pattern matches %q, versionShaped says no", s)
		}
	}
}
