package topic

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/warta-news/warta/actor"
	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/genre"
	"github.com/warta-news/warta/language"
)

// Tag returns the topics that apply to a, in config order, each with its
// score and the terms that matched. An article in English or Indonesian is
// matched with the terms of its language; one of unknown language with
// both, keeping for each topic the language that scores higher; one in
// another language with none, so that it gets its source's forced topics
// only (see languages).
func (t *Tagger) Tag(a *article.Article, h Hints) []article.TopicMatch {
	return t.tag(a, h, nil, false)
}

// tag is Tag with the stream model st, when non-nil, adding the topics it is
// sure of (see Stream); with learn, st first learns from a.
func (t *Tagger) tag(a *article.Article, h Hints, st *Stream, learn bool) []article.TopicMatch {
	s := t.read(a, st)
	defer t.release(s)
	defer func() { s.features = false }()
	res := make([]result, len(t.rules))
	var out []article.TopicMatch
	best := make([]float64, len(t.rules))
	ok := make([]bool, 2*len(t.rules))
	ok, exprMet := ok[:len(t.rules)], ok[len(t.rules):]
	g := t.genreOf(a, h)
	ls := languages(a)
	if len(ls) == 0 {
		for _, rl := range t.rules {
			if slices.Contains(h.Forced, rl.slug) {
				out = append(out, article.TopicMatch{Slug: rl.slug, Forced: true})
			}
		}
	}
	desks := newDeskUnion(len(t.rules))
	keep := -1
	for _, l := range ls {
		v := t.judgeLanguage(s, a, l, h, g, st, learn && len(ls) == 1, res, ok, exprMet)
		desks.add(t, ok, v)
		keep = max(keep, t.irKept(s, ok))
		for i := range t.rules {
			forced := slices.Contains(h.Forced, t.rules[i].slug)
			if !ok[i] && !forced {
				continue
			}
			m := article.TopicMatch{Slug: t.rules[i].slug, Score: round(res[i].total()), Forced: forced, Terms: t.hits(s, i)}
			if j := indexOf(out, m.Slug); j >= 0 {
				if res[i].total() > best[i] {
					out[j], best[i] = m, res[i].total()
				}
				continue
			}
			out = append(out, m)
			best[i] = res[i].total()
		}
	}
	if len(ls) > 1 {
		secondTo := t.secondDesksOf(desks, h)
		out = slices.DeleteFunc(out, func(m article.TopicMatch) bool {
			i := t.ruleIndex(m.Slug)
			return secondTo[i] >= 0 && !m.Forced
		})
		score, passed := make([]float64, len(t.rules)), make([]bool, len(t.rules))
		for _, m := range out {
			i := t.ruleIndex(m.Slug)
			score[i], passed[i] = m.Score, !m.Forced
		}
		t.capUnion(score, passed, keep)
		out = slices.DeleteFunc(out, func(m article.TopicMatch) bool {
			return !m.Forced && !passed[t.ruleIndex(m.Slug)]
		})
	}
	slices.SortStableFunc(out, func(x, y article.TopicMatch) int {
		return t.ruleIndex(x.Slug) - t.ruleIndex(y.Slug)
	})
	return out
}

// judgeLanguage is one language's step of reading a (tag and explain share
// it, so an explanation gives the verdict Tag stores): it scores a with
// the terms of language l into res, judges it with the models, lets st
// learn from it when learn is set, and decides which rules pass into ok
// and exprMet (see decide). It returns the models' verdict.
func (t *Tagger) judgeLanguage(s *scratch, a *article.Article, l int, h Hints, g genre.Verdict, st *Stream, learn bool, res []result, ok, exprMet []bool) verdict {
	s.features = t.collects(st, l, s.bodyText)
	t.evaluate(s, a, l, h, res)
	v := t.judge(s, a, l, res, g)
	if learn {
		st.learnLeaders(s.anchors)
		st.learn(s, l, res, v)
	}
	t.decide(s, l, res, v, st, ok, exprMet)
	return v
}

func indexOf(ms []article.TopicMatch, slug string) int {
	for i, m := range ms {
		if m.Slug == slug {
			return i
		}
	}
	return -1
}

func (t *Tagger) ruleIndex(slug string) int {
	for i, r := range t.rules {
		if r.slug == slug {
			return i
		}
	}
	return len(t.rules)
}

