// Package topic tags articles with topics by weighted, language-aware term
// rules, and says why: every match records the terms that made it.
//
// Text and configured terms pass through the same folding (Unicode word
// boundaries, case, diacritics) and the same stemmer (Indonesian affixes,
// English plurals and -ing/-ed), so "menyetujui" matches a term "setuju"
// and "sanctions" a term "sanction". A phrase also matches its words written
// as one ("kerja sama" = "kerjasama") and a one-word term its halves written
// apart.
//
// Scoring: a term's weight counts TitleWeight times when it occurs in the
// title; in the body it counts 1+ln(n) times for n occurrences, so repeats
// add with diminishing returns. A source's boost is added to its topic's
// score only: no other topic and no model reads it (see result). A topic applies
// when the score reaches its threshold (DefaultThreshold when unset), one of
// its required terms matched (if it has any), none of its excluded terms
// matched and its expression (if any) holds. Forced topics always apply.
//
// Weak evidence yields to a dominant topic: a topic whose score is below
// Standalone times its threshold also needs Dominance times the best score
// of the topics it competes with, which are all topics of another family. A
// family is a group of IPTC subjects that are facets of one story rather
// than alternatives: hard news (crime, disaster, politics, conflict) and the
// science desk (science and technology, health, environment); any other
// subject is a family of its own. A match report in Madrid is sport, not
// world news; a bombing in Baghdad is conflict and world news.
//
// Nothing enters a topic below its threshold (precision first: a reader
// trusts a topic feed that misses a story more than one that carries
// strays). An article gets at most MaxTopics topics and at
// most MaxPerFamily of one family, the strongest relative to their
// thresholds. A topic's standalone bar is never below Standalone times
// DefaultThreshold, so that a low threshold lowers the bar to apply, not the
// bar to override a dominant topic.
//
// A capitalised word inside a sentence or a title is a name first: it
// matches terms only as written, never through the stemmer ("Mitra Kukar"
// is not kemitraan).
//
// The topic whose Spec.Model is ModelActors (international relations) is
// decided by the actors model instead of its threshold, and is not dropped
// by the family cap; on a short English item (WordShortWords) it rejects
// that names two actors, the word model learned from our labelled streams
// may add the topic, never remove it (see wordir.go). The topics whose Spec.Desk is one of the main desks
// (world, economy, sport, science-technology) are decided by the desk
// model (see desk.go) instead of threshold and dominance; of the desks'
// own topics left after the family cap, one after the most probable needs
// the model's probability of SecondDeskCut unless its source boosts it. An
// item that is not news (package genre: podcasts, release notes, social
// posts, synopses) gets no hard-news topic. A Stream adds what it learned
// from the articles it was shown (see Stream).
package topic

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/warta-news/warta/actor"
	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/genre"
	"github.com/warta-news/warta/internal/textcut"
	"github.com/warta-news/warta/language"
)

// Scoring constants; changing them changes the Fingerprint.
const (
	// DefaultThreshold is the score a topic needs when its config sets none:
	// one strong cue in the title, two in the body, or a weight-1 term in
	// both title and body.
	DefaultThreshold = 3.0
	// TitleWeight multiplies the weight of a term found in the title.
	TitleWeight = 2.0
	// Dominance is the share of the best topic's score another topic needs
	// to apply too when its own evidence is weak: an article about a match
	// in Madrid is sport, and its two mentions of Spain do not make it world
	// news as well.
	Dominance = 0.9
	// Standalone is the multiple of its threshold at which a topic's
	// evidence is strong enough to apply whatever else scores higher: a
	// trade war is economy and world news when both are plain.
	Standalone = 5.0
	// MaxTopics is the most topics an article gets, and MaxPerFamily the
	// most of one family: a story is filed under its main subjects, not
	// under every facet with a few cues, which also keeps the topics of a
	// story and of its translation alike.
	MaxTopics    = 3
	MaxPerFamily = 2
)

// Hints are what a source adds to tagging: extra weight per topic slug,
// topics forced on all its items and the genre it configures.
type Hints struct {
	Boost  map[string]float64
	Forced []string
	// Genre, when a genre's name (genre.Parse), is the kind of item the
	// source publishes: it stands for its feed's verdict
	// (article.Article.FeedGenre), "news" clearing it, wherever an article
	// is judged (new, re-tagged, learned or explained from the store).
	Genre string
}

// FeedGenre is the genre of a's feed as a is judged: its source's
// configured genre (h.Genre) when there is one, else the one stored with
// a (article.Article.FeedGenre); "" for news.
func (h Hints) FeedGenre(a *article.Article) string {
	g, ok := genre.Parse(h.Genre)
	switch {
	case !ok:
		return a.FeedGenre
	case g == genre.News:
		return ""
	}
	return g.Name()
}

// genreOf is a's genre: its own cues first, then its feed's (h.FeedGenre).
func (t *Tagger) genreOf(a *article.Article, h Hints) genre.Verdict {
	return t.genres.OfWithFeed(a, h.FeedGenre(a))
}

