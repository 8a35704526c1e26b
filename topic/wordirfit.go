package topic

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Word model learning constants (BENCHMARKS.md, branch wordir).
const (
	// WordMinDocs is how many training items a stem must occur in to be
	// learned: a stem of one item is that item's, not the topic's.
	WordMinDocs = 2
	// WordVocabulary bounds the stems a language's model keeps, the most
	// informative about the label (mutual information), so that the
	// generated weights stay small; a fit may set its own
	// (WordFit.Vocabulary).
	WordVocabulary = 2000
	// wordSmoothing is the additive smoothing of naive Bayes' counts.
	wordSmoothing = 0.5
	// wordRidge is the L2 penalty of the logistic word model, and
	// wordSteps its AdaGrad steps.
	wordRidge = 1.0
	wordSteps = 300
	// stackRidge is the L2 penalty of the stacking weights.
	stackRidge = 0.1
	// WordRestBudget is the RestBudget a word model that budgets the body
	// beyond its lead reads with (V41): the median number of distinct
	// stems of a lead (the body's first sentence) in the training
	// streams, 15 in English and 14 in Indonesian, so that the body
	// beyond the lead counts at most as a lead does. No label chose it
	// (BENCHMARKS.md, the twenty-third session's restbudget).
	WordRestBudget = 15
	// WordFunctionShare is the FunctionShare a word model that leaves out
	// function features fits with (V42): the stems in more than 15 % of a
	// language's training items with a body are, read off the stems
	// alone (no label), its grammar words and the outlets' formulas — in
	// English the, to, in, of, a, and, on, for, is, as, with, has, at,
	// that, from, after, by, says; in Indonesian di, yang, dan, pada,
	// untuk, dalam, dari, itu, dengan, ini, ke, akan — while the next
	// ones (new, it; tersebut, negara) are 14 % or less (BENCHMARKS.md,
	// the twenty-third session's function).
	WordFunctionShare = 0.15
)

// WordLearner names a word model's learner.
type WordLearner int

// The learners of FitWords.
const (
	// WordNB is binarised multinomial naive Bayes, as the stream model.
	WordNB WordLearner = iota + 1
	// WordLogistic is L2-regularised logistic regression over present
	// stems, by AdaGrad (V3).
	WordLogistic
	// WordLogisticLBFGS is L2-regularised logistic regression over
	// present features, by L-BFGS to convergence (fitWordLBFGS; V19,
	// BENCHMARKS.md, branch wordlr2).
	WordLogisticLBFGS
	// WordNBLogistic is the mean of WordNB's and WordLogisticLBFGS's
	// weights over the same vocabulary (V20).
	WordNBLogistic
)

// String is how the generated word model's header names learner.
func (learner WordLearner) String() string {
	switch learner {
	case WordNB:
		return "naive Bayes"
	case WordLogistic:
		return "logistic regression (AdaGrad)"
	case WordLogisticLBFGS:
		return "L2 logistic regression (L-BFGS)"
	case WordNBLogistic:
		return "the mean of naive Bayes and L2 logistic regression (L-BFGS)"
	}
	return fmt.Sprintf("WordLearner(%d)", int(learner))
}

// logistic reports whether learner fits a logistic regression by L-BFGS
// (alone or in a mean), whose own weights FitWordsFrom returns and may
// start from.
func (learner WordLearner) logistic() bool {
	return learner == WordLogisticLBFGS || learner == WordNBLogistic
}

// ReadsSamples reports whether learner reads the samples themselves, not
// only their counts (WordCounts): FitWordsFrom's callers pass them then.
func (learner WordLearner) ReadsSamples() bool {
	return learner == WordLogistic || learner.logistic()
}

// WordCounts are what naive Bayes and the vocabulary read of a set of
// word samples, per language: its items of each label and, per feature,
// the items of each label it occurs in. Counts subtract, so a fit without
// a few streams need not recount the others (BENCHMARKS.md, branch
// wordlr2).
type WordCounts struct {
	// lang is unexported: only CountWords makes counts, and only
	// Less and FitWordsFrom read them.
	lang [numLangs]wordCounts
}

