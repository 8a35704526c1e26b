package genre

import (
	"testing"

	"github.com/warta-news/warta/article"
)

// The items are written for this test in the shapes real feeds carry; none
// comes from labelled data.
func TestOf(t *testing.T) {
	d := New()
	for _, c := range []struct {
		a    article.Article
		want Genre
	}{
		{article.Article{Title: "Episode 41: What the summit in Geneva means for Iran", Text: "This week we talk to two former diplomats."}, Podcast},
		{article.Article{Title: "Ep. 7 — Sanctions, explained", Text: "Listen now."}, Podcast},
		{article.Article{Title: "#112: The Security Council at eighty", Text: "Our guest is a former ambassador."}, Podcast},
		{article.Article{Title: "The foreign policy show", Link: "https://example.com/podcasts/foreign-policy-show/123", Text: "A conversation."}, Podcast},
		{article.Article{Title: "Minggu ini", Link: "https://cdn.example.com/audio/2023-05-01.mp3"}, Podcast},
		{article.Article{Title: "Podcast: Menlu dan diplomasi vaksin", Text: "Simak obrolan kami."}, Podcast},
		{article.Article{Title: "v1.4.2", Text: "Fixes a crash when the treaty list is empty."}, Release},
		{article.Article{Title: "warta 2.3.0", Text: "Adds sanctions feeds."}, Release},
		{article.Article{Title: "Release 3.1: faster imports", Text: "Changes since 3.0."}, Release},
		{article.Article{Title: "Changelog for May", Text: "New: embassy locator."}, Release},
		{article.Article{Title: "Anything", Link: "https://github.com/example/tool/releases/tag/v0.9.1"}, Release},
		{article.Article{Title: "Sinopsis Kisah Cinta Kamis 4 Mei: Raja Usir Putri dari Istana", Text: "Raja marah besar."}, Synopsis},
		{article.Article{Title: "Drama Keluarga Season 3 Episode 12 recap", Text: "The family flees abroad."}, Synopsis},
		{article.Article{Title: "Love in Seoul S02E05", Text: "The ambassador's daughter returns."}, Synopsis},
		{article.Article{Title: "RT @ministry: The minister met her counterpart", Text: "RT @ministry: The minister met her counterpart"}, Social},
		{article.Article{Title: "Great talks today with our friends from #Japan", Text: "Great talks today with our friends from #Japan @embassy #diplomacy"}, Social},
		{article.Article{Title: "Statement", Link: "https://x.com/ministry/status/123456"}, Social},
		{article.Article{Title: "Weekly briefing: the sanctions vote", Link: "https://www.buzzsprout.com/123/456-weekly-briefing", Text: "Our correspondents on the vote."}, Podcast},
		{article.Article{Title: "Siniar: Menlu dan diplomasi maritim", Text: "Obrolan tentang laut."}, Podcast},
		{article.Article{Title: "Why the summit failed", Text: "In this episode, two former ambassadors on the talks in Geneva and the sanctions that followed."}, Podcast},
		{article.Article{Title: "Mengapa KTT gagal", Text: "Di episode ini, dua mantan duta besar membahas perundingan di Jenewa."}, Podcast},
		{article.Article{Title: "", Text: "Met my counterpart from Japan today. Good talks on maritime cooperation."}, Social},
		{article.Article{Title: "The minister met her counterpart", Link: "https://social.example.org/@ministry/112233445566"}, Social},
		{article.Article{Title: "Foreign ministers of Japan and Korea meet in Seoul", Text: "SEOUL (Reuters) - The foreign ministers of Japan and South Korea met on Tuesday."}, News},
		{article.Article{Title: "Hostages released after talks mediated by Qatar", Text: "Doha - Five hostages were released on Monday."}, News},
		{article.Article{Title: "Ekonomi tumbuh 5.1 persen pada kuartal I", Text: "Jakarta - Badan Pusat Statistik mencatat pertumbuhan 5.1 persen."}, News},
		{article.Article{Title: "GDP grew 2.5% as exports rose 1.2.", Text: "Growth beat forecasts."}, News},
		{article.Article{Title: "Saudi Arabia to release 3.5 million barrels from reserves", Text: "Riyadh - The kingdom said."}, News},
		{article.Article{Title: "A new episode in the border dispute", Text: "Talks resumed in Beijing."}, News},
		{article.Article{Title: "A new episode in the long border dispute", Text: "In the latest episode of a decades-old dispute, the two governments recalled their ambassadors."}, News},
		{article.Article{Title: "Profile", Link: "https://news.example.com/@editors/about"}, News},
		{article.Article{Title: "Menlu Retno kunjungi Washington", Link: "https://www.example.co.id/tag/diplomasi/berita/123", Text: "Jakarta - Menteri Luar Negeri bertolak ke AS."}, News},
	} {
		if got := d.Of(&c.a); got.Genre != c.want {
			t.Errorf("%q: got %v (%s), want %v", c.a.Title, got.Genre, got.Cue, c.want)
		}
	}
}
