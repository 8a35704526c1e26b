package topiceval

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"testing"

	"github.com/warta-news/warta/genre"
)

// genreVerdictsPinned are, per genre.Version, a digest of the genre's
// verdicts (the genre, not the cue's wording) on every item of the labelled streams'
// snapshots (genreVerdictsDigest).
var genreVerdictsPinned = map[string]string{
	"17": "33176d44de935b53",
	"18": "2dae1e0a90af2df9",
	"19": "eb3d1c5d16e1b518",
	"20": "f2b5f59b952fccdb",
	"21": "09b28b3232fec7d3",
	"22": "203e322b0090524f",
}

// TestGenreVersionPinsTheVerdicts: the genre's verdicts on the
// repository's real feed snapshots change only with genre.Version, which
// tells a store that its items' verdicts are stale and have them judged
// again (genre.Older). A change of the cues that leaves the version alone
// fails here (the twenty-third session's programme cue first did).
func TestGenreVersionPinsTheVerdicts(t *testing.T) {
	got := genreVerdictsDigest(t)
	want, ok := genreVerdictsPinned[genre.Version]
	if !ok || got != want {
		t.Errorf("the genre's verdicts on the labelled streams digest to %s, pinned for version %s: %q; when the cues changed, raise genre.Version and pin the new digest under it", got, genre.Version, want)
	}
}

// genreVerdictsDigest is the first 16 hexadecimal digits of the SHA-256 of
// every labelled stream's items' genre verdicts, a line per item in the
// streams' and the items' order.
func genreVerdictsDigest(t *testing.T) string {
	t.Helper()
	streams, tg := loadStreams(t, func(streamsDir, labelsDir string) ([]string, error) {
		names, err := LabelledStreams(streamsDir, labelsDir)
		slices.Sort(names)
		return names, err
	})
	h := sha256.New()
	for _, s := range streams {
		for _, a := range s.Articles {
			v := tg.Genres().OfWithFeed(a, a.FeedGenre)
			fmt.Fprintf(h, "%s\t%s\t%s\n", s.Name, a.ID, v.Genre.Name())
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))[:16]
}
