package benchsite

import (
	"bytes"
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
	"time"
)

// wireStories is how many wire stories each generation offers; feeds pick
// among them, so each is carried by several feeds.
const wireStories = 40

// paragraphs and paragraphWords size an item's HTML at about 1.4 KB.
const (
	paragraphs     = 4
	paragraphWords = 40
)

// words are the vocabularies of the two languages: enough words that random
// text is as unlike as different reports are.
var words = map[string][]string{
	"en": strings.Fields(`government minister president official agency report
		market price trade export import bank inflation budget tax company share
		investor growth rate economy factory worker union strike wage farmer rice
		harvest flood storm rain river bridge road port ship airport flight train
		police court judge trial lawyer prison election vote party candidate
		parliament law bill reform protest crowd city village province region
		border army navy soldier security talks treaty summit embassy envoy
		sanction deal agreement school student teacher hospital doctor patient
		vaccine health research scientist study data energy power oil gas coal
		solar wind climate forest fire water drought heat season team coach match
		goal league cup player fans stadium season win draw record title final
		said says told announced reported expected plans wants warned urged
		agreed rejected signed opened closed raised cut increased dropped rose
		fell new old big small first last local national foreign public private
		early late week month year today yesterday morning night after before`),
	"id": strings.Fields(`pemerintah menteri presiden pejabat badan laporan
		pasar harga dagang ekspor impor bank inflasi anggaran pajak perusahaan
		saham investor pertumbuhan suku ekonomi pabrik pekerja serikat mogok upah
		petani beras panen banjir badai hujan sungai jembatan jalan pelabuhan
		kapal bandara penerbangan kereta polisi pengadilan hakim sidang pengacara
		penjara pemilu suara partai calon parlemen undang reformasi protes massa
		kota desa provinsi wilayah perbatasan tentara angkatan prajurit keamanan
		perundingan perjanjian pertemuan kedutaan utusan sanksi kesepakatan
		sekolah siswa guru rumah sakit dokter pasien vaksin kesehatan penelitian
		ilmuwan kajian data energi listrik minyak gas batu bara surya angin iklim
		hutan api air kemarau panas musim tim pelatih pertandingan gol liga piala
		pemain penggemar stadion menang imbang rekor gelar final mengatakan
		menyatakan mengumumkan melaporkan diperkirakan berencana ingin
		memperingatkan mendesak menyetujui menolak menandatangani membuka menutup
		menaikkan memangkas meningkat turun naik baru lama besar kecil pertama
		terakhir lokal nasional asing umum swasta awal akhir pekan bulan tahun
		hari ini kemarin pagi malam setelah sebelum`),
}

// names make reports differ the way real ones do: who and where.
var names = strings.Fields(`Jakarta Surabaya Bandung Medan Makassar Denpasar
	Semarang Yogyakarta Palembang Balikpapan Manila Hanoi Bangkok Singapore
	Canberra Tokyo Seoul Beijing Delhi Geneva Brussels Nairobi Lagos Lima
	Santos Widodo Prabowo Sri Mulyani Rahman Tanaka Nguyen Kim Chen Singh
	Okafor Silva Müller Dubois Rossi Nowak Hansen Costa Ahmed Haddad`)

// outlets name the feeds.
var outlets = map[string][]string{
	"en": {"Daily Herald", "Morning Post", "City Times", "Coast Gazette", "Valley News"},
	"id": {"Berita Nusantara", "Kabar Harian", "Suara Kota", "Warta Pagi", "Harian Rakyat"},
}

func feedTitle(f *feed) string {
	o := outlets[f.lang]
	return fmt.Sprintf("%s %d", o[f.n%len(o)], f.n)
}

