package topic

import (
	"bytes"
	"slices"
	"testing"

	"github.com/warta-news/warta/article"
)

// homeItems are items of one outlet written for the test: each names
// Indonesia, one of them Japan too.
func homeItems(source string) []*article.Article {
	return []*article.Article{
		{Source: source, Language: "id", Title: "Ekspor Indonesia naik", Text: "Ekspor Indonesia naik pada bulan lalu."},
		{Source: source, Language: "id", Title: "Banjir di Jakarta", Text: "Banjir melanda ibu kota Indonesia, Jakarta."},
		{Source: source, Language: "id", Title: "Indonesia dan Jepang", Text: "Indonesia dan Jepang membahas perdagangan."},
	}
}

// A source's home is the state its items name most, once enough of them
// do; an office bound to no state in its items then binds to it, and the
// home is kept in the snapshot. An article of no source has no home.
func TestStreamLearnsASourcesHome(t *testing.T) {
	tg := defaultTagger(t)
	st := tg.NewStream()
	visit := &article.Article{Source: "kabar", Language: "id", Title: "Kunjungan kenegaraan", Text: "Presiden Joko Widodo menerima tamunya di Istana Bogor."}
	anchorsOf := func(st *Stream, a *article.Article) []string {
		s := tg.read(a, st)
		defer tg.release(s)
		res := make([]result, len(tg.rules))
		tg.evaluate(s, a, langID, Hints{}, res)
		tg.judge(s, a, langID, res, tg.genreOf(a, Hints{}))
		var out []string
		for _, an := range s.anchors {
			out = append(out, an.Name+"="+an.State)
		}
		return out
	}
	st.Learn(homeItems("kabar")[:2], Hints{})
	if got := st.sourceHome("kabar"); got != "" {
		t.Errorf("home after two items: %q, want none", got)
	}
	st.Learn(homeItems("kabar")[2:], Hints{})
	if got := st.sourceHome("kabar"); got != "ID" {
		t.Errorf("home after three items: %q, want ID", got)
	}
	if got := anchorsOf(st, visit); !slices.Equal(got, []string{"joko widodo=ID"}) {
		t.Errorf("anchors in the home's source: %q, want joko widodo=ID", got)
	}
	other := *visit
	other.Source = ""
	if got := anchorsOf(st, &other); len(got) != 0 {
		t.Errorf("anchors without a source: %q, want none", got)
	}
	snap, err := st.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	loaded := tg.NewStream()
	if err := loaded.UnmarshalBinary(snap); err != nil {
		t.Fatal(err)
	}
	if again, _ := loaded.MarshalBinary(); !bytes.Equal(snap, again) {
		t.Error("the loaded stream encodes differently")
	}
	if got := loaded.sourceHome("kabar"); got != "ID" {
		t.Errorf("home after loading: %q, want ID", got)
	}
}

// An outlet of world news, whose items name many states alike, has no
// home.
func TestHomeNeedsDominance(t *testing.T) {
	if got := home([]stateCount{{"US", 4}, {"GB", 3}}); got != "" {
		t.Errorf("home of US 4, GB 3: %q, want none", got)
	}
	if got := home([]stateCount{{"US", 6}, {"GB", 3}}); got != "US" {
		t.Errorf("home of US 6, GB 3: %q, want US", got)
	}
}
