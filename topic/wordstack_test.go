package topic

import (
	"go/format"
	"math"
	"strings"
	"testing"
)

// TestFitWordStackShapes: where the words are right on short items and
// noise on long ones, the stack with interactions weighs the words by the
// short shape, and the stacked log-odds are the sum of its terms.
func TestFitWordStackShapes(t *testing.T) {
	var ss []StackSample
	for i := range 400 {
		y := i%2 == 0
		word := -2.0
		if y {
			word = 2
		}
		var sh [NumStackShapes]float64
		if i%4 < 2 {
			sh[shapeShort] = 1
		} else if i%8 < 4 { // long: the words say the opposite as often
			word = -word
		}
		ss = append(ss, StackSample{ActorZ: 0, Word: word, Shape: sh, Y: y})
	}
	plain := FitWordStack(ss, 0)[0]
	shaped := FitWordStack(ss, StackShapes|StackInteractions)[0]
	if plain.WordBy != ([NumStackShapes]float64{}) || plain.Shape != ([NumStackShapes]float64{}) {
		t.Errorf("design 0 fitted shapes: %+v", plain)
	}
	if shaped.WordBy[shapeShort] <= 0.5 || math.Abs(shaped.Word) > 0.2 {
		t.Errorf("words by short %.3f, words %.3f: want the words weighed on short items alone", shaped.WordBy[shapeShort], shaped.Word)
	}
	s := ss[0]
	want := shaped.Actor*s.ActorZ + shaped.Word*s.Word + shaped.Bias + shaped.Shape[shapeShort] + shaped.ActorBy[shapeShort]*s.ActorZ + shaped.WordBy[shapeShort]*s.Word
	if got := shaped.Logit(s); math.Abs(got-want) > 1e-12 {
		t.Errorf("logit %.6f, want %.6f", got, want)
	}
}

// TestWordStackCutOf: a short item is held to ShortCut when set, every
// other to Cut, and to the actors model's cut when the stack sets none.
func TestWordStackCutOf(t *testing.T) {
	short := [NumStackShapes]float64{shapeShort: 1}
	long := [NumStackShapes]float64{shapeLength: 1}
	k := WordStack{Cut: 0.4, ShortCut: 0.6}
	if got := k.cutOf(&short, 0.5); got != 0.6 {
		t.Errorf("short: %v", got)
	}
	if got := k.cutOf(&long, 0.5); got != 0.4 {
		t.Errorf("long: %v", got)
	}
	if got := (&WordStack{}).cutOf(&short, 0.5); got != 0.5 {
		t.Errorf("no cut: %v", got)
	}
}

// TestItemShape reads the shapes from the features and the body.
func TestItemShape(t *testing.T) {
	var x [NumIRFeatures]float64
	x[fLeadActors], x[fTitlePair], x[fRelationTitle], x[fSport] = 2, 1, 1, 0.5
	sh := itemShape(&x, "")
	if sh != [NumStackShapes]float64{1, 1, 1, 1, 0} {
		t.Errorf("headline: %v", sh)
	}
	long := itemShape(&[NumIRFeatures]float64{}, strings.Repeat("kata ", 2*StackLengthWords))
	if long != [NumStackShapes]float64{shapeLength: 1} {
		t.Errorf("long report: %v", long)
	}
}

// TestWordModelSourceShapes: a stack's shape weights are written only
// when fitted, as source that formats.
func TestWordModelSourceShapes(t *testing.T) {
	m := &WordModel{}
	k := WordStack{Actor: 0.3, Word: 0.2, Cut: 0.4, ShortCut: 0.5}
	k.WordBy[shapeShort] = 0.25
	src, err := format.Source(m.Source(WordStackGuards, [numLangs]WordStack{k}, "test"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "{Actor: 0.3, Word: 0.2, Bias: 0, WordBy: [NumStackShapes]float64{0.25, 0, 0, 0, 0}, Cut: 0.4, ShortCut: 0.5}, // en"; !strings.Contains(string(src), want) {
		t.Errorf("source lacks %q:\n%s", want, src)
	}
}
