package topic

import (
	"strings"
	"testing"

	"github.com/warta-news/warta/article"
)

// irCase is an item written for a test and whether it is international
// relations (or, for a test of candidacy, a candidate).
type irCase struct {
	lang, title, text string
	want              bool
}

func (c irCase) article() *article.Article {
	return &article.Article{Title: c.title, Text: c.text, Language: c.lang}
}

// The items are written for the test, in the shapes of real reports; none
// comes from labelled data.
func TestActorsModelOnTheDefaultTopics(t *testing.T) {
	tg := defaultTagger(t)
	for _, c := range []irCase{
		{"id", "Menlu RI Bertemu Menlu AS di Washington", "Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Amerika Serikat untuk membahas kerja sama kedua negara.", true},
		{"id", "Indonesia dan Malaysia Sepakati Batas Laut", "Kedua negara menandatangani perjanjian perbatasan di Kuala Lumpur setelah perundingan selama sepuluh tahun.", true},
		{"en", "EU imposes new sanctions on Russia", "The European Union agreed new sanctions against Moscow; the Kremlin condemned the decision.", true},
		{"en", "Japan and South Korea foreign ministers hold talks in Seoul", "The foreign ministers of Japan and South Korea agreed to restore ties.", true},
		// One foreign country and its casualties is world news, not diplomacy.
		{"en", "Shelling kills 12 in Gaza", "Twelve people were killed when shells hit a market in Gaza, medics said.", false},
		{"id", "Gempa Guncang Jepang, 3 Tewas", "Gempa berkekuatan 6,8 mengguncang Jepang bagian utara dan menewaskan tiga orang.", false},
		// Two countries in a match report are sport.
		{"en", "Spain beat Italy 2-1 in the World Cup semifinal", "Spain's coach praised the team after the match against Italy.", false},
		{"id", "Timnas Indonesia Kalahkan Malaysia 2-0", "Tim nasional Indonesia mengalahkan Malaysia dalam laga persahabatan di Jakarta.", false},
		// Two countries compared are not in a relation.
		{"id", "Turis Lebih Pilih Thailand ketimbang Indonesia", "Jumlah wisatawan ke Thailand 30 juta orang, ke Indonesia 11 juta orang.", false},
		// Feed items are often a headline alone, or a headline and one
		// sentence: the relation named there is enough.
		{"en", "France and Germany sign defence pact", "", true},
		{"id", "Menlu RI dan Menlu Jepang Bahas Kerja Sama Maritim", "", true},
		{"en", "UN Security Council condemns North Korea missile test", "The council met in New York on Friday.", true},
		{"id", "Presiden Prabowo Terima Kunjungan PM Australia", "Kedua pemimpin sepakat memperkuat kerja sama pertahanan.", true},
		{"en", "Flooding in Vietnam kills 20", "", false},
		{"id", "Wisatawan Jepang Padati Bali", "", false},
	} {
		c.check(t, tg)
	}
}

// check fails t when tg's decision of international relations for c is
// not c.want, with its explanation; it returns that explanation.
func (c irCase) check(t *testing.T, tg *Tagger) Explanation {
	t.Helper()
	a := c.article()
	e := explain(tg.Explain(a, Hints{}), "international-relations")
	if _, got := match(tg.Tag(a, Hints{}), "international-relations"); got != c.want {
		t.Errorf("%q: international relations %t, want %t\n%+v", c.title, got, c.want, e)
	}
	return e
}

