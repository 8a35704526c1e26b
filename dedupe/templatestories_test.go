package dedupe

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// A generated day of template news, the kind of stream a loopback fixture
// site serves: every headline is subject [place] verb object [qualifier]
// from small banks, every text is the same few template sentences filled
// in, so unrelated stories share their subject, object, place or most of
// their text's words. A tenth of the stories are carried by several
// outlets, each rewording the headline (a prefix or suffix, often a
// synonym of the verb) and the text (a sentence dropped, two swapped).
// Those are the only same-story pairs: a story that freezes permits and
// one that approves them, or the same decision in two towns, are two.

type templateLang struct {
	subjects, places, objects, qualifiers, prefixes, suffixes []string
	verbs                                                     [][2]string // verb, a synonym
	in                                                        string      // joins subject and place
	lead                                                      string      // subject, verb, object, place
	sentences                                                 []string    // %[1]s object, %[2]s place, %[3]d a number
}

var templateLangs = []templateLang{{
	subjects: []string{"Kementerian Perdagangan", "Pemerintah kota", "Bank daerah", "Maskapai swasta", "Perusahaan listrik negara",
		"Kejaksaan tinggi", "Badan pangan", "Operator kereta", "Dewan kota", "Koperasi nelayan"},
	places:  []string{"Bogor", "Cirebon", "Malang", "Solo", "Ambon", "Kendari", "Jambi", "Batam"},
	objects: []string{"tarif parkir", "izin tambang pasir", "kuota pupuk", "proyek jalan tol", "harga tiket", "program beasiswa", "pajak hiburan", "bantuan sosial"},
	verbs: [][2]string{{"menaikkan", "mengerek"}, {"membatalkan", "urungkan"}, {"menyetujui", "restui"}, {"menunda", "tangguhkan"},
		{"membekukan", "bekukan"}, {"memperluas", "perluas"}, {"menolak", "tolak"}, {"mengumumkan", "umumkan"}},
	qualifiers: []string{"", "", "usai rapat panjang", "di tengah protes warga", "jelang akhir tahun", "setelah audit", "untuk %d desa", "sebesar %d persen"},
	prefixes:   []string{"", "Terkini: ", "Update: "},
	suffixes:   []string{"", " - laporan", " (diperbarui)"},
	in:         " ",
	lead:       "%s %s %s, keputusan yang disebut berdampak luas bagi warga %s.",
	sentences: []string{
		"Juru bicara mengatakan perubahan %[1]s akan berlaku bulan depan.",
		"Pemerintah %[2]s memperkirakan sekitar %[3]d warga terdampak.",
		"Pengamat menilai kebijakan soal %[1]s itu perlu dikaji bersama pelaku usaha.",
		"Kami akan memantau pelaksanaannya dengan saksama, kata seorang pejabat kepada wartawan.",
		"Anggaran untuk %[1]s tahun ini mencapai Rp %[3]d miliar.",
		"Sejumlah warga %[2]s yang ditemui memberikan tanggapan beragam.",
		"Keputusan akhir diharapkan keluar pekan depan, menurut keterangan tertulis.",
		"Data terakhir menunjukkan %[3]d keluhan masuk sejak awal tahun.",
	},
}, {
	subjects: []string{"Trade ministry", "City hall", "Regional bank", "Budget airline", "Power utility",
		"State prosecutor", "Food agency", "Rail operator", "Town council", "Fishing cooperative"},
	places:  []string{"Perth", "Lagos", "Accra", "Oslo", "Hanoi", "Dhaka", "Quito", "Cork"},
	objects: []string{"parking fees", "sand mining permits", "fertiliser quotas", "toll road project", "ticket prices", "scholarship scheme", "entertainment tax", "welfare payments"},
	verbs: [][2]string{{"raises", "hikes"}, {"cancels", "scraps"}, {"approves", "backs"}, {"delays", "postpones"},
		{"freezes", "halts"}, {"expands", "extends"}, {"rejects", "blocks"}, {"announces", "unveils"}},
	qualifiers: []string{"", "", "after long meeting", "amid residents' protests", "ahead of year end", "after audit", "for %d villages", "by %d percent"},
	prefixes:   []string{"", "Update: ", "Breaking: "},
	suffixes:   []string{"", " - report", " (updated)"},
	in:         " in ",
	lead:       "%s %s its %s, a decision said to reach every household in %s.",
	sentences: []string{
		"A spokesperson said the changes to the %[1]s would take effect next month.",
		"Officials in %[2]s estimate that about %[3]d residents are affected.",
		"Analysts said the policy on the %[1]s should have been discussed with businesses.",
		"We will monitor the rollout closely, an official told reporters.",
		"This year's budget for the %[1]s reaches %[3]d million.",
		"Residents of %[2]s interviewed by reporters gave a mixed reception.",
		"A final decision is expected next week, according to a written statement.",
		"The latest data show %[3]d complaints since the start of the year.",
	},
}}

