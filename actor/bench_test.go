package actor

import "testing"

// BenchmarkFind finds the actors of a 600-character report written for the
// benchmark.
func BenchmarkFind(b *testing.B) {
	r := newRecognizer(b)
	text := "JAKARTA - Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Amerika Serikat di Washington, Kamis, untuk membahas kerja sama kedua negara di bidang perdagangan dan keamanan kawasan. Pertemuan itu juga membahas situasi di Semenanjung Korea, sengketa di Laut China Selatan dan persiapan KTT ASEAN di Jakarta. Kedua menteri sepakat memperkuat kemitraan strategis, kata juru bicara Kementerian Luar Negeri. Duta Besar Indonesia untuk AS turut hadir dalam pertemuan yang berlangsung selama dua jam itu."
	var ms []Mention
	b.ReportAllocs()
	for b.Loop() {
		ms = r.Append(ms[:0], text, "id")
	}
	if len(ms) == 0 {
		b.Fatal("no mentions")
	}
}
