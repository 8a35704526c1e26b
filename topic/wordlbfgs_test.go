package topic

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// Without a ridge, logistic regression on one binary feature reaches the
// maximum likelihood, known in closed form: the bias is the log-odds of
// the items without the feature, the feature's weight the difference of
// the log-odds with and without it.
func TestFitWordLBFGSReachesTheMaximumLikelihood(t *testing.T) {
	var ss []WordSample
	add := func(n int, feats []uint64, y bool) {
		for range n {
			ss = append(ss, WordSample{Feats: feats, Y: y})
		}
	}
	add(30, []uint64{7}, true) // with the feature: 30 of 40 positive
	add(10, []uint64{7}, false)
	add(20, nil, true) // without: 20 of 80
	add(60, nil, false)
	w := fitWordLBFGS(ss, map[uint64]bool{7: true}, 0, nil)
	logit := func(p float64) float64 { return math.Log(p / (1 - p)) }
	if want := logit(0.25); math.Abs(w.Bias-want) > 1e-5 {
		t.Errorf("bias %.6f, want %.6f", w.Bias, want)
	}
	if want := logit(0.75) - logit(0.25); math.Abs(w.W[7]-want) > 1e-5 {
		t.Errorf("weight %.6f, want %.6f", w.W[7], want)
	}
	// A ridge pulls the weight towards zero.
	if r := fitWordLBFGS(ss, map[uint64]bool{7: true}, 10, nil); r.W[7] <= 0 || r.W[7] >= w.W[7] {
		t.Errorf("with a ridge the weight is %.4f, without %.4f", r.W[7], w.W[7])
	}
}

// randomWordSamples are n samples of both languages over a few features,
// the label leaning on some of them.
func randomWordSamples(r *rand.Rand, n int) []WordSample {
	ss := make([]WordSample, n)
	for i := range ss {
		s := WordSample{Lang: i % numLangs}
		score := -1.0
		for f := range uint64(40) {
			if r.Float64() < 0.15 {
				s.Feats = append(s.Feats, f)
				score += float64(int(f%5) - 2)
			}
		}
		s.Y = r.Float64() < sigmoid(score)
		ss[i] = s
	}
	return ss
}

// The counts path: a fit from the counts of every sample less a part's
// (CountWords, Less) is the direct fit of the other samples, exactly, for
// each learner; a logistic fit started from another fit's weights reaches
// the same optimum.
func TestFitWordsFromIsFitWords(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	all := randomWordSamples(r, 1200)
	rest, part := all[:900], all[900:]
	c := CountWords(all).Less(CountWords(part))
	if !reflect.DeepEqual(c, CountWords(rest)) {
		t.Fatal("the counts less a part's are not the rest's counts")
	}
	for _, learner := range []WordLearner{WordNB, WordLogisticLBFGS, WordNBLogistic} {
		got, _ := FitWordsFrom(c, rest, WordFit{Learner: learner, Ridge: WordLBFGSRidge})
		want := FitWords(rest, learner)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("learner %d: the counts path's model differs from the direct fit's", learner)
		}
		if got.Lang[0].W == nil || got.Lang[1].W == nil {
			t.Errorf("learner %d: a language without weights", learner)
		}
	}
	_, start := FitWordsFrom(CountWords(all), all, WordFit{Learner: WordLogisticLBFGS, Ridge: WordLBFGSRidge})
	warm, _ := FitWordsFrom(c, rest, WordFit{Learner: WordLogisticLBFGS, Ridge: WordLBFGSRidge, Start: start})
	cold := FitWords(rest, WordLogisticLBFGS)
	for l := range cold.Lang {
		if d := math.Abs(warm.Lang[l].Bias - cold.Lang[l].Bias); d > 1e-4 {
			t.Errorf("lang %d: warm start's bias off by %g", l, d)
		}
		for f, w := range cold.Lang[l].W {
			if d := math.Abs(warm.Lang[l].W[f] - w); d > 1e-4 {
				t.Errorf("lang %d feature %d: warm start's weight off by %g", l, f, d)
			}
		}
	}
	// The mean learner is the mean of naive Bayes' and L-BFGS's weights.
	nb, lr, mean := FitWords(rest, WordNB), FitWords(rest, WordLogisticLBFGS), FitWords(rest, WordNBLogistic)
	for f, w := range mean.Lang[1].W {
		if want := (nb.Lang[1].W[f] + lr.Lang[1].W[f]) / 2; w != want {
			t.Errorf("feature %d: mean %g, want %g", f, w, want)
		}
	}
}

