package dedupe

import (
	"strings"
	"testing"
)

func TestCleanTitle(t *testing.T) {
	cases := map[string]string{
		"Harga cabai naik jelang Lebaran - ANTARA News":        "Harga cabai naik jelang Lebaran",
		"Harga cabai naik jelang Lebaran | Republika Online":   "Harga cabai naik jelang Lebaran",
		"VIDEO: Harga cabai naik jelang Lebaran":               "Harga cabai naik jelang Lebaran",
		"FOTO:Harga cabai naik jelang Lebaran":                 "Harga cabai naik jelang Lebaran",
		"UPDATE 1-Storm closes ports in Java":                  "Storm closes ports in Java",
		"UPDATE 2-Storm closes ports in Java | Reuters":        "Storm closes ports in Java",
		"Storm closes ports in Java (AP)":                      "Storm closes ports in Java",
		"Storm closes ports in Java - BBC News":                "Storm closes ports in Java",
		"Storm closes ports in Java…":                          "Storm closes ports in Java",
		"Storm closes ports in Java...":                        "Storm closes ports in Java",
		"Minister says talks - not threats - will end dispute": "Minister says talks - not threats - will end dispute",
	}
	for in, want := range cases {
		if got, _ := Clean(in, ""); got != want {
			t.Errorf("Clean(%q) title = %q, want %q", in, got, want)
		}
	}
}

func TestCleanBody(t *testing.T) {
	body := "JAKARTA (ANTARA) - Pemerintah menaikkan anggaran subsidi pupuk tahun depan.\n" +
		"Kenaikan itu disetujui DPR pada Selasa.\n" +
		"Baca juga: Petani keluhkan pupuk langka di Jawa Tengah\n" +
		"Pewarta: Budi Santoso Editor: Rina Wati\n" +
		"COPYRIGHT © ANTARA 2026"
	_, got := Clean("", body)
	want := "Pemerintah menaikkan anggaran subsidi pupuk tahun depan.\nKenaikan itu disetujui DPR pada Selasa."
	if got != want {
		t.Errorf("Clean body = %q, want %q", got, want)
	}

	inline := "The central bank kept rates on hold on Thursday. Read more: Why rates matter (Reporting by Jane Doe; Editing by John Roe) Sign up here for our daily newsletter with the top stories. Our Standards: The Trust Principles."
	if _, got := Clean("", inline); got != "The central bank kept rates on hold on Thursday." {
		t.Errorf("Clean inline = %q", got)
	}

	idn := "Warga memadati pasar malam di alun-alun. Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran andalanmu akses berita melalui WhatsApp Channel. Lensa Community adalah media yang menyediakan platform untuk menulis. Semua karya tulis yang dibuat adalah sepenuhnya tanggung jawab dari penulis."
	if _, got := Clean("", idn); got != "Warga memadati pasar malam di alun-alun." {
		t.Errorf("Clean disclaimers = %q", got)
	}

	cut := "Polisi menutup jalan utama menuju bandara karena banjir setinggi …"
	if _, got := Clean("", cut); strings.ContainsAny(got, "…") || !strings.HasSuffix(got, "setinggi") {
		t.Errorf("Clean truncation = %q", got)
	}

	also := "First paragraph of the story.\nAlso read: Another story entirely\nSecond paragraph."
	if _, got := Clean("", also); got != "First paragraph of the story.\nSecond paragraph." {
		t.Errorf("Clean also read = %q", got)
	}
}

// The keyword gate only spares lines no pattern can match: with every
// pattern run on every line the bodies clean alike, and "told reporters"
// no longer runs the credit line's pattern while "Reporter : Budi" does.
func TestKeywordGateSkipsOnlyLinesNoPatternMatches(t *testing.T) {
	lines := []string{
		"The minister told reporters on Monday that the plan would go ahead.",
		"Prices rose again. Reporter : Budi Santoso",
		"Harga naik lagi. Penulis: Siti Aminah",
		"Pewarta : Andi. Editor: Rina",
		"An editorial board met; the editor said nothing.",
		"Copyright © 2026 Example Media",
		"Reporting by Jane Doe; editing by John Roe",
	}
	for _, l := range lines {
		want := l
		for _, g := range disclaimers {
			want = g.re.ReplaceAllString(want, " ")
		}
		want = trimTruncation(strings.Join(strings.Fields(want), " "))
		if got := cleanBody(l); got != want {
			t.Errorf("cleanBody(%q) = %q, with every pattern run %q", l, got, want)
		}
	}
	if (&disclaimers[6]).holds(strings.ToLower(lines[0])) {
		t.Error(`"told reporters" runs the credit line's pattern`)
	}
	if !(&disclaimers[6]).holds(strings.ToLower(lines[1])) {
		t.Error(`"Reporter : Budi" does not run the credit line's pattern`)
	}
}

// cleanBodyEveryLine is cleanBody without its shortcuts (the dateline's
// opening test, the one-pass keyword gate, the single-spaced test): the
// shortcuts must never change what is cleaned.
func cleanBodyEveryLine(text string) string {
	text = dateline.ReplaceAllString(strings.TrimSpace(text), "")
	lines := strings.Split(text, "\n")
	out := lines[:0]
	for _, l := range lines {
		lower := strings.ToLower(l)
		for i := range disclaimers {
			if g := &disclaimers[i]; g.holds(lower) {
				l = g.re.ReplaceAllString(l, " ")
				lower = strings.ToLower(l)
			}
		}
		l = trimTruncation(strings.Join(strings.Fields(l), " "))
		if l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

var cleanBodySeeds = []string{
	"JAKARTA (ANTARA) - Pemerintah menaikkan anggaran.\nBaca juga: Petani keluhkan pupuk\nPewarta: Budi Editor: Rina\nCOPYRIGHT © ANTARA 2026",
	"LONDON, Nov 2 (Reuters) -  Shares  fell.\t(Reporting by Jane Doe)",
	"WASHINGTON (AP) — Lawmakers met.  Sign up here for our daily newsletter.",
	"The minister told reporters on Monday.\u00a0Reporter : Budi Santoso",
	"Ikuti kami di Instagram dan WhatsApp. Hak cipta dilindungi undang-undang.",
	"Lensa Community adalah media milik bersama.\r\n Read more: Rates… ",
	" A  B\u2003C\u0085D \xff\xfe ... [...] […]",
	"ÉTATS-UNIS (AFP) – Élection. ©2026 All Rights Reserved.",
	"Also read: another story\n\n\nsee also: x. Related: y!",
	"Prices  rose sharply.\nPrices rose\u00a0sharply.\nPrices\u2003rose.",
	"Harga naik. Baca juga : Harga turun lagi",
	"",
	"e",
	"©",
	"BACA JUGA: Harga naik\nSimak Juga: Lain\nREPORTER : Budi\nCopyright © 2026",
	"Rp 5 \u212aELVIN baca juga: x\n\u0130ndonesia Read More: y\n\u00c9DITOR: Z",
	"\u201cKami,\u201d kata Menteri \u2013 Related: sesuatu.\nPenulis: Ani \xc3",
}

func TestCleanBodyShortcutsChangeNothing(t *testing.T) {
	for _, s := range cleanBodySeeds {
		if got, want := cleanBody(s), cleanBodyEveryLine(s); got != want {
			t.Errorf("cleanBody(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzCleanBodyShortcuts(f *testing.F) {
	for _, s := range cleanBodySeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := cleanBody(s), cleanBodyEveryLine(s); got != want {
			t.Errorf("cleanBody(%q) = %q, want %q", s, got, want)
		}
	})
}
