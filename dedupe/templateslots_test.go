package dedupe

import (
	"fmt"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// Template reports that differ in the name or number a template fills in
// (the city of a weather report, a match's opponent, a quake's regency or
// time) are two stories, whether they arrive an hour or a day apart, by
// the copy check or by the headlines' event signatures (review 14). The
// texts are invented.
type templatePair struct {
	name         string
	aTitle, aTxt string
	bTitle, bTxt string
}

const weatherBody = "BMKG memprakirakan cuaca %s pada Selasa, 1 Desember 2026, berawan pada pagi hari dan hujan ringan pada siang hingga sore hari. Suhu udara berkisar 24 hingga 32 derajat Celsius dengan kelembapan 65 hingga 95 persen."

func weatherPair(a, b string) templatePair {
	return templatePair{"weather " + a + "/" + b,
		"Prakiraan Cuaca " + a + " Hari Ini", fmt.Sprintf(weatherBody, a),
		"Prakiraan Cuaca " + b + " Hari Ini", fmt.Sprintf(weatherBody, b)}
}

var templateSlotPairs = []templatePair{
	weatherPair("Bandung", "Bogor"), weatherPair("Bandung", "Depok"),
	weatherPair("Surabaya", "Malang"), weatherPair("Makassar", "Maros"), weatherPair("Medan", "Binjai"),
	{"score-opponent",
		"Persib Bandung Menang 2-1 atas Persija Jakarta", "Persib Bandung menang 2-1 atas Persija Jakarta dalam lanjutan Liga 1 di Stadion Gelora Bandung Lautan Api. Gol kemenangan dicetak pada menit ke-88 lewat sundulan. Hasil ini membawa Persib naik ke posisi kedua klasemen sementara.",
		"Persib Bandung Menang 2-1 atas PSM Makassar", "Persib Bandung menang 2-1 atas PSM Makassar dalam lanjutan Liga 1 di Stadion Gelora Bandung Lautan Api. Gol kemenangan dicetak pada menit ke-88 lewat sundulan. Hasil ini membawa Persib naik ke posisi kedua klasemen sementara."},
	{"quake-place",
		"Gempa M 4,5 Guncang Maluku Tenggara Barat", "Gempa bumi bermagnitudo 4,5 mengguncang wilayah Maluku Tenggara Barat. BMKG menyebutkan gempa tidak berpotensi tsunami. Pusat gempa berada di laut pada kedalaman 10 kilometer.",
		"Gempa M 4,5 Guncang Maluku Tengah", "Gempa bumi bermagnitudo 4,5 mengguncang wilayah Maluku Tengah. BMKG menyebutkan gempa tidak berpotensi tsunami. Pusat gempa berada di laut pada kedalaman 10 kilometer."},
}

// The copy check refuses these for their numbers; the event signature of
// their identical headlines must not join them either.
var templateEventPairs = []templatePair{
	{"quake-time",
		"Gempa M 3,2 Guncang Sukabumi", "Gempa bumi bermagnitudo 3,2 mengguncang Sukabumi pukul 08.15 WIB. BMKG menyebutkan gempa tidak berpotensi tsunami. Pusat gempa berada di darat pada kedalaman 10 kilometer.",
		"Gempa M 3,2 Guncang Sukabumi", "Gempa bumi bermagnitudo 3,2 mengguncang Sukabumi pukul 14.40 WIB. BMKG menyebutkan gempa tidak berpotensi tsunami. Pusat gempa berada di darat pada kedalaman 10 kilometer."},
}

func assignPair(p templatePair, gap time.Duration) (a, b *article.Article) {
	t0 := time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC)
	ix := NewIndex(Options{})
	a = &article.Article{ID: "a", Title: p.aTitle, Text: p.aTxt, FirstSeen: t0, Published: t0}
	b = &article.Article{ID: "b", Title: p.bTitle, Text: p.bTxt, FirstSeen: t0.Add(gap), Published: t0.Add(gap)}
	ix.Assign(a)
	ix.Assign(b)
	return a, b
}

func TestTemplateReportsDifferingInOneNameStayApart(t *testing.T) {
	for _, p := range append(templateSlotPairs, templateEventPairs...) {
		for _, gap := range []time.Duration{time.Hour, 23 * time.Hour} {
			if _, b := assignPair(p, gap); b.StoryID == "a" {
				t.Errorf("%s (%v apart): joined by %s %.3f", p.name, gap, b.StoryMatch.Method, b.StoryMatch.Similarity)
			}
		}
	}
}

// The control: copies of one report, one with a dateline and a name edited
// deep in its lead, another under its own headline, still join.
func TestTemplateCopiesWithLightEditsJoin(t *testing.T) {
	body := "Persib Bandung menang 2-1 atas Persija Jakarta dalam lanjutan Liga 1 di Stadion Gelora Bandung Lautan Api, Minggu malam. Gol kemenangan dicetak Ciro Alves pada menit ke-88 lewat sundulan setelah menerima umpan silang Beckham Putra. Pelatih Bojan Hodak memuji kerja keras para pemain. Hasil ini membawa Persib naik ke posisi kedua klasemen sementara."
	for _, p := range []templatePair{
		{"same text", "Persib Bandung Menang 2-1 atas Persija Jakarta", body, "Persib Tundukkan Persija 2-1 di Bandung", body},
		{"name edited deep in the lead", "Persib Bandung Menang 2-1 atas Persija Jakarta", body,
			"Persib Bandung Menang 2-1 atas Persija Jakarta", "Persib Bandung menang 2-1 atas Persija Jakarta dalam lanjutan Liga 1 di Stadion Gelora Bandung Lautan Api, Minggu malam. Gol kemenangan dicetak Ciro Alves pada menit ke-88 lewat sundulan setelah menerima umpan silang Beckham Putra. Pelatih kepala Hodak memuji kerja keras para pemain. Hasil ini membawa Persib naik ke posisi kedua klasemen sementara."},
	} {
		if _, b := assignPair(p, time.Hour); b.StoryID != "a" {
			t.Errorf("%s: copy not joined", p.name)
		}
	}
}