func TestNoHardNewsForItemsThatAreNotNews(t *testing.T) {
	tg := defaultTagger(t)
	for _, a := range []*article.Article{
		{Title: "Episode 41: the foreign ministers of Japan and South Korea hold talks", Text: "Our podcast on the talks in Seoul and the sanctions the EU agreed.", Language: "en"},
		{Title: "Sinopsis Diplomat Cinta Kamis 4 Mei: Menlu RI Bertemu Menlu AS", Text: "Menteri Luar Negeri bertemu Menteri Luar Negeri Amerika Serikat dan sepakat bekerja sama.", Language: "id"},
		{Title: "Sanctions, explained", Link: "https://feeds.buzzsprout.com/123/456-sanctions", Text: "The EU agreed new sanctions against Russia; the Kremlin condemned them.", Language: "en"},
		{Title: "", Text: "Great talks today with the foreign minister of Japan on our maritime cooperation and the treaty we signed.", Language: "en"},
		{Title: "Diplomacy Toolkit 3.2.0", Text: "Adds a treaty tracker for the foreign ministries of ASEAN states and fixes the embassy map.", Language: "en"},
		{Title: "Why the talks in Geneva stalled", Text: "In this episode, a former ambassador on the talks between the United States and Iran.", Language: "en"},
		// An item of a feed that is not news, however newsy it reads.
		{Title: "EU imposes new sanctions on Russia", Text: "The European Union agreed new sanctions against Moscow; the Kremlin condemned the decision. Words: sanction, condemn.", Language: "en", FeedGenre: "lesson"},
		{Title: "Menlu RI Bertemu Menlu AS di Washington", Text: "Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Amerika Serikat untuk membahas kerja sama kedua negara.", Language: "id", FeedGenre: "podcast"},
	} {
		for _, m := range tg.Tag(a, Hints{}) {
			if tg.family[tg.ruleIndex(m.Slug)] == hardNews {
				t.Errorf("%q got hard-news topic %s", a.Title, m.Slug)
			}
		}
		if e := explain(tg.Explain(a, Hints{}), "international-relations"); e.Genre == "" || e.Passed {
			t.Errorf("%q: explain does not say it is not news: %+v", a.Title, e)
		}
	}
}

// The feed's genre is what keeps its items out of hard news: the same
// report from a news feed is international relations.
func TestFeedGenreDecidesHardNews(t *testing.T) {
	tg := defaultTagger(t)
	a := &article.Article{Title: "EU imposes new sanctions on Russia", Text: "The European Union agreed new sanctions against Moscow; the Kremlin condemned the decision.", Language: "en"}
	if _, ok := match(tg.Tag(a, Hints{}), "international-relations"); !ok {
		t.Fatalf("the report from a news feed is not international relations: %+v", explain(tg.Explain(a, Hints{}), "international-relations"))
	}
	a.FeedGenre = "video"
	if _, ok := match(tg.Tag(a, Hints{}), "international-relations"); ok {
		t.Errorf("the item of a video feed is international relations")
	}
}

// The main desks are decided by the desk model, which weighs a desk's own
// cues in title and body against the other desks': a match report is
// sport and not world news, a central bank's decision economy. The items
// are written for the test.
func TestDeskModelDecidesTheDesks(t *testing.T) {
	tg := defaultTagger(t)
	for _, c := range []struct {
		lang, title, text string
		want, not         string
	}{
		{"en", "Spain beat Italy 2-1 to reach the final", "Two second-half goals in Madrid sent Spain's national team into the final of the tournament.", "sport", "world"},
		{"id", "Bank Indonesia Tahan Suku Bunga Acuan", "Bank sentral menahan suku bunga acuan di tengah inflasi dan pelemahan rupiah.", "economy", "sport"},
		{"en", "Floods kill dozens in northern India", "Rescue teams searched villages after monsoon rains swept away homes, officials said.", "world", "economy"},
	} {
		a := &article.Article{Title: c.title, Text: c.text, Language: c.lang}
		ms := tg.Tag(a, Hints{})
		if _, ok := match(ms, c.want); !ok {
			t.Errorf("%q: no %s: %+v\n%+v", c.title, c.want, ms, explain(tg.Explain(a, Hints{}), c.want))
		}
		if _, ok := match(ms, c.not); ok {
			t.Errorf("%q: %s too", c.title, c.not)
		}
		if e := explain(tg.Explain(a, Hints{}), c.want); e.Decider != "desk model" || e.Model == nil || e.Model.Probability < DeskCut {
			t.Errorf("%q: %s decided by %q (%+v), want the desk model", c.title, c.want, e.Decider, e.Model)
		}
	}
}

