package topic

import (
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Café São Paulo, ÉLYSÉE!", []string{"cafe", "sao", "paulo", "elysee"}},
		{"Indonesia's foreign minister", []string{"indonesia", "foreign", "minister"}},
		{"Indonesia’s", []string{"indonesia"}},
		{"Jum'at", []string{"jumat"}},
		{"negara-negara anggota", []string{"negara", "negara", "anggota"}},
		{"G20 2023", []string{"g20", "2023"}},
		{"İSTANBUL straße", []string{"istanbul", "straße"}},
		{"", nil},
	} {
		var got []string
		for _, w := range tokenize(c.in, nil) {
			got = append(got, w.text)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("tokenize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTokenizeMarksHyphenJoins(t *testing.T) {
	ws := tokenize("Kuba-Rusia - damai", nil)
	want := []word{{"kuba", false, 0}, {"rusia", true, 5}, {"damai", false, 13}}
	if !slices.Equal(ws, want) {
		t.Fatalf("got %+v, want %+v", ws, want)
	}
}

func TestStemSeqCollapsesReduplication(t *testing.T) {
	_, seq := stemSeq("negara-negara Kuba-Rusia bermain-main", langID, stemWord, nil, nil)
	var got []string
	for _, v := range seq {
		got = append(got, v.s[0])
	}
	want := []string{"negara", "kuba", "rusia", "main"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}
