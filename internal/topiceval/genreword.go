package topiceval

import (
	"strings"

	"github.com/warta-news/warta/topic"
)

// GenreVariant is one pre-registered set of features of the learned genre
// model (BENCHMARKS.md, branch genreword).
type GenreVariant struct {
	Name     string
	Features topic.GenreFeatures
}

// GenreVariants are the variants measured.
func GenreVariants() []GenreVariant {
	return []GenreVariant{
		{Name: "G1 title", Features: topic.GenreTitle},
		{Name: "G2 title and link sections", Features: topic.GenreTitle | topic.GenreLinkPath},
		{Name: "G3 G2 and description", Features: topic.GenreTitle | topic.GenreLinkPath | topic.GenreDescription},
	}
}

// ShippedGenreVariantID is the name (its first word) of the variant the
// generator writes (topic/genremodel_weights.go).
const ShippedGenreVariantID = "G2"

// GenreVariantNamed is the variant whose name's first word is id.
func GenreVariantNamed(id string) (GenreVariant, bool) {
	for _, v := range GenreVariants() {
		if strings.Fields(v.Name)[0] == id {
			return v, true
		}
	}
	return GenreVariant{}, false
}

// GenreSamples are the genre model's samples of the stream's labelled
// items that the markers leave as news, of features fs.
func (s *LabelledStream) GenreSamples(t *topic.Tagger, fs topic.GenreFeatures) []topic.WordSample {
	var out []topic.WordSample
	s.labelled(func(i int, l StreamLabel) {
		if ws, ok := t.GenreSampleOf(s.Articles[i], !l.News, fs); ok {
			out = append(out, ws)
		}
	})
	return out
}

// GenreScore is what a tagger decided on one stream's labelled items: the
// international-relations tallies by language, and which items got a
// hard-news topic, by title.
type GenreScore struct {
	Stream   string
	Tallies  map[string]*topic.Tally
	HardNews map[string]bool
	// News is each labelled item's news label, by title.
	News map[string]bool
}

// ScoreStreamGenre tags the stream as ScoreStream does and also records
// which labelled items got a hard-news topic.
func ScoreStreamGenre(t *topic.Tagger, s *LabelledStream) GenreScore {
	st := t.NewStream()
	ir := make([]bool, len(s.Articles))
	hard := make([]bool, len(s.Articles))
	for i, a := range s.Articles {
		for _, m := range st.TagAndObserve(a, topic.Hints{}) {
			ir[i] = ir[i] || m.Slug == irSlug
			hard[i] = hard[i] || t.HardNewsTopic(m.Slug)
		}
	}
	out := GenreScore{Stream: s.Name, Tallies: map[string]*topic.Tally{"en": {}, "id": {}}, HardNews: map[string]bool{}, News: map[string]bool{}}
	s.labelled(func(i int, l StreamLabel) {
		out.Tallies[l.Lang].Add(l.IR, ir[i])
		title := StreamTitle(s.Articles[i].Title)
		out.HardNews[title], out.News[title] = hard[i], l.News
	})
	return out
}

// GenreLOSO scores each stream by the tagger without a genre model (main)
// and with the genre model of v trained on the other streams, at the cuts
// of topic.GenreFolds.
func GenreLOSO(t *topic.Tagger, streams []*LabelledStream, v GenreVariant) (main, variant []GenreScore, cut [2]float64) {
	samples := make([][]topic.WordSample, len(streams))
	for i, s := range streams {
		samples[i] = s.GenreSamples(t, v.Features)
	}
	inner, cut := topic.GenreFolds(samples)
	base := t.WithGenreModel(nil)
	for i, s := range streams {
		main = append(main, ScoreStreamGenre(base, s))
		variant = append(variant, ScoreStreamGenre(t.WithGenreModel(&topic.GenreModel{Features: v.Features, Words: inner[i], Cut: cut}), s))
	}
	return main, variant, cut
}
