package dedupe

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// Headlines written for these tests (not taken from any feed): a day of
// other news, so that what is common and what is rare means something.
var background = []string{
	"Harga Cabai Rawit Naik Jelang Akhir Tahun",
	"Timnas Indonesia Kalahkan Vietnam di Piala AFF",
	"Menkeu Umumkan Defisit Anggaran Menyempit",
	"Gunung Merapi Luncurkan Awan Panas Guguran",
	"KPK Tahan Bupati Terkait Suap Proyek Jalan",
	"Jadwal Kereta Api Tambahan Libur Natal",
	"Bank Indonesia Tahan Suku Bunga Acuan",
	"Polisi Tangkap Pengedar Narkoba di Medan",
}

type timedHeadline struct {
	title string
	at    time.Duration // after t0
}

// assignHeadlines assigns the background, then the headlines, each
// published at its time and all first seen together as in one cycle.
func assignHeadlines(t *testing.T, ix *Index, hs []timedHeadline) []*article.Article {
	t.Helper()
	seen := t0.Add(72 * time.Hour)
	for i, b := range background {
		ix.Assign(&article.Article{ID: hexID(1000 + i), Title: b, Published: t0.Add(-time.Hour), FirstSeen: seen})
	}
	var out []*article.Article
	for i, h := range hs {
		a := &article.Article{ID: hexID(i), Title: h.title, Published: t0.Add(h.at), FirstSeen: seen}
		ix.Assign(a)
		out = append(out, a)
	}
	return out
}

func TestEventParaphrasesJoin(t *testing.T) {
	arts := assignHeadlines(t, NewIndex(Options{}), []timedHeadline{
		{"Banjir Bandang Terjang Garut, Ratusan Rumah Terendam", 0},
		{"Ratusan Rumah di Garut Terendam Banjir Bandang", 2 * time.Hour},
		{"VIDEO: Rumah Warga Garut Terendam Akibat Banjir Bandang", 5 * time.Hour},
	})
	for _, a := range arts[1:] {
		if a.StoryID != arts[0].ID {
			t.Errorf("%q: story %s, want %s (%+v)", a.Title, a.StoryID, arts[0].ID, a.StoryMatch)
		}
	}
	// The evidence is recorded: the shared terms and the time apart.
	m := arts[1].StoryMatch
	if m.MatchedID != arts[0].ID || !strings.HasPrefix(m.Method, EventMethod+": shared ") || !strings.Contains(m.Method, "garut") || m.Similarity < DefaultEventThreshold {
		t.Errorf("match = %+v", m)
	}
	if arts[0].StoryID != arts[0].ID || arts[0].StoryMatch != (article.StoryMatch{}) {
		t.Errorf("lead: story %s match %+v", arts[0].StoryID, arts[0].StoryMatch)
	}
}

// A quantity told with its unit of time joins its retelling: the same
// verdict in other words, with a number shared beside it.
func TestEventSameQuantityJoins(t *testing.T) {
	arts := assignHeadlines(t, NewIndex(Options{}), []timedHeadline{
		{"Suap 2 Hakim PN Medan, Pengacara Pengusaha Divonis 7 Tahun Penjara", 0},
		{"Pengacara Pengusaha Penyuap 2 Hakim PN Medan Divonis 7 Tahun", time.Hour},
	})
	if b := arts[1]; b.StoryID != arts[0].ID {
		t.Errorf("%q: story %s, want %s (%+v)", b.Title, b.StoryID, arts[0].ID, b.StoryMatch)
	}
}

// One speaker's statement, quoted in one headline and reported with a
// verb of saying in another, is one story: the saying guard keeps apart a
// statement and a report of another speaker, or none.
func TestEventSameSpeakerJoins(t *testing.T) {
	arts := assignHeadlines(t, NewIndex(Options{}), []timedHeadline{
		{"Jokowi: Harga Beras di Pasar Induk Cipinang Akan Turun Pekan Depan", 0},
		{"Jokowi Bicara Harga Beras di Pasar Induk Cipinang Akan Turun Pekan Depan", 2 * time.Hour},
	})
	if b := arts[1]; b.StoryID != arts[0].ID {
		t.Errorf("%q: story %s, want %s (%+v)", b.Title, b.StoryID, arts[0].ID, b.StoryMatch)
	}
}