type wordCounts struct {
	docs [2]int
	df   map[uint64][2]int
	// bodyDocs and bodyDF count the items with a body (WordSample.Body)
	// and, per feature, those it occurs in, whatever their label: what
	// WordFit.FunctionShare reads.
	bodyDocs int
	bodyDF   map[uint64]int
}

// CountWords counts samples.
func CountWords(samples []WordSample) *WordCounts {
	c := &WordCounts{}
	for l := range c.lang {
		c.lang[l].df = map[uint64][2]int{}
		c.lang[l].bodyDF = map[uint64]int{}
	}
	for _, s := range samples {
		lc := &c.lang[s.Lang]
		y := boolInt(s.Y)
		lc.docs[y]++
		if s.Body {
			lc.bodyDocs++
		}
		// Naive Bayes and the vocabulary read a feature's presence, scaled
		// or not: a RestBudget scales the sum of the weights (the length
		// normalisation of Rennie et al., 2003), not what a stem says.
		for _, fs := range [2][]uint64{s.Feats, s.Scaled} {
			for _, f := range fs {
				n := lc.df[f]
				n[y]++
				lc.df[f] = n
				if s.Body {
					lc.bodyDF[f]++
				}
			}
		}
	}
	return c
}

// Less is c without the counts of parts, each counting samples among c's:
// the counts of c's samples but theirs.
func (c *WordCounts) Less(parts ...*WordCounts) *WordCounts {
	out := &WordCounts{}
	for l := range c.lang {
		lc, o := &c.lang[l], &out.lang[l]
		o.docs, o.bodyDocs = lc.docs, lc.bodyDocs
		o.df = make(map[uint64][2]int, len(lc.df))
		o.bodyDF = make(map[uint64]int, len(lc.bodyDF))
		for f, n := range lc.bodyDF {
			for _, p := range parts {
				n -= p.lang[l].bodyDF[f]
			}
			if n > 0 {
				o.bodyDF[f] = n
			}
		}
		for f, n := range lc.df {
			for _, p := range parts {
				m := p.lang[l].df[f]
				n[0] -= m[0]
				n[1] -= m[1]
			}
			if n[0]+n[1] > 0 {
				o.df[f] = n
			}
		}
		for _, p := range parts {
			o.docs[0] -= p.lang[l].docs[0]
			o.docs[1] -= p.lang[l].docs[1]
			o.bodyDocs -= p.lang[l].bodyDocs
		}
	}
	return out
}

// FitWords trains a word model on samples with learner.
func FitWords(samples []WordSample, learner WordLearner) *WordModel {
	m, _ := FitWordsFrom(CountWords(samples), samples, WordFit{Learner: learner, Ridge: WordLBFGSRidge})
	return m
}

// WordFit says how FitWordsFrom fits.
type WordFit struct {
	Learner WordLearner
	// Ridge is the L2 penalty of the L-BFGS logistic regression
	// (WordLBFGSRidge as shipped).
	Ridge float64
	// Vocabulary, when above 0, bounds the features a language keeps in
	// WordVocabulary's stead.
	Vocabulary int
	// FunctionShare, when above 0, leaves out of the vocabulary the
	// features that more than this share of a language's items with a
	// body hold, whatever their label (functionFeature): the language's
	// grammar words and the outlets' formulas, which say that an item
	// comes with prose, not what its story is (WordFunctionShare; V42).
	FunctionShare float64
	// Start, when not nil, is a logistic fit (FitWordsFrom's logistic) on
	// nearly the same samples, the logistic regression's starting point
	// (zero otherwise): its optimum is unique, so the start changes only
	// how many iterations it takes.
	Start *WordModel
}

