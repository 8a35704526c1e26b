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
// name gives items of one desk one whole title. Two such items with
// different links and texts about different events are not one story,
// and with no text they are not copies either: a title of one content
// word ("Ekonomi"), and a longer one that names the item's own section,
// as its link's section directory ("Politik dan Hukum" under
// /politik-dan-hukum/) or its feed category ("Olahraga Nasional").
// (Titles, links and texts written for this test.)
func TestDeskLabelIsNoHeadline(t *testing.T) {
	texts := [2]string{
		"Bank sentral menahan suku bunga acuan di level 5,75 persen pada rapat bulan ini untuk menjaga nilai tukar rupiah.",
		"Harga beras medium di pasar induk naik tiga hari berturut-turut karena pasokan dari sentra produksi di Jawa Tengah berkurang.",
	}
	cases := []struct {
		title      string
		links      [2]string
		categories []string
	}{
		{"Ekonomi", [2]string{"https://example.org/desk/a", "https://example.org/desk/b"}, nil},
		{"Politik dan Hukum", [2]string{
			"https://m.example.org/politik-dan-hukum/503454/bank-sentral-tahan-suku-bunga-acuan",
			"https://m.example.org/politik-dan-hukum/503455/harga-beras-naik-tiga-hari-berturut-turut",
		}, nil},
		{"Olahraga Nasional", [2]string{"https://example.org/read/81234", "https://example.org/read/81235"}, []string{"Olahraga Nasional"}},
	}
	for _, c := range cases {
		for _, withText := range []bool{false, true} {
			x, y := art(hexID(1), c.title, "", t0), art(hexID(2), c.title, "", t0)
			x.URL, y.URL = c.links[0], c.links[1]
			x.Categories, y.Categories = c.categories, c.categories
			if withText {
				x.Text, y.Text = texts[0], texts[1]
			}
			ix := NewIndex(Options{})
			assignFeed(ix, []*article.Article{x, y})
			if y.StoryID == x.StoryID {
				t.Errorf("%q, text %v: two items of a desk joined as one story (%+v)", c.title, withText, y.StoryMatch)
			}
		}
	}
}

// TestSectionHeadlineStaysHeadline: a headline is no label for lying in a
// section. An outlet that gives one headline two links (its slug the
// last segment of one link, followed by /amp in the other) republishes one
// story; a one-topic feed whose every item lies under one section and
// category carries real headlines, and another outlet's same headline is
// one story with it. (Titles and links written for this test.)
func TestSectionHeadlineStaysHeadline(t *testing.T) {
	const title = "Gempa magnitudo 5,6 guncang Cianjur, puluhan rumah rusak"
	cases := []struct {
		name       string
		links      [2]string
		categories [2][]string
	}{
		{"republished", [2]string{
			"https://example.org/nasional/20221121/gempa-magnitudo-5-6-guncang-cianjur-puluhan-rumah-rusak",
			"https://example.org/gempa-magnitudo-5-6-guncang-cianjur-puluhan-rumah-rusak/amp",
		}, [2][]string{{"Nasional"}, nil}},
		{"one-topic feed", [2]string{
			"https://bencana.example.org/gempa/7781/gempa-cianjur",
			"https://example.net/berita/gempa-magnitudo-5-6-guncang-cianjur-puluhan-rumah-rusak",
		}, [2][]string{{"Gempa", "Bencana Alam"}, {"Berita"}}},
	}
	for _, c := range cases {
		for _, withText := range []bool{false, true} {
			x, y := art(hexID(11), title, "", t0), art(hexID(12), title, "", t0.Add(time.Minute))
			x.URL, y.URL = c.links[0], c.links[1]
			x.Categories, y.Categories = c.categories[0], c.categories[1]
			if withText {
				x.Text = "Gempa bumi bermagnitudo 5,6 mengguncang Kabupaten Cianjur, Jawa Barat, Senin siang; puluhan rumah rusak dan warga mengungsi."
				y.Text = x.Text
			}
			ix := NewIndex(Options{})
			assignFeed(ix, []*article.Article{x, y})
			if y.StoryID != x.StoryID {
				t.Errorf("%s, text %v: one headline under two links is two stories (%+v)", c.name, withText, y.StoryMatch)
			}
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
