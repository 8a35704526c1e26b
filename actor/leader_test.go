package actor

import (
	"fmt"
	"strings"
	"testing"
)

// anchorsOf renders the anchors of text as "name=STATE", the name as written.
func anchorsOf(r *Recognizer, text, lang string) string {
	var out []string
	for _, a := range r.AppendAnchors(nil, text, lang, r.Find(text, lang)) {
		out = append(out, fmt.Sprintf("%s=%s", text[a.Start:a.End], a.State))
	}
	return strings.Join(out, " ")
}

// The sentences are written for the test, in the shapes reports use.
func TestAnchors(t *testing.T) {
	r := newRecognizer(t)
	for _, c := range []struct{ lang, text, want string }{
		// The state before the office.
		{"en", "Russian President Vladimir Putin said on Friday that talks would go on.", "Vladimir Putin=RU"},
		{"en", "U.S. Secretary of State Marco Rubio met his counterpart in Riyadh.", "Marco Rubio=US"},
		{"en", "Japan's foreign minister, Takeshi Iwaya, arrived in Seoul.", "Takeshi Iwaya=JP"},
		{"en", "Saudi Crown Prince Mohammed bin Salman hosted the talks.", "Mohammed bin Salman=SA"},
		{"en", "The U.S. Ambassador to Japan Rahm Emanuel was summoned.", "Rahm Emanuel=US"},
		// The state after the office, with "of".
		{"en", "Prime Minister of Japan Sanae Takaichi spoke to reporters.", "Sanae Takaichi=JP"},
		// Indonesian: the state right after the office, short forms in
		// parentheses.
		{"id", "Presiden Rusia Vladimir Putin mengatakan perundingan berlanjut.", "Vladimir Putin=RU"},
		{"id", "Perdana Menteri (PM) Israel Benjamin Netanyahu menolak usulan itu.", "Benjamin Netanyahu=IL"},
		{"id", "Menlu AS Marco Rubio tiba di Jakarta pada Senin malam.", "Marco Rubio=US"},
		{"id", "Presiden RI Prabowo Subianto menerima kunjungan tamunya.", "Prabowo Subianto=ID"},
		{"id", "Menteri Luar Negeri Amerika Serikat (AS) Marco Rubio bertemu menteri lain.", "Marco Rubio=US"},
		{"id", "Dubes RI untuk Malaysia Hermono menemui para pekerja migran.", "Hermono=ID"},
		// A weekday after the name is not part of it.
		{"id", "Menlu RI Sugiono Selasa (4/3) bertemu mitranya di kantornya.", "Sugiono=ID"},
		// Negatives: offices of no state, offices no longer held, a
		// company's and a club's president, an office with no state.
		{"en", "The President of the club Andrea Agnelli resigned from the board.", ""},
		{"en", "Former U.S. President Barack Obama spoke at the university.", ""},
		{"en", "President Donald Trump said the talks went well.", ""},
		{"en", "American Airlines President Robert Isom said flights resume today.", ""},
		{"id", "Presiden Direktur PT Freeport Indonesia Tony Wenas menyampaikan laporan.", ""},
		{"id", "Presiden klub Persija Mohamad Prapanca mengundurkan diri.", ""},
		{"id", "Mantan Presiden RI Susilo Bambang Yudhoyono hadir dalam acara itu.", ""},
		// Initials and particles inside a name.
		{"en", "U.S. Secretary of State John F. Kerry arrived in Cairo on Sunday.", "John F. Kerry=US"},
		{"en", "Syrian President Bashar al-Assad met the envoy in Damascus.", "Bashar al-Assad=SY"},
		// A lower-case part after a hyphen is part of its word.
		{"en", "South Korean President Lee Jae-myung met the envoy in Seoul.", "Lee Jae-myung=KR"},
		// A headline in title case, or quoted in capitals in a body, does
		// not tell a name from the verb.
		{"en", "Russian President Putin Says Russia Will Take More Land", ""},
		{"id", "Menlu AS Puji Kepemimpinan Indonesia dalam Isu Palestina", ""},
		{"en", "OMAN'S FOREIGN MINISTER SAYS TALKS GO ON. The minister spoke to reporters.", ""},
		{"en", "Danish PM Calls General Election For March 24", ""},
		{"id", "Presiden AS Puji Indonesia", ""},
		{"id", "Menlu AS Puji Langkah Prabowo", ""},
		{"id", "Presiden AS Trump Kecam Iran", ""},
		// A name may end the text when the rest is in sentence case.
		{"en", "Trump's call with Chinese President Xi Jinping", "Xi Jinping=CN"},
		// A name ends before a function word of the text's language, in
		// any case: Indonesian "di" is a preposition there, no particle of
		// a name.
		{"id", "Presiden Prancis Emmanuel Macron di Istana Negara menyampaikan pidato kepada para wartawan.", "Emmanuel Macron=FR"},
		{"id", "Presiden Prancis Emmanuel Macron Di Istana Negara, kata juru bicaranya.", "Emmanuel Macron=FR"},
		{"id", "Presiden RI Prabowo Subianto Dan Menteri Lainnya tiba, kata ajudannya.", "Prabowo Subianto=ID"},
		{"en", "British Prime Minister Keir Starmer And His Cabinet met on Monday, officials said.", "Keir Starmer=GB"},
		{"en", "French President Emmanuel Macron At Elysee Palace greeted the guests, aides said.", "Emmanuel Macron=FR"},
		// The wider closed class ends a name as well.
		{"id", "Presiden RI Prabowo Subianto Saat Kunjungan Kerja ke Jepang, kata ajudannya.", "Prabowo Subianto=ID"},
		{"en", "French President Emmanuel Macron Amid Protests greeted the guests, aides said.", "Emmanuel Macron=FR"},
		// An Italian particle in an English text still joins a name.
		{"en", "Italian Foreign Minister Lorenzo di Marco met the envoy in Rome.", "Lorenzo di Marco=IT"},
		// A function word starts no name.
		{"id", "Presiden AS Dari Gedung Putih mengumumkan tarif baru.", ""},
		// But a capitalised function word that is also a name part is
		// part of the name (review 37): Burmese Than, Malay Nor,
		// Chinese Yang, Sinhala Guna.
		{"en", "Myanmar Foreign Minister Than Swe met his Thai counterpart in Bangkok.", "Than Swe=MM"},
		{"en", "Malaysia's foreign minister, Nor Mohamed Yakcop, arrived in Seoul.", "Nor Mohamed Yakcop=MY"},
		{"id", "Menlu China Yang Jiechi bertemu mitranya di Beijing.", "Yang Jiechi=CN"},
		{"id", "Menlu Sri Lanka Guna Wardena bertemu utusan itu di Kolombo.", "Guna Wardena=LK"},
		{"en", "Myanmar Foreign Minister Kyaw Than met his counterpart on Monday.", "Kyaw Than=MM"},
		// A capitalised preposition ends a name too: title-cased
		// Indonesian headlines write "Di" before a place, and reading
		// "Di" as the particle of "Di Maio" would teach the stream
		// "tengah" or "bali" as a leader's key (review 32). Names with
		// a capitalised particle ("Luigi Di Maio") lose their tail.
		{"id", "Menlu AS Blinken Di Tengah krisis, kata pejabat.", "Blinken=US"},
		{"id", "Menlu Italia Luigi Di Maio bertemu mitranya di Roma.", "Luigi=IT"},
	} {
		if got := anchorsOf(r, c.text, c.lang); got != c.want {
			t.Errorf("anchors of %q (%s)\n got %q\nwant %q", c.text, c.lang, got, c.want)
		}
	}
}