// FitWordsFrom trains a word model as fit says on the samples counted by
// c (samples themselves are read only by the learners that ReadsSamples).
// logistic is the L-BFGS logistic regression's own weights (nil for
// WordNB and WordLogistic), to start a later fit from.
func FitWordsFrom(c *WordCounts, samples []WordSample, fit WordFit) (m, logistic *WordModel) {
	m = &WordModel{}
	if fit.Learner.logistic() {
		logistic = &WordModel{}
	}
	for l := range m.Lang {
		size := WordVocabulary
		if fit.Vocabulary > 0 {
			size = fit.Vocabulary
		}
		vocab := wordVocabulary(&c.lang[l], size, fit.FunctionShare)
		var ss []WordSample
		if fit.Learner.ReadsSamples() {
			for _, s := range samples {
				if s.Lang == l {
					ss = append(ss, s)
				}
			}
		}
		var from *WordWeights
		if fit.Start != nil {
			from = &fit.Start.Lang[l]
		}
		switch fit.Learner {
		case WordLogistic:
			m.Lang[l] = fitWordLogistic(ss, vocab)
		case WordLogisticLBFGS:
			logistic.Lang[l] = fitWordLBFGS(ss, vocab, fit.Ridge, from)
			m.Lang[l] = logistic.Lang[l]
		case WordNBLogistic:
			logistic.Lang[l] = fitWordLBFGS(ss, vocab, fit.Ridge, from)
			m.Lang[l] = meanWordWeights(fitWordNB(&c.lang[l], vocab), logistic.Lang[l])
		default:
			m.Lang[l] = fitWordNB(&c.lang[l], vocab)
		}
	}
	return m, logistic
}

// wordVocabulary is the set of features counted in c in at least
// WordMinDocs items, the size most informative of them, none a function
// feature of share (0: no share).
func wordVocabulary(c *wordCounts, size int, share float64) map[uint64]bool {
	type scored struct {
		f  uint64
		mi float64
	}
	var all []scored
	docs := c.docs
	n := float64(docs[0] + docs[1])
	for f, cn := range c.df {
		if cn[0]+cn[1] < WordMinDocs || c.functionFeature(f, share) {
			continue
		}
		// Mutual information of the stem's presence and the label.
		mi := 0.0
		for y := range 2 {
			for present := range 2 {
				var joint float64
				if present == 1 {
					joint = float64(cn[y])
				} else {
					joint = float64(docs[y] - cn[y])
				}
				if joint == 0 {
					continue
				}
				pf := float64(cn[0]+cn[1]) / n
				if present == 0 {
					pf = 1 - pf
				}
				mi += joint / n * math.Log(joint/n/(pf*float64(docs[y])/n))
			}
		}
		all = append(all, scored{f, mi})
	}
	slices.SortFunc(all, func(a, b scored) int {
		if c := cmp.Compare(b.mi, a.mi); c != 0 {
			return c
		}
		return cmp.Compare(a.f, b.f)
	})
	vocab := map[uint64]bool{}
	for _, s := range all[:min(len(all), size)] {
		vocab[s.f] = true
	}
	return vocab
}

// functionFeature reports whether more than share (above 0) of the items
// with a body counted in c hold f.
func (c *wordCounts) functionFeature(f uint64, share float64) bool {
	return share > 0 && float64(c.bodyDF[f]) > share*float64(c.bodyDocs)
}

// fitWordNB is binarised multinomial naive Bayes over the features of
// vocab, from their counts c.
func fitWordNB(c *wordCounts, vocab map[uint64]bool) WordWeights {
	docs := [2]float64{float64(c.docs[0]), float64(c.docs[1])}
	if docs[0] == 0 || docs[1] == 0 {
		return WordWeights{}
	}
	var total [2]float64
	for f := range vocab {
		n := c.df[f]
		total[0] += float64(n[0])
		total[1] += float64(n[1])
	}
	v := float64(len(vocab))
	norm := math.Log(total[0]+wordSmoothing*v) - math.Log(total[1]+wordSmoothing*v)
	w := WordWeights{Bias: math.Log(docs[1] / docs[0]), W: make(map[uint64]float64, len(vocab))}
	for f := range vocab {
		n := c.df[f]
		w.W[f] = math.Log(float64(n[1])+wordSmoothing) - math.Log(float64(n[0])+wordSmoothing) + norm
	}
	return w
}