// Different events on one topic stay apart: each pair shares most of its
// words and differs in what makes it news.
func TestEventsOnOneTopicStayApart(t *testing.T) {
	cases := map[string][2]timedHeadline{
		"two strikes on two places": {
			{"Israel Serang Kamp Pengungsi Jabalia, Puluhan Warga Tewas", 0},
			{"Israel Serang Kamp Pengungsi Nuseirat, Puluhan Warga Tewas", 3 * time.Hour},
		},
		"two leaders' statements": {
			{"Erdogan: Serangan Israel ke Gaza Adalah Kejahatan Perang", 0},
			{"Macron: Serangan Israel ke Gaza Harus Dihentikan", time.Hour},
		},
		"a new toll the next day": {
			{"Korban Tewas Gempa Cianjur Jadi 268 Orang", 0},
			{"Korban Tewas Gempa Cianjur Bertambah Jadi 310 Orang", 26 * time.Hour},
		},
		"a count found hours later": {
			{"Tim SAR Temukan Jenazah Pendaki di Dekat Puncak Rinjani", 0},
			{"Tim SAR Temukan 2 Jenazah Pendaki di Dekat Puncak Rinjani", 9 * time.Hour},
		},
		"two teams": {
			{"Persib menang 2-1 atas PSM di Liga 1", 0},
			{"Persija menang 2-1 atas PSM di Liga 1", 2 * time.Hour},
		},
		"the same event again": {
			{"Rudal Houthi Hantam Kapal Tanker di Laut Merah", 0},
			{"Rudal Houthi Kembali Hantam Kapal Tanker di Laut Merah", 20 * time.Hour},
		},
		"a reaction to it": {
			{"Israel Gempur Kamp Pengungsi Jabalia Saat Gencatan Senjata Dibahas", 0},
			{"Kecaman untuk Israel yang Gempur Kamp Pengungsi Jabalia Saat Gencatan Senjata Dibahas", 2 * time.Hour},
		},
		"two parties": {
			{"Demokrat Tolak Hak Angket Kasus Korupsi Bansos", 0},
			{"PKS Tolak Hak Angket Kasus Korupsi Bansos", 2 * time.Hour},
		},
		"two parties, one headline but the subject": {
			{"Demokrat Tolak Hak Angket Kasus Korupsi Bansos di Rapat Paripurna DPR", 0},
			{"PKS Tolak Hak Angket Kasus Korupsi Bansos di Rapat Paripurna DPR", 2 * time.Hour},
		},
		"one speaker, two statements": {
			{"Jokowi Janji Harga Beras di Pasar Induk Cipinang Turun Pekan Depan", 0},
			{"Jokowi Minta Harga Beras di Pasar Induk Cipinang Turun Pekan Depan", 2 * time.Hour},
		},
		"an explainer": {
			{"Hamas Setujui Proposal Gencatan Senjata di Gaza", 0},
			{"Fakta-fakta Proposal Gencatan Senjata yang Disetujui Hamas", 2 * time.Hour},
		},
		"two verdicts, another number shared": {
			{"Istri Pengusaha yang Suap 2 Hakim PN Medan Divonis 2 Tahun Penjara", 0},
			{"Suap 2 Hakim PN Medan, Pengacara Pengusaha Divonis 7 Tahun Penjara", 0},
		},
		"two sentences, in English": {
			{"Court jails 2 Medan judges for 2 years over bribes", 0},
			{"Court jails 2 Medan judges for 7 years over bribes", 0},
		},
		"a day and a half apart": {
			{"Presiden Resmikan Bendungan Baru di Sumbawa", 0},
			{"Bendungan Baru di Sumbawa Diresmikan Presiden", 40 * time.Hour},
		},
	}
	checkApart(t, Options{}, cases)
}

// checkApart asserts that the second headline of each case, assigned
// after the first, starts its own story.
func checkApart(t *testing.T, opts Options, cases map[string][2]timedHeadline) {
	t.Helper()
	for name, hs := range cases {
		t.Run(name, func(t *testing.T) {
			arts := assignHeadlines(t, NewIndex(opts), hs[:])
			if b := arts[1]; b.StoryID != b.ID {
				t.Errorf("%q joined %q (%+v)", b.Title, arts[0].Title, b.StoryMatch)
			}
		})
	}
}

