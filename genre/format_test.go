package genre

import (
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// Formats that news feeds carry beside reports, known by the marker their
// publishers put in the headline, and news that carries the same words,
// which stays news. The headlines are written for this test; none comes
// from labelled data.
func TestOfFormatMarkers(t *testing.T) {
	judgeTitles(t, []titleCase{
		// A gallery named after its day, after a colon.
		{"Storm clouds and a royal visit: Tuesday's best photos", Gallery},
		{"Lanterns and a marathon: the weekend’s best photos", Gallery},
		{"Flood waters and a parade: Friday's top photos", Gallery},
		// AP's ", in photos".
		{"Pilgrims gather in Mecca for the hajj, in photos", Gallery},
		{"Monsoon floods swamp Dhaka, in pictures", Gallery},
		// Kickers after a dash.
		{"Night shift at a Lagos market – picture essay", Gallery},
		{"Fishermen at dawn – Ana Lopes's best photograph", Gallery},
		// An obituary.
		{"Jane Ndlovu obituary", Profile},
		// Chords ("Chord Lagu Indonesia Pusaka dari C" is missed since
		// review 34: news of a song opens "Chord Lagu" too).
		{"Chord Gitar dan Lirik Lagu Bento", Guide},
		{"Chord Gitar Lagu Indonesia Pusaka dari C", Guide},
		{"Kunci Gitar Lagu Hari Merdeka", Guide},
		// A year's review.
		{"Kaleidoskop 2025: Banjir Bandang hingga Gempa Besar", History},
		{"Kaleidoskop 2025, Deretan Pejabat yang Ditangkap", History},
		{"KALEIDOSKOP 2024 - Peristiwa Politik Sepanjang Tahun", History},

		// A broadcast programme's whole edition.
		{"Evening Report Full Broadcast (March 3rd)", Video},
		{"Morning Desk livestream | May 4, 2021 Full Episode", Video},

		// News with the same words.
		{"Minister's best photos were staged, aide admits", News},
		{"Police release suspect's photos, in pictures shared online", News},
		{"Photographer wins prize – his best photograph yet, jury says", News},
		{"Obituary writers strike at national daily", News},
		{"Family disputes minister's obituary", News},
		{"Tributes pour in after obituary error at broadcaster", News},
		{"Lirik lagu kampanye dipersoalkan Bawaslu", News},
		{"Penyanyi gugat label soal lirik lagu ciptaannya", News},
		{"Ini Lirik Lagu yang Dilaporkan ke Polisi", News},
		{"Chord progressions banned? Court rules on song copyright", News},
		{"Tuesday's best photos: what the judges chose and why the row began", News},
		// A death report is news, under a kicker too (review 33, F3); a
		// name is at most four words.
		{"Obituary: Former envoy who brokered the ceasefire", News},
		{"Obituari: BJ Habibie, Presiden Ketiga RI Wafat di Usia 83", News},
		{"Daily Paper Retracts Premature Mandela obituary", News},
		// Review 34, F6: an organisation's acronym is no name; chords in
		// a news sentence are news.
		{"BBC Pulls Premature obituary", News},
		{"Kunci Gitar Iwan Fals Dilelang untuk Korban Gempa", News},
		{"Chord Lagu Ciptaan Ahmad Dhani Digugat ke Pengadilan", News},
		// "Kaleidoskop" that names an event, or without a year's kicker.
		{"Kaleidoskop Jakarta Fair Dibuka Akhir Pekan Ini", News},
		{"Kaleidoskop 2025 Digelar di Taman Ismail Marzuki", News},
		{"Pameran Kaleidoskop 2025: Seniman Muda Unjuk Karya", News},
		{"Kaleidoskop", News},
	})
}

// A "today in history" piece led by a past date: the date is decades
// before the item's publication. A recent date, or none to compare with,
// leaves the item news.
func TestOfPastDateHeadline(t *testing.T) {
	d := New()
	published := time.Date(2025, 6, 20, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		title     string
		published time.Time
		want      Genre
	}{
		{"In the Herald: June 20, 1975", published, History},
		{"In the Herald: June 21, 1975", published, History},
		// A date that leads a headline heads anniversary reports and news
		// of old cases as often as a retelling (review 33, F2): news.
		{"20 Juni 1963: AS dan Uni Soviet Sepakati Saluran Langsung", published, News},
		{"June 20, 1948: The airlift begins", published, News},
		{"20 June 2001: Families mark 25 years as US unveils new memorial", published, News},
		{"20 Juni 1998: Keluarga Korban Tagih Janji Presiden Prabowo", published, News},
		// The last segment's date must be the publication's day, give or
		// take one.
		{"Court reopens Lockerbie case: December 21, 1988", published, News},
		{"In the Herald: June 23, 1975", published, News},
		{"20 Juni 2025: Presiden Lantik Kabinet Baru", published, News},
		{"June 19, 2024: the day the strike began", published, News},
		{"20 Juni 1963: AS dan Uni Soviet Sepakati Saluran Langsung", time.Time{}, News},
		{"Court hears 1963 case again", published, News},
		{"Survivors remember June 20, 1963, the day the dam broke", published, News},
		// An anniversary report ending with the date (review 34, F1): what
		// precedes the date is a sentence, not a column's name.
		{"Srebrenica remembered: July 11, 1995", time.Date(2025, 7, 11, 8, 0, 0, 0, time.UTC), News},
		{"Hiroshima marks 80 years since bombing: August 6, 1945", time.Date(2025, 8, 6, 8, 0, 0, 0, time.UTC), News},
		{"Indonesia kenang Tragedi Trisakti: 12 Mei 1998", time.Date(2025, 5, 12, 8, 0, 0, 0, time.UTC), News},
		{"Aksi Kamisan ke-800 tuntut kejelasan kasus: 12 Mei 1998", time.Date(2025, 5, 13, 8, 0, 0, 0, time.UTC), News},
	} {
		a := article.Article{Title: c.title, Text: "Text.", Published: c.published, Link: "https://news.example.com/2025/06/20/story"}
		if got := d.Of(&a); got.Genre != c.want {
			t.Errorf("%q (%v): got %v (%s), want %v", c.title, c.published, got.Genre, got.Cue, c.want)
		}
	}
}
