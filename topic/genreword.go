package topic

//go:generate go run ../cmd/warta -config ../config.yaml eval-topics -streams ../internal/fixtures/testdata -stream-labels ../cmd/warta/testdata -fit-genre genremodel_weights.go

import (
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/genre"
)

// GenreModel is the learned genre model: per language, naive Bayes'
// log-odds that an item the publishers' markers leave as news (genre) is
// not news — a feature, profile, interview, listicle, review or service
// piece — from hashed features of the kinds Features names. An item whose
// probability reaches its language's Cut is a genre.Feature and gets no
// hard-news topic, as a marker's verdict does. It is trained on the news
// column of our own labelled real feed streams (cmd/warta/testdata), never
// on the research data, whose licence forbids per-word weights.
type GenreModel struct {
	Features GenreFeatures
	Words    *WordModel
	// Cut is the probability a language's items must reach; 0 closes
	// the language.
	Cut [numLangs]float64
}

// GenreFeatures is a set of the kinds of features the genre model reads.
type GenreFeatures int

// The kinds of features of the genre model (BENCHMARKS.md, branch
// genreword).
const (
	// GenreTitle: the title's stems.
	GenreTitle GenreFeatures = 1 << iota
	// GenreLinkPath: the link's path segments but the last (the slug),
	// digits-only ones skipped: sections such as /lifestyle/ or
	// /gaya-hidup/ name formats, not topics.
	GenreLinkPath
	// GenreDescription: the stems of the first GenreDescriptionWords
	// words of the text beyond the title.
	GenreDescription
)

// Genre model constants (BENCHMARKS.md, branch genreword).
const (
	// GenreDescriptionWords is how many words of the description
	// GenreDescription reads.
	GenreDescriptionWords = 30
	// GenrePrecision is the precision the bar must have, pooled over the
	// training streams left out one at a time, for its cut.
	GenrePrecision = 0.95
	// GenreMinCut is the lowest cut: the bar is for items the model
	// thinks more likely not news than news.
	GenreMinCut = 0.5
)

// DeciderGenreModel names the learned genre model in explanations.
const DeciderGenreModel = "learned genre model"

// genreFeatures are a's distinct features of kinds fs, read in language l.
func genreFeatures(a *article.Article, l int, fs GenreFeatures) []uint64 {
	var out []uint64
	add := func(kind, s string) { out = append(out, featureHash(kind+"\x00"+s)) }
	if fs&GenreTitle != 0 {
		tokenizeFunc(a.Title, func(w word) { add("t", stemWord(w.text, l).s[0]) })
	}
	if fs&GenreLinkPath != 0 {
		link := a.Link
		if link == "" {
			link = a.URL
		}
		for _, seg := range linkSections(link) {
			add("p", seg)
		}
	}
	if fs&GenreDescription != 0 {
		n := 0
		tokenizeFunc(bodyText(a), func(w word) {
			if n < GenreDescriptionWords {
				n++
				add("d", stemWord(w.text, l).s[0])
			}
		})
	}
	return distinctFeatures(out)
}

// linkSections are the lower-cased segments of link's path but the last
// (an item's slug, its title's words), digits-only ones (dates, ids)
// skipped.
func linkSections(link string) []string {
	u, err := url.Parse(link)
	if err != nil {
		return nil
	}
	segs := strings.FieldsFunc(strings.ToLower(u.Path), func(r rune) bool { return r == '/' })
	if len(segs) == 0 {
		return nil
	}
	var out []string
	for _, s := range segs[:len(segs)-1] {
		if _, err := strconv.Atoi(s); err != nil {
			out = append(out, s)
		}
	}
	return out
}

// verdict is m's genre of a, which the markers leave as news: a
// genre.Feature when a is in one rule language whose cut its probability
// reaches, else news. A nil m is no model.
func (m *GenreModel) verdict(a *article.Article) genre.Verdict {
	if m == nil || m.Words == nil {
		return genre.Verdict{}
	}
	ls := languages(a)
	if len(ls) != 1 || m.Cut[ls[0]] == 0 {
		return genre.Verdict{}
	}
	l := ls[0]
	p := sigmoid(m.Words.logOdds(l, genreFeatures(a, l, m.Features)))
	if p < m.Cut[l] {
		return genre.Verdict{}
	}
	return genre.Verdict{Genre: genre.Feature, Cue: fmt.Sprintf("%s: probability %.3f, cut %.3f", DeciderGenreModel, p, m.Cut[l])}
}

