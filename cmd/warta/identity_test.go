package main

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/sqlite"
)

// changingFeed serves at path the items set last, as RSS.
type changingFeed struct {
	mu    sync.Mutex
	items []rssItem
}

func (f *changingFeed) set(items ...rssItem) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.items = items
}

func (f *changingFeed) serve(w http.ResponseWriter, _ *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w.Header().Set("Content-Type", "application/rss+xml")
	w.Write(rss("Buletin", f.items))
}

// changingSource is a news site serving one changing feed at /<name>.xml
// and a config with that feed as source name, in a test directory; it
// returns the feed, the site's URL, the directory and the config path.
func changingSource(t *testing.T, name string) (feed *changingFeed, siteURL, dir, cfg string) {
	t.Helper()
	site := newNewsSite(t)
	feed = &changingFeed{}
	site.handle("/"+strings.ToLower(name)+".xml", feed.serve)
	dir = t.TempDir()
	cfg = writeConfig(t, dir, []testSource{{Name: name, URL: site.URL + "/" + strings.ToLower(name) + ".xml", Language: "id"}}, nil)
	return feed, site.URL, dir, cfg
}

// storedTitles is the sorted titles `warta export` gives.
func storedTitles(t *testing.T, cfg string) []string {
	t.Helper()
	var out []string
	for _, r := range exported(t, cfg) {
		out = append(out, r.Title)
	}
	sort.Strings(out)
	return out
}

func wantTitles(t *testing.T, when string, got []string, want ...string) {
	t.Helper()
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s: stored %q, want %q", when, got, want)
	}
}

// An item with no link that reuses a GUID is another story: it is stored
// beside the first, and neither is stored twice when fetched again.
func TestReusedGUIDWithoutLinkIsStored(t *testing.T) {
	feed, _, _, cfg := changingSource(t, "Buletin")
	a := rssItem{GUID: "1", Title: "Gubernur meresmikan jembatan baru", Description: "<p>Jembatan di atas sungai dibuka untuk umum pagi ini.</p>"}
	b := rssItem{GUID: "1", Title: "Harga cabai turun di pasar induk", Description: "<p>Pedagang menyebut pasokan dari petani melimpah pekan ini.</p>"}
	feed.set(a)
	mustWarta(t, "-config", cfg, "once")
	feed.set(b)
	mustWarta(t, "-config", cfg, "once")
	feed.set(b, a)
	mustWarta(t, "-config", cfg, "once")
	wantTitles(t, "after A, B, then both", storedTitles(t, cfg), a.Title, b.Title)
}

// Items that all link to one page (the site's home page) with their own
// GUIDs and titles are three stories, stored without that URL; an item
// linking to the channel's own link has no URL of its own either.
func TestItemsSharingOneLinkAreAllStored(t *testing.T) {
	feed, siteURL, _, cfg := changingSource(t, "Beranda")
	home := siteURL + "/"
	items := []rssItem{
		{GUID: "a1", Link: home, Title: "Banjir merendam tiga desa", Description: "<p>Warga mengungsi ke balai desa.</p>"},
		{GUID: "a2", Link: home, Title: "Pemilihan kepala desa ditunda", Description: "<p>Panitia menunggu keputusan bupati.</p>"},
		{GUID: "a3", Link: home, Title: "Sekolah baru dibuka di pesisir", Description: "<p>Murid tidak lagi menyeberang laut.</p>"},
		// rss() gives the channel the link https://news.example/.
		{GUID: "a4", Link: "https://news.example/", Title: "Pasar malam kembali digelar", Description: "<p>Pedagang kecil menyambut baik.</p>"},
	}
	feed.set(items...)
	mustWarta(t, "-config", cfg, "once")
	mustWarta(t, "-config", cfg, "once")
	recs := exported(t, cfg)
	var titles []string
	for _, r := range recs {
		titles = append(titles, r.Title)
		if r.URL != "" {
			t.Errorf("%q stored with the shared URL %q", r.Title, r.URL)
		}
	}
	wantTitles(t, "four items sharing links", titles, items[0].Title, items[1].Title, items[2].Title, items[3].Title)
}

