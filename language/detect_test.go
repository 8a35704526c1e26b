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
		{"de", "2024", "", "de"}, // a declared language the detector cannot judge is kept
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

// Each known word counts as the first of the four sets that holds it.
func TestWordCues(t *testing.T) {
	sets := []struct {
		words  map[string]struct{}
		en, id float64
	}{{enWords, 1, 0}, {idWords, 0, 1}, {enNews, 0.5, 0}, {idNews, 0, 0.5}}
	n := 0
	seen := map[string]bool{}
	for _, set := range sets {
		for w := range set.words {
			if seen[w] {
				continue
			}
			seen[w] = true
			n++
			if got := wordCues[w]; got.en != set.en || got.id != set.id {
				t.Errorf("%q counts %+v, want en %v id %v", w, got, set.en, set.id)
			}
		}
	}
	if len(wordCues) != n {
		t.Errorf("%d words with a cue, want %d", len(wordCues), n)
	}
	if _, ok := wordCues["says"]; !ok || wordCues["says"].en != 1 {
		t.Errorf(`"says", a function word and a headline word, counts %+v, want a function word's 1`, wordCues["says"])
	}
}

// TestSampleDetectsAsTheWholeText holds Sample's cut to Detect's: with
// multi-byte letters about where Detect stops reading, and titles of
// every length up to past maxScan (a title is never cut), detection of
// the sample is detection of the whole title and text.
func TestSampleDetectsAsTheWholeText(t *testing.T) {
	body := strings.Repeat("the minister said that the plan would start with ", 20) +
		strings.Repeat("menteri mengatakan bahwa rencananya dimulai pekan ini ", 60)
	for _, titleLen := range []int{0, 1, 37, maxScan - 3, maxScan, maxScan + 5} {
		title := strings.Repeat("x", titleLen)
		for shift := range 8 {
			// "é" (2 bytes) and "—" (3 bytes) straddle the byte where Detect cuts.
			text := body[:max(0, maxScan-titleLen-1-shift)] + "é—nya " + body
			whole := title + "\n" + text
			s := Sample(title, text)
			if len(s) > max(maxScan, len(title))+1 {
				t.Errorf("title %d bytes, shift %d: sample of %d bytes copies more than Detect reads", titleLen, shift, len(s))
			}
			gl, gc := Detect(s)
			wl, wc := Detect(whole)
			if gl != wl || gc != wc {
				t.Errorf("title %d bytes, shift %d: sample detected %q %.4f, whole %q %.4f", titleLen, shift, gl, gc, wl, wc)
			}
		}
	}
}