// sentence returns n words of lang, with a name and a number among them.
func sentence(rng *rand.Rand, lang string, n int) string {
	w := words[lang]
	parts := make([]string, n)
	for i := range parts {
		parts[i] = w[rng.IntN(len(w))]
	}
	parts[rng.IntN(n)] = names[rng.IntN(len(names))]
	parts[rng.IntN(n)] = fmt.Sprint(rng.IntN(1000))
	parts[0] = strings.ToUpper(parts[0][:1]) + parts[0][1:]
	return strings.Join(parts, " ")
}

// body returns the HTML paragraphs of a report; some carry an image.
func body(rng *rand.Rand, lang string) string {
	var b strings.Builder
	if rng.IntN(10) < 4 {
		fmt.Fprintf(&b, `<p><img src="/img/%d.jpg" alt="%s"></p>`, rng.IntN(1e6), html.EscapeString(sentence(rng, lang, 4)))
	}
	for range paragraphs {
		b.WriteString("<p>")
		b.WriteString(html.EscapeString(sentence(rng, lang, paragraphWords/2)))
		b.WriteString(". ")
		b.WriteString(html.EscapeString(sentence(rng, lang, paragraphWords/2)))
		b.WriteString(".</p>")
	}
	return b.String()
}

// ownItem is a report only feed n carries.
func ownItem(rng *rand.Rand, lang string, n int) item {
	return item{title: sentence(rng, lang, 8), html: body(rng, lang)}
}

// wireItem is wire story k of generation gen as feed n carries it: the
// wire's text under the wire's headline with the outlet's suffix.
func wireItem(seed uint64, lang string, gen, k, n int) item {
	rng := rand.New(rand.NewPCG(seed^0x317e, uint64(gen)<<16|uint64(k)<<1|boolBit(lang == "id")))
	title := sentence(rng, lang, 8)
	o := outlets[lang]
	return item{title: title + " - " + o[n%len(o)], html: body(rng, lang)}
}

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// link is the address of an item of f.
func link(base string, f *feed, it item) string {
	return fmt.Sprintf("%s/site/%d/%d.html", base, f.n, it.serial)
}

// render writes f as RSS 2.0 or Atom 1.0, with links under base.
func render(f *feed, base string) []byte {
	var b bytes.Buffer
	esc := html.EscapeString
	title := esc(feedTitle(f))
	home := fmt.Sprintf("%s/site/%d/", base, f.n)
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	if f.atom {
		fmt.Fprintf(&b, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"%s\">\n<title>%s</title>\n<id>%s</id>\n<link href=\"%s\"/>\n<updated>%s</updated>\n",
			f.lang, title, home, home, f.modified.UTC().Format(time.RFC3339))
		for _, it := range f.items {
			u := link(base, f, it)
			fmt.Fprintf(&b, "<entry>\n<title>%s</title>\n<id>%s</id>\n<link href=\"%s\"/>\n<published>%s</published>\n<updated>%[4]s</updated>\n<author><name>%s</name></author>\n<content type=\"html\">%s</content>\n</entry>\n",
				esc(it.title), u, u, it.published.UTC().Format(time.RFC3339), title, esc(it.html))
		}
		b.WriteString("</feed>\n")
		return b.Bytes()
	}
	fmt.Fprintf(&b, "<rss version=\"2.0\">\n<channel>\n<title>%s</title>\n<link>%s</link>\n<description>%[1]s</description>\n<language>%[3]s</language>\n<lastBuildDate>%[4]s</lastBuildDate>\n",
		title, home, f.lang, f.modified.UTC().Format(time.RFC1123Z))
	for _, it := range f.items {
		u := link(base, f, it)
		fmt.Fprintf(&b, "<item>\n<title>%s</title>\n<link>%s</link>\n<guid isPermaLink=\"true\">%s</guid>\n<pubDate>%s</pubDate>\n<description>%s</description>\n</item>\n",
			esc(it.title), u, u, it.published.UTC().Format(time.RFC1123Z), esc(it.html))
	}
	b.WriteString("</channel>\n</rss>\n")
	return b.Bytes()
}
