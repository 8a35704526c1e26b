package topic

import (
	"testing"

	"github.com/warta-news/warta/article"
)

// foreignWorldTagger is the built-in topics with world needing another
// country, as a config's `{slug: world, foreign: true}` makes them.
func foreignWorldTagger(t *testing.T) *Tagger {
	t.Helper()
	tg, err := New(Override(builtinSpecs(t), []Spec{{Slug: "world", Foreign: true}}))
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// A domestic corruption case in Indonesian names no other country: the
// built-in world takes it (its desk model reads crime as hard news, and hard
// news as world: BENCHMARKS.md, "abroad"); world that needs another country
// does not, whatever a source's boost says, and takes the same case abroad.
func TestForeignKeepsHomeNewsOutOfWorld(t *testing.T) {
	builtin, foreign := defaultTagger(t), foreignWorldTagger(t)
	home := &article.Article{Language: "id",
		Title: "Kejaksaan Tahan Dua Tersangka Korupsi Proyek Jalan di Karanganyar",
		Text: "Kejaksaan Negeri Karanganyar menahan dua tersangka kasus korupsi proyek pembangunan jalan desa. " +
			"Keduanya diduga menggelembungkan anggaran hingga Rp 2 miliar. Penyidik menyita dokumen dan uang tunai " +
			"sebagai barang bukti. Kedua tersangka ditahan di rumah tahanan selama 20 hari ke depan."}
	abroad := &article.Article{Language: "id",
		Title: "Kejaksaan Malaysia Tahan Dua Tersangka Korupsi Proyek Jalan di Johor",
		Text: "Kejaksaan Malaysia menahan dua tersangka kasus korupsi proyek pembangunan jalan di negara bagian Johor. " +
			"Keduanya diduga menggelembungkan anggaran hingga 2 juta ringgit. Penyidik menyita dokumen dan uang tunai " +
			"sebagai barang bukti. Kedua tersangka ditahan selama 14 hari ke depan."}
	if _, ok := match(builtin.Tag(home, Hints{}), "world"); !ok {
		t.Fatal("the built-in world no longer takes the domestic case: this test shows nothing")
	}
	got := foreign.Tag(home, Hints{})
	if _, ok := match(got, "world"); ok {
		t.Errorf("domestic case: topics %v, want no world", got)
	}
	if e := explain(foreign.Explain(home, Hints{}), "world"); e.Foreign != "missing" || e.Passed {
		t.Errorf("domestic case: world foreign %q passed %v, want missing, false", e.Foreign, e.Passed)
	}
	if e := explain(builtin.Explain(home, Hints{}), "world"); e.Slug != "world" || e.Foreign != "" {
		t.Errorf("built-in world: foreign %q, want none", e.Foreign)
	}
	boosted := Hints{Boost: map[string]float64{"world": 3}}
	got = foreign.Tag(home, boosted)
	if _, ok := match(got, "world"); ok {
		t.Errorf("domestic case from a source boosting world: topics %v, want no world", got)
	}
	got = foreign.Tag(abroad, Hints{})
	if _, ok := match(got, "world"); !ok {
		t.Errorf("the case in Malaysia: topics %v, want world", got)
	}
	if e := explain(foreign.Explain(abroad, Hints{}), "world"); e.Foreign != "met" {
		t.Errorf("the case in Malaysia: world foreign %q, want met", e.Foreign)
	}
	if builtin.Fingerprint() == foreign.Fingerprint() {
		t.Error("needing another country left the fingerprint as it was: stored articles would keep their topics")
	}
}

// Indonesia is the home of Indonesian and no other country; English is no
// one state's language, so any state it names is another country; an
// international body always is.
func TestNamesAbroad(t *testing.T) {
	rec := defaultTagger(t).Actors()
	for _, c := range []struct {
		text string
		l    int
		want bool
	}{
		{"Presiden Indonesia meresmikan jalan tol di Jakarta", langID, false},
		{"Presiden Indonesia bertemu Perdana Menteri Malaysia", langID, true},
		{"Indonesia membawa sengketa itu ke PBB", langID, true},
		{"Banjir merendam sepuluh desa di Gresik", langID, false},
		{"Indonesia's president opens a toll road", langEN, true},
		{"Man charged after a stabbing at a railway station", langEN, false},
	} {
		if got := namesAbroad(c.l, rec.Find(c.text, langName(c.l))); got != c.want {
			t.Errorf("namesAbroad(%s, %q) = %v, want %v", langName(c.l), c.text, got, c.want)
		}
	}
}