// rule is one topic's compiled rules.
type rule struct {
	slug      string
	iptc      string
	threshold float64
	expr      *node
	exprLangs [numLangs]bool // the languages the expression applies in (exprLanguages)
	require   [numLangs]bool // whether the topic has required terms
	foreign   bool           // Spec.Foreign: the topic needs another country (abroad.go)
	desk      int            // the actors model's feature this topic's score is, or -1
	deskModel int            // the desk model that decides the topic (index in deskModelDesks), or -1
	// deskTopic is set on a desk's own topic (its slug is the desk the
	// desk model decides), the topics the second-desk rule compares
	// (secondDesks); a user's own topic on that desk is not one.
	deskTopic bool
	// deskVoice is set where the topic's score is its desk's feature in
	// other models (the desk model's rivals, the actors model's desks):
	// the desk's own topic, or on a desk without one every topic on it,
	// the highest score counting, so that neither a user's topic on a
	// desk nor the order of topics moves another desk's probability.
	deskVoice bool
}

// Tagger holds compiled topic rules. It is safe for concurrent use.
type Tagger struct {
	rules  []rule
	family []string // family of each rule
	// kin is, per rule, the first rule of its family, or -1 when it has
	// none: rival and limitFamilies compare these ints rather than the
	// family names.
	kin   []int
	terms []term
	// supporting is set when some term is marked "~" (term.supporting):
	// without one, dropUnbacked has nothing to do.
	supporting bool
	// foreign is set when some topic needs another country (Spec.Foreign):
	// without one, judge does not read where an article is about.
	foreign bool
	// hardDesk is set when a topic of the hard-news family is decided by
	// the desk model (the built-in world): judge then reads whether an
	// article shows any hard news (softOnly).
	hardDesk    bool
	idx         [numLangs]index
	fingerprint string
	scratch     *sync.Pool
	// The actors model decides the topic whose Spec.Model is ModelActors (rule ir, -1 when there is
	// none) from the actors found by actors, with weights irWeights.
	ir        int
	actors    *actor.Recognizer
	irWeights [NumIRFeatures]float64
	irCut     float64
	// irConfidence is the actors model's topic's Spec.Confidence in each
	// language (by langIndex): the least probability it needs beside
	// irCut (0: irCut alone).
	irConfidence [numLangs]float64
	// deskWeights are the desk model's weights, per modelled desk.
	deskWeights [numModelledDesks][numDeskFeatures]float64
	genres      *genre.Detector
	// words, when non-nil, is the word model of international relations,
	// taking part as wordMode says with the stacking weights wordStack.
	words     *WordModel
	wordStack [numLangs]WordStack
	wordMode  WordMode
	// leaderPrior is the anchors every new Stream starts with.
	leaderPrior []LeaderAnchors
}

// Actors returns the tagger's actor recogniser, for other stages that
// recognise actors (the story index) to share rather than build their own.
func (t *Tagger) Actors() *actor.Recognizer { return t.actors }

// Genres returns the tagger's genre detector, for the preparation of
// feeds to judge a feed's genre (genre.Detector.OfFeed) with the cues the
// tagger judges its items with.
func (t *Tagger) Genres() *genre.Detector { return t.genres }

// New compiles specs, leaving out disabled ones. Errors are Check's and
// CheckInEffect's: every problem at once, each a *RuleError placed within
// specs.
func New(specs []Spec) (*Tagger, error) {
	if err := Check(specs); err != nil {
		return nil, err
	}
	if err := CheckInEffect(specs); err != nil {
		return nil, err
	}
	rec, err := actor.New()
	if err != nil {
		return nil, fmt.Errorf("topic: %w", err)
	}
	t := &Tagger{ir: -1, actors: rec, irWeights: fittedIRWeights(), irCut: fittedIRCut, deskWeights: fittedDeskWeights(), genres: genre.New(), words: fittedWordModel(), wordStack: fittedWordStack(), wordMode: fittedWordMode, leaderPrior: learnedLeaderPrior()}
	for l := range numLangs {
		t.idx[l] = index{ids: map[string]int32{}}
	}
	merged := map[string]int{}
	deskOwned := map[string]bool{} // desks with their own topic (deskVoice)
	for _, sp := range specs {
		if !sp.Disabled && sp.Desk != "" && sp.Slug == sp.Desk {
			deskOwned[sp.Desk] = true
		}
	}
	for _, sp := range specs {
		if sp.Disabled {
			continue
		}
		i := len(t.rules)
		r := rule{slug: sp.Slug, iptc: sp.IPTC, threshold: sp.Threshold, foreign: sp.Foreign}
		t.foreign = t.foreign || sp.Foreign
		if r.threshold == 0 {
			r.threshold = DefaultThreshold
		}
		for _, set := range termSets(&sp) {
			// Sorted, so that the rules and their fingerprint do not depend
			// on map order.
			for _, lang := range slices.Sorted(maps.Keys(set.terms)) {
				l := langIndex(lang)
				for _, s := range set.terms[lang] {
					raw, w, err := parseTerm(s)
					if err != nil {
						return nil, fmt.Errorf("topic: %s: %w", sp.Slug, err) // Check found none
					}
					if set.kind != kindScore {
						w = 0
					}
					if set.kind == kindRequire {
						r.require[l] = true
					}
					t.addTerm(term{topic: i, lang: l, kind: set.kind, raw: raw, weight: w}, merged)
				}
			}
		}
		if strings.TrimSpace(sp.Expr) != "" {
			n, err := parseExpr(sp.Expr)
			if err != nil {
				return nil, fmt.Errorf("topic: %s: expr: %w", sp.Slug, err) // Check found none
			}
			n.leaves(func(leaf *node) {
				for l := range numLangs {
					leaf.terms[l] = t.addTerm(term{topic: i, lang: l, kind: kindExpr, raw: leaf.leaf}, merged)
				}
			})
			r.expr = n
			r.exprLangs = exprLanguages(&sp)
		}
		r.desk = deskFeature(sp.Desk)
		r.deskModel = deskModelIndex(sp.Desk)
		r.deskTopic = r.deskModel >= 0 && sp.Slug == sp.Desk
		r.deskVoice = sp.Desk != "" && (sp.Slug == sp.Desk || !deskOwned[sp.Desk])
		if sp.Model == ModelActors {
			t.ir = len(t.rules)
			for l := range numLangs {
				t.irConfidence[l] = sp.Confidence.In(langName(l))
			}
		}
		t.rules = append(t.rules, r)
	}
	for i, r := range t.rules {
		t.family = append(t.family, family(r.iptc))
		t.hardDesk = t.hardDesk || t.isHardDesk(i)
		k := -1
		if t.family[i] != "" {
			k = slices.Index(t.family, t.family[i])
		}
		t.kin = append(t.kin, k)
	}
	t.fingerprint = t.computeFingerprint()
	n := len(t.terms)
	nt := len(t.rules)
	t.scratch = &sync.Pool{New: func() any { return newScratch(n, nt) }}
	return t, nil
}

