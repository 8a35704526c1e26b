package genre

import (
	"testing"

	"github.com/warta-news/warta/article"
)

// More formats known by their names in a fixed place (genre5): a year in
// review, a week's quiz, a service piece on watching an event, a list of
// the best, first-person series; and news with the same words, which
// stays news. The headlines are written for this test; none comes from
// labelled data.
func TestOfMoreFormatMarkers(t *testing.T) {
	judgeTitles(t, []titleCase{
		// M4: the Indonesian press's year in review.
		{"Kaleidoskop 2025: Banjir Besar dan Pemilu Daerah", History},
		{"Kaleidoskop 2024 : Deretan Bencana Alam di Dunia", History},
		// M5: a week's quiz.
		{"Quiz of the week: Which minister resigned by text message?", Puzzle},
		// M7: a list of the best.
		{"12 of the best walks on the Welsh coast", Guide},
		// M8: first-person series.
		{"My Money: 'I spend too much on takeaways'", Profile},
		{"My Job: 'Nobody believes I am a lighthouse keeper'", Profile},
		{"A moment that changed me: I lost my voice for a year", Profile},

		// News with the same words.
		{"Kaleidoskop Budaya Digelar di Taman Ismail Marzuki", News},
		{"Kaleidoskop 2025 Dibatalkan: Panitia Beralasan Cuaca", News},
		{"Festival Kaleidoskop 2025: Ribuan Warga Padati Alun-alun", News},
		{"Kisah Warga Selamat dari Banjir Bandang di Sumatra", News},
		{"Profil Menteri Baru yang Dilantik Presiden Hari Ini", News},
		{"Quiz show host arrested over fraud", News},
		{"Quiz of the week host charged: broadcaster suspends show", News},
		{"Regulators weigh how to watch crypto exchanges", News},
		{"Teachers trained in how to watch for signs of abuse", News},
		{"Police told how to watch protesters, leaked memo shows", News},
		{"3 of the best-paid executives charged with fraud", News},
		{"Two of the best players banned for doping", News},
		{"'My job is safe': minister defies calls to quit", News},
		{"My job was to follow orders, soldier tells tribunal", News},
		{"A moment that changed the election: the debate gaffe", News},
	})
}

// M1–M3: link sections only links have — a church's news of itself, an
// outlet's notes on itself, reading lists and book notices — and reports
// under links that carry the words elsewhere, which stay news.
func TestOfMoreFormatLinks(t *testing.T) {
	d := New()
	for _, c := range []struct {
		link string
		want Genre
	}{
		{"https://www.example-church.org/church-news/story123-members-help-after-storm", Notice},
		{"https://www.example-magazine.in/bookshelf/the-long-road-home", Guide},
		{"https://www.example.co.uk/books/what-to-read/review-a-novel-of-the-sea/", Guide},
		{"https://www.example.fr/en/summer-reads/article/2026/08/01/a-song-of-the-rain", Guide},
		// The words in a report's slug, or a longer section name.
		{"https://news.example.com/world/2026/01/08/church-news-agency-raided", News},
		{"https://news.example.com/2026/01/08/info-minister-resigns", News},
		{"https://news.example.com/infographics/2026/01/08/election-results", News},
		{"https://news.example.com/books/2026/01/08/publisher-fined-over-memoir", News},
		{"https://news.example.com/world/bookshelf-fire-kills-two", News},
	} {
		a := article.Article{Title: "Members help after the storm", Text: "Text.", Link: c.link}
		if got := d.Of(&a); got.Genre != c.want {
			t.Errorf("%s: got %v (%s), want %v", c.link, got.Genre, got.Cue, c.want)
		}
	}
}