// minimiseLBFGS keeps its memory of past steps in wordLBFGSMemory pairs of
// vectors it reuses: a fit of many iterations allocates no more than one
// of a few, as the leave-one-stream-out runs thousands of fits.
func TestMinimiseLBFGSAllocatesNoVectorsPerIteration(t *testing.T) {
	// An ill-conditioned quadratic Σ c_k (θ_k − 1)², c_k from 1 to 10⁴:
	// L-BFGS needs many more iterations than it keeps steps.
	const d = 60
	calls := 0
	f := func(theta, grad []float64) float64 {
		calls++
		v := 0.0
		for k := range theta {
			c := math.Pow(1e4, float64(k)/(d-1))
			v += c * (theta[k] - 1) * (theta[k] - 1)
			grad[k] = 2 * c * (theta[k] - 1)
		}
		return v
	}
	allocs := testing.AllocsPerRun(3, func() {
		calls = 0
		minimiseLBFGS(f, make([]float64, d))
	})
	if calls < 4*wordLBFGSMemory {
		t.Fatalf("%d evaluations: too few iterations to tell", calls)
	}
	// Eight vectors and slices made once, theta, and a new spare pair for
	// each of the wordLBFGSMemory pairs the history keeps (27 measured);
	// vectors made per iteration would be hundreds.
	if limit := float64(2*wordLBFGSMemory + 12); allocs > limit {
		t.Errorf("%.0f allocations in %d evaluations, want at most %.0f", allocs, calls, limit)
	}
}

// Naive Bayes from counts is the closed form: the bias the log-odds of
// the labels, each feature of at least WordMinDocs items its smoothed
// log-ratio of the labels' feature counts, normalised by their totals.
// A feature of one item is not learned; a language without items is
// closed. (FitWords reads the counts too: this pins what they give.)
func TestFitWordNBIsTheClosedForm(t *testing.T) {
	sample := func(y bool, feats ...uint64) WordSample { return WordSample{Feats: feats, Y: y} }
	ss := []WordSample{
		sample(true, 1, 2), sample(true, 1), sample(true, 3, 9),
		sample(false, 2), sample(false, 2, 3),
	}
	m := FitWords(ss, WordNB)
	if m.Lang[1].W != nil {
		t.Errorf("a language without items has weights %v", m.Lang[1].W)
	}
	w := m.Lang[0]
	// Positives count 2+1+1 features of the vocabulary {1, 2, 3}, negatives 0+2+1.
	norm := math.Log(3+wordSmoothing*3) - math.Log(4+wordSmoothing*3)
	want := map[uint64]float64{
		1: math.Log(2+wordSmoothing) - math.Log(0+wordSmoothing) + norm,
		2: math.Log(1+wordSmoothing) - math.Log(2+wordSmoothing) + norm,
		3: math.Log(1+wordSmoothing) - math.Log(1+wordSmoothing) + norm,
	}
	if d := math.Abs(w.Bias - math.Log(3.0/2)); d > 1e-12 {
		t.Errorf("bias %g, want log(3/2)", w.Bias)
	}
	if len(w.W) != len(want) {
		t.Errorf("weights of %d features, want %d (feature 9 is one item's)", len(w.W), len(want))
	}
	for f, x := range want {
		if d := math.Abs(w.W[f] - x); d > 1e-12 {
			t.Errorf("feature %d: weight %g, want %g", f, w.W[f], x)
		}
	}
}

