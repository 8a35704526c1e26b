package dedupe

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/warta-news/warta/article"
)

var t0 = time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)

// Stories written for these tests (not taken from any feed).
const (
	idTitle = "Pemerintah tambah kuota pupuk bersubsidi untuk petani di Jawa Timur"
	idText  = "Kementerian Pertanian menambah kuota pupuk bersubsidi sebanyak 250 ribu ton untuk petani di Jawa Timur mulai bulan depan. " +
		"Menteri Pertanian mengatakan tambahan itu diberikan karena musim tanam datang lebih awal akibat hujan yang turun sejak Oktober. " +
		"Distribusi akan dilakukan melalui kios resmi di 38 kabupaten dan kota, dengan pengawasan dari dinas pertanian setempat. " +
		"Petani diminta membawa kartu tani saat menebus pupuk agar penyaluran tepat sasaran. " +
		"Pemerintah juga menyiapkan posko pengaduan bagi petani yang kesulitan mendapatkan pupuk di wilayahnya."
	enTitle = "Flooding shuts main port in Surabaya as rivers burst their banks"
	enText  = "Authorities closed the main container port in Surabaya on Tuesday after two rivers burst their banks following three days of heavy rain. " +
		"Port operator Pelindo said ships were diverted to smaller terminals along the coast while crews pumped water from the docks. " +
		"About 4,000 residents were moved to temporary shelters, the regional disaster agency said, and no deaths had been reported. " +
		"Forecasters expect more rain through the weekend, raising fears that the closure could last until next week. " +
		"Exporters warned that delays would hit shipments of furniture and processed food bound for Japan and Australia."
)

func art(id, title, text string, seen time.Time) *article.Article {
	return &article.Article{ID: id, Title: title, Text: text, FirstSeen: seen}
}

func hexID(n int) string { return article.IDFromURL(fmt.Sprintf("example.org/%d", n)) }

func firstSentences(s string, n int) string {
	parts := strings.SplitAfter(s, ". ")
	return strings.TrimSpace(strings.Join(parts[:min(n, len(parts))], ""))
}

// titleCase capitalises every word, as some outlets write headlines.
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

func swapSentences(s string, i, j int) string {
	parts := strings.SplitAfter(s, ". ")
	parts[i], parts[j] = parts[j], parts[i]
	for k := range parts {
		parts[k] = strings.TrimSpace(parts[k])
	}
	return strings.Join(parts, " ")
}

func TestCopiesJoinStory(t *testing.T) {
	words := strings.Fields(enText)
	cases := []struct{ name, title, text string }{
		{"headline suffix", enTitle + " - BBC News", enText},
		{"headline prefix", "VIDEO: " + enTitle, enText},
		{"wire prefix", "UPDATE 1-" + enTitle + " | Reuters", enText},
		{"agency tag", enTitle + " (AP)", enText},
		{"lead cut short", enTitle, strings.Join(words[:22], " ") + " …"},
		{"read more and credit", enTitle, enText + "\nRead more: Why Java's ports keep flooding\n(Reporting by Ani Lestari; Editing by Mark Heinrich)"},
		{"dateline", enTitle, "SURABAYA, Indonesia, Nov 20 (Reuters) - " + enText},
		{"edited words", strings.Replace(enTitle, "shuts", "closes", 1), strings.NewReplacer("closed", "shut", "heavy", "torrential", "warned", "said").Replace(enText)},
		{"swapped sentences", enTitle, swapSentences(enText, 1, 2)},
		{"title upper case", strings.ToUpper(enTitle), enText},
		{"title lower case", strings.ToLower(enTitle), enText},
		{"title in Title Case", titleCase(enTitle), enText},
		{"short summary", enTitle, firstSentences(enText, 1)},
		{"paragraph lines", enTitle, strings.ReplaceAll(enText, ". ", ".\n")},
		{"all at once", "UPDATE 2-" + strings.ToUpper(strings.Replace(enTitle, "shuts", "closes", 1)) + " | Reuters",
			"SURABAYA (Reuters) - " + strings.Replace(swapSentences(firstSentences(enText, 4), 2, 3), "heavy", "torrential", 1) + " Exporters warned …\nRead more: Java floods explained\nReporting by Ani Lestari; Editing by Mark Heinrich"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ix := NewIndex(Options{})
			lead := art(hexID(0), enTitle, enText, t0)
			ix.Assign(lead)
			cp := art(hexID(i+1), c.title, c.text, t0.Add(3*time.Hour))
			ix.Assign(cp)
			t.Logf("similarity %.2f", cp.StoryMatch.Similarity)
			if cp.StoryID != lead.ID {
				t.Errorf("copy got story %s, want %s (similarity %.2f)", cp.StoryID, lead.ID, cp.StoryMatch.Similarity)
			}
			if cp.StoryMatch.MatchedID != lead.ID || cp.StoryMatch.Method != Method || cp.StoryMatch.Similarity < DefaultThreshold {
				t.Errorf("match = %+v", cp.StoryMatch)
			}
		})
	}
}