// A story grows by what fits it as a whole: a headline close to one of
// its articles but kept apart from another by a guard does not join.
func TestEventStoryGrowsAsAWhole(t *testing.T) {
	arts := assignHeadlines(t, NewIndex(Options{}), []timedHeadline{
		{"Menlu Retno Sebut Bantuan Kemanusiaan ke Gaza Dikirim Pekan Ini", 0},
		{"Menlu Retno: Bantuan Kemanusiaan ke Gaza Dikirim Akhir Pekan", time.Hour},
		{"Menlu Inggris Sebut Bantuan Kemanusiaan ke Gaza Dikirim Pekan Ini", 2 * time.Hour},
	})
	if arts[1].StoryID != arts[0].ID {
		t.Errorf("%q: story %s, want %s", arts[1].Title, arts[1].StoryID, arts[0].ID)
	}
	if arts[2].StoryID != arts[2].ID {
		t.Errorf("another minister's statement joined %s (%+v)", arts[2].StoryID, arts[2].StoryMatch)
	}
}

// fakeActors recognises the United States by two of its names.
type fakeActors struct{}

func (fakeActors) Actors(title string) []Actor {
	var out []Actor
	for _, name := range []string{"Gedung Putih", "Washington"} {
		if strings.Contains(title, name) {
			out = append(out, Actor{ID: "country:US", Text: name})
		}
	}
	return out
}

// An actor source makes two names of one actor one speaker.
func TestEventActorSource(t *testing.T) {
	hs := []timedHeadline{
		{"Gedung Putih: Sanksi Baru untuk Tiga Bank Iran Berlaku Besok", 0},
		{"Washington: Sanksi Baru bagi Tiga Bank Iran Berlaku Besok", time.Hour},
	}
	arts := assignHeadlines(t, NewIndex(Options{}), hs)
	if arts[1].StoryID == arts[0].ID {
		t.Errorf("without actors, two speakers' statements joined (%+v)", arts[1].StoryMatch)
	}
	arts = assignHeadlines(t, NewIndex(Options{Actors: fakeActors{}}), hs)
	if arts[1].StoryID != arts[0].ID {
		t.Errorf("with actors: story %s, want %s (%+v)", arts[1].StoryID, arts[0].ID, arts[1].StoryMatch)
	}
}

// An actor's words are the actor's term alone, wherever it stands: "AS
// Kirim Kapal Induk ke Laut Merah" and "Washington Kirim Kapal Induk …"
// share the actor, and "Gedung Putih" is not two more terms.
func TestEventActorWordsAreOneTerm(t *testing.T) {
	sig := makeEventSig("Kapal Induk Dikirim, Gedung Putih Bantah Rencana Serang Houthi", fakeActors{})
	var words []string
	for _, tm := range sig.terms {
		words = append(words, tm.word)
	}
	got := strings.Join(words, " ")
	if !strings.Contains(got, "@country:US") || strings.Contains(got, "gedung") || strings.Contains(got, "putih") {
		t.Errorf("terms %q: want the actor and not its words", got)
	}
}

func TestEventSignaturesOff(t *testing.T) {
	arts := assignHeadlines(t, NewIndex(Options{EventThreshold: -1}), []timedHeadline{
		{"Banjir Bandang Terjang Garut, Ratusan Rumah Terendam", 0},
		{"Ratusan Rumah di Garut Terendam Banjir Bandang", 2 * time.Hour},
	})
	if arts[1].StoryID != arts[1].ID {
		t.Errorf("event signatures off, yet joined %s", arts[1].StoryID)
	}
}

// Expiry forgets the terms of what leaves the window, and a rebuilt index
// joins a newcomer to the same story as the one that never stopped.
func TestEventExpireAndRebuild(t *testing.T) {
	ix := NewIndex(Options{Window: 24 * time.Hour})
	arts := assignHeadlines(t, ix, []timedHeadline{
		{"Banjir Bandang Terjang Garut, Ratusan Rumah Terendam", 0},
		{"Ratusan Rumah di Garut Terendam Banjir Bandang", 2 * time.Hour},
	})
	rebuilt := NewIndex(Options{Window: 24 * time.Hour})
	for i, b := range background {
		rebuilt.Add(&article.Article{ID: hexID(1000 + i), Title: b, Published: t0.Add(-time.Hour), FirstSeen: t0.Add(72 * time.Hour), StoryID: hexID(1000 + i)})
	}
	for _, a := range arts {
		c := *a
		rebuilt.Add(&c)
	}
	for _, x := range []*Index{ix, rebuilt} {
		a := &article.Article{ID: hexID(50), Title: "Banjir Bandang di Garut, Ratusan Rumah Terendam", Published: t0.Add(4 * time.Hour), FirstSeen: t0.Add(73 * time.Hour)}
		x.Assign(a)
		if a.StoryID != arts[0].ID {
			t.Errorf("newcomer: story %s, want %s (%+v)", a.StoryID, arts[0].ID, a.StoryMatch)
		}
	}
	ix.Expire(t0.Add(200 * time.Hour))
	if ix.Len() != 0 || len(ix.df) != 0 || len(ix.evDocs) != 0 {
		t.Errorf("after full expiry: Len %d, %d term counts, %d buckets", ix.Len(), len(ix.df), len(ix.evDocs))
	}
}

