package dedupe

import (
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/fixtures"
)

// Each guard that keeps two headlines of one topic apart is named as what
// parted the newcomer from the story it came nearest to.
func TestNearestNamesTheGuard(t *testing.T) {
	for _, c := range []struct {
		first, second string
		at            time.Duration
		apart         string
	}{
		{"Israel Serang Kamp Pengungsi Jabalia, Puluhan Warga Tewas", "Israel Serang Kamp Pengungsi Nuseirat, Puluhan Warga Tewas", 3 * time.Hour, guardPlace.String()},
		{"Erdogan: Serangan Israel ke Gaza Adalah Kejahatan Perang", "Macron: Serangan Israel ke Gaza Harus Dihentikan", time.Hour, guardSpeaker.String()},
		{"Demokrat Tolak Hak Angket Kasus Korupsi Bansos", "PKS Tolak Hak Angket Kasus Korupsi Bansos", 2 * time.Hour, guardSubject.String()},
		{"Jokowi Janji Harga Beras di Pasar Induk Cipinang Turun Pekan Depan", "Jokowi Minta Harga Beras di Pasar Induk Cipinang Turun Pekan Depan", 2 * time.Hour, guardSaying.String()},
		{"Pelindo Kupang membekukan izin smelter nikel", "Pelindo Kupang menyetujui izin smelter nikel", time.Hour, guardAction.String()},
		{"Korban Tewas Gempa Cianjur Jadi 268 Orang", "Korban Tewas Gempa Cianjur Bertambah Jadi 310 Orang", 26 * time.Hour, guardNumber.String()},
		{"Tim SAR Temukan Jenazah Pendaki di Dekat Puncak Rinjani", "Tim SAR Temukan 2 Jenazah Pendaki di Dekat Puncak Rinjani", 9 * time.Hour, guardLaterNumber.String()},
		{"Palestina Diakui Spanyol, Irlandia dan Norwegia", "Palestina Diakui Slovenia, Malta dan Belgia", 2 * time.Hour, guardList.String()},
	} {
		ix := NewIndex(Options{Actors: regionActors{}})
		arts := assignHeadlines(t, ix, []timedHeadline{{c.first, 0}, {c.second, c.at}})
		second := arts[1]
		if second.StoryID != second.ID {
			t.Fatalf("%q joined %s: the case no longer parts them", c.second, second.StoryID)
		}
		n, ok := ix.Nearest(second)
		if !ok || n.ArticleID != arts[0].ID || n.StoryID != arts[0].ID {
			t.Errorf("%q: nearest %+v, %v; want %s", c.second, n, ok, arts[0].ID)
			continue
		}
		if want := c.apart; n.Apart != want {
			t.Errorf("%q: apart %q, want %q", c.second, n.Apart, want)
		}
		if n.Share <= 0 || n.Share > 1 || n.Bar < DefaultEventThreshold || len(n.Shared) == 0 || n.Hours != c.at.Hours() {
			t.Errorf("%q: nearest %+v", c.second, n)
		}
	}
}

// A paraphrase under a stricter bar leads its own story; Nearest gives
// the share it reached and the bar it missed, and for an article not yet
// indexed that would join, no reason at all.
func TestNearestUnderTheBar(t *testing.T) {
	pair := []timedHeadline{
		{"Banjir Bandang Terjang Garut, Ratusan Rumah Terendam", 0},
		{"Ratusan Rumah di Garut Terendam Banjir Bandang", 2 * time.Hour},
	}
	strict := NewIndex(Options{EventThreshold: 0.99})
	arts := assignHeadlines(t, strict, pair)
	if arts[1].StoryID != arts[1].ID {
		t.Fatalf("joined under a bar of 0.99: %+v", arts[1].StoryMatch)
	}
	n, ok := strict.Nearest(arts[1])
	if !ok || n.StoryID != arts[0].ID || n.Bar != 0.99 || n.Share >= 0.99 || n.Share < DefaultEventThreshold ||
		!strings.Contains(n.Apart, "under the bar 0.990") {
		t.Errorf("nearest %+v, %v", n, ok)
	}

	// At the default bar the same newcomer, asked before it is assigned,
	// would join: no reason, the story it joins, and asking changed
	// nothing in the index.
	ix := NewIndex(Options{})
	first := assignHeadlines(t, ix, pair[:1])[0]
	before := ix.Len()
	next := &article.Article{ID: hexID(1), Title: pair[1].title, Published: t0.Add(pair[1].at), FirstSeen: first.FirstSeen}
	n, ok = ix.Nearest(next)
	if !ok || n.Apart != "" || n.StoryID != first.ID || n.Share < n.Bar {
		t.Errorf("before joining: nearest %+v, %v", n, ok)
	}
	if ix.Len() != before {
		t.Errorf("Nearest indexed the article: %d, then %d", before, ix.Len())
	}
	ix.Assign(next)
	if next.StoryID != first.ID || next.StoryMatch.Similarity != n.Share {
		t.Errorf("joined %s at %v, Nearest said %s at %v", next.StoryID, next.StoryMatch.Similarity, n.StoryID, n.Share)
	}
}

