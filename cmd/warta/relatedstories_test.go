package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/internal/pgtest"
)

// The page of a story lists the stories near it, as `warta explain` finds
// them in the daemon's story index: over Kabar's day (nearestFeed: two
// strikes on two camps that the place guard keeps apart) and two outlets'
// own words for one meeting, the Nuseirat strike's page lists the Jabalia
// strike and what keeps them apart, and each meeting's page the other's
// story, each linked to its page; a story with nothing near lists none.
func TestDaemonStoryPageListsTheStoriesNearIt(t *testing.T) {
	for _, driver := range []string{"sqlite", "postgres"} {
		t.Run(driver, func(t *testing.T) {
			now := time.Now()
			site := newNewsSite(t)
			site.serve("/rss", "application/rss+xml", nearestFeed(site.URL, now))
			meeting := func(outlet, title string, at time.Time) []byte {
				return []byte(fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>%[1]s</title><language>id</language><link>%[2]s</link>`+
					`<item><title>%[3]s</title><link>%[2]s/%[1]s/anwar</link><pubDate>%[4]s</pubDate></item></channel></rss>`,
					outlet, site.URL, title, at.Format(time.RFC1123Z)))
			}
			site.serve("/antara", "application/rss+xml", meeting("antara", "PM Malaysia Anwar Ibrahim Temui Prabowo di Istana, Bahas Konflik Timur Tengah", now.Add(-3*time.Hour)))
			site.serve("/warta", "application/rss+xml", meeting("warta", "Anwar Ibrahim Bertemu Prabowo, Sepakat Redakan Konflik di Timur Tengah", now.Add(-2*time.Hour)))
			addr := freeAddr(t)
			extra := map[string]any{
				"server":   map[string]any{"listen": addr, "base_url": "http://" + addr},
				"schedule": "@every 1h",
			}
			if driver == "postgres" {
				extra["storage"] = map[string]any{"driver": "postgres", "dsn": pgtest.DSN(t)}
			}
			cfg := writeConfig(t, t.TempDir(), []testSource{
				{Name: "Kabar", URL: site.URL + "/rss"}, {Name: "Antara", URL: site.URL + "/antara"}, {Name: "Warta", URL: site.URL + "/warta"},
			}, extra)
			d := runDaemon(context.Background(), cfg)
			defer d.cancel()
			base := "http://" + addr

			// The page of each article's story, from the stories' list.
			pageOf := map[string]string{}
			eventually(t, "twelve stories listed on /topics/all", d.log, func() bool {
				code, body := get(base + "/topics/all")
				if code != http.StatusOK {
					return false
				}
				clear(pageOf)
				for _, li := range elements(parseHTML(t, body), "li") {
					var url, page string
					for _, a := range elements(li, "a") {
						if attr(a, "class") == "story" {
							page = attr(a, "href")
						} else if url == "" {
							url = attr(a, "href")
						}
					}
					if url != "" && page != "" {
						pageOf[url] = page
					}
				}
				return len(pageOf) == 12
			})
			nuseirat, jabalia := site.URL+"/berita/9", site.URL+"/berita/8"
			antara, warta := site.URL+"/antara/anwar", site.URL+"/warta/anwar"
			if pageOf[antara] == pageOf[warta] {
				t.Fatalf("the two meetings are one story (%s): the test wants them apart but near", pageOf[antara])
			}
			related := func(url string) (items []string, pages []string) {
				t.Helper()
				code, body := get(pageOf[url])
				if code != http.StatusOK {
					t.Fatalf("GET %s: %d", pageOf[url], code)
				}
				section := byID(parseHTML(t, body), "related")
				for _, li := range elements(section, "li") {
					items = append(items, textOf(li))
					pages = append(pages, attr(elements(li, "a")[0], "href"))
				}
				return items, pages
			}
			checks := []struct{ url, near, from, why string }{
				{nuseirat, jabalia, "Israel Serang Kamp Pengungsi Nuseirat", "kept apart: each names a place the other lacks"},
				{warta, antara, "Anwar Ibrahim Bertemu Prabowo", "kept apart: their share"},
				{antara, warta, "PM Malaysia Anwar Ibrahim Temui Prabowo", "kept apart: their share"},
			}
			for _, c := range checks {
				items, pages := related(c.url)
				if len(items) != 1 || pages[0] != pageOf[c.near] || !strings.Contains(items[0], "near “ "+c.from) || !strings.Contains(items[0], c.why) {
					t.Errorf("the page of %s lists near it %q (%v); want the story of %s, near “%s…”, %s", c.url, items, pages, c.near, c.from, c.why)
				}
			}
			// A state is shared by the headline's name for it, not the
			// index's term.
			if items, _ := related(nuseirat); len(items) != 1 || !strings.Contains(items[0], "sharing israel, serang, kamp") {
				t.Errorf("the Nuseirat strike's page says what it shares as %q, want \"sharing israel, serang, kamp…\"", items)
			}
			if items, _ := related(site.URL + "/berita/0"); len(items) != 0 {
				t.Errorf("the onion prices' page lists near it %q, want nothing", items)
			}
			// The same as data, for each story's page.
			type relatedData struct {
				Related []struct {
					ID, Page, Apart string
					Shared          []string
				}
			}
			data := map[string]relatedData{}
			for _, c := range checks {
				code, body := get(pageOf[c.url] + ".json")
				var rd relatedData
				if err := json.Unmarshal([]byte(body), &rd); code != http.StatusOK || err != nil {
					t.Fatalf("GET %s.json: %d, %v", pageOf[c.url], code, err)
				}
				data[c.url] = rd
			}
			d.stop(t)

			// `warta explain` finds the same nearest stories, near enough to list,
			// and says so; and of a story with nothing near enough, nothing.
			for _, c := range checks {
				exs := jsonLines[explanation](t, mustWarta(t, "-config", cfg, "explain", "-json", c.url))
				if len(exs) != 1 || exs[0].Story == nil || exs[0].Story.Nearest == nil {
					t.Fatalf("explain %s: %+v", c.url, exs)
				}
				if n := exs[0].Story.Nearest; n.Article == nil || n.Article.URL != c.near || !strings.Contains("kept apart: "+n.Apart, c.why) || !n.Related {
					t.Errorf("explain %s: nearest %+v; the page says %s, %s", c.url, n, c.near, c.why)
				}
				n, rd := exs[0].Story.Nearest, data[c.url]
				if len(rd.Related) != 1 || rd.Related[0].ID != n.Story || rd.Related[0].Page != pageOf[c.near] || rd.Related[0].Apart != n.Apart ||
					!slices.Equal(rd.Related[0].Shared, n.Shared) {
					t.Errorf("%s.json lists near it %+v; explain's nearest %+v", pageOf[c.url], rd.Related, n)
				}
			}
			if text := mustWarta(t, "-config", cfg, "explain", nuseirat); !strings.Contains(text, `near enough to list: the page of this article's story names it under "Near it"`) {
				t.Errorf("explain of the Nuseirat strike does not say its nearest story is listed near it:\n%s", text)
			}
			exs := jsonLines[explanation](t, mustWarta(t, "-config", cfg, "explain", "-json", site.URL+"/berita/0"))
			if len(exs) != 1 || exs[0].Story == nil || exs[0].Story.Nearest != nil && exs[0].Story.Nearest.Related {
				t.Errorf("explain of the onion prices: %+v, want no nearest story near enough to list", exs)
			}
		})
	}
}
