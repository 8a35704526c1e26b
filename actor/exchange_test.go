package actor

import "testing"

// TestExchangeRelation checks that the words of an exchange between
// governments (a prisoner swap, the sending of migrant workers, a handover)
// are relations only where their sentence names two distinct actors: one
// state's own prisoners or workers are no relation. The headlines are
// invented.
func TestExchangeRelation(t *testing.T) {
	r := newRecognizer(t)
	for _, c := range []struct{ lang, text, want string }{
		{"en", "Armenia and Azerbaijan agree prisoner swap", "state:AM=Armenia state:AZ=Azerbaijan relation:agree=agree relation:exchange=prisoner swap"},
		{"en", "Nepal halts migrant workers to Qatar", "state:NP=Nepal relation:exchange=migrant workers state:QA=Qatar"},
		{"en", "Britain hands over Chagos Islands to Mauritius", "state:GB=Britain relation:exchange=hands over state:MU=Mauritius"},
		// One state: no exchange between governments.
		{"en", "Migrant workers rally at Qatar stadium", "state:QA=Qatar"},
		{"en", "Police hand over suspect to Kenyan court", "state:KE=Kenyan"},
		{"id", "Rusia dan Ukraina Sepakati Pertukaran Tahanan", "state:RU=Rusia state:UA=Ukraina relation:agree=Sepakati relation:exchange=Pertukaran Tahanan"},
		{"id", "Indonesia Hentikan Pengiriman Pekerja Migran ke Malaysia", "state:ID=Indonesia relation:exchange=Pengiriman Pekerja Migran state:MY=Malaysia"},
		{"id", "Belanda Kembalikan Artefak Kerajaan ke Indonesia", "state:NL=Belanda relation:exchange=Kembalikan state:ID=Indonesia"},
		{"id", "Pekerja migran asal Jawa Timur dipulangkan dari Malaysia", "state:MY=Malaysia"},
	} {
		if got := describe(c.text, r.Find(c.text, c.lang)); got != c.want {
			t.Errorf("Find(%q, %s)\n got %s\nwant %s", c.text, c.lang, got, c.want)
		}
	}
}