func TestIndonesianSyndication(t *testing.T) {
	ix := NewIndex(Options{})
	lead := art(hexID(0), idTitle+" - ANTARA News", "SURABAYA (ANTARA) - "+idText+"\nBaca juga: Harga gabah naik di tingkat petani\nPewarta: Budi Santoso\nEditor: Rina Wati", t0)
	ix.Assign(lead)
	copies := []*article.Article{
		art(hexID(1), "FOTO: "+idTitle+" | Republika Online", idText+" Simak breaking news dan berita pilihan kami langsung di ponselmu lewat WhatsApp Channel.", t0),
		art(hexID(2), idTitle, firstSentences(idText, 2)+" …", t0),
		art(hexID(3), strings.ToUpper(idTitle), swapSentences(idText, 2, 3), t0),
		// Tempo and Detik write headlines in Title Case, and cut the text.
		art(hexID(4), titleCase(idTitle)+" - Tempo.co", firstSentences(idText, 2), t0),
	}
	for i, c := range copies {
		c.FirstSeen = t0.Add(time.Duration(i+1) * time.Hour)
		ix.Assign(c)
		if c.StoryID != lead.ID {
			t.Errorf("copy %d: story %s, want %s (%+v)", i+1, c.StoryID, lead.ID, c.StoryMatch)
		}
	}
	if lead.StoryID != lead.ID || lead.StoryMatch != (article.StoryMatch{}) {
		t.Errorf("lead: story %s match %+v", lead.StoryID, lead.StoryMatch)
	}
}

func TestTemplateReportsStayApart(t *testing.T) {
	rate := func(dir string, rate, prev, pts int, day string) (string, string) {
		return fmt.Sprintf("Rupiah %s ke Rp%d.%03d per dolar AS pada %s pagi", dir, rate/1000, rate%1000, day),
			fmt.Sprintf("Nilai tukar rupiah terhadap dolar AS di pasar antarbank Jakarta pada %s pagi %s %d poin menjadi Rp%d.%03d per dolar AS dibandingkan posisi sebelumnya Rp%d.%03d per dolar AS. Analis menyebut pergerakan rupiah dipengaruhi data ekonomi Amerika Serikat.",
				day, dir, pts, rate/1000, rate%1000, prev/1000, prev%1000)
	}
	score := func(home, away string, h, a int, other1, other2 string) (string, string) {
		return fmt.Sprintf("%s menang %d-%d atas %s di Liga 1", home, h, a, away),
			fmt.Sprintf("%s mengalahkan %s dalam laga lanjutan Liga 1 di stadion kandang, sementara %s bermain imbang melawan %s.", home, away, other1, other2)
	}
	en := func(home, away string, h, a int) (string, string) {
		return fmt.Sprintf("%s beat %s %d-%d in the Premier League", home, away, h, a),
			fmt.Sprintf("%s beat %s %d-%d on Saturday in the Premier League, moving up the table with a late goal from the captain.", home, away, h, a)
	}
	groups := map[string][][2]string{}
	add := func(g string, p [2]string) { groups[g] = append(groups[g], p) }
	add("rates", pair(rate("menguat", 15500, 15560, 60, "Senin")))
	add("rates", pair(rate("melemah", 15620, 15500, 120, "Selasa")))
	add("rates", pair(rate("menguat", 15580, 15620, 40, "Rabu")))
	add("idfoot", pair(score("Persebaya", "Arema", 2, 1, "Persib", "PSM")))
	add("idfoot", pair(score("Persib", "PSM", 2, 1, "Bali United", "Persija")))
	add("idfoot", pair(score("Persebaya", "Arema", 3, 1, "Persib", "PSM")))
	add("enfoot", pair(en("Arsenal", "Chelsea", 2, 1)))
	add("enfoot", pair(en("Arsenal", "Chelsea", 3, 1)))
	add("enfoot", pair(en("Everton", "Chelsea", 2, 1)))
	for g, items := range groups {
		ix := NewIndex(Options{})
		for i, it := range items {
			a := art(hexID(i), it[0], it[1], t0.Add(time.Duration(i)*time.Hour))
			ix.Assign(a)
			if a.StoryID != a.ID {
				t.Errorf("%s: %q joined %s (%+v)", g, it[0], a.StoryID, a.StoryMatch)
			}
		}
	}
}