// The light stem brings the forms of one word that headlines use to one
// term, and leaves Indonesian roots ending in -as, -is, -us whole.
func TestLightStemForms(t *testing.T) {
	same := [][2]string{
		{"Terendam", "Rendam"}, {"Terancam", "Mengancam"}, {"Putus", "Putuskan"}, {"Tewas", "Meninggal"},
		{"Arab Saudi", "Saudi"}, {"Wanita", "Perempuan"}, {"Duta Besar", "Dubes"}, {"Dibuka", "Buka"},
		{"Dibombardir", "Serang"}, {"Ditahan", "Ditangkap"}, {"Kehabisan", "Habis"}, {"Perbatasan", "Batas"},
	}
	for _, p := range same {
		a, b := makeEventSig(p[0], nil), makeEventSig(p[1], nil)
		if len(a.terms) != 1 || len(b.terms) != 1 || a.terms[0].h != b.terms[0].h {
			t.Errorf("%q %v and %q %v: want one and the same term", p[0], a.terms, p[1], b.terms)
		}
	}
	for w, want := range map[string]string{"tewas": "tewas", "kritis": "kritis", "leaders": "leader", "serangan": "serang", "diplomatik": "diplomatik", "perdana": "perdana"} {
		if got := lightStem(w); got != want {
			t.Errorf("lightStem(%q) = %q, want %q", w, got, want)
		}
	}
}

// A headline that asks, even before its answer, explains: it is its own
// story.
func TestEventQuestionIsOwnStory(t *testing.T) {
	arts := assignHeadlines(t, NewIndex(Options{}), []timedHeadline{
		{"MUI Haramkan Produk Pendukung Agresi Israel di Gaza", 0},
		{"Haramkan Produk Pendukung Agresi Israel? MUI Jelaskan Fatwa Gaza", time.Hour},
	})
	if b := arts[1]; b.StoryID != b.ID {
		t.Errorf("%q joined %q (%+v)", b.Title, arts[0].Title, b.StoryMatch)
	}
}

// A short question after a statement ("…, Bahas Apa?") teases what follows;
// the headline reports the statement, and its story takes the next report
// of it as a question's would not.
func TestEventTeaserJoinsItsStatement(t *testing.T) {
	arts := assignHeadlines(t, NewIndex(Options{}), []timedHeadline{
		{"Bahlil hingga Rosan Merapat ke Istana, Bahas Apa?", 0},
		{"Bahlil-Rosan Merapat ke Istana Bahas Hilirisasi", time.Hour},
	})
	if b := arts[1]; b.StoryID != arts[0].ID {
		t.Errorf("%q started its own story (%+v)", b.Title, b.StoryMatch)
	}
}

// Only a short question closing a statement is a teaser.
func TestTeaserHead(t *testing.T) {
	for title, want := range map[string]string{
		"Menlu Temui Dubes Jepang di Pejambon, Bahas Apa?":          "Menlu Temui Dubes Jepang di Pejambon",
		"Prabowo Bertemu Pengusaha di Istana, Apa yang Dibahas? ":   "Prabowo Bertemu Pengusaha di Istana",
		"Jadi Haram buat Dibeli? Ini Kata MUI":                      "", // a question before its answer
		"Kenapa Harga Beras Naik Lagi?":                             "", // no statement
		"Harga Beras Naik, Kenapa Pemerintah Diam Saja Selama Ini?": "", // a question of its own
		"Beras Naik, Kenapa?":                                       "", // too short a statement
		"Harga Beras Naik, Kenapa? Apa Kata Menteri?":               "", // two questions
	} {
		got, ok := teaserHead(title)
		if ok != (want != "") || got != want {
			t.Errorf("teaserHead(%q) = %q, %v; want %q", title, got, ok, want)
		}
		sig := makeEventSig(title, nil)
		if want == "" {
			if !sig.own {
				t.Errorf("%q: a question, not its own story", title)
			}
			continue
		}
		if stmt := makeEventSig(want, nil); sig.own || !slices.EqualFunc(sig.terms, stmt.terms, func(a, b evTerm) bool { return a.h == b.h && a.role == b.role }) {
			t.Errorf("%q: signature %v (own %v), want its statement's %v", title, sig.terms, sig.own, stmt.terms)
		}
	}
}