// fingerprint writes what of m decides topics to h.
func (m *GenreModel) fingerprint(h io.Writer) {
	if m == nil || m.Words == nil {
		return
	}
	fmt.Fprintf(h, "genre model features %d cut %v description %d\n", m.Features, m.Cut, GenreDescriptionWords)
	m.Words.writeWeights(h)
}

// WithGenreModel returns a Tagger that shares t's compiled rules and bars
// the items m takes for not news from hard-news topics (nil: none).
func (t *Tagger) WithGenreModel(m *GenreModel) *Tagger {
	c := *t
	c.genreModel = m
	c.fingerprint = c.computeFingerprint()
	return &c
}

// GenreSampleOf returns a's sample of the genre model with features fs and
// label notNews, and false when a is in no one rule language or the
// markers (or its feed) already say it is not news: the model learns only
// what it may change.
func (t *Tagger) GenreSampleOf(a *article.Article, notNews bool, fs GenreFeatures) (WordSample, bool) {
	ls := languages(a)
	if len(ls) != 1 || !t.genres.Of(a).IsNews() {
		return WordSample{}, false
	}
	return WordSample{Lang: ls[0], Feats: genreFeatures(a, ls[0], fs), Y: notNews}, true
}

// HardNewsTopic reports whether the topic slug is one of t's hard-news
// topics.
func (t *Tagger) HardNewsTopic(slug string) bool {
	i := t.ruleIndex(slug)
	return i < len(t.rules) && t.family[i] == hardNews
}

// GenreFolds trains the genre model of features fs leaving out each of the
// streams' samples in turn: inner[i] is trained without samples[i]. cut
// is, per language, the lowest probability of at least GenreMinCut at
// which the bar's precision over the streams' samples, each scored by the
// model trained without its own stream, is GenrePrecision (0: none; the
// language is closed).
func GenreFolds(samples [][]WordSample) (inner []*WordModel, cut [numLangs]float64) {
	var ps [numLangs][]scored
	for i, ss := range samples {
		var others []WordSample
		for j, o := range samples {
			if j != i {
				others = append(others, o...)
			}
		}
		m := FitWords(others, WordNB)
		inner = append(inner, m)
		for _, s := range ss {
			if p := sigmoid(m.logOdds(s.Lang, s.Feats)); p >= GenreMinCut {
				ps[s.Lang] = append(ps[s.Lang], scored{p, s.Y})
			}
		}
	}
	for l := range cut {
		cut[l] = cutAtPrecision(ps[l], GenrePrecision, 0)
	}
	return inner, cut
}

// FitGenre trains the genre model of features fs on the streams' samples,
// its cuts those of GenreFolds.
func FitGenre(samples [][]WordSample, fs GenreFeatures) *GenreModel {
	_, cut := GenreFolds(samples)
	var all []WordSample
	for _, ss := range samples {
		all = append(all, ss...)
	}
	return &GenreModel{Features: fs, Words: FitWords(all, WordNB), Cut: cut}
}

// Source is m as the Go source of fittedGenreModel, with the comment
// header (each line "// "-prefixed) saying what it was trained on.
func (m *GenreModel) Source(header string) []byte {
	b := []byte("// Code generated by \"warta eval-topics -fit-genre\"; DO NOT EDIT.\n\npackage topic\n\n")
	b = appendComment(b, header)
	b = fmt.Appendf(b, "func fittedGenreModel() *GenreModel {\n\treturn &GenreModel{\n\t\tFeatures: %s,\n\t\tCut: [numLangs]float64{%s, %s},\n\t\tWords: ",
		m.Features.source(), strconv.FormatFloat(m.Cut[0], 'g', -1, 64), strconv.FormatFloat(m.Cut[1], 'g', -1, 64))
	b = m.Words.appendSource(b)
	return append(b, ",\n\t}\n}\n"...)
}

// source is fs as Go source: its kinds' names joined by |.
func (fs GenreFeatures) source() string {
	var names []string
	for _, k := range []struct {
		f    GenreFeatures
		name string
	}{{GenreTitle, "GenreTitle"}, {GenreLinkPath, "GenreLinkPath"}, {GenreDescription, "GenreDescription"}} {
		if fs&k.f != 0 {
			names = append(names, k.name)
		}
	}
	if len(names) == 0 {
		return "GenreFeatures(0)"
	}
	return strings.Join(names, " | ")
}