// hits lists the scoring terms of topic i found by the last evaluate, as
// written in the config, with the weight each added per field.
func (t *Tagger) hits(s *scratch, i int) []article.TermHit {
	var out []article.TermHit
	for _, id := range s.touched {
		tm := &t.terms[id]
		if tm.topic != i || tm.kind != kindScore {
			continue
		}
		c := s.count[id]
		if c[0] > 0 {
			out = append(out, article.TermHit{Term: tm.raw, Field: "title", Weight: round(termScore(tm.weight, [2]int32{c[0], 0}))})
		}
		if c[1] > 0 {
			out = append(out, article.TermHit{Term: tm.raw, Field: "body", Weight: round(termScore(tm.weight, [2]int32{0, c[1]}))})
		}
	}
	return out
}

func round(f float64) float64 { return math.Round(f*1000) / 1000 }

// Explanation is the full account of one topic for one article.
type Explanation struct {
	Slug      string  `json:"slug"`
	Language  string  `json:"language"` // rules language used: "en" or "id"; the article's when there are none for it
	Score     float64 `json:"score"`
	Threshold float64 `json:"threshold"`
	Boost     float64 `json:"boost,omitempty"`
	// Terms are the scoring terms that matched, with their weight per field.
	Terms []article.TermHit `json:"terms,omitempty"`
	// Vetoes are the excluded terms that matched.
	Vetoes []string `json:"vetoes,omitempty"`
	// Unbacked are the "~" terms that matched but count for nothing, as
	// no unmarked term of the topic matched beside them.
	Unbacked []string `json:"unbacked,omitempty"`
	// Require is "none" when the topic requires no term, else "met" or
	// "missing".
	Require string `json:"require"`
	// Foreign is "met" or "missing" on a topic that needs another country
	// (Spec.Foreign), else empty.
	Foreign string `json:"foreign,omitempty"`
	// NoHardNews is set on a hard-news desk topic (world) that the desk
	// and stream models may not give: the article shows no hard news
	// (no term of its own, no other country, no hard-news topic scoring).
	NoHardNews bool `json:"no_hard_news,omitempty"`
	// SoftDesk names the culture or lifestyle desk the article's link says
	// it was filed under, on a hard-news topic it then bars (softdesk.go);
	// empty where the source boosts the topic, which the desk does not bar.
	SoftDesk string `json:"soft_desk,omitempty"`
	// Expr is the topic's expression, if any, and ExprMet whether it held.
	Expr    string `json:"expr,omitempty"`
	ExprMet bool   `json:"expr_met"`
	Forced  bool   `json:"forced,omitempty"`
	Passed  bool   `json:"passed"`
	// Decider says which part decided the topic: "rules" (score and
	// threshold), "actors model" (see ModelActors) or "desk model" (see
	// desk.go), with its Model reading, DeciderWords (the actors model
	// stacked with the word model), DeciderWordsAlone (the word model on
	// an item that is no actors candidate), "stream model", DeciderStreamWords
	// (the stream model with the word model's prior), "language" (the
	// article is in a language the rules have no terms for), or "boost" (a
	// model-decided topic the models did not give, applied because its
	// score with the source's boost passes its threshold and dominance
	// bar); DeciderLabel where a reader's label on the story overruled
	// them (Overrule: the tagger stores no such verdict, a cycle applies
	// the label after it).
	Decider string `json:"decider"`
	// Overruled is the tagger's own verdict where a reader's label on the
	// article's story decided instead (Decider DeciderLabel).
	Overruled *Verdict      `json:"overruled,omitempty"`
	Model     *ModelReading `json:"model,omitempty"`
	// StreamLogOdds is the stream model's log-odds for a topic the rules
	// did not give (it applies from StreamMargin), when a stream model was
	// asked and has learned enough.
	StreamLogOdds float64 `json:"stream_log_odds,omitempty"`
	// WordLogOdds is the word model's log-odds of international relations
	// (wordir.go) when it applied: stacked with the actors model
	// (DeciderWords), or the prior StreamLogOdds includes.
	WordLogOdds float64 `json:"word_log_odds,omitempty"`
	// WordDeclined is the word model's stacked reading of international
	// relations when it was read but stayed under its cut (WordAddOnly),
	// or its own reading of an item that is not an actors candidate
	// (Name DeciderWordsAlone, WordSolo) under its cut or barred by the
	// precision guard its Guard names: the actors model decided alone;
	// WordLogOdds is then the word model's log-odds.
	WordDeclined *ModelReading `json:"word_declined,omitempty"`
	// StreamZone is set when the desk model was unsure of the topic and
	// decided it with the stream model (see StreamZone).
	StreamZone *ZoneReading `json:"stream_zone,omitempty"`
	// SecondDeskTo is set on a desk topic the models gave but that was
	// dropped as a second desk: the more probable desk the article is
	// filed under, when this one's desk model probability is under
	// SecondDeskCut.
	SecondDeskTo string `json:"second_desk_to,omitempty"`
	// Genre is set on a hard-news topic when the item is not news, with
	// the cue: it then gets no hard-news topic.
	Genre string `json:"genre,omitempty"`
	// Leaders are, on the actors model's topic, the persons it read as
	// the actors of their states by a learned name (see leaders.go).
	Leaders []LeaderActor `json:"leaders,omitempty"`
}

