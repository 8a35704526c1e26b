package topic

import (
	"testing"

	"github.com/warta-news/warta/article"
)

// A headline that reports violence and no relation is conflict, not
// international relations, however many states and talks its body names
// (the labelling guide); a state's stance on the violence, a relation in
// the headline or an analysis of the states' conduct is. The items are
// written for the test, in the shapes of real reports; none comes from
// labelled data.
func TestViolentHeadlineIsNoRelation(t *testing.T) {
	tg := defaultTagger(t)
	for _, c := range []irCase{
		{"en", "US and British jets launch strikes on Yemen", "American and British warplanes struck targets in Yemen overnight. The strikes came as diplomats from the United States, Britain and Oman held talks on a ceasefire and the UN Security Council called for restraint.", false},
		{"en", "Airstrikes kill dozens in southern Lebanon as Israel widens offensive", "Israeli airstrikes killed dozens of people in southern Lebanon on Tuesday. France and the United States urged both sides to agree a ceasefire, and the EU foreign ministers will discuss the crisis on Monday.", false},
		{"en", "Hundreds killed in Darfur camp attack, UN says", "More than 400 civilians were killed when paramilitary fighters stormed a camp in Sudan's Darfur region, the United Nations said. The UN Security Council will meet on Sudan; the African Union condemned the attack.", false},
		{"id", "Serangan Udara Israel di Lebanon Tewaskan 20 Orang", "Serangan udara Israel menewaskan 20 orang di Lebanon selatan. Amerika Serikat dan Prancis mendesak gencatan senjata, sementara Dewan Keamanan PBB akan bersidang membahas krisis itu.", false},
		// A stance, a relation in the headline, or an analysis.
		{"en", "Germany, France and Britain tell Iran to stop attacks on shipping", "The foreign ministers of Germany, France and Britain called on Tehran to end attacks on commercial ships in the Gulf and to return to talks.", true},
		{"en", "Strikes on Iran ports a violation of international law, Chinese foreign ministry says", "China's foreign ministry condemned the US strikes on Iranian ports and called for dialogue between Washington and Tehran.", true},
		{"id", "Rusia Kecam Serangan AS ke Iran", "Kementerian Luar Negeri Rusia mengecam serangan Amerika Serikat ke Iran dan menyerukan dialog.", true},
	} {
		// explain says which guard decided.
		if e := c.check(t, tg); (e.Model.Guard == guardViolentHeadline) == c.want {
			t.Errorf("%q: explain's guard %q", c.title, e.Model.Guard)
		}
	}
}

// A weapon named is no attack: a headline that sells, supplies or deploys
// missiles reports the guide's arms deals and military cooperation, and
// the guard leaves it to the model; a missile strike and its toll stay
// held. Written for the test.
func TestWeaponIsNoViolence(t *testing.T) {
	tg := defaultTagger(t)
	for _, c := range []irCase{
		{"en", "US approves sale of Patriot missiles to Poland", "", false},
		{"en", "Belarus deploys Russian nuclear missiles near Polish border", "", false},
		{"id", "Jepang Pasok Rudal Patriot ke Filipina", "", false},
		{"id", "Rusia Kirim Sistem Roket ke Serbia", "", false},
		{"en", "Russian missile strike kills five in Ukraine's Kharkiv", "", true},
		{"en", "Rockets from Lebanon hit Israeli town as fighting spreads", "", true},
		{"id", "Serangan Rudal Rusia di Ukraina Tewaskan Lima Orang", "", true},
	} {
		e := explain(tg.Explain(c.article(), Hints{}), "international-relations")
		if held := e.Model.Guard == guardViolentHeadline; held != c.want {
			t.Errorf("%q: explain's guard %q, want held %v", c.title, e.Model.Guard, c.want)
		}
	}
}

// A headline the guard holds teaches the stream model nothing of
// international relations: it is no example either way, so that the
// stream neither learns a war's words as relations nor, from the reports
// of strikes, learns them as no relation for the states' stances on the
// same war. Written for the test.
func TestGuardedHeadlineIsNoStreamExample(t *testing.T) {
	tg := defaultTagger(t)
	st := tg.NewStream()
	a := &article.Article{Title: "US and British jets launch strikes on Yemen", Language: "en",
		Text: "American and British warplanes struck targets in Yemen overnight, officials said."}
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