// MeanWordModel is the mean of ms' biases and weights per language (a
// feature a model lacks weighs 0 in it), over the models whose language is
// open; the switches are the first model's. A mean of linear models is a
// linear model: the tagger reads it as any other (V44).
func MeanWordModel(ms []*WordModel) *WordModel {
	out := &WordModel{}
	if len(ms) == 0 {
		return out
	}
	*out = *ms[0]
	for l := range out.Lang {
		var open []*WordWeights
		for _, m := range ms {
			if m.Lang[l].W != nil {
				open = append(open, &m.Lang[l])
			}
		}
		out.Lang[l] = meanWeights(open)
	}
	return out
}

// meanWordWeights is the mean of a's and b's bias and weights, closed
// (no weights) unless both are open.
func meanWordWeights(a, b WordWeights) WordWeights {
	if a.W == nil || b.W == nil {
		return WordWeights{}
	}
	return meanWeights([]*WordWeights{&a, &b})
}

// meanWeights is the mean of ws' biases and weights (a feature one lacks
// weighs 0 in it), each summed in ws' order and then divided, closed when
// ws is empty.
func meanWeights(ws []*WordWeights) WordWeights {
	if len(ws) == 0 {
		return WordWeights{}
	}
	out := WordWeights{W: make(map[uint64]float64, len(ws[0].W))}
	for _, w := range ws {
		out.Bias += w.Bias
		for f, x := range w.W {
			out.W[f] += x
		}
	}
	n := float64(len(ws))
	out.Bias /= n
	for f := range out.W {
		out.W[f] /= n
	}
	return out
}

// fitWordLogistic is L2-regularised logistic regression over the stems of
// vocab (present: 1; Scaled: their Scale), by AdaGrad on the full batch.
func fitWordLogistic(ss []WordSample, vocab map[uint64]bool) WordWeights {
	if len(ss) == 0 {
		return WordWeights{}
	}
	feats := slices.Sorted(maps.Keys(vocab))
	idx := make(map[uint64]int32, len(feats))
	for k, f := range feats {
		idx[f] = int32(k)
	}
	rows := wordRowsOf(ss, idx)
	w := make([]float64, len(idx))
	g2 := make([]float64, len(idx))
	var b, b2 float64
	grad := make([]float64, len(idx))
	const rate = 0.5
	n := float64(len(ss))
	for range wordSteps {
		for k := range w {
			grad[k] = wordRidge * w[k] / n
		}
		gb := 0.0
		for i, s := range ss {
			e := (sigmoid(rows.dot(i, w, b)) - float64(boolInt(s.Y))) / n
			gb += e
			rows.addTo(i, e, grad)
		}
		for k := range w {
			g2[k] += grad[k] * grad[k]
			if g2[k] > 0 {
				w[k] -= rate * grad[k] / math.Sqrt(g2[k])
			}
		}
		b2 += gb * gb
		if b2 > 0 {
			b -= rate * gb / math.Sqrt(b2)
		}
	}
	out := WordWeights{Bias: b, W: make(map[uint64]float64, len(idx))}
	for f, k := range idx {
		out.W[f] = w[k]
	}
	return out
}

// wordRows are word samples' features as sparse rows of indexes: row i is
// x[row[i]:row[i+1]], at values v (1, or a Scaled feature's Scale).
type wordRows struct {
	row []int
	x   []int32
	v   []float64
}