// An actor opening a headline is its subject as a word would be: two
// bodies denying the same plan are two stories.
func TestEventActorIsSubject(t *testing.T) {
	arts := assignHeadlines(t, NewIndex(Options{Actors: fakeActors{}}), []timedHeadline{
		{"Gedung Putih Bantah Rencana Kirim Kapal Induk ke Laut Merah", 0},
		{"Pentagon Juga Bantah Ada Rencana untuk Kirim Kapal Induk ke Laut Merah", time.Hour},
	})
	if b := arts[1]; b.StoryID != b.ID {
		t.Errorf("%q joined %q (%+v)", b.Title, arts[0].Title, b.StoryMatch)
	}
}

// Numbers written out in words are read whole, so a headline giving a
// count in words and one giving it in figures have one number, and the
// number guard does not part them ("Dua Puluh Lima" is 25, not 2 and 5).
func TestHeadlineNumberWords(t *testing.T) {
	for _, c := range []struct{ title, want string }{
		{"Dua Puluh Lima Rumah Hanyut", "25"},
		{"Sebelas Pendaki Hilang", "11"},
		{"Dua Belas Kapal Tenggelam", "12"},
		{"Seratus Warga Mengungsi", "100"},
		{"Tiga Ratus Lima Puluh Tiga Pasien", "353"},
		{"Dua Puluh Ribu Buruh Mogok", "20000"},
		{"Seribu Relawan Dikirim", "1000"},
		{"2 Ribu Sepatu", "2000"},
		{"1,5 Juta Dosis Vaksin", "1500000"},
		{"Tiga Negara Akui Palestina", "3"},
		{"Twenty-Five Killed in Storm", "25"},
		{"Two Hundred Homes Flooded", "200"},
		{"Fifteen Miners Trapped", "15"},
	} {
		var nums []string
		for _, w := range headlineWords(c.title) {
			if w.num != "" {
				nums = append(nums, w.num)
			}
		}
		if strings.Join(nums, " ") != c.want {
			t.Errorf("%q: numbers %q, want %q", c.title, nums, c.want)
		}
	}
	arts := assignHeadlines(t, NewIndex(Options{}), []timedHeadline{
		{"Dua Puluh Rumah di Garut Terendam Banjir Bandang", 0},
		{"Banjir Bandang Terjang Garut, 20 Rumah Terendam", 2 * time.Hour},
	})
	if b := arts[1]; b.StoryID != arts[0].ID {
		t.Errorf("%q: story %s, want %s (%+v)", b.Title, b.StoryID, arts[0].ID, b.StoryMatch)
	}
}

// regionActors recognises a few states by their Indonesian names, with
// their ISO 3166 codes, as package actor does through pipeline.
type regionActors struct{}

func (regionActors) Actors(title string) []Actor {
	type found struct {
		at int
		a  Actor
	}
	var fs []found
	for _, st := range [][2]string{{"Spanyol", "ES"}, {"Irlandia", "IE"}, {"Norwegia", "NO"}, {"Slovenia", "SI"},
		{"Malta", "MT"}, {"Belgia", "BE"}, {"Palestina", "PS"}, {"Israel", "IL"}, {"Malaysia", "MY"}, {"Singapura", "SG"}} {
		if i := strings.Index(title, st[0]); i >= 0 {
			fs = append(fs, found{i, Actor{ID: "state:" + st[1], Text: st[0], Region: st[1]}})
		}
	}
	slices.SortFunc(fs, func(x, y found) int { return x.at - y.at })
	var out []Actor
	for _, f := range fs {
		out = append(out, f.a)
	}
	return out
}

