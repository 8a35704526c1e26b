package topic

import (
	"slices"
	"testing"
)

func TestStemID(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"menyetujui", "setuju"},
		{"persetujuan", "setuju"},
		{"sanksinya", "sanksi"},
		{"sanksi", "sanksi"},
		{"diplomatik", "diplomatik"},
		{"kerjasama", "kerjasama"},
		{"bekerjasama", "kerjasama"},
		{"pertandingan", "tanding"},
		{"bertanding", "tanding"},
		{"kebijakan", "bijak"},
		{"perdagangan", "dagang"},
		{"diperdagangkan", "dagang"},
		{"dijatuhkan", "jatuh"},
		{"mempertahankan", "tahan"},
		{"pertahanan", "tahan"},
		{"kedutaan", "duta"},
		{"kementerian", "menteri"},
		{"menteri", "menteri"},
		{"kesepakatan", "sepakat"},
		{"menyepakati", "sepakat"},
		{"ekonomi", "ekonomi"},
		{"perekonomian", "ekonomi"},
		{"memperkuat", "kuat"},
		{"dikuasai", "kuasa"},
		{"berita", "berita"},
		{"perang", "perang"},
		{"masalah", "masalah"},
		{"bukanlah", "bukan"},
		{"apakah", "apakah"},
		{"meskipun", "meski"},
		{"sebaiknya", "baik"},
		{"negaraku", "negara"},
		{"belajar", "ajar"},
		{"pelajar", "ajar"},
		{"menggunakan", "guna"},
		{"kunjungan", "kunjung"},
	} {
		if got := stemID(c.in); got != c.want {
			t.Errorf("stemID(%q) = %q, want %q (readings %v)", c.in, got, c.want, readings(c.in))
		}
	}
}

func readings(w string) []string {
	v := stemIDAll(w)
	return slices.Clone(v.list())
}

// TestStemIDReadings checks that a nasal prefix before a vowel yields both
// readings, so that a term in either form finds the other.
func TestStemIDReadings(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"mengunjungi", []string{"kunjung"}},
		{"mengambil", []string{"ambil"}},
		{"memasuki", []string{"masuk"}},
		{"memukul", []string{"pukul"}},
		{"menolak", []string{"tolak"}},
		{"menilai", []string{"nilai"}},
		{"menyerang", []string{"serang"}},
		{"meneliti", []string{"teliti"}},
		{"penelitian", []string{"teliti"}},
		{"berunding", []string{"runding"}},
		{"menyetujui", []string{"setuju"}},
	} {
		got := readings(c.in)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("readings(%q) = %v, want %q among them", c.in, got, w)
			}
		}
	}
}

func TestStemEN(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"countries", "country"},
		{"sanctions", "sanction"},
		{"talks", "talk"},
		{"matches", "match"},
		{"crisis", "crisis"},
		{"virus", "virus"},
		{"running", "run"},
		{"inning", "inn"},
		{"trade", "trad"},
		{"traded", "trad"},
		{"trading", "trad"},
		{"tried", "try"},
		{"need", "need"},
		{"king", "king"},
		{"agree", "agr"},
		{"agreed", "agr"},
		{"news", "new"},
	} {
		if got := stemEN(c.in); got != c.want {
			t.Errorf("stemEN(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func BenchmarkStemID(b *testing.B) {
	words := []string{"menyetujui", "perdagangan", "mempertahankan", "negara", "sanksinya", "diplomatik", "kebijakan", "yang"}
	for b.Loop() {
		for _, w := range words {
			stemIDAll(w)
		}
	}
}