// A store written by builds that identified link-less items by their GUID
// alone, and items sharing one link by that link: upgrading stores none of
// them again, and a new story reusing the GUID or the link is still new.
func TestUpgradeKeepsArticlesStoredByTheGUIDOrLinkRule(t *testing.T) {
	ctx := context.Background()
	feed, siteURL, dir, cfg := changingSource(t, "Lama")
	home := siteURL + "/"
	noLink := rssItem{GUID: "7", Title: "Nelayan pulang membawa tangkapan besar", Description: "<p>Cuaca cerah sepekan terakhir.</p>"}
	homeLink := rssItem{GUID: "h1", Link: home, Title: "Festival budaya dibuka wali kota", Description: "<p>Ribuan warga hadir di alun-alun.</p>"}

	// What the old rule stored: the link-less item under "guid:Lama:7",
	// the home-page item under its URL.
	now := time.Now().UTC()
	n := normalize.New(normalize.Caps{})
	var old []*article.Article
	for _, it := range []rssItem{noLink, homeLink} {
		a := &article.Article{GUID: it.GUID, Link: it.Link, Title: it.Title, Summary: it.Description, Content: it.Description, Language: "id"}
		if err := n.Article(a, normalize.Options{Now: now, SourceName: "Lama"}); err != nil {
			t.Fatal(err)
		}
		if it.Link == "" {
			a.URL, a.ID = "", article.IDFromURL("guid:Lama:"+it.GUID)
		} else {
			canon, err := normalize.CanonicalURL(it.Link, "")
			if err != nil {
				t.Fatal(err)
			}
			a.URL, a.ID = canon, article.IDFromURL(normalize.IdentityKey(canon))
		}
		old = append(old, a)
	}
	s, err := sqlite.Open(ctx, filepath.Join(dir, "warta.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveSource(ctx, "Lama", store.FetchState{}, old); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	reusedGUID := rssItem{GUID: "7", Title: "Dermaga baru selesai dibangun", Description: "<p>Kapal kini bisa bersandar saat surut.</p>"}
	sharedLink := rssItem{GUID: "h2", Link: home, Title: "Lomba perahu hias meriahkan pantai", Description: "<p>Peserta datang dari lima kecamatan.</p>"}
	feed.set(noLink, homeLink)
	if out := mustWarta(t, "-config", cfg, "once"); !strings.Contains(out, "new articles 0") {
		t.Errorf("the stored items fetched again after the upgrade:\n%s", out)
	}
	feed.set(reusedGUID, noLink, homeLink, sharedLink)
	mustWarta(t, "-config", cfg, "once")
	mustWarta(t, "-config", cfg, "once")
	wantTitles(t, "after the upgrade", storedTitles(t, cfg), noLink.Title, homeLink.Title, reusedGUID.Title, sharedLink.Title)
}

// A feed with more items than fetch.max_items: a cycle stores its newest,
// whatever the feed's order, and warns naming the source.
func TestFeedItemsCappedNewestFirst(t *testing.T) {
	site := newNewsSite(t)
	const total, kept = 300, 40
	base := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	var items []rssItem
	for i := range total {
		// Oldest first, as some archives list them.
		items = append(items, rssItem{
			Title:       fmt.Sprintf("Kabar daerah nomor %d", i),
			Link:        fmt.Sprintf("%s/kabar/%d", site.URL, i),
			Description: fmt.Sprintf("<p>Laporan nomor %d tentang jalan, pasar dan sekolah di kabupaten %d.</p>", i, i),
			PubDate:     base.Add(time.Duration(i) * time.Minute).Format(time.RFC1123Z),
		})
	}
	site.serve("/banyak.xml", "application/rss+xml", rss("Banyak", items))
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "Banyak", URL: site.URL + "/banyak.xml", Language: "id"}}, map[string]any{
		"fetch": map[string]any{"timeout": "5s", "connect_timeout": "2s", "concurrency": 4, "per_host": 2, "max_items": kept},
	})
	code, out, errOut := warta(t, context.Background(), "", "-config", cfg, "once")
	if code != 0 {
		t.Fatalf("warta once: exit %d\n%s", code, errOut)
	}
	if !strings.Contains(errOut, "level=WARN") || !strings.Contains(errOut, "source=Banyak") || !strings.Contains(errOut, "max_items") {
		t.Errorf("no warning naming the source:\n%s", errOut)
	}
	recs := exported(t, cfg)
	if len(recs) != kept {
		t.Fatalf("stored %d articles, want %d\n%s", len(recs), kept, out)
	}
	for _, r := range recs {
		var n int
		if _, err := fmt.Sscanf(r.Title, "Kabar daerah nomor %d", &n); err != nil || n < total-kept {
			t.Errorf("stored %q, not one of the %d newest", r.Title, kept)
		}
	}
}