func TestAnchorKeys(t *testing.T) {
	for _, c := range []struct {
		name string
		want []string
	}{
		{"vladimir putin", []string{"vladimir putin", "putin"}},
		{"hermono", []string{"hermono"}},
		// A generational suffix is no surname.
		{"charles iii", []string{"charles iii"}},
		{"lee jae-myung", []string{"lee jae-myung", "jae-myung"}},
		{"martin luther king jr", []string{"martin luther king jr"}},
		// A function word is never a key.
		{"tran van to", []string{"tran van to"}},
		{"ahmad dan", []string{"ahmad dan"}},
	} {
		if got := (Anchor{Name: c.name}).Keys(); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("Keys(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestAppendNamed(t *testing.T) {
	r := newRecognizer(t)
	names := NewNames(map[string]string{"donald trump": "US", "trump": "US", "putin": "RU", "mohammed": "SA", "lee jae-myung": "KR", "jae-myung": "KR"})
	for _, c := range []struct{ lang, text, want string }{
		{"en", "Trump warns Iran of possible strike", "state:US=Trump relation:pressure=warns state:IR=Iran violence:attack=strike"},
		{"en", "Donald Trump slams Biden", "state:US=Donald Trump"},
		{"en", "Putin says Russia will take more land", "state:RU=Putin state:RU=Russia"},
		// A name is written capitalised; the table's aliases come first.
		{"en", "a trump card for the president", "office:head=president"},
		// A surname after another capitalised word within a sentence is
		// another person's; at a sentence's start, after an actor or in a
		// title-case headline it is the leader's.
		{"en", "The school cancelled Ivanka Trump's speech.", ""},
		{"en", "Trump's speech was cancelled. Later Trump spoke.", "state:US=Trump state:US=Trump"},
		{"en", "Russian Putin rival was jailed on Friday", "state:RU=Russian state:RU=Putin"},
		{"en", "Iran Issues Warrant to Arrest Trump", "state:IR=Iran state:US=Trump"},
		// A one-word name before another capitalised word that is no
		// actor's is a given name of another person's (Mohammed Salah).
		{"en", "Mohammed Salah scores twice in the cup final", ""},
		{"en", "Lee Jae-myung says talks went well", "state:KR=Lee Jae-myung relation:meet=talks"},
		{"en", "Talks with Jae-myung went well", "relation:meet=Talks state:KR=Jae-myung"},
		{"en", "Mohammed told reporters on Friday.", "state:SA=Mohammed"},
		{"en", "Putin Says Russia Will Take More Land", "state:RU=Putin state:RU=Russia"},
	} {
		if got := describe(c.text, r.AppendNamed(nil, c.text, c.lang, names)); got != c.want {
			t.Errorf("AppendNamed(%q)\n got %s\nwant %s", c.text, got, c.want)
		}
	}
	if ms := r.AppendNamed(nil, "Trump warns Iran", "en", names); ms[0].Name != "trump" {
		t.Errorf("a learned name's mention has Name %q, want trump", ms[0].Name)
	}
	if _, ok := names.State("putin"); !ok || names.Len() != 6 {
		t.Errorf("Names: State(putin) %t, Len %d", ok, names.Len())
	}
}

func TestNamesWith(t *testing.T) {
	old := NewNames(map[string]string{"donald trump": "US", "donald tusk": "PL", "putin": "RU"})
	ns := old.With(map[string]string{"donald tusk": "", "donald trump": "GB", "xi jinping": "CN"})
	for name, want := range map[string]string{"donald trump": "GB", "donald tusk": "", "putin": "RU", "xi jinping": "CN"} {
		if got, _ := ns.State(name); got != want {
			t.Errorf("%q: state %q, want %q", name, got, want)
		}
	}
	if got, _ := old.State("donald trump"); got != "US" || old.Len() != 3 || ns.Len() != 3 {
		t.Errorf("With changed the old names: trump %q, Len %d (new %d)", got, old.Len(), ns.Len())
	}
}

// A headline in title case keeps its function words in lower case, in
// English and in Indonesian: a learned one-word name before a capitalised
// word is the leader's there, as in a headline with every word
// capitalised. In sentence case a capitalised word after a surname is
// still another person's.
func TestAppendNamedTitleCaseFunctionWords(t *testing.T) {
	r := newRecognizer(t)
	names := NewNames(map[string]string{"putin": "RU", "netanyahu": "IL", "trump": "US", "kim jong un": "KP"})
	for _, c := range []struct{ lang, text, want string }{
		{"id", "Putin Berharap Bisa Berdialog dengan AS", "state:RU=Putin state:US=AS"},
		{"id", "Putin Berharap Bisa Berdialog Dengan AS", "state:RU=Putin state:US=AS"},
		{"id", "Kirim Surat ke Korsel, Kim Jong Un Minta Bertemu Lagi pada 2019", "state:KR=Korsel state:KP=Kim Jong Un relation:meet=Bertemu"},
		{"en", "Putin Hopes for Dialogue with US", "state:RU=Putin relation:peace=Dialogue state:US=US"},
		{"en", "Talks with Ivanka Trump went well in Seoul", "relation:meet=Talks state:KR=Seoul"},
		{"id", "Pertemuan dengan Ivanka Trump berlangsung di Seoul pada Senin", "state:KR=Seoul"},
	} {
		if got := describe(c.text, r.AppendNamed(nil, c.text, c.lang, names)); got != c.want {
			t.Errorf("AppendNamed(%q)\n got %s\nwant %s", c.text, got, c.want)
		}
	}
}

// Title case keeps every preposition and conjunction of the closed class in
// lower case, not only the shortest: Indonesian "saat", "atas", "kepada"
// (PUEBI's kata tugas), English "over", "amid" (news title case). A
// headline so written is still title case, and a learned one-word name
// before a capitalised word is the leader's. In sentence case it is not.
func TestAppendNamedTitleCaseWiderFunctionWords(t *testing.T) {
	r := newRecognizer(t)
	names := NewNames(map[string]string{"putin": "RU", "netanyahu": "IL", "trump": "US", "kim jong un": "KP"})
	for _, c := range []struct{ lang, text, want string }{
		{"id", "Putin Berharap Dialog atas Ukraina saat Krisis", "state:RU=Putin relation:peace=Dialog state:UA=Ukraina"},
		{"id", "Netanyahu Ingin Undang Trump saat Pembukaan Kedubes AS di Yerusalem", "state:IL=Netanyahu state:US=Trump office:diplomat=Kedubes state:US=AS state:IL=Yerusalem"},
		{"id", "Trump Kirim Surat kepada Kim Jong Un", "state:US=Trump state:KP=Kim Jong Un"},
		{"en", "Putin Hopes for Deal over Ukraine amid Crisis", "state:RU=Putin state:UA=Ukraine"},
		{"en", "Netanyahu Courts Trump over Iran amid Gaza Fighting", "state:IL=Netanyahu state:US=Trump state:IR=Iran state:PS=Gaza violence:attack=Fighting"},
		{"en", "Talks with Ivanka Trump went well over lunch in Seoul", "relation:meet=Talks state:KR=Seoul"},
		{"id", "Pertemuan dengan Ivanka Trump berlangsung saat makan siang di Seoul", "state:KR=Seoul"},
	} {
		if got := describe(c.text, r.AppendNamed(nil, c.text, c.lang, names)); got != c.want {
			t.Errorf("AppendNamed(%q)\n got %s\nwant %s", c.text, got, c.want)
		}
	}
}