func pair(title, text string) [2]string { return [2]string{title, text} }

func TestWindow(t *testing.T) {
	ix := NewIndex(Options{})
	a := art(hexID(0), enTitle, enText, t0)
	ix.Assign(a)
	b := art(hexID(1), enTitle, enText, t0.Add(4*24*time.Hour))
	ix.Assign(b)
	if b.StoryID != b.ID {
		t.Errorf("same text 4 days later joined story %s", b.StoryID)
	}
	c := art(hexID(2), enTitle, enText, t0.Add(2*24*time.Hour))
	ix.Assign(c)
	if c.StoryID != a.ID {
		t.Errorf("copy 2 days later: story %s, want %s", c.StoryID, a.ID)
	}

	short := NewIndex(Options{Window: time.Hour})
	short.Assign(art(hexID(0), enTitle, enText, t0))
	d := art(hexID(1), enTitle, enText, t0.Add(2*time.Hour))
	short.Assign(d)
	if d.StoryID != d.ID {
		t.Errorf("1h window: copy 2h later joined %s", d.StoryID)
	}
}

func TestUnrelatedStaySeparate(t *testing.T) {
	ix := NewIndex(Options{})
	a := art(hexID(0), enTitle, enText, t0)
	b := art(hexID(1), idTitle, idText, t0)
	c := art(hexID(2), "Central bank holds rates steady as inflation cools", "The central bank left its benchmark rate unchanged on Thursday, saying inflation had eased for a third month.", t0)
	for _, x := range []*article.Article{a, b, c} {
		ix.Assign(x)
		if x.StoryID != x.ID {
			t.Errorf("%q joined %s", x.Title, x.StoryID)
		}
	}
	if ix.Len() != 3 {
		t.Errorf("Len = %d, want 3", ix.Len())
	}
}

func TestChainKeepsFirstSeenStory(t *testing.T) {
	ix := NewIndex(Options{})
	a := art(hexID(0), enTitle, enText, t0)
	b := art(hexID(1), enTitle+" - BBC News", enText, t0.Add(time.Hour))
	c := art(hexID(2), enTitle, firstSentences(enText, 2), t0.Add(2*time.Hour))
	for _, x := range []*article.Article{a, b, c} {
		ix.Assign(x)
	}
	if b.StoryID != a.ID || c.StoryID != a.ID {
		t.Errorf("stories: b %s c %s, want %s", b.StoryID, c.StoryID, a.ID)
	}
}

func TestRebuildWithAdd(t *testing.T) {
	first := NewIndex(Options{})
	a := art("story-a", enTitle, enText, t0) // not hex: interned
	b := art(hexID(1), enTitle+" | Reuters", enText, t0.Add(time.Hour))
	first.Assign(a)
	first.Assign(b)
	if b.StoryID != "story-a" {
		t.Fatalf("b story %s", b.StoryID)
	}
	// Restart: the store hands back b only (a already pruned).
	ix := NewIndex(Options{})
	ix.Add(&article.Article{ID: b.ID, Title: b.Title, Text: b.Text, StoryID: b.StoryID, Fingerprint: b.Fingerprint, FirstSeen: b.FirstSeen})
	if ix.Len() != 1 {
		t.Errorf("Len = %d, want 1", ix.Len())
	}
	c := art(hexID(2), "VIDEO: "+enTitle, enText, t0.Add(2*time.Hour))
	ix.Assign(c)
	if c.StoryID != "story-a" || c.StoryMatch.MatchedID != b.ID {
		t.Errorf("after rebuild: story %s matched %s, want story-a via %s", c.StoryID, c.StoryMatch.MatchedID, b.ID)
	}
	if c.Fingerprint != Fingerprint(c.Title, c.Text) || c.Fingerprint == 0 {
		t.Errorf("fingerprint %x, Fingerprint() %x", c.Fingerprint, Fingerprint(c.Title, c.Text))
	}
}