// templateStory is one story of the generated day.
type templateStory struct {
	lang                         *templateLang
	subject, place, object, qual string
	verb                         int
	sentences                    []string // the text's sentences after the lead
}

func newTemplateStory(rng *rand.Rand) *templateStory {
	L := &templateLangs[rng.IntN(len(templateLangs))]
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	s := &templateStory{lang: L, subject: pick(L.subjects), object: pick(L.objects), verb: rng.IntN(len(L.verbs))}
	if rng.IntN(10) < 7 {
		s.place = pick(L.places)
	}
	if s.qual = pick(L.qualifiers); strings.Contains(s.qual, "%d") {
		s.qual = fmt.Sprintf(s.qual, 2+rng.IntN(900))
	}
	where := s.place
	if where == "" {
		where = pick(L.places)
	}
	for _, i := range rng.Perm(len(L.sentences))[:5] {
		s.sentences = append(s.sentences, fmt.Sprintf(L.sentences[i], s.object, where, 100+rng.IntN(90000)))
	}
	return s
}

// item writes the story as one outlet does: without reword the story as
// it is; with it, headline and text reworded (rng chooses how).
func (s *templateStory) item(rng *rand.Rand, reword bool) (title, text string) {
	L := s.lang
	head := s.subject
	if s.place != "" {
		head += L.in + s.place
	}
	verb := L.verbs[s.verb][0]
	sents := append([]string(nil), s.sentences...)
	prefix, suffix := "", ""
	if reword {
		if rng.IntN(4) != 0 {
			verb = L.verbs[s.verb][1]
		}
		prefix, suffix = L.prefixes[rng.IntN(len(L.prefixes))], L.suffixes[rng.IntN(len(L.suffixes))]
		drop := rng.IntN(len(sents))
		sents = append(sents[:drop], sents[drop+1:]...)
		a, b := rng.IntN(len(sents)), rng.IntN(len(sents))
		sents[a], sents[b] = sents[b], sents[a]
	}
	title = prefix + strings.TrimSpace(head+" "+verb+" "+s.object+" "+s.qual) + suffix
	where := s.place
	if where == "" {
		where = "the region"
	}
	lead := fmt.Sprintf(L.lead, s.subject, L.verbs[s.verb][0], s.object, where)
	return title, lead + " " + strings.Join(sents, " ")
}

// templateDay generates n articles over a day in publication order and
// the story of each.
func templateDay(seed uint64, n int) ([]*article.Article, map[string]string) {
	rng := rand.New(rand.NewPCG(seed, 7))
	start := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	var arts []*article.Article
	gold := map[string]string{}
	for story := 0; len(arts) < n; story++ {
		s := newTemplateStory(rng)
		copies := 1
		if rng.IntN(10) == 0 {
			copies = 2 + rng.IntN(3)
		}
		at := start.Add(time.Duration(len(arts)) * 24 * time.Hour / time.Duration(n))
		for c := range copies {
			title, text := s.item(rng, c > 0)
			a := art(hexID(len(arts)), title, text, at.Add(time.Duration(c)*40*time.Minute))
			a.Published = a.FirstSeen
			gold[a.ID] = fmt.Sprint(story)
			arts = append(arts, a)
		}
	}
	return arts, gold
}

// Reported on a loopback fixture of such news: 7,705 articles became
// 6,223 stories where about 7,460 were true (pairwise precision 0.14),
// freezes joined to approves, one decision in two towns joined. Before the
// action guard and the guards on long texts alike short of a copy, the two
// seeds here gave precision 0.18 and 0.21 (recall 0.92, 0.94); with them
// 0.50 and 0.51 (recall 0.76, 0.84); with names compared as a set of
// fingerprints, exact in the title and first sentence (review 14), 0.53
// and 0.53 (recall 0.76, 0.82). What still joins: one decision with
// a town named in one headline only, or told with another circumstance
// ("after audit" / "after long meeting"), which the guards read as one.
func TestTemplateDayStories(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		arts, gold := templateDay(seed, 1500)
		ix := NewIndex(Options{})
		pred := map[string]string{}
		for _, a := range arts {
			ix.Assign(a)
			pred[a.ID] = a.StoryID
		}
		p, r, tp, fp, fn := pairScore(gold, pred)
		t.Logf("seed %d: %d articles: pairwise P %.3f R %.3f (tp %d fp %d fn %d)", seed, len(arts), p, r, tp, fp, fn)
		if p < 0.45 || r < 0.7 {
			t.Errorf("seed %d: pairwise precision %.3f, recall %.3f; want ≥ 0.45 and ≥ 0.7", seed, p, r)
		}
	}
}
