package topic

import (
	"testing"

	"github.com/warta-news/warta/actor"
)

// The sentences are written for the test, in the shapes of real reports.

// An Indonesian relation word counts by its root when its affixed form is
// not listed: "dikecamnya" is dikecam, "mendukungnya" mendukung, as listed.
func TestIndonesianRelationWordsByTheirRoot(t *testing.T) {
	rec := defaultTagger(t).Actors()
	cases := []struct {
		text, lang string
		want       string // the relation ID found, "" for none
		root       string
	}{
		{"Serangan Israel itu dikecamnya di Jakarta.", "id", "pressure", "kecam"},
		{"Kedua negara memperbincangkan kesepakatannya di Jakarta.", "id", "agree", "sepakat"},
		{"Menlu Retno mendukungnya dalam sidang PBB.", "id", "agree", "dukung"},
		// A capitalised word is a name or a headline's word: never stemmed.
		{"Serangan Israel Itu Dikecamnya di Jakarta", "id", "", ""},
		// English is read as written.
		{"Serangan Israel itu dikecamnya di Jakarta.", "en", "", ""},
	}
	for _, c := range cases {
		var got, root string
		for _, m := range rec.Find(c.text, c.lang) {
			if m.Kind == actor.Relation {
				got, root = m.ID, m.Root
				break
			}
		}
		if got != c.want || root != c.root {
			t.Errorf("%q (%s): relation %q by root %q, want %q by root %q", c.text, c.lang, got, root, c.want, c.root)
		}
	}
}

// A root shorter than actor.MinRootLetters never matches.
func TestShortRootsDoNotMatchRelations(t *testing.T) {
	rec := defaultTagger(t).Actors()
	for _, m := range rec.Find("Ia berkata bahwa Malaysia dan Singapura setuju.", "id") {
		if m.Kind == actor.Relation && m.Root != "" && len(m.Root) < actor.MinRootLetters {
			t.Errorf("%+v: a root shorter than %d letters", m, actor.MinRootLetters)
		}
	}
}