// ZoneReading is how the desk model and the stream model decided a topic
// together: the desk model's log-odds over its cut, the stream model's
// log-odds, and their sum, which applies the topic when it is not
// negative. Added and Removed say the stream model turned the desk
// model's decision.
type ZoneReading struct {
	ModelMargin   float64 `json:"model_margin"`
	StreamLogOdds float64 `json:"stream_log_odds"`
	Combined      float64 `json:"combined"`
	Added         bool    `json:"added,omitempty"`
	Removed       bool    `json:"removed,omitempty"`
}

// LeaderActor is a person read as the actor of a state.
type LeaderActor struct {
	Name  string `json:"name"` // as the text writes it
	State string `json:"state"`
	Field string `json:"field"` // "title" or "body"
	// From says where the name was learned: "article" (its own title or
	// body names the person in an office of the state), "stream" (an
	// earlier article did) or "prior" (only the feeds warta ships with
	// did: the leaders prior, leaders_prior.go).
	From string `json:"from"`
}

// Where a LeaderActor's name was learned (LeaderActor.From).
const (
	LeaderFromArticle = "article"
	LeaderFromStream  = "stream"
	LeaderFromPrior   = "prior"
)

// origin is where l's name was learned, as explain writes it.
func (l LeaderActor) origin() string {
	if l.From == LeaderFromPrior {
		return "the feeds warta ships with"
	}
	return "the " + l.From
}

// leaderActors lists the learned names among the actors of the last
// evaluate's title and body (s.bodyText), with the stream st (or nil) it
// read them with.
func leaderActors(s *scratch, title string, st *Stream) []LeaderActor {
	var out []LeaderActor
	for f, ms := range [2][]actor.Mention{s.titleActors, s.bodyActors} {
		field, text := "title", title
		if f == 1 {
			field, text = "body", s.bodyText
		}
		for _, m := range ms {
			if m.Name == "" {
				continue
			}
			// The article's own names are read in its title only.
			from := LeaderFromStream
			if state, ok := s.articleNames.State(m.Name); ok && f == 0 && state == m.ID {
				from = LeaderFromArticle
			} else if st.priorOnly(m.Name) {
				from = LeaderFromPrior
			}
			out = append(out, LeaderActor{Name: text[m.Start:m.End], State: m.ID, Field: field, From: from})
		}
	}
	return out
}

// ModelReading is how the actors or desk model read an article: its probability,
// the cut it needs and what each feature added to the log-odds.
type ModelReading struct {
	Name        string         `json:"name"` // "actors model" or "desk model"
	Probability float64        `json:"probability"`
	Cut         float64        `json:"cut"`
	Features    []FeatureShare `json:"features"`
	// Guard names the precision guard that barred the topic whatever the
	// features say (the probability is then 0), or is empty.
	Guard string `json:"guard,omitempty"`
	// ActorsProbability and ActorsCut are the actors model's own reading
	// when the word model's stacking decided (Name DeciderWords): what
	// the word model overrode.
	ActorsProbability float64 `json:"actors_probability,omitempty"`
	ActorsCut         float64 `json:"actors_cut,omitempty"`
}

// FeatureShare is one feature's value and its weight times value.
type FeatureShare struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	Adds  float64 `json:"adds"`
}