func TestExpire(t *testing.T) {
	ix := NewIndex(Options{Window: 24 * time.Hour})
	a := art(hexID(0), enTitle, enText, t0)
	b := art(hexID(1), enTitle+" - ANTARA News", enText, t0.Add(20*time.Hour))
	u := art(hexID(2), idTitle, idText, t0.Add(time.Hour))
	for _, x := range []*article.Article{a, u, b} {
		ix.Assign(x)
	}
	ix.Expire(t0.Add(30 * time.Hour)) // a and u are older than 24h
	if ix.Len() != 1 {
		t.Fatalf("Len after Expire = %d, want 1", ix.Len())
	}
	// A copy matching b still gets a's story: a lives on as a ghost.
	c := art(hexID(3), enTitle, enText, t0.Add(31*time.Hour))
	ix.Assign(c)
	if c.StoryID != a.ID || c.StoryMatch.MatchedID != b.ID {
		t.Errorf("after expire: story %s via %s, want %s via %s", c.StoryID, c.StoryMatch.MatchedID, a.ID, b.ID)
	}
	// The expired u is gone: its copy starts a new story.
	d := art(hexID(4), idTitle, idText, t0.Add(31*time.Hour))
	ix.Assign(d)
	if d.StoryID != d.ID {
		t.Errorf("copy of expired article joined %s", d.StoryID)
	}
	ix.Expire(t0.Add(100 * time.Hour))
	if ix.Len() != 0 {
		t.Errorf("Len after full expiry = %d", ix.Len())
	}
}

func TestDeterministic(t *testing.T) {
	run := func() []string {
		ix := NewIndex(Options{})
		var out []string
		texts := []string{enText, idText, firstSentences(enText, 2), swapSentences(idText, 0, 1), enText}
		titles := []string{enTitle, idTitle, enTitle + " - BBC News", "FOTO: " + idTitle, strings.ToLower(enTitle)}
		for i := range texts {
			a := art(hexID(i), titles[i], texts[i], t0.Add(time.Duration(i)*time.Minute))
			ix.Assign(a)
			out = append(out, a.StoryID+"/"+a.StoryMatch.MatchedID)
		}
		return out
	}
	first := strings.Join(run(), ",")
	for range 3 {
		if got := strings.Join(run(), ","); got != first {
			t.Fatalf("run differs:\n%s\n%s", got, first)
		}
	}
}

// TestEntrySize guards the memory budget: 146 packed bytes per article
// (94 for the copy sketch, 52 for the event signature) plus 3 MiB of
// bucket heads and the term counts (see BenchmarkIndexAssign1M).
func TestEntrySize(t *testing.T) {
	if got := unsafe.Sizeof(entry{}); got != 146 {
		t.Errorf("entry is %d bytes, want 146", got)
	}
	if got := unsafe.Alignof(entry{}); got != 1 {
		t.Errorf("entry alignment %d, want 1 (no padding)", got)
	}
}

func TestEmptyArticleStartsOwnStory(t *testing.T) {
	ix := NewIndex(Options{})
	a := art(hexID(0), "", "", t0)
	b := art(hexID(1), "", "", t0)
	ix.Assign(a)
	ix.Assign(b)
	if a.StoryID != a.ID || b.StoryID != b.ID || a.Fingerprint != 0 {
		t.Errorf("empty articles: %s %s fp %x", a.StoryID, b.StoryID, a.Fingerprint)
	}
}

