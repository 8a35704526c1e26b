package dedupe

import (
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// synthSketch is a random sketch shaped like a real article's lead.
func synthSketch(r *rand.Rand) sketch {
	s := sketch{keys: r.Uint64(), n: verifyShingles}
	for i := range r.IntN(leadNames + 1) {
		s.names[i] = nameFP(r.Uint64(), r.IntN(2) == 0)
		s.namesWide[i] = s.names[i]
	}
	for i := range r.IntN(leadNums + 1) {
		s.nums[i] = numFP(r.Uint64())
		s.numsWide[i] = s.nums[i]
	}
	for i := range s.vs {
		s.vs[i] = r.Uint64()
	}
	s.vsAt[0], s.nAt[0] = s.vs, s.n
	for k := 1; k < regions; k++ {
		s.nAt[k] = s.n
	}
	return s
}

// synthEvent is a random event signature: seven terms drawn from a
// vocabulary of 100,000 with Zipf frequencies, as headline words are.
func synthEvent(z *rand.Zipf) eventSig {
	var sig eventSig
	for len(sig.terms) < 7 {
		h := uint32(mix(z.Uint64()+1))&(1<<24-1) | 1
		if !slices.ContainsFunc(sig.terms, func(t evTerm) bool { return t.h == h }) {
			sig.terms = append(sig.terms, evTerm{h: h})
		}
	}
	return sig
}

func newZipf(r *rand.Rand) *rand.Zipf { return rand.NewZipf(r, 1.1, 2, 100_000) }

func synthID(r *rand.Rand) string {
	var b [16]byte
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return hex.EncodeToString(b[:])
}

// buildSynth indexes n synthetic articles first seen over the last day and
// returns the heap bytes the index holds per article and the articles
// assigned per second while it grew.
func buildSynth(tb testing.TB, n int, r *rand.Rand) (*Index, float64, float64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ix := NewIndex(Options{})
	a := &article.Article{}
	z := newZipf(r)
	start := time.Now()
	for i := range n {
		a.ID = synthID(r)
		a.FirstSeen = t0.Add(time.Duration(i) * 24 * time.Hour / time.Duration(n))
		a.Published = a.FirstSeen
		ix.assign(a, synthSketch(r), synthEvent(z))
	}
	rate := float64(n) / time.Since(start).Seconds()
	runtime.GC()
	runtime.ReadMemStats(&after)
	if ix.Len() != n {
		tb.Fatalf("Len = %d, want %d", ix.Len(), n)
	}
	return ix, float64(after.HeapAlloc-before.HeapAlloc) / float64(n), rate
}

// BenchmarkIndexAssign1M measures the index part of Assign (copy lookup,
// event-signature lookup, verification, insert) with a million articles
// already indexed, each with a sketch and a seven-term event signature;
// one in ten incoming articles is a copy of an indexed one. It reports the
// heap bytes per indexed article and the rate at which the million were
// assigned while the index grew.
func BenchmarkIndexAssign1M(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	const n = 1_000_000
	ix, perArticle, buildRate := buildSynth(b, n, r)
	// Indexed articles that incoming ones will copy.
	olds := make([]sketch, 16384)
	for i := range olds {
		olds[i] = synthSketch(r)
		ix.assign(&article.Article{ID: synthID(r), FirstSeen: t0.Add(24 * time.Hour)}, olds[i], eventSig{})
	}
	ids := make([]string, 4096)
	for i := range ids {
		ids[i] = synthID(r)
	}
	a := &article.Article{FirstSeen: t0.Add(25 * time.Hour), Published: t0.Add(25 * time.Hour)}
	z := newZipf(r)
	copies, matched := 0, 0
	b.ResetTimer()
	for i := range b.N {
		// Fresh sketches: re-inserting a few would grow their chains
		// without bound. One in ten is a copy of an indexed article.
		s := synthSketch(r)
		if i%10 == 0 {
			s = olds[(i/10)%len(olds)]
			copies++
		}
		a.ID = ids[i%len(ids)]
		ix.assign(a, s, synthEvent(z))
		if a.StoryID != a.ID {
			matched++
		}
	}
	b.StopTimer()
	b.ReportMetric(perArticle, "B/article")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(buildRate, "build-articles/s")
	if matched < copies {
		b.Errorf("only %d of %d copies found", matched, copies)
	}
}

// BenchmarkFingerprint measures cleaning, tokenising and sketching one
// article (title and a five-sentence body) — the text side of Assign.
func BenchmarkFingerprint(b *testing.B) {
	title := enTitle + " - BBC News"
	text := enText + "\nRead more: Why Java's ports keep flooding\n(Reporting by Ani Lestari; Editing by Mark Heinrich)"
	b.SetBytes(int64(len(title) + len(text)))
	for b.Loop() {
		Fingerprint(title, text)
	}
}

// templateSketches sketches n reports written from a few templates, as a
// stream of daily rates, prices and match results is: the same words with
// other figures, so their lookup keys fall into the same few buckets.
func templateSketches(n int) ([]sketch, []eventSig) {
	templates := []func(i int) (string, string){
		func(i int) (string, string) {
			p := fmt.Sprintf("Rp%d.%03d", 15+i%3, i%1000)
			return "Rupiah ditutup di " + p + " per dolar AS",
				"Nilai tukar rupiah terhadap dolar AS di pasar antarbank Jakarta ditutup di " + p + " per dolar AS, dibandingkan posisi sebelumnya. Analis menyebut pergerakan rupiah dipengaruhi data ekonomi Amerika Serikat."
		},
		func(i int) (string, string) {
			p := fmt.Sprintf("Rp%d.%03d.000", 1+i%2, i%1000)
			return "Harga emas Antam hari ini " + p + " per gram",
				"Harga emas batangan Antam hari ini tercatat " + p + " per gram di butik Logam Mulia Jakarta, menurut laman resmi perusahaan. Harga pembelian kembali ikut bergerak mengikuti harga jual."
		},
		func(i int) (string, string) {
			s := fmt.Sprintf("%d-%d", i%5, i/5%5)
			return "Persebaya vs Arema berakhir " + s,
				"Pertandingan lanjutan Liga 1 antara Persebaya dan Arema berakhir dengan skor " + s + " di stadion kandang, disaksikan puluhan ribu penonton."
		},
		func(i int) (string, string) {
			return fmt.Sprintf("Gempa magnitudo %d,%d guncang Maluku", 3+i%4, i%10),
				fmt.Sprintf("Gempa bumi bermagnitudo %d,%d mengguncang wilayah Maluku pada kedalaman %d kilometer, menurut BMKG. Gempa tidak berpotensi tsunami.", 3+i%4, i%10, 10+i%90)
		},
	}
	out := make([]sketch, n)
	sigs := make([]eventSig, n)
	for i := range out {
		title, text := templates[i%len(templates)](i / len(templates))
		t, x := Clean(title, text)
		out[i] = makeSketch(t, x)
		sigs[i] = makeEventSig(t, nil)
	}
	return out, sigs
}

// BenchmarkIndexAssignRepetitive1M measures Assign's index part on a flood
// of template reports with a million articles indexed, half of them from
// the same templates: the buckets their sketch keys and headline terms
// fall into are long, and the number of candidates examined per article
// must not grow with them.
func BenchmarkIndexAssignRepetitive1M(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	const n = 1_000_000
	tpl, sigs := templateSketches(4096)
	ix := NewIndex(Options{})
	z := newZipf(r)
	for i := range n {
		s, sig := synthSketch(r), synthEvent(z)
		if i%2 == 0 {
			k := r.IntN(len(tpl))
			s, sig = tpl[k], sigs[k]
		}
		m := minuteOf(t0.Add(time.Duration(i) * 24 * time.Hour / n))
		ix.insert(synthID(r), s, &sig, m, m, nil)
	}
	ids := make([]string, 4096)
	for i := range ids {
		ids[i] = synthID(r)
	}
	a := &article.Article{FirstSeen: t0.Add(24 * time.Hour), Published: t0.Add(24 * time.Hour)}
	b.ResetTimer()
	for i := range b.N {
		a.ID = ids[i%len(ids)]
		ix.assign(a, tpl[i%len(tpl)], sigs[i%len(tpl)])
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkEventSignature measures reading one headline's event signature
// (words, stems, numbers, roles), the event side of Sketch, over headlines
// written for the tests.
func BenchmarkEventSignature(b *testing.B) {
	titles := append(slices.Clone(background),
		"Banjir Bandang Terjang Garut, Ratusan Rumah Terendam",
		"Menlu Retno: Evakuasi WNI Dimulai Pekan Ini",
		"Dua Puluh Lima Rumah di Garut Terendam Banjir Bandang",
		"Israel Gempur Kamp Pengungsi, 50 Orang Tewas",
	)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		makeEventSig(titles[i%len(titles)], nil)
	}
}
