package genre

import (
	"strconv"
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
		// Items inside news feeds that are not reports, marked as
		// publishers mark them, and news that uses the same words in
		// other senses.
		// Sponsored content: a title's marker, a category, a link's path or host, the text's closing mark.
		{article.Article{Title: "Sponsored: How green bonds finance Asia's ports", Text: "Paid for by a bank."}, Sponsored},
		{article.Article{Title: "SPONSORED | The future of trade in the Gulf", Text: "A partner's view."}, Sponsored},
		{article.Article{Title: "[ADV] Pemkab Gelar Festival Budaya Nusantara", Text: "Bupati membuka festival."}, Sponsored},
		{article.Article{Title: "Pemprov Raih Penghargaan Pelayanan Publik (Advertorial)", Text: "Gubernur menerima penghargaan."}, Sponsored},
		{article.Article{Title: "Bank daerah salurkan kredit UMKM - Advertorial", Text: "Kredit disalurkan."}, Sponsored},
		{article.Article{Title: "Paid post: Travelling the Silk Road by rail", Text: "A journey."}, Sponsored},
		{article.Article{Title: "Promoted: Five ways to invest abroad", Text: "Advice."}, Sponsored},
		{article.Article{Title: "Investasi hijau untuk masa depan", Categories: []string{"Konten Kerja Sama"}, Text: "Perusahaan berkomitmen."}, Sponsored},
		{article.Article{Title: "Kota pintar di Asia Tenggara", Categories: []string{"Advertorial"}, Text: "Kota tumbuh."}, Sponsored},
		{article.Article{Title: "A bank's bet on Africa", Categories: []string{"Sponsored Content"}, Text: "Growth."}, Sponsored},
		{article.Article{Title: "Ports of the future", Categories: []string{"Partner content"}, Text: "Shipping."}, Sponsored},
		{article.Article{Title: "Rumah sakit baru diresmikan", Link: "https://news.example.co.id/adv/2023/05/01/rumah-sakit-baru", Text: "Wali kota meresmikan."}, Sponsored},
		{article.Article{Title: "Festival kopi digelar", Link: "https://www.example.co.id/advertorial/festival-kopi-123", Text: "Festival."}, Sponsored},
		{article.Article{Title: "Green shipping", Link: "https://www.example.com/sponsored/green-shipping", Text: "Ships."}, Sponsored},
		{article.Article{Title: "A brand's journey", Link: "https://www.example.com/brandstory/a-brands-journey", Text: "Journey."}, Sponsored},
		{article.Article{Title: "The new Silk Road", Link: "https://paidpost.example.com/bank/the-new-silk-road.html", Text: "Trade."}, Sponsored},
		{article.Article{Title: "Pemkab salurkan bantuan beras", Text: "Bupati menyerahkan bantuan beras kepada warga di tiga kecamatan. (adv)"}, Sponsored},
		{article.Article{Title: "Desa wisata diresmikan", Text: "ADVERTORIAL - Bupati meresmikan desa wisata baru."}, Sponsored},
		// Today in history.
		{article.Article{Title: "Hari Ini dalam Sejarah: 18 April 1955, Konferensi Asia Afrika Dibuka di Bandung", Text: "Para pemimpin negara Asia dan Afrika berkumpul."}, History},
		{article.Article{Title: "Sejarah Hari Ini: Perjanjian Linggarjati Ditandatangani", Text: "Indonesia dan Belanda."}, History},
		{article.Article{Title: "Today in History: April 18, the Bandung conference opens", Text: "Leaders of Asia and Africa met."}, History},
		{article.Article{Title: "On This Day: the Berlin Wall falls", Text: "East and West Germany."}, History},
		{article.Article{Title: "On this day in 1945, the UN Charter was signed", Text: "Fifty nations signed."}, History},
		{article.Article{Title: "Konferensi dibuka", Link: "https://www.example.co.id/read/2023/04/18/hari-ini-dalam-sejarah-konferensi-dibuka", Text: "Bandung."}, History},
		{article.Article{Title: "The charter is signed", Link: "https://www.example.com/news/today-in-history/the-charter-is-signed", Text: "1945."}, History},
		{article.Article{Title: "Perjanjian ditandatangani", Categories: []string{"Hari Ini dalam Sejarah"}, Text: "1946."}, History},
		// Profiles and biographies.
		{article.Article{Title: "Biodata Lengkap Duta Besar Baru RI untuk Jepang", Text: "Lahir di Medan."}, Profile},
		{article.Article{Title: "Profil dan Biodata Menteri Luar Negeri yang Baru Dilantik", Text: "Ia lahir pada 1970."}, Profile},
		{article.Article{Title: "Biografi Bapak Diplomasi Indonesia", Text: "Ia lahir di Sumatra."}, Profile},
		{article.Article{Title: "Sang diplomat", Link: "https://www.example.co.id/profil/sang-diplomat", Text: "Lahir di Bandung."}, Profile},
		// Service pieces: tips, how-to, recipes, restaurant guides.
		{article.Article{Title: "Tips Aman Bepergian ke Luar Negeri", Link: "https://www.example.co.id/tips/aman-bepergian", Text: "Siapkan paspor."}, Guide},
		{article.Article{Title: "Cara Mudah Membuat Paspor secara Online", Text: "Buka aplikasi."}, Guide},
		{article.Article{Title: "Cara Mendaftar Beasiswa ke Jepang", Text: "Siapkan berkas."}, Guide},
		{article.Article{Title: "Resep Rendang ala Minang", Text: "Bahan: daging sapi."}, Guide},
		{article.Article{Title: "Rekomendasi Tempat Makan Enak di Seoul", Text: "Lima restoran."}, Guide},
		{article.Article{Title: "Where to eat in Seoul: the best restaurants near the embassy district", Text: "Ten places."}, Guide},
		{article.Article{Title: "How to watch the G20 summit opening ceremony", Text: "Stream it live."}, Guide},
		{article.Article{Title: "Sambal matah", Link: "https://www.example.co.id/resep/sambal-matah", Text: "Bahan."}, Guide},

		// A programme's episode, by its link; a news programme's clip and
		// a plural "programmes" section stay news.
		{article.Article{Title: "Can talks end the crisis in the Sahel?", Link: "https://www.example.com/program/inside-view/2023/8/30/can-talks-end-the-crisis", Text: "Presenter: guests discuss."}, Video},
		{article.Article{Title: "Falling together", Link: "http://www.example.org/program/falling-together/8691", Text: "A conversation."}, Video},
		{article.Article{Title: "Displaced families flee on foot", Link: "https://www.example.com/program/newsfeed/2023/11/8/displaced-families-flee", Text: "Footage shows."}, News},
		{article.Article{Title: "School rolls remain low", Link: "https://www.example.co.nz/national/programmes/checkpoint/audio/2018762469/school-rolls", Text: "The ministry said."}, News},
		{article.Article{Title: "Ministry launches housing program", Link: "https://www.example.com/news/program", Text: "The ministry said."}, News},

		// News that uses the markers' words in other senses stays news.
		{article.Article{Title: "Sponsor pulls out of World Cup as human rights row deepens", Text: "The company said."}, News},
		{article.Article{Title: "State-sponsored hackers hit foreign ministry, Jakarta says", Text: "The ministry said."}, News},
		{article.Article{Title: "UN-sponsored talks on Yemen resume in Geneva", Text: "Envoys met."}, News},
		{article.Article{Title: "Indonesia and Japan sign partnership on maritime security", Text: "The ministers signed."}, News},
		{article.Article{Title: "Kerja Sama RI-Jepang di Bidang Maritim Diperpanjang", Text: "Kedua menteri sepakat."}, News},
		{article.Article{Title: "Dewan Pers Soroti Advertorial Terselubung di Media Daring", Text: "Dewan Pers meminta media menandai konten berbayar."}, News},
		{article.Article{Title: "Army general promoted to chief of staff", Text: "The president promoted him."}, News},
		{article.Article{Title: "Sejarah Baru, Indonesia dan Australia Teken Perjanjian Pertahanan", Text: "Kedua menteri menandatangani."}, News},
		{article.Article{Title: "Hari Ini, Menlu Bertemu Dubes AS di Jakarta", Text: "Pertemuan membahas perdagangan."}, News},
		{article.Article{Title: "Menlu: Hari Ini Akan Dicatat dalam Sejarah Hubungan Kedua Negara", Text: "Menlu berbicara."}, News},
		{article.Article{Title: "On this day of talks, both sides claimed progress", Text: "Negotiators met in Doha."}, News},
		{article.Article{Title: "Profil Risiko Utang RI Membaik, Kata IMF", Text: "IMF menilai."}, News},
		{article.Article{Title: "Profil Pelaku Penembakan di Kedutaan Terungkap", Text: "Polisi mengungkap."}, News},
		{article.Article{Title: "Who is the new foreign minister of Iran?", Text: "Tehran named a new minister on Monday."}, News},
		// A background piece on an actor in the news, and tips, are news to
		// the streams' readers unless their section says otherwise.
		{article.Article{Title: "Profile: the alliance's new secretary-general", Text: "A former prime minister takes over."}, News},
		{article.Article{Title: "Tips Aman Bepergian ke Luar Negeri Saat Libur Panjang", Text: "Siapkan paspor."}, News},
		{article.Article{Title: "5 Fakta Pertemuan Presiden RI dan Presiden AS di Gedung Putih", Text: "Kedua presiden bertemu."}, News},
		{article.Article{Title: "Cara Menlu Lobi PBB soal Palestina", Text: "Menlu bertemu."}, News},
		{article.Article{Title: "Cara Pemerintah Redam Inflasi Jelang Lebaran", Text: "Pemerintah menggelar operasi pasar."}, News},
		{article.Article{Title: "How to end the war: envoys meet in Istanbul", Text: "Talks resumed."}, News},
		{article.Article{Title: "Tipping point: Gulf states split over Iran", Text: "Analysis."}, News},
		{article.Article{Title: "Rekomendasi Komnas HAM soal Pengungsi Rohingya", Text: "Komnas HAM meminta."}, News},
		{article.Article{Title: "Menlu bertemu Dubes", Link: "https://www.example.co.id/internasional/advokasi-wni/123", Text: "Perlindungan WNI."}, News},
		{article.Article{Title: "Advanced talks on trade deal", Link: "https://www.example.com/world/adv-talks-trade-deal", Text: "Ministers met."}, News},
		{article.Article{Title: "Pemerintah akan umumkan kebijakan baru", Text: "Jakarta - Kebijakan diumumkan pekan depan (advokasi)."}, News},
	} {
		got := d.Of(&c.a)
		if got.Genre != c.want {
			t.Errorf("%q: got %v (%s), want %v", c.a.Title, got.Genre, got.Cue, c.want)
		}
		if !got.IsNews() && got.Cue == "" {
			t.Errorf("%q: %v names no cue", c.a.Title, got.Genre)
		}
	}
}

// Version is a number, so that Older can tell an older one from a newer
// one (review 22: 3).
func TestVersionIsANumber(t *testing.T) {
	cur, err := strconv.Atoi(Version)
	if err != nil {
		t.Fatalf("Version %q is not a number: %v", Version, err)
	}
	for v, want := range map[string]bool{"": true, strconv.Itoa(cur - 1): true, Version: false, strconv.Itoa(cur + 1): false} {
		if Older(v) != want {
			t.Errorf("Older(%q) = %v, want %v", v, !want, want)
		}
	}
}
