package actor

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func newRecognizer(t testing.TB) *Recognizer {
	t.Helper()
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// describe renders mentions as "kind:ID=text" for compact assertions.
func describe(text string, ms []Mention) string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%s:%s=%s", m.Kind, m.ID, text[m.Start:m.End]))
	}
	return strings.Join(out, " ")
}

// findCase is a text in a language and what Find should describe in it.
type findCase struct{ lang, text, want string }

// checkFinds checks each case's Find against its description.
func checkFinds(t *testing.T, cases []findCase) {
	t.Helper()
	r := newRecognizer(t)
	for _, c := range cases {
		if got := describe(c.text, r.Find(c.text, c.lang)); got != c.want {
			t.Errorf("Find(%q, %s)\n got %s\nwant %s", c.text, c.lang, got, c.want)
		}
	}
}

func TestFind(t *testing.T) {
	checkFinds(t, []findCase{
		{"id", "Menlu RI Bertemu Menlu AS di Washington", "office:foreign-minister=Menlu state:ID=RI relation:meet=Bertemu office:foreign-minister=Menlu state:US=AS state:US=Washington"},
		{"id", "Korut dan Korsel sepakat berunding, kata Sekjen PBB", "state:KP=Korut state:KR=Korsel relation:agree=sepakat relation:meet=berunding body:UN=Sekjen PBB"},
		{"id", "Dewan Keamanan PBB mengecam Korea Utara", "body:UNSC=Dewan Keamanan PBB relation:pressure=mengecam state:KP=Korea Utara"},
		{"id", "Ia fasih berbahasa Inggris dan belajar bahasa Jepang", ""},
		{"id", "Dubes Arab Saudi untuk Indonesia", "office:diplomat=Dubes state:SA=Arab Saudi state:ID=Indonesia"},
		{"en", "U.S. and Chinese foreign ministers meet at the U.N.", "state:US=U.S. state:CN=Chinese office:foreign-minister=foreign ministers relation:meet=meet body:UN=U.N."},
		{"en", "The Kremlin rejects EU sanctions", "state:RU=Kremlin relation:pressure=rejects body:EU=EU relation:pressure=sanctions"},
		{"en", "Turkey and Greece sign a treaty", "state:TR=Turkey state:GR=Greece relation:agree=treaty"},
		{"en", "Roast turkey for us as a treat", ""},
		{"en", "Côte d’Ivoire and Czechia", "state:CI=Côte d’Ivoire state:CZ=Czechia"},
		{"en", "Storms hit New Mexico; AS Roma win", ""},
		// PM after a number is a clock time, not an office.
		{"en", "The summit opens at 3 PM on Monday", "relation:meet=summit"},
		{"en", "Talks begin at 3:30 PM, the UK PM said", "relation:meet=Talks state:GB=UK office:head=PM"},
		{"en", "Myanmar (Burma) and South Korea", "state:MM=Myanmar state:MM=Burma state:KR=South Korea"},
		// Plurals of demonyms are made by rule; the relations of security
		// are named as the labelling guide names them.
		{"en", "Kenyans and Pakistanis debate the arms deal", "state:KE=Kenyans state:PK=Pakistanis relation:security=arms deal"},
		{"id", "RI dan Jepang perkuat kerja sama pertahanan", "state:ID=RI state:JP=Jepang relation:security=kerja sama pertahanan"},
	})
}

// An Indonesian noun phrase takes the possessive enclitic -nya on its last
// word: "Duta Besarnya" is an ambassador, "Menlunya" a foreign minister,
// "Jepangnya" Japan. Only in Indonesian, only an actor's alias with it
// ("Tanya" and "Dianya" name no one), and not a verb's, where -nya
// nominalises.
func TestFindIndonesianEnclitic(t *testing.T) {
	checkFinds(t, []findCase{
		{"id", "Turki Panggil Duta Besarnya di Israel", "state:TR=Turki office:diplomat=Duta Besarnya state:IL=Israel"},
		{"id", "Jepang dan Menlunya menolak", "state:JP=Jepang office:foreign-minister=Menlunya relation:pressure=menolak"},
		// On a verb -nya nominalises: "the death of" is no casualty report.
		{"id", "Belasungkawa atas Meninggalnya Shinzo Abe", ""},
		{"id", "Dukungannya untuk Palestina", "state:PS=Palestina"},
		{"id", "Tanya jawab soal Dianya", ""},
		{"en", "Duta Besarnya", ""},
	})
}

