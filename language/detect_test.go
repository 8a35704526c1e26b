package language

import (
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/fixtures"
)

func TestDetect(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Semakin Ditekan Barat, Kuba-Rusia Makin Mesra", Indonesian},
		{"Presiden Jokowi resmikan jalan tol di Jawa Tengah", Indonesian},
		{"Menteri luar negeri bertemu dengan duta besar untuk membahas kerja sama", Indonesian},
		{"Harga minyak naik setelah OPEC memangkas produksi", Indonesian},
		{"Cuba and Russia discuss military cooperation", English},
		{"The foreign minister met the ambassador on Tuesday", English},
		{"Oil prices rise as OPEC cuts output", English},
		{"Stocks fall in Tokyo trading", English},
	} {
		got, conf := Detect(c.text)
		if got != c.want || conf <= 0 || conf > 1 {
			t.Errorf("Detect(%q) = %q, %.2f; want %q", c.text, got, conf, c.want)
		}
	}
	if got, conf := Detect("12345 ..."); got != "" || conf != 0 {
		t.Errorf("Detect(digits) = %q, %v; want no answer", got, conf)
	}
}

func TestDetectLongTextIsConfident(t *testing.T) {
	b, err := fixtures.Read(fixtures.SeedArticle)
	if err != nil {
		t.Fatal(err)
	}
	got, conf := Detect(string(b))
	if got != Indonesian || conf < Confident {
		t.Fatalf("Detect(seed article) = %q, %.2f; want id above %.2f", got, conf, Confident)
	}
}

func TestResolve(t *testing.T) {
	id := "Kedua negara sepakat untuk memperkuat kerja sama di bidang pertahanan dan perdagangan yang telah terjalin selama ini."
	en := "The two countries agreed to strengthen their cooperation in defence and trade, which has grown over the years."
	for _, c := range []struct{ declared, title, text, want string }{
		{"en", "Kuba-Rusia makin mesra", id, Indonesian}, // a feed that declares en for everything
		{"en-US", "Cuba and Russia", en, English},
		{"id", "Kuba-Rusia", id, Indonesian},
		{"id", "AS-Kuba", "", Indonesian}, // too little text to overrule the feed
		{"in", "Berita", "", Indonesian},  // withdrawn code for Indonesian
		{"", "Kuba-Rusia makin mesra", id, Indonesian},
		{"", "Cuba, Russia", en, English},
		{"fr", "", en, English},
		{"", "", "", ""},
		{"de", "2024", "", ""},
	} {
		if got := Resolve(c.declared, c.title, c.text); got != c.want {
			t.Errorf("Resolve(%q, %q, %.20q…) = %q, want %q", c.declared, c.title, c.text, got, c.want)
		}
	}
}

func BenchmarkDetect(b *testing.B) {
	text := strings.Repeat("Kedua negara sepakat untuk memperkuat kerja sama di bidang pertahanan. ", 10)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Detect(text)
	}
}
