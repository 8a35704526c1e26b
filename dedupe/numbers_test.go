package dedupe

import (
	"fmt"
	"testing"
	"time"
)

// bloomBit is the bit a number token set in the 32-bit mask that used to
// stand for an article's numbers (issue 10, defect 7).
func bloomBit(tok string) uint32 {
	toks := tokenize(make([]token, 0, 1), tok, 0)
	return 1 << (toks[0].h >> 59)
}

// Template items whose numbers differ must stay apart even when the numbers
// would have fallen on the same bits of a small mask: the numbers
// themselves are compared.
func TestTemplateNumbersCompareExactly(t *testing.T) {
	rupiah := func(thousands int) string { return fmt.Sprintf("Rp%d.%03d.000", thousands/1000, thousands%1000) }
	report := func(price int) (string, string) {
		p := rupiah(price)
		return "Harga emas Antam hari ini " + p + " per gram",
			"Harga emas batangan Antam hari ini tercatat " + p + " per gram di butik Logam Mulia Jakarta, menurut laman resmi perusahaan. " +
				"Harga pembelian kembali (buyback) ikut bergerak mengikuti harga jual. Pembeli diminta menyimpan bukti pembelian dan faktur pajak."
	}
	// Find three prices whose number tokens share one mask bit.
	base := 1100
	want := bloomBit(rupiah(base))
	prices := []int{base}
	for p := base + 1; len(prices) < 3; p++ {
		if bloomBit(rupiah(p)) == want {
			prices = append(prices, p)
		}
	}
	ix := NewIndex(Options{})
	for i, p := range prices {
		title, text := report(p)
		a := art(hexID(i), title, text, t0.Add(time.Duration(i)*time.Hour))
		ix.Assign(a)
		if a.StoryID != a.ID {
			t.Errorf("%q joined %s (%+v): different prices are different reports", title, a.StoryID, a.StoryMatch)
		}
	}
	// The same report again is a copy.
	title, text := report(prices[1])
	c := art(hexID(9), title+" - Kontan", text, t0.Add(5*time.Hour))
	ix.Assign(c)
	if c.StoryID != hexID(1) {
		t.Errorf("copy of the second report got story %s, want %s", c.StoryID, hexID(1))
	}
}

// A flood of template reports fills the buckets their keys share; a copy of
// a recent one must still find its original among the bounded candidates,
// and never another report.
func TestFloodKeepsRecentCopiesFindable(t *testing.T) {
	report := func(i int) (string, string) {
		p := fmt.Sprintf("Rp%d.%03d", 15+i/1000, i%1000)
		return "Rupiah ditutup di " + p + " per dolar AS",
			"Nilai tukar rupiah terhadap dolar AS di pasar antarbank Jakarta ditutup di " + p + " per dolar AS, dibandingkan posisi sebelumnya."
	}
	const n = 3000
	ix := NewIndex(Options{})
	for i := range n {
		title, text := report(i)
		ix.Assign(art(hexID(i), title, text, t0.Add(time.Duration(i)*time.Second)))
	}
	for _, back := range []int{1, 10, 40} {
		i := n - back
		title, text := report(i)
		a := art(hexID(n+back), title+" - Kontan", text, t0.Add(2*time.Hour))
		ix.Assign(a)
		if a.StoryMatch.MatchedID != hexID(i) {
			t.Errorf("copy of report %d (%d back) matched %q, want %s", i, back, a.StoryMatch.MatchedID, hexID(i))
		}
	}
}
