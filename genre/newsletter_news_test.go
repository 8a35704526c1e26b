package genre

import "testing"

// Plausible news headlines (review 28) that mention a newsletter or a
// briefing, written for this review; all are news.
func TestNewsThatMentionsANewsletterStaysNews(t *testing.T) {
	judgeTitles(t, []titleCase{
		// English
		{"Hackers hijack charity's newsletter: donors' data exposed", News},
		{"Minister defends leaked newsletter - opposition demands apology", News},
		{"Senator's campaign newsletter: fact-checkers find false claims", News},
		{"Why I shut down my Substack newsletter: a writer on burnout", News},
		{"Government launches anti-disinformation newsletter - BBC News", News},
		{"Police chief apologises for racist joke in staff newsletter - The Guardian", News},
		{"Musk bans links to rival newsletter | Twitter row deepens", News},
		{"School sends home newsletter - parents outraged over uniform rule", News},
		{"Pentagon briefing: US to send more air defence to Kyiv", News},
		{"Weekly briefing: the sanctions vote", News},
		{"White House daily briefing: Biden meets Netanyahu", News},
		{"Morning briefing: 17 killed in Gaza strike", News},
		{"UN Security Council briefing - Russia blocks resolution", News},
		{"Secret briefing to MPs: China hacked election body", News},
		// Indonesian
		{"Kominfo Luncurkan Newsletter - Ini Isinya", News},
		{"Soal Newsletter: Kemenkeu Bantah Bocorkan Data Nasabah", News},
		{"Menteri Kirim Newsletter: Warga Diminta Hemat Air", News},
		{"Pemkot Bogor Terbitkan Newsletter - Kompas.com", News},
		{"Heboh Isi Newsletter Internal: DPR Panggil Direksi BUMN", News},
		{"Newsletter Kemlu: Indonesia Siap Jadi Tuan Rumah KTT ASEAN", News},
		{"Briefing Pagi: Presiden Terima Dubes Jepang", News},
		{"Jubir Kemlu Gelar Briefing Mingguan - Bahas Isu Palestina", News},
	})
}
