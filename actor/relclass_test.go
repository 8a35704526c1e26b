package actor

import "testing"

// TestJusticeRelation checks that the words of international justice (a
// charge, a warrant, a ruling, a tribunal) put a state in a relation only
// where their sentence names an international body, as a court acting on a
// state is one: a domestic court's trial uses the same words and names no
// body. The headlines are invented.
func TestJusticeRelation(t *testing.T) {
	checkFinds(t, []findCase{
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
	})
}

// TestObjectRelation checks that the Indonesian words that both recognise
// or claim and assert ("akui", "mengakui", "klaim") are a relation only
// with a state or body as their object: a state recognised or a state's
// claim is a relation between states, an act admitted or claimed is a
// report of the act (English files "claim" under stance, so English is
// unchanged). The headlines are invented.
func TestObjectRelation(t *testing.T) {
	checkFinds(t, []findCase{
		{"id", "Norwegia Akui Palestina sebagai Negara", "state:NO=Norwegia relation:object=Akui state:PS=Palestina"},
		{"id", "Filipina Tolak Klaim China di Laut Sengketa", "state:PH=Filipina relation:pressure=Tolak relation:object=Klaim state:CN=China relation:dispute=Sengketa"},
		{"id", "Kanada mengakui Kosovo", "state:CA=Kanada relation:object=mengakui state:XK=Kosovo"},
		// An act admitted or claimed: no relation.
		{"id", "Militer Rusia Klaim Hancurkan Depot Amunisi Ukraina", "state:RU=Rusia state:UA=Ukraina"},
		{"id", "Menteri Jepang Akui Gagal Capai Target Ekspor", "state:JP=Jepang"},
		{"id", "Pemerintah mengakui kedaulatan Timor Leste", "relation:pressure=mengakui kedaulatan state:TL=Timor Leste"},
		// English "claim" is a stance, never a relation; "recognise" stays one.
		{"en", "Russian army claims it destroyed Ukrainian depot", "state:RU=Russian state:UA=Ukrainian"},
		{"en", "Norway recognises Palestine", "state:NO=Norway relation:pressure=recognises state:PS=Palestine"},
	})
}