// TestCLDRBothLanguages checks that every country is known by its CLDR name
// in both languages, not only those actors.txt lists.
func TestCLDRBothLanguages(t *testing.T) {
	r := newRecognizer(t)
	for _, c := range []struct{ lang, text, id string }{
		{"en", "Kyrgyzstan", "KG"}, {"id", "Kirgistan", "KG"},
		{"en", "Mozambique", "MZ"}, {"id", "Mozambik", "MZ"},
		{"en", "Finland", "FI"}, {"id", "Finlandia", "FI"},
	} {
		ms := r.Find(c.text, c.lang)
		if len(ms) != 1 || ms[0].ID != c.id || ms[0].Kind != State {
			t.Errorf("Find(%q, %s) = %v, want state %s", c.text, c.lang, ms, c.id)
		}
	}
}

func TestShoutingHeadline(t *testing.T) {
	r := newRecognizer(t)
	text := "HARGA CABAI NAIK AS WELL"
	if got := describe(text, r.Find(text, "")); got != "" {
		t.Errorf("capitals headline: got %s", got)
	}
}

// A visit is a relation between the visitor's state and the state it
// visits, in either word order. Headlines written for the test.
func TestVisitBetweenStates(t *testing.T) {
	r := newRecognizer(t)
	for _, c := range []struct{ lang, text, want string }{
		{"en", "Japan's foreign minister visits Indonesia", "relation:visit=visits"},
		{"en", "Indian prime minister to arrive in Tokyo on Monday", "relation:visit=arrive in"},
		{"id", "Menlu Jepang Kunjungi Indonesia", "relation:visit=Kunjungi"},
		{"id", "Indonesia dikunjungi Perdana Menteri Jepang", "relation:visit=dikunjungi"},
		{"id", "Presiden Korsel Tiba di Jakarta", "relation:visit=Tiba di"},
	} {
		if got := describe(c.text, r.Find(c.text, c.lang)); !strings.Contains(got, c.want) {
			t.Errorf("Find(%q, %s)\n got %s\nwant it to hold %s", c.text, c.lang, got, c.want)
		}
	}
}

// A visit to a place that is no actor, or to the visitor's own state, is
// no relation between states: a head of state touring his own country.
// Headlines written for the test.
func TestDomesticVisitIsNoRelation(t *testing.T) {
	r := newRecognizer(t)
	for _, c := range []struct{ lang, text, want string }{
		{"id", "Presiden China Kunjungi Xinjiang", "state:CN=China"},
		{"en", "Chinese premier visits Beijing factory", "state:CN=Chinese office:head=premier state:CN=Beijing"},
		{"en", "US president visits flood zone. Japan sends aid", "state:US=US office:head=president state:JP=Japan"},
	} {
		if got := describe(c.text, r.Find(c.text, c.lang)); !strings.HasSuffix(got, c.want) || strings.Contains(got, "relation:visit") {
			t.Errorf("Find(%q, %s)\n got %s\nwant %s and no visit", c.text, c.lang, got, c.want)
		}
	}
}

func TestNames(t *testing.T) {
	r := newRecognizer(t)
	en, id := r.Names(State, "en"), r.Names(State, "id")
	for _, want := range []string{"china", "south korea", "washington", "us", "americans"} {
		if !slices.Contains(en, want) {
			t.Errorf("English states' names lack %q", want)
		}
	}
	for _, want := range []string{"tiongkok", "korea selatan", "gedung putih", "as"} {
		if !slices.Contains(id, want) {
			t.Errorf("Indonesian states' names lack %q", want)
		}
	}
	if slices.Contains(en, "tiongkok") || slices.Contains(en, "nato") {
		t.Errorf("English states' names hold another language's or another kind's: %v", en)
	}
	if !slices.Contains(r.Names(Body, "en"), "nato") {
		t.Error("the bodies' names lack nato")
	}
	if !slices.IsSorted(en) || len(slices.Compact(slices.Clone(en))) != len(en) {
		t.Error("names not sorted and distinct")
	}
}