// modelReading lists the features of a model (weights w, values x, named
// by name) that added to the log-odds, the bias first.
func modelReading(w, x []float64, name func(int) string) []FeatureShare {
	var out []FeatureShare
	for i := range x {
		if x[i] != 0 {
			out = append(out, FeatureShare{Name: name(i), Value: round(x[i]), Adds: round(w[i] * x[i])})
		}
	}
	return out
}

// Explain accounts for every topic, passed or not, in config order.
func (t *Tagger) Explain(a *article.Article, h Hints) []Explanation {
	return t.explain(a, h, nil, false)
}

// Matches are the topics explanations passed, as Tag answers them for the
// article explained.
func Matches(es []Explanation) []article.TopicMatch {
	var out []article.TopicMatch
	for _, e := range es {
		if e.Passed {
			out = append(out, article.TopicMatch{Slug: e.Slug, Score: e.Score, Forced: e.Forced, Terms: e.Terms})
		}
	}
	return out
}

// explain is Explain with the stream model st, when non-nil, learning from
// a first when learn is set (as tag).
func (t *Tagger) explain(a *article.Article, h Hints, st *Stream, learn bool) []Explanation {
	s := t.read(a, st)
	defer t.release(s)
	defer func() { s.features = false }()
	res := make([]result, len(t.rules))
	out := make([]Explanation, len(t.rules))
	ok := make([]bool, 2*len(t.rules))
	ok, exprMet := ok[:len(t.rules)], ok[len(t.rules):]
	g := t.genreOf(a, h)
	ls := languages(a)
	if len(ls) == 0 {
		for i, rl := range t.rules {
			forced := slices.Contains(h.Forced, rl.slug)
			out[i] = Explanation{Slug: rl.slug, Language: language.Primary(a.Language), Threshold: rl.threshold,
				Boost: h.Boost[rl.slug], Require: "none", ExprMet: true, Forced: forced, Passed: forced, Decider: "language"}
		}
	}
	desks := newDeskUnion(len(t.rules))
	keep := -1
	for n, l := range ls {
		v := t.judgeLanguage(s, a, l, h, g, st, learn && len(ls) == 1, res, ok, exprMet)
		desks.add(t, ok, v)
		keep = max(keep, t.irKept(s, ok))
		for i, rl := range t.rules {
			forced := slices.Contains(h.Forced, rl.slug)
			e := Explanation{
				Slug: rl.slug, Language: langName(l), Score: round(res[i].total()),
				Threshold: rl.threshold, Boost: h.Boost[rl.slug], Terms: t.hits(s, i),
				Require: "none", ExprMet: exprMet[i], Forced: forced, Passed: ok[i] || forced,
			}
			if rl.require[l] {
				e.Require = "missing"
				if res[i].requireMet {
					e.Require = "met"
				}
			}
			if rl.foreign {
				e.Foreign = "missing"
				if foreignMet(s, res[i]) {
					e.Foreign = "met"
				}
			}
			e.NoHardNews = t.softOnly(s, i, res[i])
			if rl.expr != nil && rl.exprLangs[l] {
				e.Expr = rl.expr.String()
			}
			e.Decider = "rules"
			if i == t.ir {
				e.Decider = "actors model"
				e.Model = &ModelReading{Name: "actors model", Probability: round(v.irP), Cut: v.irCut, Features: modelReading(t.irWeights[:], v.irX[:], irFeatureName), Guard: v.irGuard}
				decider := DeciderWords
				if v.irSolo {
					decider = DeciderWordsAlone
				}
				switch {
				case v.irStacked:
					e.Decider, e.Model.Name, e.WordLogOdds = decider, decider, round(v.irWord)
					e.Model.ActorsProbability, e.Model.ActorsCut = round(v.irActorsP), t.irCut
				case v.irWordRead && v.irGuard == "":
					// A guard's bar, not the words, is why a barred item
					// failed.
					e.WordLogOdds = round(v.irWord)
					e.WordDeclined = &ModelReading{Name: decider, Probability: round(v.irWordP), Cut: v.irWordCut, Guard: v.irSoloGuard}
				}
				e.Leaders = leaderActors(s, a.Title, st)
				if v.irStance != "" && v.irP < v.irCut {
					e.Decider = v.irStance
				}
			}
			if k := rl.deskModel; k >= 0 {
				e.Decider = "desk model"
				desk := deskModelDesks()[k]
				name := func(i int) string { return deskFeatureName(desk, i) }
				e.Model = &ModelReading{Name: "desk model", Probability: round(v.deskP[i]), Cut: DeskCut, Features: modelReading(t.deskWeights[k][:], v.deskX[i][:], name)}
			}
			if st != nil && s.liftZ[i] != 0 {
				e.StreamLogOdds = round(s.liftZ[i])
			}
			if s.zoned[i] {
				m := s.zoneMargin[i]
				e.StreamZone = &ZoneReading{ModelMargin: round(m), StreamLogOdds: round(s.liftZ[i]), Combined: round(m + s.liftZ[i]), Added: s.lifted[i], Removed: s.dropped[i]}
			}
			if s.lifted[i] && ok[i] || s.dropped[i] {
				e.Decider = "stream model"
				if i == t.ir && s.wordPrior != 0 {
					e.Decider = DeciderStreamWords
				}
			}
			if i == t.ir && s.wordPrior != 0 {
				e.WordLogOdds = round(s.wordPrior)
			}
			if s.boosted[i] && ok[i] {
				e.Decider = "boost"
			}
			if j := s.secondTo[i]; j >= 0 && !e.Passed {
				e.SecondDeskTo = t.rules[j].slug
			}
			if !g.IsNews() && t.family[i] == hardNews {
				e.Genre = g.Genre.String() + " (" + g.Cue + ")"
			}
			if t.softDeskBars(v, i, res[i]) {
				e.SoftDesk = v.softDesk
			}
			for _, id := range s.touched {
				if tm := &t.terms[id]; tm.topic == i && tm.kind == kindExclude {
					e.Vetoes = append(e.Vetoes, tm.raw)
				}
			}
			for _, id := range s.unbacked {
				if tm := &t.terms[id]; tm.topic == i {
					e.Unbacked = append(e.Unbacked, tm.raw)
				}
			}
			// With two languages keep the better reading of each topic.
			if n == 0 || e.Passed && !out[i].Passed || e.Passed == out[i].Passed && e.Score > out[i].Score {
				out[i] = e
			}
		}
	}
	if len(ls) > 1 {
		for i, j := range t.secondDesksOf(desks, h) {
			if j >= 0 && !out[i].Forced {
				out[i].Passed, out[i].SecondDeskTo = false, t.rules[j].slug
			}
		}
		score, passed := make([]float64, len(t.rules)), make([]bool, len(t.rules))
		for i, e := range out {
			score[i], passed[i] = e.Score, e.Passed && !e.Forced
		}
		t.capUnion(score, passed, keep)
		for i := range out {
			if !out[i].Forced {
				out[i].Passed = passed[i]
			}
		}
	}
	return out
}

