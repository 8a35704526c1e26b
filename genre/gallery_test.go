package genre

import (
	"testing"

	"github.com/warta-news/warta/article"
)

// Photo galleries and photo pages, marked as publishers mark them, and
// news that mentions photos, which stays news. The items are written for
// this test; none comes from labelled data.
func TestOfGallery(t *testing.T) {
	d := New()
	for _, c := range []struct {
		a    article.Article
		want Genre
	}{
		// Kickers before the headline.
		{article.Article{Title: "Photos: Floods sweep through Jakarta's eastern districts", Text: "Residents waded."}, Gallery},
		{article.Article{Title: "Photo: The summit's family picture in Bali", Text: "Leaders posed."}, Gallery},
		{article.Article{Title: "In pictures: Ukraine's long winter", Text: "Kyiv."}, Gallery},
		// Republika's kicker, in the singular.
		{article.Article{Title: "In Picture: Festival Layang-Layang di Pantai Parangtritis", Text: "Warga."}, Gallery},
		{article.Article{Title: "In Photos: Protesters fill the streets of Tbilisi", Text: "Thousands marched."}, Gallery},
		{article.Article{Title: "FOTO: Banjir Rendam Ribuan Rumah di Bekasi", Text: "Warga mengungsi."}, Gallery},
		{article.Article{Title: "Foto: Presiden Sambut Tamu Negara di Istana", Text: "Upacara."}, Gallery},
		{article.Article{Title: "Galeri Foto: Suasana Mudik di Pelabuhan Merak", Text: "Pemudik."}, Gallery},
		{article.Article{Title: "[FOTO] Kebakaran Hutan di Riau Meluas", Text: "Asap."}, Gallery},
		{article.Article{Title: "Photo gallery: The coronation in London", Text: "Crowds."}, Gallery},
		{article.Article{Title: "Photo essay: Life after the earthquake in Turkey", Text: "Survivors."}, Gallery},
		// Kickers after the headline.
		{article.Article{Title: "The Pope's visit to Jakarta – in pictures", Text: "Crowds."}, Gallery},
		{article.Article{Title: "Storm batters the Philippines - in pictures", Text: "Typhoon."}, Gallery},
		{article.Article{Title: "Election day across India | Photo gallery", Text: "Voters."}, Gallery},
		{article.Article{Title: "Suasana Sidang Umum PBB (Galeri Foto)", Text: "Delegasi."}, Gallery},
		{article.Article{Title: "Life after the flood [Photo essay]", Text: "Survivors."}, Gallery},
		// "in pictures" with no separator after a period only.
		{article.Article{Title: "The year in pictures", Text: "2025."}, Gallery},
		{article.Article{Title: "The year in photos", Text: "2025."}, Gallery},
		{article.Article{Title: "2025 in pictures", Text: "2025."}, Gallery},
		{article.Article{Title: "2025 in photos", Text: "2025."}, Gallery},
		{article.Article{Title: "Week 12 in pictures", Text: "Week."}, Gallery},
		{article.Article{Title: "May 2025 in photos", Text: "May."}, Gallery},
		// A headline that is only the genre's name and a date or number.
		{article.Article{Title: "Today's Gallery (2026.02.20)", Text: "Pictures."}, Gallery},
		{article.Article{Title: "Photos of the day", Text: "Pictures."}, Gallery},
		{article.Article{Title: "Photos of the day: March 3, 2026", Text: "Pictures."}, Gallery},
		{article.Article{Title: "The week in pictures", Text: "Pictures."}, Gallery},
		{article.Article{Title: "Top photos of the day", Text: "Pictures."}, Gallery},
		{article.Article{Title: "Foto Hari Ini", Text: "Foto."}, Gallery},
		{article.Article{Title: "Foto Pilihan 12 Mei 2025", Text: "Foto."}, Gallery},

		// News that mentions photos stays news.
		{article.Article{Title: "Leaked photos show damage at Russian air base", Text: "Satellite images."}, News},
		{article.Article{Title: "In picture-perfect weather, thousands run the Jakarta marathon", Text: "Runners."}, News},
		{article.Article{Title: "Foto Viral Menteri Naik Ojek ke Kantor", Text: "Menteri."}, News},
		{article.Article{Title: "Photo shows Kim Jong Un inspecting missile site", Text: "State media."}, News},
		{article.Article{Title: "National Gallery closes after climate protest", Text: "Activists."}, News},
		{article.Article{Title: "Photographer detained in Myanmar, press group says", Text: "Detained."}, News},
		{article.Article{Title: "Polisi Periksa Foto Pelaku Penembakan", Text: "Polisi."}, News},
		{article.Article{Title: "Minister caught in photos with lobbyist resigns", Text: "Resigned."}, News},
		{article.Article{Title: "Pictures of the summit were staged, opposition claims", Text: "Claim."}, News},
		{article.Article{Title: "Galeri Nasional Gelar Pameran Seni Palestina", Text: "Pameran."}, News},
		{article.Article{Title: "Today's gallery opening draws protest", Text: "Protest."}, News},
		{article.Article{Title: "Photos of the day of the coup emerge", Text: "Coup."}, News},
		// One-word marks after a headline are a photo embed's, not a
		// gallery's: many outlets add "(Photos)" to a report.
		{article.Article{Title: "Gunmen attack village in Zamfara (Photos)", Text: "Gunmen."}, News},
		{article.Article{Title: "Buhari meets service chiefs in Aso Rock [PHOTOS]", Text: "Meeting."}, News},
		{article.Article{Title: "Man arrested after wild police chase (PHOTOS)", Text: "Chase."}, News},
		{article.Article{Title: "Police parade suspected kidnappers [PHOTO]", Text: "Parade."}, News},
		{article.Article{Title: "Bomb blast rocks market – Photos", Text: "Blast."}, News},
		{article.Article{Title: "Kapolri tinjau lokasi banjir | Foto", Text: "Banjir."}, News},
		{article.Article{Title: "Suasana Sidang Umum PBB (Foto)", Text: "Delegasi."}, News},
		{article.Article{Title: "Flood hits the valley | Gallery", Text: "Flood."}, News},
		// "in pictures" with no separator after anything but a period is
		// a phrase of the report.
		{article.Article{Title: "Trump says he never looks good in pictures", Text: "Trump."}, News},
		{article.Article{Title: "Drug smugglers hid cocaine in pictures", Text: "Cocaine."}, News},
		{article.Article{Title: "Why AI struggles with hands in pictures", Text: "AI."}, News},
		{article.Article{Title: "Protesters march in photos", Text: "March."}, News},
		// A month that is a word is a month only beside a number.
		{article.Article{Title: "May photos", Text: "Photos."}, News},
		// A photo desk's link or category alone makes no gallery: the
		// streams' readers took photo pages with a report's headline for news.
		{article.Article{Title: "Mudik 2025", Categories: []string{"Foto"}, Text: "Mudik."}, News},
		{article.Article{Title: "The eclipse", Categories: []string{"Photos"}, Text: "Sky."}, News},
		{article.Article{Title: "Festival budaya", Categories: []string{"Galeri"}, Text: "Festival."}, News},
		{article.Article{Title: "Life after the earthquake", Categories: []string{"Photo Essay"}, Text: "Survivors."}, News},
		{article.Article{Title: "Warga antre minyak goreng", Link: "https://foto.detik.com/berita/d-1234567/warga-antre-minyak-goreng", Text: "Antre."}, News},
		{article.Article{Title: "Demo buruh di depan DPR", Link: "https://news.detik.com/foto-news/d-1234567/demo-buruh-di-depan-dpr", Text: "Buruh."}, News},
		{article.Article{Title: "Wildfires in Greece", Link: "https://www.example.com/world/gallery/2023/jul/20/wildfires-greece", Text: "Fire."}, News},
		{article.Article{Title: "Wildfires in Greece", Link: "https://www.example.com/news/in-pictures-66123456", Text: "Fire."}, News},
		{article.Article{Title: "The flood", Link: "https://www.example.com/photos/2024/the-flood", Text: "Water."}, News},
		{article.Article{Title: "Pasar malam", Link: "https://www.example.co.id/galeri/pasar-malam-123", Text: "Pasar."}, News},
		{article.Article{Title: "Pasar malam", Link: "https://www.example.co.id/foto/pasar-malam-123", Text: "Pasar."}, News},
		{article.Article{Title: "The parade", Link: "https://www.example.com/photo-gallery/the-parade", Text: "Parade."}, News},
		{article.Article{Title: "Museum foto Kiev dibom", Link: "https://www.example.com/world/europe/photo-museum-bombed-123", Text: "Kyiv."}, News},
		{article.Article{Title: "Menlu bertemu Dubes", Link: "https://news.example.co.id/berita/foto-viral-menlu-123", Text: "Menlu."}, News},
	} {
		got := d.Of(&c.a)
		if got.Genre != c.want {
			t.Errorf("%q: got %v (%s), want %v", c.a.Title, got.Genre, got.Cue, c.want)
		}
		if !got.IsNews() && got.Cue == "" {
			t.Errorf("%q: %v names no cue", c.a.Title, got.Genre)
		}
	}
	if g, ok := Parse("gallery"); !ok || g != Gallery {
		t.Errorf(`Parse("gallery") = %v, %v; want gallery`, g, ok)
	}
}