// A Title Case headline over a cut text is the same story as the
// sentence-case original: capitals in a Title Case headline are no names.
func TestTitleCaseHeadlineOverCutText(t *testing.T) {
	ix := NewIndex(Options{})
	lead := art(hexID(0), "Indonesia dan Jepang teken perjanjian kerja sama pertahanan",
		"JAKARTA (ANTARA) - Menteri Pertahanan Indonesia dan Menteri Pertahanan Jepang menandatangani perjanjian kerja sama pertahanan di Tokyo pada Selasa, yang mencakup latihan bersama, alih teknologi dan pertukaran perwira.\n"+
			"Kedua menteri juga membahas keamanan kawasan Laut China Selatan.", t0)
	ix.Assign(lead)
	cp := art(hexID(1), "Indonesia dan Jepang Teken Perjanjian Kerja Sama Pertahanan - Tempo.co",
		"Menteri Pertahanan Indonesia dan Menteri Pertahanan Jepang menandatangani perjanjian kerja sama pertahanan di Tokyo pada Selasa, yang mencakup latihan bersama, alih teknologi dan pertukaran perwira.\n"+
			"Baca juga: Prabowo kunjungi pabrik kapal selam", t0.Add(time.Hour))
	ix.Assign(cp)
	if cp.StoryID != lead.ID {
		t.Fatalf("copy got story %s, want %s (%+v)", cp.StoryID, lead.ID, cp.StoryMatch)
	}
}

// TestAssignSketchedIsAssign: sketching apart (concurrently, as a cycle
// does on every core) and assigning in order decides as Assign does.
func TestAssignSketchedIsAssign(t *testing.T) {
	texts := []string{enText, idText, firstSentences(enText, 2), swapSentences(idText, 0, 1), enText, ""}
	titles := []string{enTitle, idTitle, enTitle + " - BBC News", "FOTO: " + idTitle, strings.ToLower(enTitle), "Surabaya port shut by flooding"}
	arts := func() []*article.Article {
		var out []*article.Article
		for i := range texts {
			out = append(out, art(hexID(i), titles[i], texts[i], t0.Add(time.Duration(i)*time.Minute)))
		}
		return out
	}
	want := arts()
	ix := NewIndex(Options{})
	for _, a := range want {
		ix.Assign(a)
	}
	got := arts()
	sk := NewSketcher(Options{})
	sketched := make([]Sketched, len(got))
	done := make(chan int)
	for i := range got {
		go func() { sketched[i] = sk.Sketch(got[i].Title, got[i].Text); done <- i }()
	}
	for range got {
		<-done
	}
	ix = NewIndex(Options{})
	for i, a := range got {
		ix.AssignSketched(a, sketched[i])
	}
	joined := 0
	for i := range want {
		w, g := want[i], got[i]
		if g.StoryID != w.StoryID || g.StoryMatch != w.StoryMatch || g.Fingerprint != w.Fingerprint || string(g.Sketch) != string(w.Sketch) {
			t.Errorf("article %d: sketched apart %+v, Assign %+v", i, g, w)
		}
		if w.StoryID != w.ID {
			joined++
		}
	}
	if joined < 2 {
		t.Fatalf("only %d articles joined a story: the test shows nothing", joined)
	}
}

// A new index's band tables start small and grow with it; its chains must
// be walked as in full-size tables, entry for entry, or the bounded walks
// would reach other candidates. Here more than maxWalk newer articles
// share a bucket of the grown tables with an original, but none of its
// chains: a copy of it must still find it.
func TestGrowingHeadsWalkLikeFullOnes(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	ix := NewIndex(Options{EventThreshold: -1})
	add := func(s sketch) *article.Article {
		a := &article.Article{ID: synthID(r), FirstSeen: t0, Published: t0}
		ix.assign(a, s, eventSig{})
		return a
	}
	for range 5000 {
		add(synthSketch(r))
	}
	size := uint32(len(ix.heads[0]))
	if size == 1<<minHeadBits || size == 1<<headBits {
		t.Fatalf("band tables of %d buckets: the test did not grow them", size)
	}
	orig := synthSketch(r)
	lead := add(orig)
	for m := uint32(1); m <= 2*maxWalk; m++ {
		s := synthSketch(r)
		s.keys = 0
		for b := range bands {
			k := (uint32(orig.keys>>(keyBits*b)) + m*size) & (1<<keyBits - 1)
			s.keys |= uint64(k) << (keyBits * b)
		}
		add(s)
	}
	if len(ix.heads[0]) != int(size) {
		t.Fatal("the tables grew during the test")
	}
	if cp := add(orig); cp.StoryID != lead.ID {
		t.Fatalf("the copy started story %s (match %+v), want the original's %s", cp.StoryID, cp.StoryMatch, lead.ID)
	}
}
