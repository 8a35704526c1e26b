package topic

import (
	"testing"

	"github.com/warta-news/warta/article"
)

// FuzzTag: whatever title and text a feed gives, in either language or
// another, the built-in tagger and a stream answer without failing.
func FuzzTag(f *testing.F) {
	tg := defaultTagger(f)
	st := tg.NewStream()
	f.Add("Kuba dan Rusia Perkuat Kerja Sama Militer", "Menteri Luar Negeri Rusia bertemu mitranya dari Kuba di Moskow.", "id")
	f.Add("Foreign ministers meet in Washington", "The talks covered sanctions and a ceasefire.", "en")
	f.Fuzz(func(t *testing.T, title, text, lang string) {
		a := &article.Article{Title: title, Text: text, Language: lang, URL: "https://news.example/world/1"}
		tg.Tag(a, Hints{})
		st.Learn([]*article.Article{a}, Hints{})
		st.Tag(a, Hints{})
	})
}