// An item is stored once, under its URL when it has one of its own,
// however the other items sharing its link come and go: the review's
// sequence (two GUIDs for one article, then two stories on one link, then
// the second of each rolling out and back), and a lone item joined by a
// second story on its link.
func TestItemStoredOnceAsItsLinkIsSharedAndFreed(t *testing.T) {
	feed, siteURL, _, cfg := changingSource(t, "Silih")
	e1 := rssItem{GUID: "e1", Link: siteURL + "/epsilon", Title: "Epsilon: waduk baru mengairi sawah", Description: "<p>Petani menanam dua kali setahun.</p>"}
	e2 := e1
	e2.GUID = "e2"
	gamma := rssItem{GUID: "g", Link: siteURL + "/rubrik", Title: "Gamma: kereta bandara menambah jadwal", Description: "<p>Perjalanan kini tiap lima belas menit.</p>"}
	delta := rssItem{GUID: "d", Link: siteURL + "/rubrik", Title: "Delta: pelabuhan ikan diperluas", Description: "<p>Kapal besar bisa bersandar.</p>"}
	zeta := rssItem{GUID: "z", Link: siteURL + "/zeta", Title: "Zeta: perpustakaan keliling tiba di desa", Description: "<p>Anak-anak meminjam buku.</p>"}
	eta := rssItem{GUID: "h", Link: siteURL + "/zeta", Title: "Eta: jalan desa diaspal", Description: "<p>Warga bergotong royong.</p>"}

	steps := []struct {
		name  string
		items []rssItem
		new   int
	}{
		{"first fetch", []rssItem{e1, e2, gamma, delta, zeta}, 4},
		{"e2 and Delta rolled out, Eta shares Zeta's link", []rssItem{e1, gamma, zeta, eta}, 1},
		{"all back", []rssItem{e1, e2, gamma, delta, zeta, eta}, 0},
		{"Eta rolled out", []rssItem{e1, e2, gamma, delta, zeta}, 0},
		{"only the first of each", []rssItem{e1, gamma, zeta}, 0},
	}
	for _, st := range steps {
		feed.set(st.items...)
		out := mustWarta(t, "-config", cfg, "once")
		if want := fmt.Sprintf("new articles %d", st.new); !strings.Contains(out, want) {
			t.Errorf("%s: want %q:\n%s", st.name, want, out)
		}
	}
	recs := exported(t, cfg)
	var titles []string
	for _, r := range recs {
		titles = append(titles, r.Title)
		if r.Title == e1.Title && r.URL != e1.Link {
			t.Errorf("%q stored with URL %q, want its own link %q", r.Title, r.URL, e1.Link)
		}
	}
	wantTitles(t, "after the sequence", titles, e1.Title, gamma.Title, delta.Title, zeta.Title, eta.Title)
}