// A headline that names two actors makes a candidate though it names no
// relation word; one actor, or two only in the body, does not. The items
// are written for the test.
func TestTitlePairMakesACandidate(t *testing.T) {
	tg := defaultTagger(t)
	for _, c := range []irCase{
		{"en", "Japan Moves Coast Guard Ships Closer to China", "", true},
		{"id", "Korea Selatan dan Jepang di Tengah Krisis Nuklir", "", true},
		{"en", "EU and Turkey at odds over refugees", "", true},
		{"en", "Flooding in Vietnam kills 20", "Rescuers from Thailand arrived on Sunday.", false},
		{"id", "Wisatawan Jepang Padati Bali", "", false},
	} {
		x := tg.IRFeatures(c.article())
		if got := x[fTitlePair] == 1 && irCandidate(&x); got != c.want {
			t.Errorf("%q: title pair and candidate %t, want %t (%v)", c.title, got, c.want, x)
		}
	}
}

// A full report's lead says what it is about; its later paragraphs name
// what it touches. The report below is of strikes and their dead; only
// past BodyChars do reactions, talks and sanctions come in, as they do in
// a wire report's closing paragraphs. Written for the test.
func TestLaterParagraphsDoNotMakeInternationalRelations(t *testing.T) {
	tg := defaultTagger(t)
	lead := "Air strikes hit the outskirts of the city overnight, killing at least 30 people and wounding dozens, medics said. " +
		"Rescue workers searched the rubble of a market and two apartment blocks on Sunday. "
	for len(lead) < BodyChars {
		lead += "Residents said the explosions shook the neighbourhood for hours and that ambulances could not reach the wounded. "
	}
	tail := "The foreign ministers of France and Germany condemned the strikes and called for talks; the European Union agreed new sanctions on Russia, " +
		"and the United Nations Security Council will meet on a ceasefire resolution as diplomats of the United States and China hold talks."
	// The headline names no violence, so that the guard of violent
	// headlines (irguard.go) does not decide in place of the cut.
	a := &article.Article{Title: "A long night in Syria", Text: lead + tail, Language: "en"}
	if _, got := match(tg.Tag(a, Hints{}), "international-relations"); got {
		t.Errorf("a strike report whose relations are all past its first %d bytes is international relations", BodyChars)
	}
	// The same paragraphs as a lead are international relations: the
	// cut, not the words, decided above.
	a.Text = tail + " " + lead
	if _, got := match(tg.Tag(a, Hints{}), "international-relations"); !got {
		t.Error("a report that opens with sanctions, talks and a Security Council meeting is not international relations")
	}
}

func TestLeadOf(t *testing.T) {
	for _, c := range []struct {
		text string
		n    int
		want string
	}{
		{"Short text.", 100, "Short text."},
		{"One sentence here. Another sentence follows and runs past the cut.", 30, "One sentence here."},
		{"No sentence ends within the cut at all here", 20, "No sentence ends"},
		{"Überall Ümlaute", 2, "Ü"},
	} {
		if got := leadOf(c.text, c.n); got != c.want {
			t.Errorf("leadOf(%q, %d) = %q, want %q", c.text, c.n, got, c.want)
		}
	}
}

// The stream model may lift international relations only when the
// relation evidence links two actors: a report of strikes, or of a region
// two states signed a pact on, shares the words of the relations the rules
// filed and names none. Written for the test.
func TestStreamLiftsNoRelationUnlinked(t *testing.T) {
	tg := defaultTagger(t)
	for _, c := range []irCase{
		// Strikes by two states on a third, and their toll: the day's
		// words, no relation.
		{"en", "US and Israel launch strikes on Iran", "The United States and Israel launched air strikes on Iran on Saturday, killing dozens, officials said.", false},
		{"id", "AS dan Israel Serang Iran", "Amerika Serikat dan Israel melancarkan serangan udara ke Iran pada Sabtu, menewaskan puluhan orang.", false},
		// The same war, with a relation in the lead: the stream model may
		// lift it.
		{"en", "Japan condemns strikes on Iran", "Japan's foreign minister condemned the strikes and called for talks between Washington and Tehran.", true},
		// No violence: two states and their dispute's words, but no
		// relation linking them; and one that names it.
		{"en", "China and Vietnam at odds over fishing grounds", "Fishermen of both countries say catches have fallen.", false},
		{"en", "China and Vietnam hold talks over fishing grounds", "Fishermen of both countries say catches have fallen.", true},
	} {
		a := c.article()
		s := tg.read(a, nil)
		res := make([]result, len(tg.rules))
		l := languages(a)[0]
		tg.evaluate(s, a, l, Hints{}, res)
		x := tg.irFeatures(s, a, l, res)
		if got := irLiftable(&x); got != c.want {
			t.Errorf("%q: liftable %t, want %t (features %v)", c.title, got, c.want, x)
		}
		tg.release(s)
	}
}

