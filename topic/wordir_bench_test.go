package topic

import (
	"strings"
	"testing"
)

// BenchmarkTagWords is BenchmarkTag with a word model of WordVocabulary
// stems per language stacked on the actors model (mode WordStackGuards):
// the cost of collecting the features and of the look-ups (an
// experiment's, branch wordir).
func BenchmarkTagWords(b *testing.B) {
	m := &WordModel{}
	for l := range m.Lang {
		m.Lang[l].W = map[uint64]float64{}
	}
	arts := benchArticles(b)
	for _, a := range arts {
		for _, w := range strings.Fields(strings.ToLower(a.Title + " " + a.Text)) {
			if l := langIndex(a.Language); l >= 0 && len(m.Lang[l].W) < WordVocabulary {
				m.Lang[l].W[featureHash(w)] = 0.1
			}
		}
	}
	tg := defaultTagger(b).WithWordModel(m, [numLangs]WordStack{{Actor: 0.4, Word: 0.2}, {Actor: 0.7, Word: 0.2, Bias: 0.7}}, WordStackGuards)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		tg.Tag(arts[n%len(arts)], Hints{})
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