// A headline naming N states and one naming the number N of states in a
// region they all belong to report one event: "Tiga Negara Eropa" counts
// the three listed states, it is not a toll.
func TestEventCountOfListedStates(t *testing.T) {
	for _, hs := range [][2]timedHeadline{
		{{"Spanyol, Irlandia dan Norwegia Resmi Akui Palestina", 0}, {"Tiga Negara Eropa Akui Negara Palestina", 2 * time.Hour}},
		{{"Tiga Negara Eropa Akui Negara Palestina", 0}, {"Spanyol, Irlandia dan Norwegia Resmi Akui Palestina", 2 * time.Hour}},
		{{"Spanyol, Irlandia, Norwegia Akui Palestina", 0}, {"3 Negara Akui Palestina sebagai Negara", time.Hour}},
	} {
		arts := assignHeadlines(t, NewIndex(Options{Actors: regionActors{}}), hs[:])
		if b := arts[1]; b.StoryID != arts[0].ID {
			t.Errorf("%q / %q: apart (%+v)", arts[0].Title, b.Title, b.StoryMatch)
		}
	}
}

// Lists and counts that disagree stay apart: other states, another
// count, another region, or one state of the list alone.
func TestEventListsAndCountsThatDisagreeStayApart(t *testing.T) {
	cases := map[string][2]timedHeadline{
		"two lists of other states": {
			{"Palestina Diakui Spanyol, Irlandia dan Norwegia", 0},
			{"Palestina Diakui Slovenia, Malta dan Belgia", 2 * time.Hour},
		},
		"another count": {
			{"Spanyol, Irlandia dan Norwegia Resmi Akui Palestina", 0},
			{"Dua Negara Eropa Akui Negara Palestina", 2 * time.Hour},
		},
		"another region": {
			{"Spanyol, Irlandia dan Norwegia Resmi Akui Palestina", 0},
			{"Tiga Negara Asia Tenggara Akui Negara Palestina", 2 * time.Hour},
		},
		"a count against a count": {
			{"Tiga Negara Eropa Akui Negara Palestina", 0},
			{"Dua Negara Eropa Akui Negara Palestina", 2 * time.Hour},
		},
		"one of the listed states alone": {
			{"Spanyol, Irlandia dan Norwegia Resmi Akui Palestina", 0},
			{"Spanyol Resmi Akui Palestina", 2 * time.Hour},
		},
		"a list against a toll": {
			{"Israel Serang Kamp Pengungsi, Tiga Warga Palestina Tewas", 0},
			{"Israel dan Palestina Sepakat Gencatan Senjata, Tiga Warga Tewas", 2 * time.Hour},
		},
	}
	checkApart(t, Options{Actors: regionActors{}}, cases)
}

// The count and the region are read from a headline's words: the number
// before a word for states, the CLDR name of a group of states after it.
func TestEventCountTerms(t *testing.T) {
	for title, want := range map[string][]string{
		"Tiga Negara Eropa Akui Negara Palestina":         {"3 negara", "~eropa"},
		"3 Negara di Asia Tenggara Tolak Usulan":          {"3 negara", "~asia-tenggara"},
		"Three Countries in Southeast Asia Back the Plan": {"3 negara", "~asia-tenggara"},
		"Dua Negara Eropa Barat Tarik Dubes":              {"2 negara", "~eropa-bagian-barat"},
		"Spanyol, Irlandia dan Norwegia Akui Palestina":   {"3 negara", "~eropa"},
		"Malaysia dan Singapura Sepakat Bangun Jembatan":  {"2 negara", "~asia-tenggara", "~asia"},
	} {
		sig := makeEventSig(title, regionActors{})
		var words []string
		for _, tm := range sig.terms {
			words = append(words, tm.word)
		}
		for _, w := range want {
			if !slices.Contains(words, w) {
				t.Errorf("%q: terms %q, want %q", title, words, w)
			}
		}
		if slices.Contains(words, "#3") || slices.Contains(words, "#2") {
			t.Errorf("%q: terms %q: a count of states is not a number", title, words)
		}
	}
	// "Solusi dua negara" (the two-state solution) names a plan, not two
	// states: a list of two states must not share a count with it.
	for _, title := range []string{"Prabowo Dukung Solusi Dua Negara untuk Palestina", "PBB Serukan Solusi 2 Negara"} {
		for _, tm := range makeEventSig(title, regionActors{}).terms {
			if tm.word == "2 negara" {
				t.Errorf("%q: the two-state solution read as a count of states", title)
			}
		}
	}
	// The words after a count that name no region are read as ever.
	if sig := makeEventSig("Tiga Negara Kembali Akui Palestina", regionActors{}); !sig.again {
		t.Error("\"kembali\" after a count of states was not read")
	}
}

