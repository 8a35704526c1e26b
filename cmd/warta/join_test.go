package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/pgtest"
)

// `warta join` folds two stories a reader read as one event, told by two
// outlets in their own words, into the one first seen, on SQLite and
// PostgreSQL: the running daemon's feeds carry one entry for both at
// once, without a cycle; the joined story's page leads to the other,
// which lists the join and says how the article came; a copy of the
// joined story that a later cycle fetches joins the one story; `-undo` gives
// the joined story back its articles, the later copy included, and the
// feeds carry two entries again. `-list` prints the joins; one story, an
// unknown one or a story not joined is refused.
func TestReadersJoinStories(t *testing.T) {
	for _, driver := range []string{"sqlite", "postgres"} {
		t.Run(driver, func(t *testing.T) {
			now := time.Now()
			site := newNewsSite(t)
			meeting := func(outlet, title string, at time.Time) []byte {
				return []byte(fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>%[1]s</title><language>id</language><link>%[2]s</link>`+
					`<item><title>%[3]s</title><link>%[2]s/%[1]s/anwar</link><pubDate>%[4]s</pubDate></item></channel></rss>`,
					outlet, site.URL, title, at.Format(time.RFC1123Z)))
			}
			const wartaTitle = "Anwar Ibrahim Bertemu Prabowo, Sepakat Redakan Konflik di Timur Tengah"
			site.serve("/antara", "application/rss+xml", meeting("antara", "PM Malaysia Anwar Ibrahim Temui Prabowo di Istana, Bahas Konflik Timur Tengah", now.Add(-3*time.Hour)))
			site.serve("/warta", "application/rss+xml", meeting("warta", wartaTitle, now.Add(-2*time.Hour)))
			site.serve("/lain", "application/rss+xml", meeting("lain", wartaTitle, now.Add(-time.Hour)))
			addr := freeAddr(t)
			extra := map[string]any{
				"server":   map[string]any{"listen": addr, "base_url": "http://" + addr},
				"schedule": "@every 1h", // cycles at start and after a reload only
			}
			if driver == "postgres" {
				extra["storage"] = map[string]any{"driver": "postgres", "dsn": pgtest.DSN(t)}
			}
			dir := t.TempDir()
			sources := []testSource{{Name: "Antara", URL: site.URL + "/antara"}, {Name: "Warta", URL: site.URL + "/warta"}}
			cfg := writeConfig(t, dir, sources, extra)
			sigs := make(chan os.Signal)
			d := runDaemon(withReloads(context.Background(), sigs), cfg)
			defer d.cancel()
			base := "http://" + addr
			antara, wartaURL, lain := site.URL+"/antara/anwar", site.URL+"/warta/anwar", site.URL+"/lain/anwar"

			// entries are the links of the daemon's all-stories Atom feed.
			entries := func() []string {
				t.Helper()
				code, body := get(base + "/feeds/all.atom")
				if code != http.StatusOK {
					return nil
				}
				f, err := gofeed.NewParser().ParseString(body)
				if err != nil {
					t.Fatalf("/feeds/all.atom: %v", err)
				}
				var links []string
				for _, it := range f.Items {
					links = append(links, it.Link)
				}
				slices.Sort(links)
				return links
			}
			eventually(t, "both meetings in the feed", d.log, func() bool { return slices.Equal(entries(), []string{antara, wartaURL}) })
			first, second := oneStory(t, cfg, []string{antara}), oneStory(t, cfg, []string{wartaURL})
			if first == second {
				t.Fatal("the two meetings are one story already: the test wants two")
			}
			// The story first seen keeps its ID.
			into, joined, intoURL, joinedURL := first, second, antara, wartaURL
			for _, r := range exported(t, cfg) {
				if r.URL == wartaURL {
					for _, o := range exported(t, cfg) {
						if o.URL == antara && (r.FirstSeen.Before(o.FirstSeen) || r.FirstSeen.Equal(o.FirstSeen) && r.Story < o.Story) {
							into, joined, intoURL, joinedURL = second, first, wartaURL, antara
						}
					}
				}
			}

			// An article's ID names its story too.
			wartaID := ""
			for _, r := range exported(t, cfg) {
				if r.URL == wartaURL {
					wartaID = r.ID
				}
			}
			// The joined story's label gives way to the other story's own,
			// and comes back with the undo.
			mustWarta(t, "-config", cfg, "label", "-not", "-note", "not sport", joined, "sport")
			mustWarta(t, "-config", cfg, "label", into, "sport")
			out := mustWarta(t, "-config", cfg, "join", "-note", "one meeting, two outlets' words", wartaID, first)
			if want := fmt.Sprintf("story %s: joined into %s\n  its label \"not of sport\" gives way to %s's \"of sport\" (kept with the join: an undo gives it back)", joined, into, into); strings.TrimSpace(out) != want {
				t.Errorf("join said %q, want %q", out, want)
			}
			eventually(t, "one entry for the joined stories, without a cycle", d.log, func() bool { return slices.Equal(entries(), []string{intoURL}) })
			// The joined story's page leads to the story it joined.
			code, page := get(base + "/stories/" + joined)
			if code != http.StatusOK || !strings.Contains(page, "<code>"+into+"</code>") {
				t.Errorf("the joined story's page: %d; want the page of %s", code, into)
			}
			if n := byID(parseHTML(t, page), "joins"); n == nil || !strings.Contains(textOf(n), "story "+joined+" joined") || !strings.Contains(textOf(n), "one meeting, two outlets' words") {
				t.Errorf("the page lists no join of %s:\n%s", joined, page)
			}
			if !strings.Contains(textOf(byID(parseHTML(t, page), "articles")), "joined by a reader") {
				t.Errorf("the page does not say the joined lead came by a reader's join")
			}
			if list := mustWarta(t, "-config", cfg, "label", "-list"); !strings.HasPrefix(list, into+"\tof sport\t") || strings.Count(list, "\n") != 1 {
				t.Errorf("label -list after the join:\n%s", list)
			}
			list := mustWarta(t, "-config", cfg, "join", "-list")
			if !strings.HasPrefix(list, joined+"\tjoined into "+into+"\t") || !strings.Contains(list, "one meeting, two outlets' words\tits labels, given back by -undo: not of sport\n") || strings.Count(list, "\n") != 1 {
				t.Errorf("join -list:\n%s", list)
			}
			if js := jsonLines[article.Join](t, mustWarta(t, "-config", cfg, "join", "-list", "-json")); len(js) != 1 || js[0].Story != joined || js[0].Into != into || js[0].At.IsZero() ||
				len(js[0].Labels) != 1 || js[0].Labels[0].Topic != "sport" || js[0].Labels[0].Of || js[0].Labels[0].Note != "not sport" {
				t.Errorf("join -list -json: %+v", js)
			}
			if text := mustWarta(t, "-config", cfg, "explain", joinedURL); !strings.Contains(text, "joined by a reader (`warta join`) with the story of") {
				t.Errorf("explain of the joined lead does not say a reader joined it:\n%s", text)
			}
			if text := mustWarta(t, "-config", cfg, "explain", "-story", into); !strings.Contains(text, "  "+joined+"  ") || !strings.Contains(text, "(its labels, given back by -undo: not of sport)") {
				t.Errorf("explain -story %s does not list the join with its kept label:\n%s", into, text)
			}
			views := jsonLines[storyView](t, mustWarta(t, "-config", cfg, "explain", "-story", "-json", into))
			if len(views) != 1 || len(views[0].Articles) != 2 || len(views[0].Joins) != 1 || views[0].Joins[0].Story != joined {
				t.Errorf("explain -story %s: %+v", into, views)
			}

			// A copy of the joined story from a source added by a reload:
			// the daemon's next cycle files it under the one story (a
			// cycle of a pipeline that keeps its story index across the
			// join: pipeline.TestJoinedStoriesTakeLaterCopies).
			writeConfig(t, dir, append(sources, testSource{Name: "Lain", URL: site.URL + "/lain"}), extra)
			sigs <- syscall.SIGHUP
			eventually(t, "the later copy stored", d.log, func() bool {
				return slices.ContainsFunc(exported(t, cfg), func(r exportRecord) bool { return r.URL == lain })
			})
			if got := oneStory(t, cfg, []string{antara, wartaURL, lain}); got != into {
				t.Errorf("the later copy's story is %s, want %s", got, into)
			}

			// Undone, the joined story has its article back, and the
			// copy that came through it.
			out = mustWarta(t, "-config", cfg, "join", "-undo", joined)
			if want := fmt.Sprintf("story %s: no longer joined into %s", joined, into); strings.TrimSpace(out) != want {
				t.Errorf("join -undo said %q, want %q", out, want)
			}
			eventually(t, "two entries again", d.log, func() bool { return slices.Equal(entries(), []string{antara, wartaURL}) })
			back := []string{joinedURL}
			if joinedURL == wartaURL {
				back = append(back, lain)
			}
			if got := oneStory(t, cfg, back); got != joined {
				t.Errorf("after the undo %v are story %s, want %s", back, got, joined)
			}
			if code, page := get(base + "/stories/" + joined); code != http.StatusOK || strings.Contains(page, "joined by a reader") || byID(parseHTML(t, page), "joins") != nil {
				t.Errorf("the page of the story given back: %d\n%s", code, page)
			}
			if list := mustWarta(t, "-config", cfg, "join", "-list"); list != "" {
				t.Errorf("join -list after the undo: %q", list)
			}
			if list := mustWarta(t, "-config", cfg, "label", "-list"); !strings.Contains(list, joined+"\tnot of sport\t") || !strings.Contains(list, into+"\tof sport\t") || strings.Count(list, "\n") != 2 {
				t.Errorf("label -list after the undo:\n%s", list)
			}
			d.stop(t)

			// Refused: one story, an unknown one, a story not joined, and
			// usage errors.
			for _, args := range [][]string{
				{"join", first, first},
				{"join", first, "no-such-story"},
				{"join", "-undo", first},
			} {
				if code, _, stderr := warta(t, context.Background(), "", append([]string{"-config", cfg}, args...)...); code != exitFail || stderr == "" {
					t.Errorf("warta %v: exit %d, %q; want a failure", args, code, stderr)
				}
			}
			for _, args := range [][]string{
				{"join", first},
				{"join", "-undo", first, second},
				{"join", "-undo", "-note", "x", first},
				{"join", "-list", first},
				{"join", "-json", first, second},
				{"join", "-note", strings.Repeat("n", article.MaxLabelNote+1), first, second},
			} {
				if code, _, stderr := warta(t, context.Background(), "", append([]string{"-config", cfg}, args...)...); code != exitConfig || strings.Count(stderr, "\n") != 1 {
					t.Errorf("warta %v: exit %d, %q; want a one-line usage error", args, code, stderr)
				}
			}
		})
	}
}
