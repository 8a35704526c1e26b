package topic

import (
	"testing"

	"github.com/warta-news/warta/article"
)

// FuzzStreamSnapshot: a stored stream model snapshot of this build's key
// but damaged anywhere after it (a disk's fault, a hand's edit) is
// refused or loaded; a loaded one tags, learns on and encodes again into
// a snapshot that loads; none fails the daemon that starts on it.
func FuzzStreamSnapshot(f *testing.F) {
	tg := defaultTagger(f)
	learned := tg.NewStream()
	learned.Learn(append(streamArticles(StreamMinExamples+5),
		&article.Article{Language: "en", Title: "Talks in Moscow", Text: "Russian President Vladimir Putin said the talks with China went well."},
		&article.Article{Language: "id", Title: "Menlu Retno Bertemu Menlu Jepang", Text: "Menteri Luar Negeri Retno Marsudi bertemu mitranya di Tokyo."}), Hints{})
	snap, err := learned.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(snap)
	f.Add(snap[:len(snap)/2])
	probes := []*article.Article{
		{Language: "en", Title: "Putin meets Xi in Moscow", Text: "The presidents of Russia and China signed a pact."},
		{Language: "id", Title: "Kuba dan Rusia Perkuat Kerja Sama Militer", Text: "Menteri Luar Negeri Rusia bertemu mitranya dari Kuba di Moskow."},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		st := tg.NewStream()
		if st.UnmarshalBinary(data) != nil {
			return
		}
		for _, a := range probes {
			st.Tag(a, Hints{})
		}
		st.Learn(probes, Hints{})
		again, err := st.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if err := tg.NewStream().UnmarshalBinary(again); err != nil {
			t.Fatalf("a loaded snapshot's own encoding is refused: %v", err)
		}
	})
}