// DeciderLabel is the Decider of a topic a reader's label on the
// article's story decided (article.Label), over the tagger's verdict.
const DeciderLabel = "reader's label"

// Verdict is whether a topic passed and which part decided it.
type Verdict struct {
	Passed  bool   `json:"passed"`
	Decider string `json:"decider"`
}

// Overrule records that a reader's label says the article is (of) or is
// not of e's topic: it passes as the label says, the tagger's verdict
// kept in Overruled.
func (e *Explanation) Overrule(of bool) {
	if e.Overruled == nil {
		e.Overruled = &Verdict{Passed: e.Passed, Decider: e.Decider}
	}
	e.Passed, e.Decider = of, DeciderLabel
}

// WriteExplanations prints explanations as a readable table, passed topics
// marked with "+".
func WriteExplanations(w io.Writer, es []Explanation) error {
	var b strings.Builder
	for _, e := range es {
		mark := " "
		if e.Passed {
			mark = "+"
		}
		fmt.Fprintf(&b, "%s %-26s %6.2f / %-4g [%s]", mark, e.Slug, e.Score, e.Threshold, e.Language)
		if e.Boost != 0 {
			fmt.Fprintf(&b, " boost %+g", e.Boost)
		}
		if e.Forced {
			b.WriteString(" forced")
		}
		if e.Require != "none" {
			fmt.Fprintf(&b, " require %s", e.Require)
		}
		if e.Foreign != "" {
			fmt.Fprintf(&b, " foreign %s", e.Foreign)
		}
		if e.NoHardNews {
			b.WriteString(" no hard news (no term of its own, no other country, no hard-news topic scoring)")
		}
		if e.Expr != "" {
			fmt.Fprintf(&b, " expr %s=%t", e.Expr, e.ExprMet)
		}
		if e.Genre != "" {
			fmt.Fprintf(&b, " not news: %s", e.Genre)
		}
		if e.SoftDesk != "" {
			fmt.Fprintf(&b, " filed under the %s desk (no hard news)", e.SoftDesk)
		}
		switch z := e.StreamZone; {
		case z != nil:
			verb := "agreed"
			switch {
			case z.Added:
				verb = "added"
			case z.Removed:
				verb = "removed"
			}
			fmt.Fprintf(&b, " stream model %s (desk model unsure: log-odds %+.1f + stream %+.1f = %+.1f)", verb, z.ModelMargin, z.StreamLogOdds, z.Combined)
		case e.Decider == "stream model":
			fmt.Fprintf(&b, " stream model log-odds %.1f / %g", e.StreamLogOdds, StreamMargin)
		case e.Decider == DeciderStreamWords:
			fmt.Fprintf(&b, " stream model log-odds %.1f (word model prior %+.1f) / %g", e.StreamLogOdds, e.WordLogOdds, StreamMargin)
		}
		if e.Decider == "language" {
			fmt.Fprintf(&b, " no rules in language %q", e.Language)
		}
		if e.Decider == "boost" {
			b.WriteString(" applied by the boost (score with boost passes)")
		}
		if o := e.Overruled; o != nil {
			verdict := "not given"
			if o.Passed {
				verdict = "given"
			}
			fmt.Fprintf(&b, " decided by a reader's label on its story (the tagger: %s, by %s)", verdict, o.Decider)
		}
		if e.SecondDeskTo != "" && !e.Passed {
			fmt.Fprintf(&b, " dropped: a second desk after %s needs p=%g", e.SecondDeskTo, SecondDeskCut)
		}
		if m := e.Model; m != nil {
			switch {
			case m.Name == DeciderWords && m.ActorsCut > 0:
				verb := "added"
				if m.ActorsProbability >= m.ActorsCut {
					verb = "decided"
				}
				fmt.Fprintf(&b, " actors model p=%.3f / %.3f, %s by the word model:", m.ActorsProbability, m.ActorsCut, verb)
			case m.Name == DeciderWordsAlone:
				b.WriteString(" not an actors candidate, filed by the word model alone:")
			}
			fmt.Fprintf(&b, " %s p=%.3f / %.3f:", m.Name, m.Probability, m.Cut)
			if m.Name == DeciderWords || m.Name == DeciderWordsAlone {
				fmt.Fprintf(&b, " words=%+.2f;", e.WordLogOdds)
			}
			if w := e.WordDeclined; w != nil {
				why := "not enough"
				switch {
				case w.Guard != "":
					why = "barred (" + w.Guard + ")"
				case w.Probability >= w.Cut:
					why = "words not in favour"
				}
				fmt.Fprintf(&b, " words=%+.2f (%s p=%.3f / %.3f: %s);", e.WordLogOdds, w.Name, w.Probability, w.Cut, why)
			}
			if m.Guard != "" {
				fmt.Fprintf(&b, " barred (%s);", m.Guard)
			}
			for _, f := range m.Features {
				fmt.Fprintf(&b, " %s=%g(%+.2f)", f.Name, f.Value, f.Adds)
			}
		}
		if len(e.Vetoes) > 0 {
			fmt.Fprintf(&b, " vetoed by %s", strings.Join(e.Vetoes, ", "))
		}
		if len(e.Unbacked) > 0 {
			fmt.Fprintf(&b, " unbacked (matched, count for nothing without an unmarked term): %s", strings.Join(e.Unbacked, ", "))
		}
		b.WriteByte('\n')
		for _, l := range e.Leaders {
			fmt.Fprintf(&b, "      leader %q = state %s (%s, learned from %s)\n", l.Name, l.State, l.Field, l.origin())
		}
		for _, h := range e.Terms {
			fmt.Fprintf(&b, "      %-24q %-5s %+.2f\n", h.Term, h.Field, h.Weight)
		}
	}
	_, err := io.WriteString(w, b.String())
	if err != nil {
		return fmt.Errorf("topic: %w", err)
	}
	return nil
}
