package genre

import (
	"testing"

	"github.com/warta-news/warta/article"
)

// Service and puzzle pieces, each written for this test beside a news item
// that uses the same words in another place or sense; none comes from
// labelled data.
func TestOfServiceForms(t *testing.T) {
	d := New()
	for _, c := range []struct {
		marked, news article.Article
	}{
		// Kickers, set apart before or after the headline.
		{article.Article{Title: "Quiz: How well do you know the world's capitals?"}, article.Article{Title: "Quiz show host questioned over embassy visit"}},
		{article.Article{Title: "News quiz: Summits, sanctions and a stolen painting"}, article.Article{Title: "Minister quizzed over news of arms deal"}},
		{article.Article{Title: "Kuis: Seberapa Kenal Anda dengan Negara ASEAN?"}, article.Article{Title: "Kuis Kebangsaan Digelar di Kedubes RI di Tokyo"}},
		{article.Article{Title: "Crossword: the Saturday puzzle, No 30,812"}, article.Article{Title: "Puzzle of the missing ambassador deepens"}},
		{article.Article{Title: "Wordle: today's answer and hints for December 1"}, article.Article{Title: "Newspaper buys popular word game Wordle for seven figures"}},
		{article.Article{Title: "Horoscope: what the stars say about your week"}, article.Article{Title: "Astrologer's horoscope app fined by regulator"}},
		{article.Article{Title: "Ramalan Zodiak: Leo Hari Ini Sedang Beruntung"}, article.Article{Title: "Zodiak Jadi Nama Kapal Perang Baru TNI AL"}},
		{article.Article{Title: "Karier Taurus Sedang Bersinar | Zodiak"}, article.Article{Title: "Menlu Bahas Kerja Sama Maritim di Jepang"}},
		// Openings.
		{article.Article{Title: "Horoscope for Tuesday, December 1: Aries, a surprise"}, article.Article{Title: "Ministers publish forecast for horoscope-style tariff cuts"}},
		{article.Article{Title: "Your horoscope for the week ahead"}, article.Article{Title: "Your vote counts, UN envoy tells Iraqis"}},
		{article.Article{Title: "Daily horoscope: Gemini should rest"}, article.Article{Title: "Daily briefing: ceasefire talks resume in Cairo"}},
		{article.Article{Title: "Weekly horoscope: the stars for all signs"}, article.Article{Title: "Weekly jobless claims fall as exports rise"}},
		{article.Article{Title: "Today's horoscope: Scorpio meets a stranger"}, article.Article{Title: "Today's talks: what the two sides want"}},
		{article.Article{Title: "Horoscope today, December 1, for every sign"}, article.Article{Title: "Horse racing today: Cup run in heavy rain"}},
		{article.Article{Title: "Today's Wordle #1,261 hints and answer"}, article.Article{Title: "Today's vote in parliament on the treaty"}},
		{article.Article{Title: "Wordle today: the answer for Monday"}, article.Article{Title: "World today: leaders meet in Geneva"}},
		{article.Article{Title: "Wordle hint for Sunday: a five-letter fruit"}, article.Article{Title: "Minister drops hint on Wordle-style word game ban"}},
		{article.Article{Title: "Wordle answer for December 1"}, article.Article{Title: "Answer to the border question lies in talks, says envoy"}},
		{article.Article{Title: "Crosswords for the holidays: three grids"}, article.Article{Title: "Cross-border trade rises after accord"}},
		{article.Article{Title: "Where to stream the new season of the spy drama"}, article.Article{Title: "Where the summit stands after two days of talks"}},
		{article.Article{Title: "TV tonight: a royal wedding and a cooking final"}, article.Article{Title: "TV station in Kabul taken off air, says ministry"}},
		{article.Article{Title: "What's on TV this weekend"}, article.Article{Title: "What's on the table at the climate talks"}},
		{article.Article{Title: "Kunci Jawaban Matematika Kelas 5 Halaman 45"}, article.Article{Title: "Polisi Usut Bocornya Kunci Jawaban Ujian CPNS"}},
		{article.Article{Title: "Contoh Soal PPPK 2026 dan Pembahasannya"}, article.Article{Title: "Soal Laut China Selatan, Menlu Temui Mitranya"}},
		{article.Article{Title: "Contoh Surat Lamaran Kerja yang Baik dan Benar"}, article.Article{Title: "Presiden Kirim Surat kepada Sekjen PBB"}},
		{article.Article{Title: "Contoh Pidato Hari Guru Singkat"}, article.Article{Title: "Pidato Presiden di Sidang Umum PBB Disorot Media Asing"}},
		{article.Article{Title: "Contoh Teks Eksposisi tentang Lingkungan"}, article.Article{Title: "Teks Perjanjian Damai Diumumkan Kedua Negara"}},
		{article.Article{Title: "Kumpulan Ucapan Selamat Hari Natal 2026"}, article.Article{Title: "Polisi Bubarkan Kumpulan Massa di Depan Kedubes"}},
		{article.Article{Title: "Twibbon Hari Pahlawan 2026, Pasang di Media Sosial"}, article.Article{Title: "Pemerintah Luncurkan Twibbon Resmi HUT RI, Warga Antusias"}},
		{article.Article{Title: "Link Twibbon Hari Santri Gratis"}, article.Article{Title: "Kemlu Bagikan Link Pendaftaran Evakuasi WNI dari Sudan"}},
		{article.Article{Title: "Arti Mimpi Dikejar Ular Menurut Primbon"}, article.Article{Title: "Mimpi Buruk Pengungsi Rohingya di Laut Andaman"}},
		{article.Article{Title: "Arti Nama Aisyah dalam Islam"}, article.Article{Title: "Atas Nama Rakyat, DPR Tolak Kenaikan Pajak"}},
		{article.Article{Title: "Bacaan Niat Puasa Ramadhan dan Artinya"}, article.Article{Title: "Niat Pemerintah Naikkan Pajak Ditolak Pengusaha"}},
		{article.Article{Title: "Bacaan Doa Qunut Lengkap"}, article.Article{Title: "Doa Bersama untuk Korban Gempa Digelar di Istiqlal"}},
		{article.Article{Title: "Niat Puasa Senin Kamis Lengkap"}, article.Article{Title: "Puasa Ramadhan, Kemlu Imbau WNI di Gaza Waspada"}},
		{article.Article{Title: "Niat Sholat Dhuha dan Tata Caranya"}, article.Article{Title: "Sholat Idul Fitri di KBRI Kairo Diikuti Ribuan WNI"}},
		{article.Article{Title: "Niat Shalat Tarawih Sendiri di Rumah"}, article.Article{Title: "Shalat Gaib untuk Korban Perang Digelar di Masjid Raya"}},
		{article.Article{Title: "Doa Sebelum Tidur Sesuai Sunnah"}, article.Article{Title: "Menlu Berdoa Sebelum Berangkat ke Gaza"}},
		{article.Article{Title: "Doa Setelah Sholat Lengkap dengan Artinya"}, article.Article{Title: "Setelah Sholat Jumat, Warga Gelar Aksi Bela Palestina"}},
		{article.Article{Title: "Jadwal Sholat Jakarta Hari Ini, 1 Desember"}, article.Article{Title: "Jadwal Kunjungan Presiden ke Tiongkok Diumumkan"}},
		{article.Article{Title: "Jadwal Salat Bandung dan Sekitarnya"}, article.Article{Title: "Presiden Ubah Jadwal Salat Id di Istiqlal karena Hujan"}},
		{article.Article{Title: "Jadwal Imsakiyah Ramadhan 2027 Surabaya"}, article.Article{Title: "Kemenag Tetapkan Awal Ramadhan Lewat Sidang Isbat"}},
		{article.Article{Title: "Cara Nonton Timnas Indonesia vs Jepang di HP"}, article.Article{Title: "Presiden Ikut Nonton Bareng Timnas di Istana"}},
		{article.Article{Title: "Cara Menonton Film di Bioskop Online"}, article.Article{Title: "Cara Menlu Menjawab Kritik soal Rohingya"}},
		{article.Article{Title: "Link Streaming Final Piala AFF Malam Ini"}, article.Article{Title: "Kominfo Blokir 500 Link Streaming Ilegal"}},
		{article.Article{Title: "Link Nonton Drakor Terbaru Sub Indo"}, article.Article{Title: "Warga Nonton Bareng Debat Capres di Alun-alun"}},
		{article.Article{Title: "Lirik Lagu Indonesia Raya Tiga Stanza"}, article.Article{Title: "Lagu Kebangsaan Dinyanyikan di Sidang PBB"}},
		// Phrases, anywhere in the headline.
		{article.Article{Title: "Leo dan Virgo, Ramalan Zodiak 1 Desember"}, article.Article{Title: "Ramalan IMF: Ekonomi Asia Tumbuh 4,5 Persen"}},
		{article.Article{Title: "Cinta dan Karier, Ramalan Bintang Minggu Ini"}, article.Article{Title: "Bintang Film Jadi Duta Besar Pariwisata"}},
		{article.Article{Title: "Aries Beruntung, Zodiak Hari Ini"}, article.Article{Title: "Hari Ini Menlu Bertemu Dubes Jepang"}},
		{article.Article{Title: "Tahun Kuda Api, Ramalan Shio 2026"}, article.Article{Title: "Perayaan Imlek di Glodok Ramai Dikunjungi Warga"}},
		{article.Article{Title: "Shio Naga Beruntung, Shio Hari Ini"}, article.Article{Title: "Hari Ini Kapal Perang Tiongkok Tiba di Jakarta"}},
		{article.Article{Title: "Indonesia vs Vietnam: Jadwal dan Link Live Streaming"}, article.Article{Title: "Siaran Langsung Sidang Umum PBB Dibuka Presiden"}},
		{article.Article{Title: "Jadwal Acara TV Hari Ini di RCTI dan SCTV"}, article.Article{Title: "Stasiun TV Asing Dilarang Siarkan Sidang, Kata KPI"}},
		{article.Article{Title: "Film Laga Malam Ini, Jadwal TV Hari Ini"}, article.Article{Title: "TV Hari Ini Siarkan Pidato Presiden di PBB"}},
		{article.Article{Title: "Natal Damai, Kumpulan Ucapan untuk Keluarga"}, article.Article{Title: "Presiden Sampaikan Ucapan Selamat kepada PM Jepang"}},
		{article.Article{Title: "Hari Ibu: Contoh Ucapan yang Menyentuh"}, article.Article{Title: "Ucapan Menlu soal Gaza Disorot Media Israel"}},
		{article.Article{Title: "Jawaban Teka-Teki Silang Edisi Minggu"}, article.Article{Title: "Teka-teki Hilangnya Kapal Selam Belum Terjawab"}},
		{article.Article{Title: "Aries, Leo: horoscope today"}, article.Article{Title: "Today the horoscope industry meets regulators"}},
		{article.Article{Title: "Gemini and Cancer: your daily horoscope"}, article.Article{Title: "Daily deals with horoscopes ended, regulator says"}},
		{article.Article{Title: "#1,261: Wordle answer and hints"}, article.Article{Title: "The answer on Wordle's sale, from the publisher"}},
		{article.Article{Title: "Stuck? Wordle hints for Monday"}, article.Article{Title: "Stuck talks: envoys hint at new round"}},
		{article.Article{Title: "Capital of Peru (4): crossword clue answers"}, article.Article{Title: "Clue to crash found in cockpit recorder"}},
		{article.Article{Title: "Saturday's crossword answer"}, article.Article{Title: "Cross-border answer to smuggling, ministers say"}},
		// Categories and link sections.
		{article.Article{Title: "Leo sedang beruntung", Categories: []string{"Zodiak"}}, article.Article{Title: "Menlu ke Jepang", Categories: []string{"Internasional"}}},
		{article.Article{Title: "Aries", Link: "https://www.example.com/astrology/aries-week"}, article.Article{Title: "Astronomers find comet", Link: "https://www.example.com/science/astronomy-comet"}},
		{article.Article{Title: "Shio naga", Link: "https://www.example.co.id/ramalan/shio-naga-2026"}, article.Article{Title: "Ramalan BI soal inflasi", Link: "https://www.example.co.id/ekonomi/ramalan-bi-inflasi"}},
		{article.Article{Title: "Weton Selasa", Link: "https://www.example.co.id/primbon/weton-selasa"}, article.Article{Title: "Sidang kabinet", Link: "https://www.example.co.id/nasional/sidang-kabinet"}},
		{article.Article{Title: "The weekly quiz", Link: "https://www.example.com/quizzes/weekly-123"}, article.Article{Title: "Minister quizzed", Link: "https://www.example.com/politics/minister-quizzed"}},
		{article.Article{Title: "Saturday grid", Link: "https://www.example.com/crosswords/cryptic/30812"}, article.Article{Title: "Border crossing opens", Link: "https://www.example.com/world/border-crossing-opens"}},
		{article.Article{Title: "Sudoku", Link: "https://www.example.com/puzzles/sudoku-1"}, article.Article{Title: "The puzzle of inflation", Link: "https://www.example.com/business/the-puzzle-of-inflation"}},
		{article.Article{Title: "Indonesia Raya", Link: "https://www.example.co.id/lirik-lagu/indonesia-raya"}, article.Article{Title: "Lagu baru", Link: "https://www.example.co.id/hiburan/lagu-baru-123"}},
	} {
		if got := d.Of(&c.marked); got.Genre != Guide {
			t.Errorf("%q: got %v (%s), want %v", c.marked.Title, got.Genre, got.Cue, Guide)
		}
		if got := d.Of(&c.news); !got.IsNews() {
			t.Errorf("news %q: got %v (%s)", c.news.Title, got.Genre, got.Cue)
		}
	}
}
