package actor

import "testing"

// TestJusticeRelation checks that the words of international justice (a
// charge, a warrant, a ruling, a tribunal) put a state in a relation only
// where their sentence names an international body, as a court acting on a
// state is one: a domestic court's trial uses the same words and names no
// body. The headlines are invented.
func TestJusticeRelation(t *testing.T) {
	r := newRecognizer(t)
	for _, c := range []struct{ lang, text, want string }{
		{"en", "ICC issues arrest warrant for Sudanese leader", "body:ICC=ICC relation:justice=arrest warrant state:SD=Sudanese"},
		{"en", "UN tribunal indicts former Serbian general", "body:UN=UN relation:justice=tribunal relation:justice=indicts state:RS=Serbian"},
		{"en", "World Court ruling backs Chile in border case with Bolivia", "body:ICJ=World Court relation:justice=ruling relation:agree=backs state:CL=Chile state:BO=Bolivia"},
		{"en", "ECOWAS court orders Gambia to pay damages", "body:ECOWAS=ECOWAS relation:justice=court state:GM=Gambia"},
		// A domestic trial names no international body: no relation.
		{"en", "Judge issues arrest warrant for former mayor after ruling", ""},
		{"en", "French court indicts businessman over Libyan funding", "state:FR=French state:LY=Libyan"},
		{"id", "Mahkamah Pidana Internasional keluarkan surat perintah penangkapan untuk pemimpin Myanmar", "body:ICC=Mahkamah Pidana Internasional relation:justice=surat perintah penangkapan state:MM=Myanmar"},
		{"id", "Pengadilan ECOWAS vonis Mali langgar hak asasi", "relation:justice=Pengadilan body:ECOWAS=ECOWAS relation:justice=vonis state:ML=Mali"},
		{"id", "Pengadilan Negeri vonis mantan bupati tiga tahun penjara", ""},
	} {
		if got := describe(c.text, r.Find(c.text, c.lang)); got != c.want {
			t.Errorf("Find(%q, %s)\n got %s\nwant %s", c.text, c.lang, got, c.want)
		}
	}
}

// TestTransferRelation checks that money or arms (aid, funding, a loan,
// weapons) put two actors in a relation only where their sentence names an
// actor before the word and, after it, another that it does not name
// before: money or arms going from one government to another are the
// labelling guide's foreign aid and arms deals between governments, while
// a state's own budget, or aid or weapons found in a place, name no giver
// and no other receiver. The headlines are invented.
func TestTransferRelation(t *testing.T) {
	r := newRecognizer(t)
	for _, c := range []struct{ lang, text, want string }{
		{"en", "Japan sends more weapons to Ukraine", "state:JP=Japan relation:transfer=weapons state:UA=Ukraine"},
		{"en", "Germany approves new loan for Egypt", "state:DE=Germany relation:transfer=loan state:EG=Egypt"},
		{"en", "Ukraine funding stalls in Japan's parliament", "state:UA=Ukraine relation:transfer=funding state:JP=Japan"},
		// The money or arms stay at home: no other actor after the word.
		{"en", "France raises funding for French farmers", "state:FR=France state:FR=French"},
		{"en", "Police seize weapons and ammunition in Nigeria raid", "state:NG=Nigeria violence:attack=raid"},
		{"en", "Aid reaches flood victims in Pakistan", "state:PK=Pakistan"},
	} {
		if got := describe(c.text, r.Find(c.text, c.lang)); got != c.want {
			t.Errorf("Find(%q, %s)\n got %s\nwant %s", c.text, c.lang, got, c.want)
		}
	}
}
