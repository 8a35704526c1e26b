package genre

import (
	"testing"

	"github.com/warta-news/warta/article"
)

// TestOfSoftDeskListicles: a list of things filed under a soft desk is a
// service piece; a count under a news desk, and a soft desk's headline
// that counts nothing, are news. The headlines and links are invented.
func TestOfSoftDeskListicles(t *testing.T) {
	d := New()
	for _, c := range []struct {
		title, link string
		want        Genre
	}{
		{"7 Cara Merawat Kulit Kering di Musim Hujan", "https://lifestyle.example.co.id/read/2026/01/05/1234/7-cara-merawat-kulit", Guide},
		{"5 steps to a calmer morning routine", "https://www.example.com/lifestyle/2026/jan/05/5-steps-calmer-morning", Guide},
		{"12 of Europe's most scenic rail journeys", "https://www.example.com/travel/article/scenic-rail-journeys/index.html", Guide},
		{"6 Film Korea yang Wajib Ditonton Akhir Pekan Ini", "https://www.example.id/hiburan/20260105-6-film-korea", Guide},
		// News: a count under a news desk, a soft desk without a count,
		// a year or a figure that opens a headline.
		{"5 killed as storm hits the coast of Vietnam", "https://www.example.com/world/2026/jan/05/storm-vietnam", News},
		{"7 Tewas dalam Banjir Bandang di Sumatra Barat", "https://news.example.co.id/berita/d-123/7-tewas-banjir", News},
		{"Tourists stranded as volcano erupts in Bali", "https://www.example.com/travel/2026/jan/05/bali-volcano", News},
		{"2026 Cannes jury named as festival opens", "https://www.example.com/culture/2026/05/12/cannes-jury", News},
		{"5% of flights cancelled in strike, airlines say", "https://www.example.com/travel/2026/jan/05/strike-flights", News},
		{"3 Menteri Dicopot dalam Perombakan Kabinet", "https://nasional.example.co.id/read/2026/01/05/3-menteri", News},
	} {
		a := &article.Article{Title: c.title, Link: c.link}
		if got := d.Of(a); got.Genre != c.want {
			t.Errorf("%q (%s): %v (%s), want %v", c.title, c.link, got.Genre, got.Cue, c.want)
		}
	}
}
