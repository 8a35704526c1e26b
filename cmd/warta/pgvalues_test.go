package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/pgtest"
)

// A value PostgreSQL cannot store in a text column or its indexes (NUL in
// a JSON Feed item's id, a link longer than a btree index row, a
// validator that is not UTF-8) must neither fail the other sources of
// the batch nor be stored differently by the two drivers (review 12: F1,
// F5, F6).
func TestHostileValuesStoredAlikeByBothDrivers(t *testing.T) {
	nulID := []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[
 {"id":"a\u0000b","url":"https://news.test/a","title":"Presiden bertemu menteri luar negeri di Jakarta","content_text":"Kedua negara sepakat memperkuat kerja sama.","date_published":"2026-11-30T10:00:00Z"},
 {"id":"\u0000","url":"https://news.test/c","title":"Harga beras naik di pasar induk","content_text":"Pedagang mengeluh.","date_published":"2026-11-30T10:00:00Z"}]}`)
	// 3,400 bytes of link no compression shortens (PostgreSQL's btree
	// rows hold 2,704), below normalize's old 4 KiB cap.
	var long strings.Builder
	long.WriteString("https://news.test/long?x=")
	sum := sha256.Sum256([]byte("seed"))
	for range 53 {
		long.WriteString(hex.EncodeToString(sum[:]))
		sum = sha256.Sum256(sum[:])
	}
	longLink := []byte(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>x</title>
<item><title>Harga cabai melonjak menjelang akhir tahun</title><link>` + long.String() + `</link><description>Petani senang.</description></item>
</channel></rss>`)
	plain := []byte(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>x</title>
<item><title>Gempa kecil mengguncang Sukabumi</title><link>https://etag.test/ok</link><description>Tidak ada korban.</description></item>
</channel></rss>`)
	good := []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"y","items":[
 {"id":"ok-1","url":"https://other.test/ok-1","title":"Banjir melanda kota Bandung pagi ini","content_text":"Warga mengungsi ke tempat aman.","date_published":"2026-11-30T10:00:00Z"}]}`)
	type stored struct{ ID, URL, Link, Source string }
	byDriver := map[string][]stored{}
	for _, driver := range []string{"sqlite", "postgres"} {
		t.Run(driver, func(t *testing.T) {
			site := newNewsSite(t)
			site.serve("/nul.json", "application/feed+json", nulID)
			site.serve("/long.rss", "application/rss+xml; charset=utf-8", longLink)
			site.handle("/etag.rss", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("ETag", "\"caf\xe9\"")
				w.Header().Set("Last-Modified", "Mon, 30 Nov 2026 10:00:00 GMT\xff")
				w.Header().Set("Content-Type", "application/rss+xml")
				w.Write(plain)
			})
			site.serve("/good.json", "application/feed+json", good)
			extra := map[string]any{}
			if driver == "postgres" {
				extra["storage"] = map[string]any{"driver": "postgres", "dsn": pgtest.DSN(t)}
			}
			cfg := writeConfig(t, t.TempDir(), []testSource{
				{Name: "Nul", URL: site.URL + "/nul.json", Language: "id"},
				{Name: "Long", URL: site.URL + "/long.rss", Language: "id"},
				{Name: "Etag", URL: site.URL + "/etag.rss", Language: "id"},
				{Name: "Good", URL: site.URL + "/good.json", Language: "id"},
			}, extra)
			for run := range 2 { // the second run sends the validators back
				if code, _, errOut := warta(t, context.Background(), "", "-config", cfg, "once"); code != 0 {
					t.Fatalf("run %d: exit %d\n%s", run, code, errOut)
				}
			}
			var got []stored
			for _, r := range exported(t, cfg) {
				got = append(got, stored{r.ID, r.URL, r.Link, r.Source})
			}
			slices.SortFunc(got, func(a, b stored) int { return strings.Compare(a.ID, b.ID) })
			if len(got) != 5 {
				t.Fatalf("stored %d articles, want 5", len(got))
			}
			byDriver[driver] = got
		})
	}
	if s, p := byDriver["sqlite"], byDriver["postgres"]; s != nil && p != nil && !slices.Equal(s, p) {
		t.Errorf("the drivers stored different articles:\nsqlite   %.300q\npostgres %.300q", fmt.Sprint(s), fmt.Sprint(p))
	}
}
