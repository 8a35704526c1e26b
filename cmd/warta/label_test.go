package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/warta-news/warta/article"
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
				!strings.Contains(text, "  not of international-relations     2") {
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
			if recs := jsonLines[article.Label](t, mustWarta(t, "-config", cfg, "label", "-list", "-json")); len(recs) != 2 || recs[0].At.IsZero() {
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
			for _, args := range [][]string{
				{"label", "-note", strings.Repeat("n", article.MaxLabelNote+1), story, "world"},
				{"label", "-json", story, "world"},
				{"label", "-not", "-clear", story, "world"},
				{"label", story},
			} {
				if code, _, stderr := warta(t, context.Background(), "", append([]string{"-config", cfg}, args...)...); code != exitConfig || strings.Count(stderr, "\n") != 1 {
					t.Errorf("warta %v: exit %d, %q; want a one-line usage error", args, code, stderr)
				}
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

// labelsDaemon is `warta run` on a store with the labels API open (the
// token in server.labels_token_file) over a news site whose feed is
// explainFeed's.
type labelsDaemon struct {
	site *newsSite
	// cfg is the config file, written in dir from extra.
	cfg, dir string
	extra    map[string]any
	d        *daemonProc
	base     string // the address it serves
}

// runLabelsDaemon starts a labelsDaemon on driver's store; the test
// cancels it.
func runLabelsDaemon(t *testing.T, driver, token string) *labelsDaemon {
	t.Helper()
	l := &labelsDaemon{site: newNewsSite(t), dir: t.TempDir()}
	l.site.serve("/rss", "application/rss+xml", explainFeed(l.site.URL))
	addr := freeAddr(t)
	if err := os.WriteFile(filepath.Join(l.dir, "labels.token"), []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	l.extra = map[string]any{
		"server":   map[string]any{"listen": addr, "base_url": "http://" + addr, "labels_token_file": "labels.token"},
		"schedule": "@every 1h",
	}
	if driver == "postgres" {
		l.extra["storage"] = map[string]any{"driver": "postgres", "dsn": pgtest.DSN(t)}
	}
	l.cfg = writeConfig(t, l.dir, []testSource{{Name: "Kabar", URL: l.site.URL + "/rss"}}, l.extra)
	l.d, l.base = runDaemon(context.Background(), l.cfg), "http://"+addr
	return l
}

// meeting is the link of the site's report of the ministers' meeting.
func (l *labelsDaemon) meeting() string { return l.site.URL + "/dunia/menlu-bertemu" }

// inIR reports whether the daemon's international relations feed links
// to link.
func (l *labelsDaemon) inIR(link string) bool {
	_, body := get(l.base + "/feeds/international-relations.atom")
	return strings.Contains(body, "<link href=\""+link+"\"")
}

// meetingStory waits for the meeting in the international relations feed
// and returns its story.
func (l *labelsDaemon) meetingStory(t *testing.T) string {
	t.Helper()
	eventually(t, "the meeting in the international relations feed", l.d.log, func() bool { return l.inIR(l.meeting()) })
	return oneStory(t, l.cfg, []string{l.meeting()})
}

// The labels API of a daemon whose config names a token file: a client
// with the token labels a story over HTTP and the feeds follow, as with
// `warta label`; without the token it is refused; DELETE gives the topic
// back to the tagger (the daemon's own stream model). A daemon with no
// token file has no labels API.
func TestDaemonLabelsAPI(t *testing.T) {
	for _, driver := range []string{"sqlite", "postgres"} {
		t.Run(driver, func(t *testing.T) {
			const token = "4b1d-labels-0123456789abcdef"
			l := runLabelsDaemon(t, driver, token)
			site, cfg, d, base := l.site, l.cfg, l.d, l.base
			// The daemon running when the test ends: a second one starts below.
			defer func() { d.cancel() }()
			meeting, irHas := l.meeting(), l.inIR
			story := l.meetingStory(t)

			call := func(method, path, auth, body string) (int, string) {
				t.Helper()
				req, err := http.NewRequest(method, base+path, strings.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if auth != "" {
					req.Header.Set("Authorization", auth)
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				return resp.StatusCode, string(b)
			}
			labels := "/stories/" + story + "/labels"
			if code, _ := call("POST", labels, "Bearer not-the-token-000000000000", `{"topic":"international-relations","of":false}`); code != http.StatusUnauthorized {
				t.Errorf("POST with a wrong token: %d", code)
			}
			code, body := call("POST", labels, "Bearer "+token, `{"topic":"international-relations","of":false,"note":"over HTTP"}`)
			if code != http.StatusOK || !strings.Contains(body, `"changed":2`) || !strings.Contains(body, `"note":"over HTTP"`) {
				t.Fatalf("POST the label: %d %s", code, body)
			}
			eventually(t, "the meeting out of the international relations feed", d.log, func() bool { return !irHas(meeting) })
			if code, body := call("POST", "/stories/0123456789abcdef/labels", "Bearer "+token, `{"topic":"world","of":true}`); code != http.StatusNotFound {
				t.Errorf("POST to an unknown story: %d %s", code, body)
			}
			if code, body := call("POST", labels, "Bearer "+token, `{"topic":"diplomacy","of":true}`); code != http.StatusBadRequest || !strings.Contains(body, "no such topic") {
				t.Errorf("POST an unknown topic: %d %s", code, body)
			}
			code, body = call("DELETE", labels+"/international-relations", "Bearer "+token, "")
			if code != http.StatusOK || !strings.Contains(body, `"cleared":true`) || !strings.Contains(body, `"changed":2`) {
				t.Fatalf("DELETE the label: %d %s", code, body)
			}
			eventually(t, "the meeting back in the international relations feed", d.log, func() bool { return irHas(meeting) })

			// Joins over the same API: two stories into one (a test of the
			// API, not of the news), one entry in the feeds; undone, two.
			chilli := site.URL + "/ekonomi/harga-cabai"
			chilliStory := oneStory(t, cfg, []string{chilli})
			entryLinks := func() []string {
				t.Helper()
				_, body := get(base + "/feeds/all.atom")
				f, err := gofeed.NewParser().ParseString(body)
				if err != nil {
					t.Fatalf("/feeds/all.atom: %v", err)
				}
				var links []string
				for _, it := range f.Items {
					links = append(links, it.Link)
				}
				return links
			}
			entries := len(entryLinks())
			// Each story has a label of one topic: the joined story's
			// gives way, and the answer names it with the join, kept for
			// its undo.
			labelNotes := map[string]string{story: "the meeting's", chilliStory: "the chilli's"}
			for s, note := range labelNotes {
				if code, body := call("POST", "/stories/"+s+"/labels", "Bearer "+token, `{"topic":"economy","of":true,"note":"`+note+`"}`); code != http.StatusOK {
					t.Fatalf("POST a label on %s: %d %s", s, code, body)
				}
			}
			if code, body := call("POST", "/stories/"+story+"/joins", "Bearer not-the-token-000000000000", `{"stories":["`+chilliStory+`"]}`); code != http.StatusUnauthorized {
				t.Errorf("POST a join with a wrong token: %d %s", code, body)
			}
			code, body = call("POST", "/stories/"+story+"/joins", "Bearer "+token, `{"stories":["`+chilliStory+`"],"note":"over HTTP"}`)
			var answer struct {
				Story string
				Joins []article.Join
			}
			if err := json.Unmarshal([]byte(body), &answer); code != http.StatusOK || err != nil || len(answer.Joins) != 1 || answer.Joins[0].Into != answer.Story ||
				!slices.Contains([]string{story, chilliStory}, answer.Story) || answer.Joins[0].Note != "over HTTP" {
				t.Fatalf("POST the join: %d %s", code, body)
			}
			joined := answer.Joins[0].Story
			if kept := answer.Joins[0].Labels; len(kept) != 1 || kept[0].Topic != "economy" || kept[0].Note != labelNotes[joined] {
				t.Errorf("the join's kept labels = %+v; want %s's economy label, %q", kept, joined, labelNotes[joined])
			}
			eventually(t, "one entry for the joined stories", d.log, func() bool { return len(entryLinks()) == entries-1 })
			if got := oneStory(t, cfg, []string{meeting, chilli}); got != answer.Story {
				t.Errorf("after the join: story %s, want %s", got, answer.Story)
			}
			if code, body := call("POST", "/stories/"+story+"/joins", "Bearer "+token, `{"stories":["`+chilliStory+`"]}`); code != http.StatusBadRequest {
				t.Errorf("POST the same join again (one story now): %d %s", code, body)
			}
			if code, body := call("DELETE", "/stories/"+joined+"/joins", "Bearer "+token, ""); code != http.StatusOK || !strings.Contains(body, `"into":"`+answer.Story+`"`) {
				t.Fatalf("DELETE the join: %d %s", code, body)
			}
			eventually(t, "two entries again", d.log, func() bool { return len(entryLinks()) == entries })
			if code, body := call("DELETE", "/stories/"+joined+"/joins", "Bearer "+token, ""); code != http.StatusBadRequest || !strings.Contains(body, "no reader joined this story") {
				t.Errorf("DELETE the join again: %d %s", code, body)
			}
			// The undo gave each story its own label back.
			for s := range labelNotes {
				if code, body := call("DELETE", "/stories/"+s+"/labels/economy", "Bearer "+token, ""); code != http.StatusOK || !strings.Contains(body, `"cleared":true`) {
					t.Errorf("DELETE %s's label after the undo: %d %s", s, code, body)
				}
			}
			d.stop(t)
			if strings.Contains(d.log.String(), token) {
				t.Error("the daemon logged the labels token")
			}
			if list := mustWarta(t, "-config", cfg, "label", "-list"); list != "" {
				t.Errorf("labels after the DELETE:\n%s", list)
			}

			// No token file, no API.
			delete(l.extra["server"].(map[string]any), "labels_token_file")
			writeConfig(t, l.dir, []testSource{{Name: "Kabar", URL: site.URL + "/rss"}}, l.extra)
			d = runDaemon(context.Background(), cfg)
			eventually(t, "the daemon serving again", d.log, func() bool { return irHas(meeting) })
			if code, _ := call("POST", labels, "Bearer "+token, `{"topic":"international-relations","of":false}`); code != http.StatusNotFound && code != http.StatusMethodNotAllowed {
				t.Errorf("POST to a daemon without a token file: %d", code)
			}
			d.stop(t)
		})
	}
}