// wordRowsOf is the rows of ss's features that idx indexes, Feats and
// Scaled alike.
func wordRowsOf(ss []WordSample, idx map[uint64]int32) wordRows {
	r := wordRows{row: make([]int, 1, len(ss)+1)}
	for _, s := range ss {
		for _, f := range s.Feats {
			if k, ok := idx[f]; ok {
				r.x, r.v = append(r.x, k), append(r.v, 1)
			}
		}
		for _, f := range s.Scaled {
			if k, ok := idx[f]; ok {
				r.x, r.v = append(r.x, k), append(r.v, s.Scale)
			}
		}
		r.row = append(r.row, len(r.x))
	}
	return r
}

// dot is z plus row i's product with w, summed from z in the row's order
// (so that a fit reproduces its weights to the last bit).
func (r *wordRows) dot(i int, w []float64, z float64) float64 {
	for j := r.row[i]; j < r.row[i+1]; j++ {
		z += w[r.x[j]] * r.v[j]
	}
	return z
}

// addTo adds e times row i to grad.
func (r *wordRows) addTo(i int, e float64, grad []float64) {
	for j := r.row[i]; j < r.row[i+1]; j++ {
		grad[r.x[j]] += e * r.v[j]
	}
}

// StackSample is one candidate of the stacking fit: the actors model's
// and the word model's log-odds (the latter from a model not trained on
// it) and the label.
type StackSample struct {
	Lang         int
	ActorZ, Word float64
	Y            bool
}

// FitWordStack fits the stacking weights per language: logistic regression
// of the label on the two log-odds, by Newton's method with a small ridge.
// A language without both labels keeps the actors model alone.
func FitWordStack(samples []StackSample) [numLangs]WordStack {
	var out [numLangs]WordStack
	for l := range out {
		out[l] = WordStack{Actor: 1}
		var ss []StackSample
		var pos int
		for _, s := range samples {
			if s.Lang == l {
				ss = append(ss, s)
				pos += boolInt(s.Y)
			}
		}
		if pos == 0 || pos == len(ss) {
			continue
		}
		w := [3]float64{1, 0, 0}
		for range 50 {
			var g [3]float64
			var h [3][3]float64
			for i := range 3 {
				g[i] = stackRidge * w[i]
				h[i][i] = stackRidge
			}
			g[2] -= stackRidge * w[2] // no ridge on the bias
			h[2][2] -= stackRidge
			for _, s := range ss {
				x := [3]float64{s.ActorZ, s.Word, 1}
				p := sigmoid(w[0]*x[0] + w[1]*x[1] + w[2])
				e := p - float64(boolInt(s.Y))
				for i := range 3 {
					g[i] += e * x[i]
					for j := range 3 {
						h[i][j] += p * (1 - p) * x[i] * x[j]
					}
				}
			}
			d, ok := solve3(h, g)
			if !ok {
				break
			}
			for i := range 3 {
				w[i] -= d[i]
			}
		}
		out[l] = WordStack{Actor: w[0], Word: w[1], Bias: w[2]}
	}
	return out
}

// solve3 solves h d = g by Gaussian elimination with partial pivoting.
func solve3(h [3][3]float64, g [3]float64) ([3]float64, bool) {
	var a [3][4]float64
	for i := range 3 {
		copy(a[i][:3], h[i][:])
		a[i][3] = g[i]
	}
	for c := range 3 {
		p := c
		for r := c + 1; r < 3; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if math.Abs(a[p][c]) < 1e-12 {
			return [3]float64{}, false
		}
		a[c], a[p] = a[p], a[c]
		for r := range 3 {
			if r != c {
				f := a[r][c] / a[c][c]
				for k := c; k < 4; k++ {
					a[r][k] -= f * a[c][k]
				}
			}
		}
	}
	return [3]float64{a[0][3] / a[0][0], a[1][3] / a[1][1], a[2][3] / a[2][2]}, true
}

