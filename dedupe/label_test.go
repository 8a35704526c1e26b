package dedupe

import (
	"testing"

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
// name ("Ekonomi", "Politik dan Hukum") gives items of one desk one whole
// title. Two such items with different links and texts about different
// events are not one story, and with no text they are not copies either.
// (Titles and texts written for this test.)
func TestDeskLabelIsNoHeadline(t *testing.T) {
	texts := [][2]string{
		{"Bank sentral menahan suku bunga acuan di level 5,75 persen pada rapat bulan ini untuk menjaga nilai tukar rupiah.",
			"Harga beras medium di pasar induk naik tiga hari berturut-turut karena pasokan dari sentra produksi di Jawa Tengah berkurang."},
		{"Komisi Pemilihan Umum menetapkan jadwal pendaftaran calon anggota legislatif dimulai awal bulan depan di seluruh provinsi.",
			"Pengadilan negeri menjatuhkan vonis enam tahun penjara kepada mantan kepala dinas dalam perkara korupsi pengadaan alat kesehatan."},
	}
	for i, title := range []string{"Ekonomi", "Politik dan Hukum"} {
		for _, withText := range []bool{false, true} {
			x, y := art(hexID(10*i+1), title, "", t0), art(hexID(10*i+2), title, "", t0)
			x.URL, y.URL = "https://example.org/desk/a", "https://example.org/desk/b"
			if withText {
				x.Text, y.Text = texts[i][0], texts[i][1]
			}
			ix := NewIndex(Options{})
			assignFeed(ix, []*article.Article{x, y})
			if y.StoryID == x.StoryID {
				t.Errorf("%q, text %v: two items of a desk joined as one story (%+v)", title, withText, y.StoryMatch)
			}
		}
	}
}