// The labelling guide files "one government's official stance/statement
// about another country" under international relations: an Indonesian
// headline with no text beyond it in which a state, body or office speaks
// of another actor is decided so, and explain names the stance as the
// decider when the actors model alone would not have passed it. A player
// speaking, a question, two names without a speaker, and an item that is
// not news are not; an English headline and an item with a body are left
// to the actors model (stanceDecides). The items are written for the test.
func TestTitleStanceDecides(t *testing.T) {
	// The stance is read beside the actors model alone: on a short English
	// item the shipped tagger also stacks the word model (wordir.go),
	// which may give an English stance headline for its words; it is
	// never the stance's decision (checked below).
	shipped := defaultTagger(t)
	tg := shipped.WithWordModel(nil, [numLangs]WordStack{}, 0)
	// The shipped tagger on the two English stance headlines: the word
	// model stacked with the actors model decides both (the model trained
	// on 16 streams declined the second; wordir9's on 22, adding to short
	// items only, added both; V6 on 58 streams, deciding every item,
	// declined both, branch wordfull; V15 on 64 streams, reading the
	// title's pairs of stems too, passes the first, branch wordfull3); the
	// stance decides neither (review 27, finding 6). The outcomes are the shipped weights'
	// (topic/wordmodel_weights.go): a refit may move them.
	for _, c := range []struct {
		title, decider string
		passed         bool
	}{
		{"North Korea: US must stop its military drills", DeciderWords, true},
		{"Turkey: Sweden has not yet met the conditions", DeciderWords, false},
	} {
		e := explain(shipped.Explain(irCase{"en", c.title, "", false}.article(), Hints{}), "international-relations")
		if e.Passed != c.passed || e.Decider != c.decider {
			t.Errorf("%q: the shipped tagger passed %v by %q, want %v by %q", c.title, e.Passed, e.Decider, c.passed, c.decider)
		}
	}
	for _, c := range []struct {
		irCase
		decider string // the decider's name when the stance decides, else ""
	}{
		{irCase{"id", "Korut: AS Harus Hentikan Latihan Militer", "", true}, "stance: Korut on AS"},
		{irCase{"id", "Iran Sebut AS Tak Bisa Dipercaya", "", true}, "stance: Iran on AS"},
		{irCase{"id", "Turki: Swedia Belum Penuhi Syarat", "", true}, "stance: Turki on Swedia"},
		{irCase{"id", "Ronaldo: Portugal Siap Hadapi Spanyol", "", false}, ""},
		{irCase{"id", "Benarkah Korut Siap Hadapi AS?", "", false}, ""},
		{irCase{"id", "Pelatih: Jepang Lebih Kuat dari China", "", false}, ""},
		{irCase{"id", "Jepang Kirim Kapal Penjaga Pantai Mendekati China", "", false}, ""},
		{irCase{"id", "Jepang Kalahkan China 3-1, Kata Pelatih", "", false}, ""},
		// The same stances in English, and in Indonesian with a body: the
		// actors model decides, and alone it passes neither.
		{irCase{"en", "North Korea: US must stop its military drills", "", false}, ""},
		{irCase{"en", "Turkey: Sweden has not yet met the conditions", "", false}, ""},
		{irCase{"id", "Korut: AS Harus Hentikan Latihan Militer", "Latihan itu dijadwalkan berlangsung pekan depan di semenanjung.", false}, ""},
		{irCase{"id", "Iran Sebut AS Tak Bisa Dipercaya", "Pernyataan itu disampaikan dalam jumpa pers di Teheran pada Selasa.", false}, ""},
	} {
		e := c.check(t, tg)
		if c.decider != "" && e.Decider != c.decider || c.decider == "" && strings.HasPrefix(e.Decider, "stance") {
			t.Errorf("%q: decider %q, want %q", c.title, e.Decider, c.decider)
		}
	}
	// A podcast's stance headline is not news.
	a := &article.Article{Title: "Korut: AS Harus Hentikan Latihan Militer", Language: "id", FeedGenre: "podcast"}
	if _, got := match(tg.Tag(a, Hints{}), "international-relations"); got {
		t.Errorf("%q in a podcast feed got international relations", a.Title)
	}
}