// WordLogOdds is the word model's log-odds of sample s.
func (m *WordModel) WordLogOdds(s WordSample) float64 {
	return m.logOdds(s.Lang, scaledFeatures{s.Scaled, s.Scale}, s.Feats)
}

// EqualPrecisionCut is the lowest cut of the stacked probability (k) over
// samples ss, among their own probabilities, whose precision is at least
// the actors model's over ss at its cut: the same precision, the most
// recall (BENCHMARKS.md, branch wordir2). It is cut when the actors model
// enters none of ss, or when no stacked cut reaches its precision.
func EqualPrecisionCut(ss []StackSample, k WordStack, cut float64) float64 {
	target, ok := ActorsPrecision(ss, cut)
	if !ok {
		return cut
	}
	if best, found := CutAtPrecision(ss, k, target); found {
		return best
	}
	return cut
}

// CutAtPrecision is the lowest cut of the stacked probability (k) over
// samples ss, among their own probabilities, whose precision is at least
// target, and false when none reaches it.
func CutAtPrecision(ss []StackSample, k WordStack, target float64) (float64, bool) {
	return lowestCutAtPrecision(scoredSamples(ss, func(s StackSample) float64 {
		return sigmoid(k.Actor*s.ActorZ + k.Word*s.Word + k.Bias)
	}), target)
}

// ActorsPrecision is the precision of the actors model's own decisions at
// its cut over the candidates ss, and false when it enters none of them.
func ActorsPrecision(ss []StackSample, cut float64) (float64, bool) {
	var tp, n int
	for _, s := range ss {
		if sigmoid(s.ActorZ) >= cut {
			n++
			tp += boolInt(s.Y)
		}
	}
	if n == 0 {
		return 0, false
	}
	return float64(tp) / float64(n), true
}

// SoloCut is the word model's cut under WordSolo: the lowest of its own
// probabilities over ss, items that are no actors candidate (Word their
// word log-odds from a model not trained on them), at which its precision
// is at least target, the actors model's own (ActorsPrecision): as precise
// as the actors model, the most recall. It is 0, the word model never
// deciding alone, when no cut reaches target.
func SoloCut(ss []StackSample, target float64) float64 {
	cut, found := lowestCutAtPrecision(scoredSamples(ss, func(s StackSample) float64 { return sigmoid(s.Word) }), target)
	if !found {
		return 0
	}
	return cut
}

// scoredSample is a sample's probability under some model and its label.
type scoredSample struct {
	p float64
	y bool
}

// scoredSamples are ss scored by p, the most probable first.
func scoredSamples(ss []StackSample, p func(StackSample) float64) []scoredSample {
	out := make([]scoredSample, len(ss))
	for i, s := range ss {
		out[i] = scoredSample{p(s), s.Y}
	}
	slices.SortFunc(out, func(a, b scoredSample) int { return cmp.Compare(b.p, a.p) })
	return out
}

// lowestCutAtPrecision is the lowest probability of ps (sorted, the most
// probable first) at which the items at or above it are at least target
// precise, and false when none is.
func lowestCutAtPrecision(ps []scoredSample, target float64) (float64, bool) {
	var best float64
	found := false
	tp, n := 0, 0
	for i, s := range ps {
		n++
		tp += boolInt(s.y)
		// Only after the last of equal probabilities: a cut takes them all.
		if i+1 < len(ps) && ps[i+1].p == s.p {
			continue
		}
		if float64(tp)/float64(n) >= target {
			best, found = s.p, true
		}
	}
	return best, found
}

