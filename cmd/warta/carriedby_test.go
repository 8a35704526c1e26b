package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/warta-news/warta/internal/pgtest"
)

// Review 23, finding 5: ?source=<name> gives the stories a configured
// source carried, and /status counts them: a source renamed in the config
// (same URL) carries the linked items its old name stored, and so does a
// second source listing the same links; the old name, no longer
// configured, is unknown (404), as a typo is. On both drivers.
func TestSourceViewsFollowEverySourceThatCarried(t *testing.T) {
	for _, driver := range []string{"sqlite", "postgres"} {
		t.Run(driver, func(t *testing.T) {
			site := newNewsSite(t)
			items := []rssItem{
				{Title: "Jembatan gantung baru menghubungkan dua desa", Link: site.URL + "/news/jembatan",
					Description: "<p>Warga tidak lagi memutar sejauh sepuluh kilometer.</p>"},
				{Title: "Pasar tradisional direnovasi menjelang akhir tahun", Link: site.URL + "/news/pasar",
					Description: "<p>Para pedagang pindah sementara ke lapangan.</p>"},
			}
			// The renamed source's feed no longer lists the oldest item its
			// earlier name stored: the rename is followed all the same.
			oldest := rssItem{Title: "Banjir surut di kawasan pesisir utara", Link: site.URL + "/news/banjir",
				Description: "<p>Warga mulai membersihkan rumah mereka.</p>"}
			var renamed atomic.Bool
			site.handle("/lama.xml", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/rss+xml")
				if renamed.Load() {
					w.Write(rss("Lama", items))
					return
				}
				w.Write(rss("Lama", append([]rssItem{oldest}, items...)))
			})
			site.serve("/cermin.xml", "application/rss+xml", rss("Cermin", items))
			dir := t.TempDir()
			addr := freeAddr(t)
			extra := map[string]any{"server": map[string]any{"listen": addr, "base_url": "http://" + addr}, "schedule": "@every 1h"}
			if driver == "postgres" {
				extra["storage"] = map[string]any{"driver": "postgres", "dsn": pgtest.DSN(t)}
			}
			mustWarta(t, "-config", writeConfig(t, dir, []testSource{{Name: "Lama", URL: site.URL + "/lama.xml", Language: "id"}}, extra), "once")
			renamed.Store(true)
			cfg := writeConfig(t, dir, []testSource{
				{Name: "Baru", URL: site.URL + "/lama.xml", Language: "id"},
				{Name: "Cermin", URL: site.URL + "/cermin.xml", Language: "id"},
			}, extra)
			mustWarta(t, "-config", cfg, "once")

			_, log := startDaemon(t, cfg)
			base := "http://" + addr
			eventually(t, "/status.json", log, func() bool { code, _ := get(base + "/status.json"); return code == http.StatusOK })
			for _, name := range []string{"Baru", "Cermin", "baru"} {
				code, body := get(base + "/feeds/all.json?source=" + name)
				if code != http.StatusOK || !strings.Contains(body, "/news/jembatan") || !strings.Contains(body, "/news/pasar") {
					t.Errorf("?source=%s: %d, want both stories:\n%s", name, code, body)
				}
				if carried := strings.Contains(body, "/news/banjir"); carried != (name != "Cermin") {
					t.Errorf("?source=%s carries the item only Lama listed: %v", name, carried)
				}
			}
			if code, body := get(base + "/feeds/all.json?source=Lama"); code != http.StatusNotFound {
				t.Errorf("?source=Lama (no longer configured): %d, want 404:\n%s", code, body)
			}
			if code, body := get(base + "/feeds/all.json?q=source:Cermin"); code != http.StatusOK || !strings.Contains(body, "/news/pasar") {
				t.Errorf("?q=source:Cermin: %d, want the stories:\n%s", code, body)
			}
			_, body := get(base + "/status.json")
			var st struct {
				Sources []struct {
					Name     string
					Articles *int
				}
			}
			if err := json.Unmarshal([]byte(body), &st); err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, s := range st.Sources {
				if s.Articles != nil {
					got[s.Name] = *s.Articles
				}
			}
			if got["Baru"] != 3 || got["Cermin"] != 2 {
				t.Errorf("/status.json articles %v, want Baru 3 and Cermin 2", got)
			}
		})
	}
}