// An office speaks for the state named beside it: it takes no stance on
// that state.
func TestTitleStanceOfAnOffice(t *testing.T) {
	tg := defaultTagger(t)
	for _, c := range []struct{ lang, title, want string }{
		{"en", "PM: Japan must stop the drills", "stance: PM on Japan"},
		{"en", "Chinese foreign minister: China will not back down", ""},
		{"id", "Menlu Korsel: Korea Selatan Tidak Akan Mundur", ""},
	} {
		ms := tg.actors.Find(c.title, c.lang)
		if got := tg.titleStance(c.title, c.lang, ms); got != c.want {
			t.Errorf("%q: %q, want %q", c.title, got, c.want)
		}
	}
}

// The actors model's desk feature is the desk's own topic's score: a
// user's topic on world's desk leaves IR's probability as it was.
func TestIRDeskFeatureIsOwnTopic(t *testing.T) {
	a := &article.Article{Title: "China and Japan foreign ministers meet in Washington at White House", Text: "The United States Congress and Senate met as the Chinese foreign minister held talks with his Japanese counterpart.", Language: "en"}
	asiaLeavesProbability(t, a, "international-relations")
}

// A leader or minister visiting another state is a relation between the
// two: the headline names a relation and a sentence links two actors by
// it. Written for the test.
func TestVisitBetweenStatesIsARelation(t *testing.T) {
	tg := defaultTagger(t)
	for _, c := range []irCase{
		{"en", "Japan's foreign minister visits Indonesia", "", true},
		{"id", "Presiden Korsel Kunjungi Jepang", "", true},
	} {
		x := tg.IRFeatures(c.article())
		if got := x[fRelationTitle] > 0 && x[fRelSentences] > 0 && irCandidate(&x); got != c.want {
			t.Errorf("%q: a relation linking two actors %t, want %t (%v)", c.title, got, c.want, x)
		}
	}
}

// A head of state visiting a province of his own country names one state
// and no relation: no candidate. Written for the test.
func TestDomesticVisitIsNoCandidate(t *testing.T) {
	tg := defaultTagger(t)
	for _, c := range []irCase{
		{"id", "Presiden China Kunjungi Xinjiang", "", false},
		{"en", "Chinese president visits Xinjiang", "", false},
	} {
		x := tg.IRFeatures(c.article())
		if x[fRelationTitle] > 0 || irCandidate(&x) {
			t.Errorf("%q: relation in the title %g, candidate %t; want neither (%v)", c.title, x[fRelationTitle], irCandidate(&x), x)
		}
	}
}

// TestSentenceEnds checks every byte before a space, a line break and a
// letter: only . ! ? ; before a space or a line break end a sentence.
func TestSentenceEnds(t *testing.T) {
	for c := range 256 {
		for _, next := range []byte{' ', '\n', 'a'} {
			s := string([]byte{'x', byte(c), next})
			want := strings.IndexByte(".!?;", byte(c)) >= 0 && next != 'a'
			if got := sentenceEnds(s); got != want {
				t.Errorf("sentenceEnds(%q) = %t, want %t", s, got, want)
			}
			wantAt := len(s)
			if want {
				wantAt = 2 // after the mark
			}
			if firstSentenceEnd(s) != wantAt {
				t.Errorf("firstSentenceEnd(%q) = %d, want %d", s, firstSentenceEnd(s), wantAt)
			}
		}
	}
}