// WithIRModel returns a Tagger that shares t's compiled rules but decides
// the actors model's topic with other weights and cut: for
// cross-validating the whole tagger with weights fitted on other folds.
func (t *Tagger) WithIRModel(weights [NumIRFeatures]float64, cut float64) *Tagger {
	c := *t
	c.irWeights, c.irCut = weights, cut
	c.fingerprint = c.computeFingerprint()
	return &c
}

// WithDeskModel returns a Tagger that shares t's compiled rules but decides
// the modelled desks with other weights: for cross-validating the whole
// tagger with weights fitted on other folds.
func (t *Tagger) WithDeskModel(weights map[string][]float64) *Tagger {
	c := *t
	for k, d := range deskModelDesks() {
		copy(c.deskWeights[k][:], weights[d])
	}
	c.fingerprint = c.computeFingerprint()
	return &c
}

// WithLeaderPrior returns a Tagger that shares t's compiled rules but
// whose new Streams start with the anchors prior (nil: none): for
// learning the prior and scoring a stream by one learned without it.
func (t *Tagger) WithLeaderPrior(prior []LeaderAnchors) *Tagger {
	c := *t
	c.leaderPrior = prior
	c.fingerprint = c.computeFingerprint()
	return &c
}

// DeskModel returns the desk model's weights by desk.
func (t *Tagger) DeskModel() map[string][]float64 {
	out := map[string][]float64{}
	for k, d := range deskModelDesks() {
		out[d] = slices.Clone(t.deskWeights[k][:])
	}
	return out
}

// IRModel returns the actors model's weights and cut.
func (t *Tagger) IRModel() ([NumIRFeatures]float64, float64) { return t.irWeights, t.irCut }

// Fingerprint is a stable hash of the compiled rules and the scoring and
// stemming versions: when it changes, stored articles need re-tagging.
func (t *Tagger) Fingerprint() string { return t.fingerprint }

