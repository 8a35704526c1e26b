package topic

import (
	"bytes"
	"math"
	"testing"

	"github.com/warta-news/warta/article"
)

// A source's prior is its shrunk rate's log-odds over the stream's: none
// for an article without a source or a source never counted, little for
// a source of few confident items, and bounded by the prior's Bound.
func TestSourceBookLogOdds(t *testing.T) {
	b := sourceBook{by: map[sourceKey][2]uint32{}}
	for range 40 {
		b.count("world", langEN, 1)
	}
	for range 10 {
		b.count("world", langEN, -1)
	}
	for range 150 {
		b.count("sport", langEN, -1)
	}
	b.count("new", langEN, 1)
	b.count("", langEN, 1) // no source: not counted
	if b.total[langEN] != [2]uint32{160, 41} {
		t.Fatalf("totals %v, want [160 41]", b.total[langEN])
	}
	world, sport, one := b.logOdds("world", langEN), b.logOdds("sport", langEN), b.logOdds("new", langEN)
	if world <= 1 || sport >= -1 {
		t.Errorf("world %+.2f, sport %+.2f: want a world desk well over the stream and a sport feed well under", world, sport)
	}
	if one <= 0 || one >= world/4 {
		t.Errorf("one confident item moves its source by %+.2f (world %+.2f): want little", one, world)
	}
	if f := b.logOdds("", langEN); f != 0 {
		t.Errorf("no source: %v", f)
	}
	if f := b.logOdds("world", langID); f != 0 {
		t.Errorf("a source in a language it was not counted in: %v", f)
	}
	p := SourcePrior{Weight: 1, Bound: 0.5}
	if a := p.adds(world); a != 0.5 {
		t.Errorf("world adds %v under bound 0.5", a)
	}
	if a := p.adds(sport); a != -0.5 {
		t.Errorf("sport adds %v under bound 0.5", a)
	}
	p.LowerOnly = true
	if a := p.adds(world); a != 0 {
		t.Errorf("lower only: world adds %v", a)
	}
}

// irNearCut is a candidate article of international relations for the
// source prior's tests.
var irNearCut = &article.Article{Source: "desk", Language: "en", Title: "Japan and China discuss the dispute",
	Text: "Officials of Japan and China met on Tuesday to discuss the dispute over the islands."}

// The source prior tips the stacked decision of an item near the cut,
// and only within its bound; Explain says it tipped; without a stream
// (Tagger.Tag) nothing is added.
func TestSourcePriorTipsNearCut(t *testing.T) {
	tg := defaultTagger(t)
	judged := func(tg *Tagger, st *Stream) verdict {
		s := tg.read(irNearCut, st)
		defer tg.release(s)
		res := make([]result, len(tg.rules))
		s.features = true
		tg.evaluate(s, irNearCut, langEN, Hints{}, res)
		s.features = false
		return tg.judge(s, irNearCut, langEN, res, tg.genreOf(irNearCut, Hints{}), st)
	}
	st := tg.NewStream() // the shipped tagger: no source prior
	plain := judged(tg, st)
	if !plain.irStacked {
		t.Fatalf("%q is not decided by the stack: %+v", irNearCut.Title, plain)
	}
	gap := logit(plain.irP) - logit(plain.irCut) // > 0: in; the prior must push it out
	y := int8(-1)
	if gap < 0 {
		y = 1
	}
	loose := tg.WithSourcePrior(SourcePrior{Weight: 10, Bound: math.Abs(gap) + 0.1})
	ls := loose.NewStream()
	for _, st := range []*Stream{st, ls} {
		for range 200 {
			st.sources.count("desk", langEN, y)
			st.sources.count("other", langEN, -y)
		}
	}
	if v := judged(tg, st); v.irSource != 0 || v.irP != plain.irP {
		t.Errorf("the shipped tagger's zero prior added %v", v.irSource)
	}
	v := judged(loose, ls)
	if !v.irSourceTipped || (v.irP >= v.irCut) == (plain.irP >= plain.irCut) {
		t.Errorf("a bound over the gap %+.2f: p %.3f (was %.3f) of cut %.3f, tipped %v", gap, v.irP, plain.irP, v.irCut, v.irSourceTipped)
	}
	var ir *Explanation
	for _, e := range ls.Explain(irNearCut, Hints{}) {
		if e.Slug == "international-relations" {
			ir = &e
		}
	}
	if ir == nil || ir.Source == nil || !ir.Source.Tipped {
		t.Errorf("Explain does not say the source tipped it: %+v", ir)
	}
	tight := tg.WithSourcePrior(SourcePrior{Weight: 10, Bound: math.Abs(gap) - 0.1})
	if v := judged(tight, ls); v.irSourceTipped || (v.irP >= v.irCut) != (plain.irP >= plain.irCut) {
		t.Errorf("a bound under the gap %+.2f tipped the decision", gap)
	}
	if v := judged(loose, nil); v.irSource != 0 || v.irP != plain.irP {
		t.Errorf("without a stream the prior added %v", v.irSource)
	}
}

// The sources' counts survive a snapshot: a restart loses nothing.
func TestStreamSnapshotKeepsSources(t *testing.T) {
	tg := defaultTagger(t)
	st := tg.NewStream()
	for range 3 {
		st.Observe(&article.Article{Source: "desk", Language: "en", Title: "Sport results", Text: "The football club won the league match on Sunday with two goals."}, Hints{})
		st.Observe(irNearCut, Hints{})
	}
	st.Observe(&article.Article{Source: "wire", Language: "en", Title: "Ministers meet", Text: "The foreign ministers of Japan and China met in Beijing and signed a treaty."}, Hints{})
	if len(st.sources.by) == 0 {
		t.Fatal("the stream counted no source")
	}
	snap, err := st.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	loaded := tg.NewStream()
	if err := loaded.UnmarshalBinary(snap); err != nil {
		t.Fatal(err)
	}
	if len(loaded.sources.by) != len(st.sources.by) || loaded.sources.total != st.sources.total {
		t.Fatalf("loaded %+v, want %+v", loaded.sources, st.sources)
	}
	for k, c := range st.sources.by {
		if loaded.sources.by[k] != c {
			t.Errorf("%v: loaded %v, want %v", k, loaded.sources.by[k], c)
		}
	}
	again, _ := loaded.MarshalBinary()
	if !bytes.Equal(snap, again) {
		t.Error("the loaded sources encode differently")
	}
}
