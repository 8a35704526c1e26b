package topic

import (
	"fmt"
	"slices"
	"testing"

	"github.com/warta-news/warta/article"
)

// homeItems are n items of one outlet written for the test: each names
// Indonesia, the last Japan too.
func homeItems(source string, n int) []*article.Article {
	var out []*article.Article
	for i := range n - 1 {
		out = append(out, &article.Article{Source: source, Language: "id", Title: fmt.Sprintf("Ekspor Indonesia naik %d persen", i), Text: "Ekspor Indonesia naik pada bulan lalu."})
	}
	return append(out, &article.Article{Source: source, Language: "id", Title: "Indonesia dan Jepang", Text: "Indonesia dan Jepang membahas perdagangan."})
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
	items := homeItems("kabar", HomeMinItems)
	st.Learn(items[:HomeMinItems-1], Hints{})
	if got := st.sourceHome("kabar"); got != "" {
		t.Errorf("home after %d items: %q, want none", HomeMinItems-1, got)
	}
	st.Learn(items[HomeMinItems-1:], Hints{})
	if got := st.sourceHome("kabar"); got != "ID" {
		t.Errorf("home after %d items: %q, want ID", HomeMinItems, got)
	}
	if got := anchorsOf(st, visit); !slices.Equal(got, []string{"joko widodo=ID"}) {
		t.Errorf("anchors in the home's source: %q, want joko widodo=ID", got)
	}
	other := *visit
	other.Source = ""
	if got := anchorsOf(st, &other); len(got) != 0 {
		t.Errorf("anchors without a source: %q, want none", got)
	}
	loaded := reloaded(t, st)
	if got := loaded.sourceHome("kabar"); got != "ID" {
		t.Errorf("home after loading: %q, want ID", got)
	}
}

// An outlet of world news, whose items name many states alike, has no
// home.
func TestHomeNeedsDominance(t *testing.T) {
	n := uint32(HomeMinItems)
	if got := home([]stateCount{{"US", HomeDominance*n - 1}, {"GB", n}}); got != "" {
		t.Errorf("home of US %d, GB %d: %q, want none", HomeDominance*n-1, n, got)
	}
	if got := home([]stateCount{{"US", HomeDominance * n}, {"GB", n}}); got != "US" {
		t.Errorf("home of US %d, GB %d: %q, want US", HomeDominance*n, n, got)
	}
}
