package topic

import (
	"testing"

	"github.com/warta-news/warta/article"
)

// A headline that reports violence is no bar: the actors model reads it
// like any other, its body's states and talks included (the guard of
// violent headlines is gone, BENCHMARKS.md, round4). Written for the test,
// in the shapes of real reports; none comes from labelled data.
func TestViolentHeadlineIsNoGuard(t *testing.T) {
	tg := defaultTagger(t)
	for _, c := range []irCase{
		{"en", "US and British jets launch strikes on Yemen", "American and British warplanes struck targets in Yemen overnight. The strikes came as diplomats from the United States, Britain and Oman held talks on a ceasefire and the UN Security Council called for restraint.", false},
		{"en", "Russian missile strike kills five in Ukraine's Kharkiv", "", false},
		{"id", "Serangan Udara Israel di Lebanon Tewaskan 20 Orang", "Serangan udara Israel menewaskan 20 orang di Lebanon selatan. Amerika Serikat dan Prancis mendesak gencatan senjata, sementara Dewan Keamanan PBB akan bersidang membahas krisis itu.", false},
	} {
		e := explain(tg.Explain(c.article(), Hints{}), "international-relations")
		if e.Model == nil || e.Model.Guard != "" {
			t.Errorf("%q: the actors model did not read it (reading %+v)", c.title, e.Model)
		}
	}
}

// A headline a guard holds teaches the stream model nothing of
// international relations: it is no example either way, so that a
// roundup's stories teach it neither the relation of one of them nor its
// absence. Written for the test.
func TestGuardedHeadlineIsNoStreamExample(t *testing.T) {
	tg := defaultTagger(t)
	st := tg.NewStream()
	a := &article.Article{Title: "World Brief: US and Britain strike Yemen; Japan and China hold talks; storm hits Manila", Language: "en",
		Text: "American and British warplanes struck targets in Yemen overnight, officials said. The foreign ministers of Japan and China met in Beijing."}
	if !st.Observe(a, Hints{}) {
		t.Fatal("the report is no example for any topic: the test needs one the desks are sure of")
	}
	l := languages(a)[0]
	if docs := st.m[l].docs[tg.ir]; docs != [2]int{} {
		t.Errorf("international relations counted the guarded report as %v (negatives, positives), want neither", docs)
	}
}

// A briefing's headline lists several stories and is substantially about
// none; one story is a headline like any other. Written for the test.
func TestRoundupIsNoRelation(t *testing.T) {
	tg := defaultTagger(t)
	for _, c := range []irCase{
		{"en", "Morning Brief: Senate passes budget; US and Japan sign defence pact; storm hits Florida; and more", "", false},
		{"id", "Kabar Pagi: DPR sahkan anggaran; Indonesia dan Jepang teken pakta pertahanan; banjir landa Jakarta", "", false},
		{"en", "US and Japan sign defence pact", "", true},
		{"en", "Morning Brief: US and Japan sign defence pact", "", true},
		// Any separator feeds run headlines together with.
		{"en", "Senate passes budget | US and Japan sign defence pact | Storm hits Florida | Fares rise again", "", false},
		{"id", "[POPULER INTERNASIONAL] Indonesia dan Jepang teken pakta pertahanan | Banjir landa Jakarta", "", false},
		{"en", "US and Japan sign defence pact | World | Daily Herald", "", true},
	} {
		c.check(t, tg)
	}
}

// A roundup is read by its list of stories, whatever separator runs them
// together; a section's or a site's name after a bar is no story, and a
// dash joins one story's clauses. Written for the test.
func TestRoundupSeparators(t *testing.T) {
	for _, c := range []struct {
		title string
		want  bool
	}{
		{"Senate passes budget; troops monitor ceasefire; storm hits coast", true},
		{"Senate passes budget | troops monitor ceasefire | storm hits coast | fares rise again", true},
		{"Senate passes budget • troops monitor ceasefire • storm hits coast", true},
		{"Senate passes budget · troops monitor ceasefire; storm hits coast", true},
		{"DPR sahkan anggaran | Indonesia dan Jepang teken pakta | banjir landa Jakarta | tarif KRL naik lagi", true},
		{"[POPULER INTERNASIONAL] Indonesia dan Jepang teken pakta | Banjir landa Jakarta", true},
		{"[TOP NEWS] Senate passes budget • Storm hits the coast", true},
		// One story.
		{"US and Japan sign defence pact | World | Daily Herald", false},
		// A section's and a site's name of three words or more after bars
		// are no stories either: the last segment after a bar is where
		// feeds put the site.
		{"US and Japan sign defence pact | Asia Pacific News | South China Morning Post", false},
		{"Senate passes budget | troops monitor ceasefire | Daily Herald Online", false},
		// A dash or other punctuation standing alone is no word.
		{"[VIDEO] US and Japan sign defence pact | News - Politics", false},
		{"Senate passes budget; storm hits coast", false},
		{"[VIDEO] Indonesia dan Jepang teken pakta pertahanan", false},
		{"US and Japan sign pact - Tokyo hails deal - Beijing objects", false},
		{"Jokowi/Kishida: Indonesia dan Jepang teken pakta", false},
	} {
		if got := roundupHeadline(c.title); got != c.want {
			t.Errorf("roundupHeadline(%q) = %v, want %v", c.title, got, c.want)
		}
	}
}