// A learner that does not read the samples fits from their counts alone;
// one that does needs them (topiceval passes them by ReadsSamples).
func TestReadsSamplesSaysWhichLearnersNeedTheSamples(t *testing.T) {
	ss := randomWordSamples(rand.New(rand.NewPCG(9, 10)), 400)
	c := CountWords(ss)
	for _, learner := range []WordLearner{WordNB, WordLogistic, WordLogisticLBFGS, WordNBLogistic} {
		with, _ := FitWordsFrom(c, ss, WordFit{Learner: learner, Ridge: WordLBFGSRidge})
		without, _ := FitWordsFrom(c, nil, WordFit{Learner: learner, Ridge: WordLBFGSRidge})
		if same := reflect.DeepEqual(with, without); same == learner.ReadsSamples() {
			t.Errorf("%v: ReadsSamples %v, yet the fit without samples is the same: %v", learner, learner.ReadsSamples(), same)
		}
	}
}

// A loss that is NaN wherever a step lands (an overflowed one) is never
// taken: the minimiser stops where the loss was last a number.
func TestMinimiseLBFGSTakesNoStepToNaN(t *testing.T) {
	f := func(theta, grad []float64) float64 {
		grad[0] = -1
		if theta[0] != 0 {
			return math.NaN()
		}
		return 0
	}
	theta := []float64{0}
	minimiseLBFGS(f, theta)
	if theta[0] != 0 {
		t.Errorf("theta %v, want the start 0", theta[0])
	}
}

// TestWordFitVocabulary: a fit's own vocabulary bounds the features each
// language keeps, the most informative first, so that a smaller bound
// keeps a subset of a larger one's; without one WordVocabulary bounds
// them.
func TestWordFitVocabulary(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	all := randomWordSamples(r, 1200)
	c := CountWords(all)
	small, _ := FitWordsFrom(c, all, WordFit{Learner: WordNB, Vocabulary: 5})
	large, _ := FitWordsFrom(c, all, WordFit{Learner: WordNB, Vocabulary: 50})
	plain, _ := FitWordsFrom(c, all, WordFit{Learner: WordNB})
	for l := range small.Lang {
		if n := len(small.Lang[l].W); n != 5 {
			t.Errorf("lang %d: %d features under a bound of 5", l, n)
		}
		if n := len(large.Lang[l].W); n <= 5 || n > 50 {
			t.Errorf("lang %d: %d features under a bound of 50", l, n)
		}
		if n := len(plain.Lang[l].W); n < len(large.Lang[l].W) || n > WordVocabulary {
			t.Errorf("lang %d: %d features without a bound of the fit's own", l, n)
		}
		for f := range small.Lang[l].W {
			if _, ok := large.Lang[l].W[f]; !ok {
				t.Errorf("lang %d: feature %x kept under 5 but not under 50", l, f)
			}
		}
	}
}

// TestMeanWordModel (V44): the mean of models weighs each feature by the
// mean of its weights, 0 where a model lacks it, over the models whose
// language is open, and keeps the first model's switches.
func TestMeanWordModel(t *testing.T) {
	a := &WordModel{Phrases: PhrasesTitle, Lang: [numLangs]WordWeights{{Bias: -1, W: map[uint64]float64{1: 2, 2: 1}}, {Bias: 3, W: map[uint64]float64{5: 1}}}}
	b := &WordModel{Phrases: PhrasesTitle, Lang: [numLangs]WordWeights{{Bias: -3, W: map[uint64]float64{1: 4}}, {}}}
	m := MeanWordModel([]*WordModel{a, b})
	if m.Phrases != PhrasesTitle {
		t.Errorf("switches lost: %+v", m)
	}
	en := m.Lang[0]
	if en.Bias != -2 || en.W[1] != 3 || en.W[2] != 0.5 || len(en.W) != 2 {
		t.Errorf("en %+v, want bias -2, 1: 3, 2: 0.5", en)
	}
	if id := m.Lang[1]; id.Bias != 3 || id.W[5] != 1 {
		t.Errorf("id %+v, want the one open model's", id)
	}
	s := WordSample{Lang: 0, Scale: 1, Feats: []uint64{1, 2}}
	if got, want := m.WordLogOdds(s), (a.WordLogOdds(s)+b.WordLogOdds(s))/2; got != want {
		t.Errorf("the mean model's log-odds %v, the models' mean %v", got, want)
	}
}
