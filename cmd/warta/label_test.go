package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/warta-news/warta/internal/pgtest"
	"github.com/warta-news/warta/topic"
)

// A reader corrects the topic feeds story by story. While the daemon
// runs, `warta label -not` takes the ministers' meeting out of
// international relations and `warta label` puts the chilli prices in
// environment: the daemon's feeds and the story's page show both without
// waiting for a cycle. A copy of the meeting that a later cycle (`warta
// once`) folds into its story stays out of international relations, and
// `warta explain` says a reader's label decided over the tagger.
// `-list` prints the labels; `-clear` gives the topic back to the
// tagger. An unknown topic or story is refused.
func TestReaderLabelsCorrectTheFeeds(t *testing.T) {
	for _, driver := range []string{"sqlite", "postgres"} {
		t.Run(driver, func(t *testing.T) {
			site := newNewsSite(t)
			site.serve("/rss", "application/rss+xml", explainFeed(site.URL))
			addr := freeAddr(t)
			extra := map[string]any{
				"server":   map[string]any{"listen": addr, "base_url": "http://" + addr},
				"schedule": "@every 1h",
			}
			if driver == "postgres" {
				extra["storage"] = map[string]any{"driver": "postgres", "dsn": pgtest.DSN(t)}
			}
			dir := t.TempDir()
			sources := []testSource{{Name: "Kabar", URL: site.URL + "/rss"}}
			cfg := writeConfig(t, dir, sources, extra)
			d := runDaemon(context.Background(), cfg)
			defer d.cancel()
			base := "http://" + addr
			meeting, chilli := site.URL+"/dunia/menlu-bertemu", site.URL+"/ekonomi/harga-cabai"

			// inFeed reports whether the daemon's feed slug has an entry
			// linking url.
			inFeed := func(slug, url string) bool {
				t.Helper()
				code, body := get(base + "/feeds/" + slug + ".atom")
				if code != http.StatusOK {
					return false
				}
				f, err := gofeed.NewParser().ParseString(body)
				if err != nil {
					t.Fatalf("/feeds/%s.atom: %v", slug, err)
				}
				return slices.ContainsFunc(f.Items, func(it *gofeed.Item) bool { return it.Link == url })
			}
			eventually(t, "the meeting in the international relations feed", d.log, func() bool { return inFeed("international-relations", meeting) })
			if inFeed("environment", chilli) {
				t.Fatal("the chilli prices are in environment before any label: the test needs a story the tagger leaves out")
			}
			story := oneStory(t, cfg, []string{meeting, site.URL + "/dunia/menlu-bertemu-salinan"})
			chilliStory := oneStory(t, cfg, []string{chilli})

			out := mustWarta(t, "-config", cfg, "label", "-not", "-note", "a test of the label, not the tagger", story, "international-relations")
			if want := fmt.Sprintf("story %s: not of international-relations (2 stored articles changed)", story); strings.TrimSpace(out) != want {
				t.Errorf("label -not said %q, want %q", out, want)
			}
			// An article's ID names its story too.
			chilliID := ""
			for _, r := range exported(t, cfg) {
				if r.URL == chilli {
					chilliID = r.ID
				}
			}
			mustWarta(t, "-config", cfg, "label", "-note", "supply cut by bad weather", chilliID, "environment")
			eventually(t, "the feeds as the labels say", d.log, func() bool {
				return !inFeed("international-relations", meeting) && inFeed("environment", chilli)
			})
			// section is the text of the element id of the page, "" when
			// it has none.
			section := func(page, id string) string {
				if n := byID(parseHTML(t, page), id); n != nil {
					return textOf(n)
				}
				return ""
			}
			code, page := get(base + "/stories/" + story)
			text := section(page, "labels")
			if code != http.StatusOK || !strings.Contains(text, "Not in International relations") || !strings.Contains(text, "a test of the label, not the tagger") {
				t.Errorf("the meeting's page: %d, labels %q", code, text)
			}
			code, page = get(base + "/stories/" + chilliStory)
			if feeds := section(page, "feeds"); code != http.StatusOK || !strings.Contains(feeds, "labelled environment by a reader") {
				t.Errorf("the chilli prices' page: %d, feeds %q", code, feeds)
			}
			d.stop(t)

			// A copy from an outlet added to the config joins the story in
			// a later cycle (`warta once`; the other sources are the
			// daemon's for this due time on PostgreSQL): the label holds
			// for it.
			site.serve("/lain", "application/rss+xml", []byte(fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Lain</title><language>id</language><link>%[1]s</link>`+
				`<item><title>Menteri Luar Negeri Indonesia bertemu Menlu Australia bahas kerja sama keamanan</title><link>%[1]s/lain/menlu</link><pubDate>Mon, 30 Nov 2026 10:00:00 +0700</pubDate><description>%[2]s</description></item></channel></rss>`,
				site.URL, ministersMeeting)))
			writeConfig(t, dir, append(sources, testSource{Name: "Lain", URL: site.URL + "/lain"}), extra)
			mustWarta(t, "-config", cfg, "once")
			urls := []string{meeting, site.URL + "/dunia/menlu-bertemu-salinan", site.URL + "/lain/menlu"}
			if got := oneStory(t, cfg, urls); got != story {
				t.Fatalf("the copy joined story %s, not the labelled %s", got, story)
			}
			for _, r := range exported(t, cfg) {
				if slices.Contains(urls, r.URL) && slices.Contains(topicSlugs(r.Topics), "international-relations") {
					t.Errorf("%s is in international-relations despite its story's label", r.URL)
				}
			}
			exs := jsonLines[explanation](t, mustWarta(t, "-config", cfg, "explain", "-json", site.URL+"/lain/menlu"))
			if len(exs) != 1 || len(exs[0].Labels) != 1 || exs[0].Labels[0].Topic != "international-relations" || exs[0].Labels[0].Of {
				t.Fatalf("explain of the copy: labels %+v", exs)
			}
			ir := slices.IndexFunc(exs[0].Topics, func(e topic.Explanation) bool { return e.Slug == "international-relations" })
			if e := exs[0].Topics[ir]; e.Passed || e.Decider != topic.DeciderLabel || e.Overruled == nil || !e.Overruled.Passed {
				t.Errorf("explain of the copy: international-relations %+v; want it not passed, a reader's label overruling the tagger's pass", e)
			}
			if exs[0].Changed != nil {
				t.Errorf("explain of the copy says its topics differ from today's: %+v", exs[0].Changed)
			}
			if text := mustWarta(t, "-config", cfg, "explain", site.URL+"/lain/menlu"); !strings.Contains(text, "decided by a reader's label on its story (the tagger: given") ||
				!strings.Contains(text, "not of  international-relations") {
				t.Errorf("explain's text does not show the label:\n%s", text)
			}

			views := jsonLines[storyView](t, mustWarta(t, "-config", cfg, "explain", "-story", "-json", story))
			if len(views) != 1 || len(views[0].Labels) != 1 || views[0].Labels[0].Topic != "international-relations" {
				t.Errorf("explain -story: labels %+v", views)
			}
			list := mustWarta(t, "-config", cfg, "label", "-list")
			if lines := strings.Split(strings.TrimSpace(list), "\n"); len(lines) != 2 || !strings.Contains(list, story+"\tnot of international-relations") ||
				!strings.Contains(list, chilliStory+"\tof environment") || !strings.Contains(list, "supply cut by bad weather") {
				t.Errorf("label -list:\n%s", list)
			}
			if recs := jsonLines[labelRecord](t, mustWarta(t, "-config", cfg, "label", "-list", "-json")); len(recs) != 2 || recs[0].At.IsZero() {
				t.Errorf("label -list -json: %+v", recs)
			}

			// Cleared, the topic is the tagger's again, on every article.
			out = mustWarta(t, "-config", cfg, "label", "-clear", story, "international-relations")
			if want := fmt.Sprintf("story %s: no longer labelled on international-relations (3 stored articles changed)", story); strings.TrimSpace(out) != want {
				t.Errorf("label -clear said %q, want %q", out, want)
			}
			for _, r := range exported(t, cfg) {
				if slices.Contains(urls, r.URL) && !slices.Contains(topicSlugs(r.Topics), "international-relations") {
					t.Errorf("%s is not in international-relations after the label was cleared: %v", r.URL, topicSlugs(r.Topics))
				}
			}
			if out := mustWarta(t, "-config", cfg, "label", "-clear", story, "international-relations"); !strings.Contains(out, "no label on international-relations") {
				t.Errorf("clearing a label twice said %q", out)
			}

			// Refused: a topic the config has not, a story the store has
			// not, a store that is not there (and is not created).
			code, _, stderr := warta(t, context.Background(), "", "-config", cfg, "label", story, "diplomacy")
			if code != exitConfig || !strings.Contains(stderr, `no topic "diplomacy"`) || !strings.Contains(stderr, "international-relations") {
				t.Errorf("label with an unknown topic: exit %d, %s", code, stderr)
			}
			code, _, stderr = warta(t, context.Background(), "", "-config", cfg, "label", "0123456789abcdef", "world")
			if code != exitFail || !strings.Contains(stderr, `no stored story or article "0123456789abcdef"`) {
				t.Errorf("label of an unknown story: exit %d, %s", code, stderr)
			}
			if driver == "sqlite" {
				missing := filepath.Join(t.TempDir(), "none.db")
				other := writeConfig(t, t.TempDir(), sources, map[string]any{"storage": map[string]any{"driver": "sqlite", "dsn": missing}})
				code, _, stderr = warta(t, context.Background(), "", "-config", other, "label", story, "world")
				if _, err := os.Stat(missing); code == 0 || !strings.Contains(stderr, "no database") || err == nil {
					t.Errorf("label on a store that is not there: exit %d, %s; the file: %v", code, stderr, err)
				}
			}
		})
	}
}
