package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/topic"
)

// windowEdgeItem is one item of the window-edge feeds, shown from round
// on, in source A's feed or (b) in source B's.
type windowEdgeItem struct {
	round       int
	b           bool
	title, text string
}

const merbabuText = "Tim SAR gabungan menemukan seorang pendaki asal Yogyakarta yang dilaporkan hilang selama tiga hari di jalur pendakian Gunung Merbabu dalam kondisi selamat. Kepala Kantor SAR Semarang mengatakan korban ditemukan di sekitar pos tiga dalam keadaan lemas karena kehabisan bekal. Korban kemudian dievakuasi ke basecamp dan dibawa ke puskesmas terdekat."

const merbabuHead = "Pendaki Asal Yogyakarta yang Hilang di Merbabu Ditemukan Selamat"

// windowEdgeStories runs a cycle at each of rounds over the items on a
// fresh store, with one pipeline kept from the first round (a daemon) or,
// from round restartAt on, one started afresh for each (a restart, `warta
// once`), and returns the story of the last item.
func windowEdgeStories(t *testing.T, items []windowEdgeItem, rounds []time.Time, restartAt int) string {
	t.Helper()
	var round atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>`)
		for i, it := range items {
			if it.round <= int(round.Load()) && it.b == (r.URL.Path == "/b") {
				fmt.Fprintf(&b, "<item><title>%s</title><link>https://a.example/%d</link><description>%s</description><pubDate>%s</pubDate></item>",
					it.title, i, it.text, rounds[it.round].Format(time.RFC1123Z))
			}
		}
		b.WriteString(`</channel></rss>`)
		w.Write([]byte(b.String()))
	}))
	defer srv.Close()
	sources := []config.Source{{Name: "A", URL: srv.URL + "/a", Language: "id"}, {Name: "B", URL: srv.URL + "/b", Language: "id"}}
	ctx := context.Background()
	st := newSQLiteStore(t)
	var p *Pipeline
	var now time.Time
	for k, at := range rounds {
		round.Store(int32(k))
		now = at
		if p == nil || k >= restartAt {
			p = newUnloadedPipeline(t, st, []topic.Spec{testWorld}, sources)
			p.now = func() time.Time { return now }
			start := p.Start
			if k < restartAt {
				start = p.Init
			}
			if err := start(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := p.RunCycle(ctx); err != nil {
			t.Fatal(err)
		}
	}
	url := fmt.Sprintf("https://a.example/%d", len(items)-1)
	story := ""
	err := st.Since(ctx, time.Time{}, func(a *article.Article) error {
		if a.URL == url {
			story = a.StoryID
		}
		return nil
	})
	if err != nil || story == "" {
		t.Fatalf("article %s not stored (%v)", url, err)
	}
	return story
}

// At the window's edge a daemon that kept its story index and a process
// that rebuilt it from the store at the cycle's start (a restart, `warta
// once`) decide a newcomer alike (review 14): the window counts whole
// minutes in both, and the index the daemon keeps is expired at the
// cycle's start, holding what a rebuilt one loads, when a story's older
// copies are just leaving the window. The texts are invented.
func TestWindowEdgeDaemonDecidesAsARebuiltIndex(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 8, 0, 10, 0, time.UTC)
	cycle := t0.Add(72*time.Hour + 5*time.Minute)
	var fill []windowEdgeItem
	for _, f := range []string{"Harga Cabai Rawit di Pasar Induk Naik Tajam", "DPR Setujui RUU Perampasan Aset", "Banjir Rendam Ratusan Rumah di Kabupaten Bekasi",
		"Timnas U-23 Kalahkan Vietnam di Laga Uji Coba", "Bank Indonesia Tahan Suku Bunga Acuan", "KPK Tetapkan Bupati Sebagai Tersangka Suap",
		"Kebakaran Gudang Plastik di Tangerang Padam", "Menkes Minta Warga Waspadai Lonjakan Kasus DBD", "Kereta Cepat Tambah Jadwal Perjalanan Akhir Pekan",
		"Gubernur Resmikan Jembatan Baru di Kalimantan Selatan", "Polisi Tangkap Pengedar Sabu di Pelabuhan", "Harga Beras Medium Turun di Sejumlah Daerah"} {
		fill = append(fill, windowEdgeItem{3, false, f, ""})
	}
	for _, c := range []struct {
		name   string
		rounds []time.Time
		items  []windowEdgeItem
	}{
		// A copy first seen 72h40s after its lead: in the window by
		// whole minutes, for the daemon and for the rebuilt index.
		{"minutes", []time.Time{t0, t0.Add(72*time.Hour + 40*time.Second)}, []windowEdgeItem{
			{0, false, "Gempa Magnitudo 6,2 Guncang Cianjur", merbabuText}, {1, true, "Gempa M 6,2 Guncang Cianjur", merbabuText}}},
		// A story's first copy leaves the window between the previous
		// cycle's end and this cycle's start.
		{"expiry", []time.Time{t0, t0.Add(3 * time.Minute), t0.Add(71 * time.Hour), cycle.Add(-2 * time.Hour), t0.Add(72*time.Hour + time.Minute), cycle},
			append(append([]windowEdgeItem{{0, false, merbabuHead, merbabuText}, {1, false, merbabuHead, merbabuText}, {2, false, merbabuHead, merbabuText}},
				fill...), windowEdgeItem{5, true, "VIDEO: " + merbabuHead, ""})},
	} {
		daemon := windowEdgeStories(t, c.items, c.rounds, len(c.rounds))
		rebuilt := windowEdgeStories(t, c.items, c.rounds, len(c.rounds)-1)
		if daemon != rebuilt {
			t.Errorf("%s: the daemon put the newcomer in story %s, a rebuilt index in %s", c.name, daemon, rebuilt)
		}
	}
}
