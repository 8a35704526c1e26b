package dedupe

import (
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// assignFeed assigns one fetch of a feed's items to stories, in order, as
// the pipeline does.
func assignFeed(ix *Index, arts []*article.Article) {
	for _, a := range arts {
		ix.Assign(a)
	}
}

// TestDeskLabelIsNoHeadline: a feed that titles its items with its desk's
// name ("Ekonomi") gives items of one desk one whole title. Two such
// items with different links and texts about different events are not
// one story, and with no text they are not copies either.
// (Titles and texts written for this test.)
func TestDeskLabelIsNoHeadline(t *testing.T) {
	// A desk name of two content words ("Politik dan Hukum") is open
	// (issue 13): only the feed's view tells it from a headline (two items
	// under it), and L2's view of one fetch lost same-story pairs of
	// headlines a feed gave two links (BENCHMARKS.md, branch labeltitle).
	const title = "Ekonomi"
	for _, withText := range []bool{false, true} {
		x, y := art(hexID(1), title, "", t0), art(hexID(2), title, "", t0)
		x.URL, y.URL = "https://example.org/desk/a", "https://example.org/desk/b"
		if withText {
			x.Text = "Bank sentral menahan suku bunga acuan di level 5,75 persen pada rapat bulan ini untuk menjaga nilai tukar rupiah."
			y.Text = "Harga beras medium di pasar induk naik tiga hari berturut-turut karena pasokan dari sentra produksi di Jawa Tengah berkurang."
		}
		ix := NewIndex(Options{})
		assignFeed(ix, []*article.Article{x, y})
		if y.StoryID == x.StoryID {
			t.Errorf("%q, text %v: two items of a desk joined as one story (%+v)", title, withText, y.StoryMatch)
		}
	}
}

// TestDeskLabelCopyByText: an item titled with a label still has its
// text's copy sketch, so the same text under a desk's name and under a
// headline elsewhere is one story.
func TestDeskLabelCopyByText(t *testing.T) {
	x := art(hexID(31), idTitle, idText, t0)
	y := art(hexID(32), "Ekonomi", idText, t0.Add(time.Hour))
	ix := NewIndex(Options{})
	assignFeed(ix, []*article.Article{x, y})
	if y.StoryID != x.StoryID {
		t.Errorf("the same text under a desk's name is no copy (%+v)", y.StoryMatch)
	}
}