// Source is m as the Go source of fittedWordModel, with mode as
// fittedWordMode, stack as fittedWordStack and the comment header (each
// line "// "-prefixed) saying what it was trained on.
func (m *WordModel) Source(mode WordMode, stack [numLangs]WordStack, header string) []byte {
	b := []byte("// Code generated by \"warta eval-topics -fit-words\"; DO NOT EDIT.\n\npackage topic\n\n")
	line := "//"
	for _, w := range strings.Fields(header) {
		if len(line)+1+len(w) > 76 && line != "//" {
			b = append(append(b, line...), '\n')
			line = "//"
		}
		line += " " + w
	}
	b = append(append(b, line...), '\n')
	switches := "" // the boolean fields set, written only when on
	if m.TitleWords {
		switches += "TitleWords: true, "
	}
	if m.Frames {
		switches += "Frames: true, "
	}
	if m.LeadOnly {
		switches += "LeadOnly: true, "
	}
	if m.RestBudget > 0 {
		switches += fmt.Sprintf("RestBudget: %d, ", m.RestBudget)
	}
	b = fmt.Appendf(b, "func fittedWordModel() *WordModel {\n\treturn &WordModel{%s%s%sLang: [numLangs]WordWeights{\n", m.Phrases.source(), classesSource(m.Classes), switches)
	for l := range m.Lang {
		w := &m.Lang[l]
		if w.W == nil {
			b = fmt.Appendf(b, "\t\t{}, // %s: closed\n", langName(l))
			continue
		}
		b = fmt.Appendf(b, "\t\t{ // %s\n\t\t\tBias: %s,\n\t\t\tW: map[uint64]float64{\n", langName(l), strconv.FormatFloat(w.Bias, 'g', -1, 64))
		for _, f := range slices.Sorted(maps.Keys(w.W)) {
			b = fmt.Appendf(b, "\t\t\t\t%#016x: %s,\n", f, strconv.FormatFloat(w.W[f], 'g', -1, 64))
		}
		b = append(b, "\t\t\t},\n\t\t},\n"...)
	}
	b = append(b, "\t}}\n}\n\n"...)
	b = append(b, "// fittedWordStack is the stacking of the actors model's and the word\n// model's log-odds, per language (WordStack).\nfunc fittedWordStack() [numLangs]WordStack {\n\treturn [numLangs]WordStack{\n"...)
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	for l, k := range stack {
		extra := ""
		if k.Solo != 0 {
			extra = ", Solo: " + g(k.Solo)
		}
		if k.AddOnly {
			extra += ", AddOnly: true"
		}
		b = fmt.Appendf(b, "\t\t{Actor: %s, Word: %s, Bias: %s, Cut: %s%s}, // %s\n", g(k.Actor), g(k.Word), g(k.Bias), g(k.Cut), extra, langName(l))
	}
	b = append(b, "\t}\n}\n\n"...)
	return fmt.Appendf(b, "// fittedWordMode is how the word model takes part in the decision.\nconst fittedWordMode = %s\n", mode.source())
}

// source is p as the Go source of a WordModel's Phrases field, none for
// PhrasesNone.
func (p WordPhrases) source() string {
	switch p {
	case PhrasesTitle:
		return "Phrases: PhrasesTitle, "
	case PhrasesLead:
		return "Phrases: PhrasesLead, "
	}
	return ""
}

// classesSource is a WordModel's Classes field as Go source, none when
// empty.
func classesSource(classes WordClasses) string {
	switch classes {
	case ClassesNone:
		return ""
	case ClassesEN:
		return "Classes: ClassesEN, "
	case ClassesID:
		return "Classes: ClassesID, "
	}
	return "Classes: ClassesAll, "
}

// source is mode as Go source: its ways' names joined by |.
func (m WordMode) source() string {
	var names []string
	for _, w := range []struct {
		m    WordMode
		name string
	}{{WordStackNoGuards, "WordStackNoGuards"}, {WordStackGuards, "WordStackGuards"}, {WordPrior, "WordPrior"}, {WordShortOnly, "WordShortOnly"}, {WordPairGate, "WordPairGate"}, {WordAddOnly, "WordAddOnly"}, {WordSolo, "WordSolo"}} {
		if m&w.m != 0 {
			names = append(names, w.name)
		}
	}
	if len(names) == 0 {
		return "WordMode(0)"
	}
	return strings.Join(names, " | ")
}
