package topic

import "testing"

// BenchmarkTagWords is BenchmarkTag with a word model of WordVocabulary
// stems in English and Indonesian closed (the gate, WordModel.Gate): the
// cost of collecting the stems and of the look-ups in the shipped mode
// (fittedWordMode, V6 since branch wordfull) and, for the experiments' record, as the variants
// V5 (the stream model's prior) and V6/V7 (stacked) use it (branches
// wordir and wordir2).
func BenchmarkTagWords(b *testing.B) {
	m := &WordModel{}
	m.Lang[0].W = map[uint64]float64{}
	arts := benchArticles(b)
	plain := defaultTagger(b)
	for _, a := range arts {
		// The model's keys are the stems' hashes the tagger collects, so
		// the look-ups hit as a fitted model's do.
		ws, ok := plain.WordSampleOf(a, false)
		if !ok || ws.Lang != 0 {
			continue
		}
		for _, f := range ws.Feats {
			if len(m.Lang[0].W) < WordVocabulary {
				m.Lang[0].W[f] = 0.1
			}
		}
	}
	stack := [numLangs]WordStack{{Actor: 0.34, Word: 0.18, Bias: -0.15, Cut: 0.4}}
	for _, mode := range []struct {
		name string
		mode WordMode
	}{{"shipped", fittedWordMode}, {"prior", WordPrior}, {"stack", WordStackGuards | WordPrior}} {
		b.Run(mode.name, func(b *testing.B) {
			tg := defaultTagger(b).WithWordModel(m, stack, mode.mode)
			tag := tg.Tag
			if mode.mode&WordPrior != 0 {
				// The prior acts in the stream model's lift only.
				tag = tg.NewStream().Tag
			}
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				tag(arts[n%len(arts)], Hints{})
				n++
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