// FingerprintWith is Fingerprint together with the sources' hints (by
// source name: forced topics, boosts, configured genre): what the topics
// stored for the sources' articles depend on, recorded with them so that a
// change of either re-tags them. A source without hints counts for
// nothing, as it tags as an unknown source does: adding one re-tags
// nothing. Nor do the order of a source's forced topics and a topic
// listed twice: tagging only asks whether a topic is forced.
func (t *Tagger) FingerprintWith(hints map[string]Hints) string {
	h := sha256.New()
	fmt.Fprintf(h, "rules %s\n", t.fingerprint)
	for _, name := range slices.Sorted(maps.Keys(hints)) {
		x := hints[name]
		if len(x.Boost) == 0 && len(x.Forced) == 0 && x.Genre == "" {
			continue
		}
		// "boost-own": a boost is evidence for its own topic only (it was
		// a feature of the models and the stream model's labels before).
		forced := slices.Compact(slices.Sorted(slices.Values(x.Forced)))
		fmt.Fprintf(h, "source %q genre %q forced %q boost-own", name, x.Genre, forced)
		for _, slug := range slices.Sorted(maps.Keys(x.Boost)) {
			fmt.Fprintf(h, " %q=%g", slug, x.Boost[slug])
		}
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// streamFingerprint writes what keys a saved stream model: the stream
// model's constants and its learning rule's version.
func streamFingerprint(w io.Writer) {
	fmt.Fprintf(w, "stream confidence %g/%g examples %d margin %g zone %g words %d learning %d\n", StreamConfidence, StreamIRConfidence, StreamMinExamples, StreamMargin, StreamZone, StreamWords, StreamLearningVersion)
}

func (t *Tagger) computeFingerprint() string {
	h := sha256.New()
	// "caps over union": an article of unknown language has been capped
	// once over both languages' topics (capUnion) since branch mend31.
	fmt.Fprintf(h, "%s|title=%g|threshold=%g|dominance=%g|standalone=%g|max=%d/%d caps over union|families=%s|body=1+ln\n", stemVersion, TitleWeight, DefaultThreshold, Dominance, Standalone, MaxTopics, MaxPerFamily, familiesVersion)
	// "stream lift linked": the stream model lifts the actors model's topic
	// only with a relation linking two actors since branch streamirrel.
	fmt.Fprintf(h, "ir model %v cut %g cue %g title stance decides id headlines alone, stream lift linked, actors %s genres %s %s\n", t.irWeights, t.irCut, CueWeight, actor.Version, genre.Version, irGuardsVersion)
	// "after family cap, desk topics, union": secondDesks' rule as mended
	// (branch mend30).
	fmt.Fprintf(h, "desk model %v %v cut %g second %g after family cap, desk topics, union, hard desks not on soft topics alone\n", deskModelDesks(), t.deskWeights, DeskCut, SecondDeskCut)
	// No hard news from the models for a link to these desks (softdesk.go).
	fmt.Fprintf(h, "soft desks %q\n", slices.Sorted(maps.Keys(softDesks)))
	// Where topics share a desk, each has read the desk model from its own
	// features since branch deskrule (before, all read the last one's):
	// their stored topics and what the stream model learned of them
	// differ, so such configs re-tag and start a new stream model. A
	// config with one topic per desk tags as before and keeps both. Since
	// branch mend31 the other desks' rival features (and the actors
	// model's desk features) read the desk's own topic, not the last
	// topic on it: such configs re-tag once more.
	if t.desksShared() {
		fmt.Fprintf(h, "desk probability per topic, rivals from the desk's own topic\n")
	}
	t.words.fingerprint(h, t.wordMode, t.wordStack)
	fmt.Fprintf(h, "leader prior %d\n", len(t.leaderPrior))
	for _, p := range t.leaderPrior {
		fmt.Fprintf(h, "%q %s %d\n", p.Name, p.State, p.N)
	}
	streamFingerprint(h)
	for i, r := range t.rules {
		fmt.Fprintf(h, "topic %q %q %g", r.slug, r.iptc, r.threshold)
		if i == t.ir {
			// One confidence for every language is written as it was
			// before there could be one per language, so that a store
			// tagged then is not re-tagged for nothing.
			fmt.Fprintf(h, " model %s confidence %g", ModelActors, t.irConfidence[0])
			if c := t.irConfidence; slices.ContainsFunc(c[1:], func(v float64) bool { return v != c[0] }) {
				for l := 1; l < numLangs; l++ {
					fmt.Fprintf(h, " %s %g", langName(l), c[l])
				}
			}
		}
		if r.desk >= 0 {
			fmt.Fprintf(h, " desk %s", irFeatureName(r.desk))
		}
		if r.expr != nil {
			fmt.Fprintf(h, " expr %s in %v", r.expr, r.exprLangs)
		}
		if r.foreign {
			fmt.Fprintf(h, " foreign %s", abroadVersion)
		}
		h.Write([]byte{'\n'})
		for _, tm := range t.terms {
			if tm.topic == i && tm.kind != kindExpr {
				fmt.Fprintf(h, "  %d %s %q %g\n", tm.kind, langName(tm.lang), tm.raw, tm.weight)
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// result is one topic's evaluation in one language: score is its terms'
// evidence, boost the source's for the topic. What decides other topics
// (their rivals, the models' features, the stream model's labels) reads
// score alone, so that a source's boost is evidence for its own topic
// only; the topic's own test reads total.
type result struct {
	score      float64
	boost      float64
	requireMet bool
	vetoed     bool
}

// total is the topic's score with the source's boost.
func (r result) total() float64 { return r.score + r.boost }

// evaluate tags a, read into s (Tagger.read), in language l and fills res
// (one per rule).
func (t *Tagger) evaluate(s *scratch, a *article.Article, l int, h Hints, res []result) {
	s.reset()
	var feats, titlePairs, leadPairs *[]uint64
	var titleStems *[]titleStem
	if s.features {
		if s.classes.in(l) || s.frames {
			titleStems = &s.titleStems
		}
		feats = &s.feats
		if s.phrases >= PhrasesTitle {
			titlePairs = &s.titlePairs
		}
		if s.phrases >= PhrasesLead {
			leadPairs = &s.leadPairs
		}
	}
	titleLower, bodyLower := s.lowered()
	s.title = t.lexWith(&s.memo, s.titleText, titleLower, l, s.title[:0], feats, titlePairs, titleStems)
	if feats != nil {
		s.titleFeatN = len(*feats)
	}
	var bodyStems *[]titleStem
	if feats != nil && s.restApart {
		bodyStems = &s.bodyStems
	}
	s.body = t.lexWith(&s.memo, s.bodyText, bodyLower, l, s.body[:0], feats, leadPairs, bodyStems)
	t.scan(s, s.title, l, 0)
	// Reset positions between fields: a title and a body hit at the same
	// offset are two hits.
	for _, id := range s.touched {
		s.last[id] = 0
	}
	t.scan(s, s.body, l, 1)
	t.dropUnbacked(s)
	for i := range res {
		res[i] = result{boost: h.Boost[t.rules[i].slug]}
	}
	for _, id := range s.touched {
		tm := &t.terms[id]
		r := &res[tm.topic]
		switch tm.kind {
		case kindScore:
			r.score += termScore(tm.weight, s.count[id])
		case kindRequire:
			r.requireMet = true
		case kindExclude:
			r.vetoed = true
		}
	}
}

// dropUnbacked forgets the hits of the supporting terms of each topic none
// of whose other terms (of weight above 0) matched, so that neither the
// score, nor the models' features, nor an explanation counts them.
func (t *Tagger) dropUnbacked(s *scratch) {
	s.unbacked = s.unbacked[:0]
	if !t.supporting {
		return
	}
	clear(s.backed)
	for _, id := range s.touched {
		if tm := &t.terms[id]; tm.kind == kindScore && !tm.supporting && tm.weight > 0 {
			s.backed[tm.topic] = true
		}
	}
	kept := s.touched[:0]
	for _, id := range s.touched {
		if tm := &t.terms[id]; tm.supporting && !s.backed[tm.topic] {
			s.unbacked = append(s.unbacked, id)
			s.count[id] = [2]int32{}
			s.last[id] = 0
			continue
		}
		kept = append(kept, id)
	}
	s.touched = kept
}

// termScore is what a term adds for its hits in title and body.
func termScore(w float64, c [2]int32) float64 {
	v := 0.0
	if c[0] > 0 {
		v += w * TitleWeight
	}
	if c[1] > 0 {
		v += w * (1 + math.Log(float64(c[1])))
	}
	return v
}

// rival is the best score among the topics rule i competes with: all but
// those of its own family (see family); their boosts do not count.
func (t *Tagger) rival(res []result, i int) float64 {
	m := 0.0
	own := t.kin[i]
	for j, r := range res {
		if j != i && (own < 0 || t.kin[j] != own) {
			m = max(m, r.score)
		}
	}
	return m
}

// family is the group of topics that never suppress one another: IPTC
// subjects that are facets of one kind of story rather than alternatives.
// Hard news is one family (crime, disasters, politics, conflict: a bombing
// abroad is conflict and world news, a coup is politics and conflict), the
// science desk another (science and technology, health, environment: a
// cancer study is health and science). Any other subject is a family of its
// own (world, international relations and politics all sit under
// politics); a topic without a code has no family. Changing the groups
// changes familiesVersion.
func family(iptc string) string {
	switch iptc = iptcTopLevel(iptc); iptc {
	case "medtop:02000000", "medtop:03000000", "medtop:11000000", "medtop:16000000":
		return hardNews
	case "medtop:06000000", "medtop:07000000", "medtop:13000000":
		return "science"
	}
	return iptc
}

// HardNews reports whether sp is a hard-news topic (its IPTC subject is
// politics — world and international relations among it —, conflict,
// crime or disaster): the topics an item that is not news never gets.
func HardNews(sp Spec) bool { return family(sp.IPTC) == hardNews }

// iptcTopLevel returns the top-level subject of the IPTC subtopics the
// default topics use, which decides their family.
func iptcTopLevel(iptc string) string {
	switch iptc {
	case "medtop:20000638": // international relations
		return "medtop:11000000" // politics
	}
	return iptc
}

// hardNews is the family of hard news.
const hardNews = "hard-news"

// familiesVersion names the groups of family, for the Fingerprint.
const familiesVersion = "hard-news=02,03,11(20000638),16;science=06,07,13"

// passes reports whether rule i applies given its result (its boost
// included) and the best score of the topics it competes with, and whether
// its expression holds.
func (t *Tagger) passes(s *scratch, i, l int, r result, best float64) (bool, bool) {
	rl := &t.rules[i]
	exprMet := true
	if rl.expr != nil && rl.exprLangs[l] {
		exprMet = rl.expr.eval(func(id int) bool { return s.count[id] != [2]int32{} }, l)
	}
	score := r.total()
	strong := score >= max(rl.threshold, DefaultThreshold)*Standalone || score >= Dominance*best
	ok := score >= rl.threshold && strong && t.allows(s, i, l, r, exprMet)
	return ok, exprMet
}

// verdict is what decides an article beyond its rule scores: its genre
// and the actors model's probability of international relations.
type verdict struct {
	genre genre.Verdict
	// softDesk names the culture or lifestyle desk the article's link
	// says it was filed under (softDeskOf), or is "".
	softDesk string
	irP      float64
	irX      [NumIRFeatures]float64
	// irGuard names the precision guard (irguard.go) that bars the actors
	// model's topic, or is "".
	irGuard string
	// irActorsP is the actors model's own probability (0 when a guard
	// bars it): what the stream model learns from (Stream.learn).
	irActorsP float64
	// irWordRead is set when the word model was stacked with the actors
	// model: irWord is its log-odds, irWordP the stacked probability and
	// irWordCut the cut that is held to. irStacked is set when the
	// stacking decides (irP and irCut are then irWordP and irWordCut);
	// under WordAddOnly a stacked probability under its cut leaves the
	// actors model's decision, and Explain shows the reading declined.
	irWordRead, irStacked bool
	irWord                float64
	irWordP, irWordCut    float64
	irCut                 float64
	// irSolo is set when the word model read an item that is not a
	// candidate alone (WordSolo): irWordP is then its own probability
	// and irWordCut the language's Solo cut, and irSoloGuard names the
	// precision guard that barred it at or over that cut, or is "".
	irSolo      bool
	irSoloGuard string
	// irStance names the headline's stance (titleStance) that gives the
	// actors model's topic whatever its probability (see stanceDecides),
	// or is "".
	irStance string
	// deskP and deskX are, per rule, the desk model's probability and
	// features of the rule's own topic: each topic on a desk is read from
	// its own terms, so a user's topic on a built-in desk leaves the
	// built-in topic's probability as it was. They are the scratch's
	// (no allocation per article) and hold until its next judge.
	deskP []float64
	deskX [][numDeskFeatures]float64
}

// actorsAlone is v as the actors model alone decides international
// relations at its cut: without the word model's stacking.
func (v verdict) actorsAlone(cut float64) verdict {
	v.irP, v.irCut, v.irStacked, v.irSolo = v.irActorsP, cut, false, false
	return v
}

// judge computes the verdict for the last evaluate of a in language l.
func (t *Tagger) judge(s *scratch, a *article.Article, l int, res []result, g genre.Verdict) verdict {
	v := verdict{genre: g, softDesk: softDeskOf(a.URL), deskP: s.deskP, deskX: s.deskX}
	if t.ir >= 0 {
		v.irX = t.irFeatures(s, a, l, res)
		z := irLogOdds(&t.irWeights, &v.irX)
		v.irP = irProbability(&v.irX, z)
		v.irActorsP, v.irCut = v.irP, t.irCut
		if mode := t.wordModeIn(l); t.wordsOn(l) && irCandidate(&v.irX) && mode.stacksOn(s.bodyText) && !mode.keepsActors(v.irP, t.irCut, v.irX[fLeadActors]) {
			k := &t.wordStack[l]
			feats, titlePairs, leadPairs, rest := s.wordFeatures(t.words)
			word := t.words.logOdds(l, rest, feats, titlePairs, leadPairs, s.classFeatures(l), s.titleFeatures(), s.frameFeatures())
			p := sigmoid(k.Actor*clipActorLogOdds(z) + k.Word*word + k.Bias)
			cut := v.irCut
			if k.Cut > 0 {
				cut = k.Cut
			}
			v.irWordRead, v.irWord, v.irWordP, v.irWordCut = true, word, p, cut
			if mode&WordAddOnly == 0 || (p >= cut && word > 0) {
				v.irStacked, v.irP, v.irCut = true, p, cut
			}
		} else if t.wordMode&WordSolo != 0 && t.wordsOn(l) && t.wordStack[l].Solo > 0 && !irCandidate(&v.irX) && t.wordMode.stacksOn(s.bodyText) {
			feats, titlePairs, leadPairs, rest := s.wordFeatures(t.words)
			word := t.words.logOdds(l, rest, feats, titlePairs, leadPairs, s.classFeatures(l), s.titleFeatures(), s.frameFeatures())
			p, cut := sigmoid(word), t.wordStack[l].Solo
			v.irWordRead, v.irSolo, v.irWord, v.irWordP, v.irWordCut = true, true, word, p, cut
			if p >= cut {
				// The guards are read only here: a non-candidate's title
				// is not otherwise checked.
				if v.irSoloGuard = t.irGuard(a.Title, langName(l), s.titleActors); v.irSoloGuard == "" {
					v.irStacked, v.irP, v.irCut = true, p, cut
				}
			}
		}
		if irCandidate(&v.irX) {
			if t.wordMode&WordStackNoGuards == 0 {
				v.irGuard = t.irGuard(a.Title, langName(l), s.titleActors)
			}
			if v.irGuard != "" {
				v.irP, v.irActorsP = 0, 0
			} else if stanceDecides(l, s.bodyText) {
				v.irStance = t.titleStance(a.Title, langName(l), s.titleActors)
			}
		}
		// A user's confidence raises whichever cut decides (the actors
		// model's or the stacking's); the stream model learns at the
		// fitted cut all the same (actorsAlone).
		v.irCut = max(v.irCut, t.irConfidence[l])
	}
	t.readAbroad(s, l, t.ir >= 0)
	s.hardEvidence = t.hardDesk && t.showsHardNews(s, res)
	for i, r := range t.rules {
		v.deskP[i], v.deskX[i] = 0, [numDeskFeatures]float64{}
		if k := r.deskModel; k >= 0 {
			v.deskX[i] = t.deskFeatures(s, i, res)
			v.deskP[i] = deskProbability(&t.deskWeights[k], &v.deskX[i])
		}
	}
	return v
}

// decide fills ok and exprMet (one per rule) for the last evaluate in
// language l: the rules that pass, at most MaxTopics of them. Nothing enters
// a topic below its threshold: an article no rule passes has no topic. The
// actors model decides its topic and the desk model the main desks
// instead of threshold and dominance; the stance of an Indonesian headline
// with no text beyond it (titleStance, stanceDecides) gives the actors
// model's topic whatever the model's probability; an item that is not news (a
// podcast, a release, a post, a synopsis) gets no hard-news topic.
// With a stream model (st non-nil) a rule that did not pass applies when
// the model is sure of it and the overrides, the genre and, for the actors
// model's topic, its candidacy, its precision guards (irguard.go) and a
// relation linking two actors (irLiftable) allow it; s.lifted records
// which. A modelled desk whose desk model is unsure (within StreamZone of
// its cut) is decided by the desk model and the stream model together
// (Stream.zone), which may also drop it;
// s.zoned and s.dropped record which. A model-decided topic whose source
// boosts it also applies when its score with the boost passes as a rule
// topic's would (passes): the boost is the user's evidence for it, on top
// of the models; s.boosted records which. Of the desk topics that apply
// once the family cap has dropped its topics, one after the most probable
// needs the desk model's probability of SecondDeskCut (secondDesks), so
// that the first desk is one the article is filed under; s.secondTo
// records which were dropped.
func (t *Tagger) decide(s *scratch, l int, res []result, v verdict, st *Stream, ok, exprMet []bool) {
	for i := range t.rules {
		ok[i], exprMet[i] = t.passes(s, i, l, res[i], t.rival(res, i))
		if i == t.ir {
			ok[i] = (v.irP >= v.irCut || v.irStance != "") && t.allows(s, i, l, res[i], exprMet[i])
		}
		if t.rules[i].deskModel >= 0 {
			ok[i] = v.deskP[i] >= DeskCut && t.allows(s, i, l, res[i], exprMet[i]) && !t.softOnly(s, i, res[i])
		}
		s.lifted[i], s.liftZ[i], s.zoned[i], s.dropped[i], s.zoneMargin[i], s.boosted[i] = false, 0, false, false, 0, false
		if st != nil && t.allows(s, i, l, res[i], exprMet[i]) && !t.softOnly(s, i, res[i]) {
			if t.rules[i].deskModel >= 0 {
				s.zoneMargin[i] = logit(v.deskP[i]) - logit(DeskCut)
				decided, apply, z := st.zone(s, l, i, s.zoneMargin[i])
				// It adds a desk to news only: what is not news (release
				// notes, podcasts) shares a desk's words, not its reports.
				if s.zoned[i] = decided && (v.genre.IsNews() || !apply); s.zoned[i] {
					s.liftZ[i] = z
					s.lifted[i], s.dropped[i] = apply && !ok[i], !apply && ok[i]
					ok[i] = apply
				}
			}
			if !ok[i] && !s.zoned[i] && (i != t.ir || v.irGuard == "" && irLiftable(&v.irX)) {
				s.lifted[i], s.liftZ[i] = st.lift(s, l, i)
				ok[i] = s.lifted[i]
			}
		}
		if !ok[i] && res[i].boost > 0 && (i == t.ir || t.rules[i].deskModel >= 0) {
			s.boosted[i], _ = t.passes(s, i, l, res[i], t.rival(res, i))
			ok[i] = s.boosted[i]
		}
		if ok[i] && (t.family[i] == hardNews && !v.genre.IsNews() || t.softDeskBars(v, i, res[i])) {
			ok[i] = false
		}
	}
	keep := t.irKept(s, ok)
	t.limitFamilies(res, ok, keep)
	p := func(i int) float64 { return v.deskP[i] }
	t.secondDesks(ok, p, func(i int) bool { return res[i].boost > 0 }, s.secondTo)
	t.limitTopics(res, ok, keep)
}

// capUnion applies the family and topic caps once over the topics an
// article of unknown language passed, read in both languages, after the
// combined second-desk rule: each language was capped by itself, and
// together they could double MaxTopics. passed marks the topics that
// passed unforced, score their best reading (as reported, rounded, so that
// Tag and Explain drop the same); keep (the actors model's topic passed by
// its model in some language, or -1) is kept, as decide keeps it.
func (t *Tagger) capUnion(score []float64, passed []bool, keep int) {
	res := make([]result, len(t.rules))
	for i := range res {
		res[i].score = score[i]
	}
	t.limitFamilies(res, passed, keep)
	t.limitTopics(res, passed, keep)
}

// irKept is the actors model's topic if it passed by the model in the
// language just judged (decide's keep), else -1.
func (t *Tagger) irKept(s *scratch, ok []bool) int {
	if t.ir >= 0 && ok[t.ir] && !s.lifted[t.ir] {
		return t.ir
	}
	return -1
}

// allows reports whether the overrides of rule i let it apply to the
// article s holds: no excluded term, its required term (if any), its
// expression (if any), another country (if it needs one: foreignMet).
func (t *Tagger) allows(s *scratch, i, l int, r result, exprMet bool) bool {
	return !r.vetoed && exprMet && (!t.rules[i].require[l] || r.requireMet) && (!t.rules[i].foreign || foreignMet(s, r))
}

// softOnly reports whether rule i is a hard-news desk (world) and the
// article s holds shows no hard news for it: its own terms score 0, it
// names no other country, and no hard-news topic outside the desks
// scores. The desk model reads the scores of every topic outside the
// desks as world's evidence, so a health explainer or an awards list
// naming no country went to world on them alone; read by the labelled
// data's world (news about other countries), they are none
// (BENCHMARKS.md, softworld; changing the feature instead moved the
// refit, deskrest). It bars the desk and stream models, not a source's
// boost: the boost is the user's evidence, this the models' lack of it.
func (t *Tagger) softOnly(s *scratch, i int, r result) bool {
	return t.isHardDesk(i) && r.score <= 0 && !s.hardEvidence
}

// softDeskBars reports whether the desk the article's link files it
// under (softdesk.go) bars rule i, a hard-news topic its source does not
// boost.
func (t *Tagger) softDeskBars(v verdict, i int, r result) bool {
	return v.softDesk != "" && t.family[i] == hardNews && r.boost <= 0
}

// isHardDesk reports whether rule i is a hard-news topic the desk model
// decides (the built-in world).
func (t *Tagger) isHardDesk(i int) bool {
	return t.rules[i].deskModel >= 0 && t.family[i] == hardNews
}

// showsHardNews reports whether the article s holds, with rule results
// res, names another country (s.abroad) or scores for a hard-news topic
// outside the desks (international relations among them, whose terms
// hold every country's name).
func (t *Tagger) showsHardNews(s *scratch, res []result) bool {
	if s.abroad {
		return true
	}
	for j, r := range t.rules {
		if r.deskModel < 0 && t.family[j] == hardNews && res[j].score > 0 {
			return true
		}
	}
	return false
}

// limitFamilies and limitTopics drop the weakest passed rules, by score
// relative to threshold (limitRatio): the first until no family has more
// than MaxPerFamily, the second until at most MaxTopics remain.
//
// The actors model's topic, when it passed by the model (keep), is kept:
// it is decided on its own evidence, not as one facet of hard news among
// others.
func (t *Tagger) limitFamilies(res []result, ok []bool, keep int) {
	over := func(i int) bool {
		kin := 1
		for j := range ok {
			if j != i && ok[j] && t.kin[i] >= 0 && t.kin[j] == t.kin[i] {
				kin++
			}
		}
		return kin > MaxPerFamily
	}
	for {
		worst := -1
		for i := range ok {
			if ok[i] && (worst < 0 || t.limitRatio(res, i, keep) < t.limitRatio(res, worst, keep)) && over(i) {
				worst = i
			}
		}
		if worst < 0 {
			break
		}
		ok[worst] = false
	}
}

// limitTopics: see limitFamilies.
func (t *Tagger) limitTopics(res []result, ok []bool, keep int) {
	for {
		n, worst := 0, -1
		for i := range ok {
			if ok[i] {
				n++
				if worst < 0 || t.limitRatio(res, i, keep) < t.limitRatio(res, worst, keep) {
					worst = i
				}
			}
		}
		if n <= MaxTopics {
			return
		}
		ok[worst] = false
	}
}

// limitRatio is how strongly rule i passed, for limitFamilies and
// limitTopics: its score relative to its threshold, or +Inf for keep.
func (t *Tagger) limitRatio(res []result, i, keep int) float64 {
	if i == keep {
		return math.Inf(1)
	}
	return res[i].total() / t.rules[i].threshold
}

// BodyChars is how much of an article's body the tagger reads: its first
// BodyChars bytes, cut at the last sentence end within them (else at a
// word). The rules' weights and the models were made on the summaries of
// labelled news, 99% of them shorter than this, and it is the lead of a
// report that says what it is about: the later paragraphs of a full text
// (background, reactions, the history of a conflict) name every actor and
// relation the story touches, which on a report of strikes made
// international relations of its last paragraphs.
const BodyChars = 1000

// bodyText is the article's plain text, or its summary with tags removed,
// up to BodyChars (see leadOf).
func bodyText(a *article.Article) string {
	if a.Text != "" {
		return leadOf(a.Text, BodyChars)
	}
	if !strings.ContainsRune(a.Summary, '<') {
		return leadOf(a.Summary, BodyChars)
	}
	var b strings.Builder
	in := false
	for _, r := range a.Summary {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return leadOf(b.String(), BodyChars)
}

// leadOf returns text when it is at most n bytes long, else its first n
// bytes cut after the last sentence end in them (see sentenceEnds), or
// when there is none in their second half, at a word (textcut.AtWord).
func leadOf(text string, n int) string {
	if len(text) <= n {
		return text
	}
	head := text[:n]
	for i := len(head) - 2; i >= n/2; i-- {
		if sentenceEnds(head[i : i+2]) {
			return head[:i+1]
		}
	}
	return textcut.AtWord(text, n)
}

// languages are the rule languages to try for a: its own, both when its
// language is unknown, none when it is another: the rules are English and
// Indonesian words, and reading a German or French text with them finds
// English or Indonesian words by accident ("in", "die", "gol"), not its
// subject.
func languages(a *article.Article) []int {
	switch {
	case langIndex(a.Language) >= 0:
		return []int{langIndex(a.Language)}
	case language.Primary(a.Language) == "":
		return []int{langEN, langID}
	}
	return nil
}

// fitLanguage is the rule language a labelled article is read in for
// fitting the models: its own, English when it has none.
func fitLanguage(a *article.Article) int {
	return max(langIndex(a.Language), langEN)
}