// A question is its own story, and says so; a headline sharing nothing
// has no nearest story.
func TestNearestOwnAndNone(t *testing.T) {
	ix := NewIndex(Options{})
	arts := assignHeadlines(t, ix, []timedHeadline{
		{"MUI Haramkan Produk Pendukung Agresi Israel di Gaza", 0},
		{"Haramkan Produk Pendukung Agresi Israel? MUI Jelaskan Fatwa Gaza", time.Hour},
		{"Pesawat Latih Jatuh di Perairan Bali", 2 * time.Hour},
	})
	if n, ok := ix.Nearest(arts[1]); !ok || n.Apart != Own || n.StoryID != "" {
		t.Errorf("question: %+v, %v", n, ok)
	}
	if n, ok := ix.Nearest(arts[2]); ok {
		t.Errorf("a headline sharing nothing: %+v", n)
	}
	// A question sharing more than a report does is not the nearest
	// story while the report shares anything.
	strict := NewIndex(Options{EventThreshold: 0.99})
	garut := assignHeadlines(t, strict, []timedHeadline{
		{"Mengapa Banjir Bandang Garut Bisa Rendam Ratusan Rumah?", 0},
		{"Banjir Bandang Terjang Garut", time.Hour},
		{"Ratusan Rumah di Garut Terendam Banjir Bandang", 2 * time.Hour},
	})
	if n, ok := strict.Nearest(garut[2]); !ok || n.StoryID != garut[1].ID || !strings.Contains(n.Apart, "under the bar") {
		t.Errorf("report beside a question: nearest %+v, %v; want the report %s", n, ok, garut[1].ID)
	}
	if n, ok := NewIndex(Options{EventThreshold: -1}).Nearest(arts[0]); ok {
		t.Errorf("event signatures off: %+v", n)
	}
}

// Over a real day, Nearest agrees with Assign: an article asked before it
// is assigned that Nearest says would join (no reason) joins that story by
// its event signature, and one Assign makes a lead is given a reason or
// no nearest story. Asking changes no assignment.
func TestNearestAgreesWithAssign(t *testing.T) {
	day := storyDayOf(t, fixtures.FullDayDesignDir, "headlines-2026-03-27.labels.jsonl")
	arts, _ := loadFixtureDay(t, day, false)
	plain := NewIndex(Options{})
	asked := NewIndex(Options{})
	var joins, leadsApart, leadsNone int
	for _, a := range arts {
		b := *a
		plain.Assign(a)
		n, ok := asked.Nearest(&b)
		asked.Assign(&b)
		if b.StoryID != a.StoryID || b.StoryMatch != a.StoryMatch {
			t.Fatalf("%q: asking Nearest changed its story: %s %+v, without asking %s %+v", a.Title, b.StoryID, b.StoryMatch, a.StoryID, a.StoryMatch)
		}
		byEvent := strings.HasPrefix(a.StoryMatch.Method, EventMethod)
		switch {
		case ok && n.Apart == "":
			joins++
			if !byEvent || n.StoryID != a.StoryID {
				t.Errorf("%q: Nearest says it joins %s (%+v); Assign: %s %+v", a.Title, n.StoryID, n, a.StoryID, a.StoryMatch)
			}
		case a.StoryID == a.ID && ok:
			leadsApart++
		case a.StoryID == a.ID:
			leadsNone++
		}
	}
	t.Logf("%d articles: %d joins foretold, %d leads with a reason, %d with no nearest story", len(arts), joins, leadsApart, leadsNone)
	if joins == 0 || leadsApart == 0 {
		t.Errorf("the day exercised too little: %d joins, %d leads with a reason", joins, leadsApart)
	}
}

// A nearest story is listed beside an article's own (Related) from three
// quarters of the bar, whatever else keeps them apart, but never when two
// reports from one template are two events, and never without a story.
func TestNearestRelated(t *testing.T) {
	for _, c := range []struct {
		n    Nearest
		want bool
	}{
		{Nearest{StoryID: "s", Share: 0.45, Bar: 0.6, Apart: "their share 0.450 is under the bar 0.600"}, true},
		{Nearest{StoryID: "s", Share: 0.44, Bar: 0.6, Apart: "their share 0.440 is under the bar 0.600"}, false},
		{Nearest{StoryID: "s", Share: 0.57, Bar: 0.75, Apart: "each gives a number the other lacks"}, true},
		{Nearest{StoryID: "s", Share: 0.5, Bar: 0.75}, false},
		{Nearest{StoryID: "s", Share: 0.7, Bar: 0.6}, true},
		{Nearest{StoryID: "s", Share: 0.9, Bar: 0.6, Apart: CopyRefused}, false},
		{Nearest{Apart: Own}, false},
	} {
		if got := c.n.Related(); got != c.want {
			t.Errorf("%+v: Related() = %v, want %v", c.n, got, c.want)
		}
	}
}
