package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/internal/pgtest"
)

// nearestFeed is an Indonesian feed of headlines written for the test: a
// day of other news, and two strikes on two camps that the place guard
// keeps apart.
func nearestFeed(base string, now time.Time) []byte {
	titles := []string{
		"Harga Bawang Merah Turun di Pasar Kramat Jati",
		"Persib Tundukkan Bali United di Stadion Jalak Harupat",
		"Pemerintah Salurkan Bantuan Pangan Beras untuk Warga",
		"Gempa Magnitudo 5 Guncang Maluku Tenggara",
		"Kejagung Periksa Mantan Direktur BUMN Terkait Kredit",
		"Tiket Pesawat Mudik Lebaran Mulai Naik",
		"Rupiah Menguat Tipis terhadap Dolar AS Sore Ini",
		"Banjir Rendam Ratusan Rumah di Kabupaten Bekasi",
		"Israel Serang Kamp Pengungsi Jabalia, Puluhan Warga Tewas",
		"Israel Serang Kamp Pengungsi Nuseirat, Puluhan Warga Tewas",
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Kabar</title><language>id</language><link>` + base + `</link>`)
	for i, title := range titles {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s/berita/%d</link><pubDate>%s</pubDate></item>\n",
			title, base, i, now.Add(time.Duration(i-len(titles))*time.Hour).Format(time.RFC1123Z))
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

// `warta explain` says, of an article that leads its story, which story
// its headline came nearest to joining and what kept it out: for an
// item not yet stored (the nearest one of the same feed) and for the
// stored article after a cycle (on either store), in JSON and in text.
func TestExplainShowsTheNearestStoryAndTheGuard(t *testing.T) {
	for _, driver := range []string{"sqlite", "postgres"} {
		t.Run(driver, func(t *testing.T) { explainNearest(t, driver) })
	}
}

func explainNearest(t *testing.T, driver string) {
	site := newNewsSite(t)
	site.serve("/rss", "application/rss+xml", nearestFeed(site.URL, time.Now()))
	var extra map[string]any
	if driver == "postgres" {
		extra = map[string]any{"storage": map[string]any{"driver": "postgres", "dsn": pgtest.DSN(t)}}
	}
	cfg := writeConfig(t, t.TempDir(), []testSource{{Name: "Kabar", URL: site.URL + "/rss"}}, extra)
	jabalia, nuseirat := site.URL+"/berita/8", site.URL+"/berita/9"
	const apart = "each names a place the other lacks"

	check := func(when string, exs []explanation) {
		t.Helper()
		byURL := map[string]explanation{}
		for _, ex := range exs {
			byURL[ex.Article.URL] = ex
		}
		ex, ok := byURL[nuseirat]
		if !ok || ex.Story == nil {
			t.Fatalf("%s: no story explained for %s", when, nuseirat)
		}
		n := ex.Story.Nearest
		if ex.Story.ID != ex.Article.ID || n == nil {
			t.Fatalf("%s: story %s, nearest %+v; want a story of its own with its nearest", when, ex.Story.ID, n)
		}
		if n.Story != byURL[jabalia].Article.ID || n.Article == nil || n.Article.URL != jabalia || n.Apart != apart ||
			n.Share <= 0 || n.Bar <= 0 || len(n.Shared) == 0 {
			t.Errorf("%s: nearest %+v, want the Jabalia story kept apart by the place guard", when, n)
		}
	}
	check("not stored", jsonLines[explanation](t, mustWarta(t, "-config", cfg, "explain", "-json", site.URL+"/rss")))

	mustWarta(t, "-config", cfg, "once")
	exs := jsonLines[explanation](t, mustWarta(t, "-config", cfg, "explain", "-json", nuseirat))
	if len(exs) != 1 || !exs[0].Stored {
		t.Fatalf("explain of the stored article: %+v", exs)
	}
	exs = append(exs, jsonLines[explanation](t, mustWarta(t, "-config", cfg, "explain", "-json", jabalia))...)
	check("stored", exs)

	// The story as a whole names its article's nearest story too.
	views := jsonLines[storyView](t, mustWarta(t, "-config", cfg, "explain", "-story", "-json", nuseirat))
	if len(views) != 1 || len(views[0].Articles) != 1 {
		t.Fatalf("explain -story of the Nuseirat strike: %+v, want its story of one article", views)
	}
	if n := views[0].Articles[0].Nearest; n == nil || n.Story != exs[1].Article.ID || n.Apart != apart {
		t.Errorf("explain -story: nearest %+v, want the Jabalia story kept apart by the place guard", n)
	}

	text := mustWarta(t, "-config", cfg, "explain", nuseirat)
	for _, want := range []string{"leads its story", "nearest story " + exs[1].Article.ID, "Jabalia", "apart: " + apart} {
		if !strings.Contains(text, want) {
			t.Errorf("text explanation lacks %q:\n%s", want, text)
		}
	}
}