// A list's members and what it implies survive the stored sketch: a
// rebuilt index joins the count to the list as the live one does.
func TestEventCountOfListedStatesRebuilt(t *testing.T) {
	seen := t0.Add(72 * time.Hour)
	list := &article.Article{ID: hexID(1), Title: "Spanyol, Irlandia dan Norwegia Resmi Akui Palestina", Published: t0, FirstSeen: seen}
	live := NewIndex(Options{Actors: regionActors{}})
	rebuilt := NewIndex(Options{Actors: regionActors{}})
	for i, b := range background {
		a := &article.Article{ID: hexID(1000 + i), Title: b, Published: t0.Add(-time.Hour), FirstSeen: seen}
		live.Assign(a)
		rebuilt.AddSketched(a)
	}
	live.Assign(list)
	if !rebuilt.AddSketched(list) {
		t.Fatal("the list's sketch was refused")
	}
	for name, ix := range map[string]*Index{"live": live, "rebuilt": rebuilt} {
		b := &article.Article{ID: hexID(2), Title: "Tiga Negara Eropa Akui Negara Palestina", Published: t0.Add(time.Hour), FirstSeen: seen}
		ix.Assign(b)
		if b.StoryID != list.ID {
			t.Errorf("%s: story %s, want %s (%+v)", name, b.StoryID, list.ID, b.StoryMatch)
		}
	}
}

// TestStoredSigReadsWhatWasStored holds stored's one pass to the
// accessors it replaces: every stored term up to the first empty one,
// with its role, for signatures of every length.
func TestStoredSigReadsWhatWasStored(t *testing.T) {
	for n := 0; n <= maxTerms; n++ {
		var e eventFields
		for i := range n {
			put24(&e.evTerms[i], uint32(1000*i+7))
			e.setRole(i, uint8((i*5+n)%roles))
		}
		st := e.stored()
		h, r, got := st.h, st.role, st.n
		if got != n || got != e.nTerms() {
			t.Fatalf("%d terms stored: stored read %d, nTerms %d", n, got, e.nTerms())
		}
		for i := range n {
			if h[i] != e.term(i) || r[i] != e.role(i) || r[i] != uint8((i*5+n)%roles) {
				t.Errorf("%d terms, term %d: stored (%d, %d), term and role (%d, %d)", n, i, h[i], r[i], e.term(i), e.role(i))
			}
		}
	}
}

// TestMatchTermsFindsEveryShare holds matchTerms, with its mask, to the
// plain definition on signatures whose hashes collide in the mask's bits
// and repeat: each incoming term's first equal stored term, and each
// stored term's having an equal incoming one.
func TestMatchTermsFindsEveryShare(t *testing.T) {
	for seed := range uint32(2000) {
		h := seed*2654435761 + 1
		next := func() uint32 { // few values, so that terms meet and masks collide
			h ^= h << 13
			h ^= h >> 17
			h ^= h << 5
			return []uint32{3, 67, 131, 35, 4, 68, 900, 100}[h%8]
		}
		var sig eventSig
		for range int(next()) % (maxTerms + 1) {
			sig.terms = append(sig.terms, evTerm{h: next()})
		}
		stored := make([]uint32, int(next())%(maxTerms+1))
		for j := range stored {
			stored[j] = next()
		}
		m := matchTerms(&sig, termMask(&sig), stored)
		for i, tm := range sig.terms {
			want := int8(-1)
			if j := slices.Index(stored, tm.h); j >= 0 {
				want = int8(j)
			}
			if m.in[i] != want {
				t.Fatalf("seed %d: incoming term %d (%d) matched stored %d, want %d (stored %v)", seed, i, tm.h, m.in[i], want, stored)
			}
		}
		for j, sh := range stored {
			want := slices.ContainsFunc(sig.terms, func(tm evTerm) bool { return tm.h == sh })
			if m.storedMet[j] != want {
				t.Fatalf("seed %d: stored term %d (%d) met %v, want %v", seed, j, sh, m.storedMet[j], want)
			}
		}
	}
}
