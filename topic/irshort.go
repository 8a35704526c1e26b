package topic

import (
	"unicode"
	"unicode/utf8"

	"github.com/warta-news/warta/article"
)

// ShortWords is the most words the text a tagger reads beyond an item's
// title (bodyText) may have for the item to be short: a headline and one
// or two sentences of summary, as most feed items are. The short actors
// model (ShortMode) decides only short items.
const ShortWords = 40

// shortText reports whether body has at most ShortWords words (runs of
// letters and signs between white space).
func shortText(body string) bool {
	n, in := 0, false
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRuneInString(body[i:])
		i += size
		if unicode.IsSpace(r) {
			in = false
			continue
		}
		if !in {
			in = true
			if n++; n > ShortWords {
				return false
			}
		}
	}
	return true
}

// ShortItem reports whether a is short (ShortWords): the items the short
// actors model may decide, and the streams' items it is fitted on.
func ShortItem(a *article.Article) bool { return shortText(bodyText(a)) }

// ShortMode is how the short actors model, the actors model's features
// with weights fitted on short items, decides short items (ShortItem).
type ShortMode int

// The short modes.
const (
	// ShortNone: the actors model decides every item.
	ShortNone ShortMode = iota
	// ShortDecides: the short model's probability and cut replace the
	// actors model's on a short item; guards, the headline's stance and
	// the stream model act after it as after the actors model.
	ShortDecides
	// ShortAdds: on a short item the short model may only add the topic:
	// its probability and cut replace the actors model's when the actors
	// model is below its cut and the short model reaches its own.
	ShortAdds
)

func (m ShortMode) String() string {
	switch m {
	case ShortDecides:
		return "decides"
	case ShortAdds:
		return "adds"
	}
	return "none"
}

// WithShortModel returns a Tagger that shares t's compiled rules but
// decides short items with the short actors model of weights and cut in
// mode: for measuring it, and for cross-validating it.
func (t *Tagger) WithShortModel(mode ShortMode, weights [NumIRFeatures]float64, cut float64) *Tagger {
	c := *t
	c.shortMode, c.shortWeights, c.shortCut = mode, weights, cut
	c.fingerprint = c.computeFingerprint()
	return &c
}

// shortDecision applies the short actors model to v, the verdict on an
// item whose body is body: it reports whether the short model's
// probability and cut replaced the actors model's.
func (t *Tagger) shortDecision(v *verdict, body string) bool {
	if t.shortMode == ShortNone || !shortText(body) {
		return false
	}
	p := irProbability(&t.shortWeights, &v.irX)
	if t.shortMode == ShortDecides || v.irP < v.irCut && p >= t.shortCut {
		v.irP, v.irCut = p, t.shortCut
		return true
	}
	return false
}
