package main

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/warta-news/warta/internal/pgtest"
	"golang.org/x/net/html"
)

// The daemon's web front gives every story a page, linked from the topic
// pages: a reader follows the ministers' story's "3 reports" link from
// /topics/all and reads the same story `warta explain -story` shows —
// its articles in the same order, each with how it joined, and the same
// feeds carrying it (arts-entertainment through the Seni copy alone).
func TestDaemonServesTheStoryPage(t *testing.T) {
	for _, driver := range []string{"sqlite", "postgres"} {
		t.Run(driver, func(t *testing.T) {
			sources, urls := ministersSite(t)
			addr := freeAddr(t)
			extra := map[string]any{
				"server":   map[string]any{"listen": addr, "base_url": "http://" + addr},
				"schedule": "@every 1h",
			}
			if driver == "postgres" {
				extra["storage"] = map[string]any{"driver": "postgres", "dsn": pgtest.DSN(t)}
			}
			cfg := writeConfig(t, t.TempDir(), sources, extra)
			d := runDaemon(context.Background(), cfg)
			defer d.cancel()
			base := "http://" + addr

			var topic *html.Node
			eventually(t, "the story listed on /topics/all", d.log, func() bool {
				code, body := get(base + "/topics/all")
				if code == http.StatusOK && strings.Contains(body, "3 reports") {
					topic = parseHTML(t, body)
				}
				return topic != nil
			})
			var page string
			for _, a := range elements(topic, "a") {
				if textOf(a) == "3 reports" {
					page = attr(a, "href")
				}
			}
			code, body := get(page)
			if code != http.StatusOK {
				t.Fatalf("GET %s: %d", page, code)
			}
			var data struct {
				ID       string
				Feeds    []struct{ Slug string }
				Articles []struct {
					URL    string
					Joined *struct{ Method, With string }
				}
			}
			if code, js := get(page + ".json"); code != http.StatusOK || json.Unmarshal([]byte(js), &data) != nil {
				t.Fatalf("GET %s.json: %d\n%s", page, code, js)
			}
			if code, _ := get(base + "/stories/0123456789abcdef0123456789abcdef"); code != http.StatusNotFound {
				t.Errorf("the page of a story the store does not hold: %d, want 404", code)
			}
			d.stop(t)

			views := jsonLines[storyView](t, mustWarta(t, "-config", cfg, "explain", "-story", "-json", urls[0]))
			if len(views) != 1 {
				t.Fatalf("explain -story: %d stories", len(views))
			}
			v := views[0]
			checkMinistersStory(t, v, urls, 3)
			if page != base+"/stories/"+v.ID || v.Page != page {
				t.Errorf("the topic page links the story at %s; explain -story names its page %s; want %s/stories/%s", page, v.Page, base, v.ID)
			}

			doc := parseHTML(t, body)
			var feeds, articles []string
			for _, a := range elements(byID(doc, "feeds"), "a") {
				feeds = append(feeds, strings.TrimPrefix(attr(a, "href"), base+"/topics/"))
			}
			cards := elements(byID(doc, "articles"), "li")
			for _, li := range cards {
				articles = append(articles, attr(elements(li, "a")[0], "href"))
			}
			var wantFeeds, wantArticles []string
			for _, c := range v.Feeds {
				wantFeeds = append(wantFeeds, c.Slug)
			}
			for i, m := range v.Articles {
				wantArticles = append(wantArticles, m.Article.URL)
				if i >= len(cards) {
					break
				}
				joined := "the first report: the story's lead"
				if sm := m.Article.StoryMatch; sm != nil {
					joined = "joined by " + sm.Method
				}
				if !strings.Contains(textOf(cards[i]), joined) {
					t.Errorf("the page's article %d (%s) does not say %q:\n%s", i+1, m.Article.URL, joined, textOf(cards[i]))
				}
			}
			// The same story as data.
			var dataFeeds, dataArticles []string
			for _, f := range data.Feeds {
				dataFeeds = append(dataFeeds, f.Slug)
			}
			for i, a := range data.Articles {
				dataArticles = append(dataArticles, a.URL)
				if sm := v.Articles[min(i, len(v.Articles)-1)].Article.StoryMatch; (a.Joined == nil) != (sm == nil) ||
					a.Joined != nil && (a.Joined.Method != sm.Method || a.Joined.With != sm.MatchedID) {
					t.Errorf("%s.json: article %d joined %+v; explain -story %+v", page, i+1, a.Joined, sm)
				}
			}
			if data.ID != v.ID || !slices.Equal(dataFeeds, wantFeeds) || !slices.Equal(dataArticles, wantArticles) {
				t.Errorf("%s.json: story %s, feeds %v, articles %v; explain -story %s, %v, %v", page, data.ID, dataFeeds, dataArticles, v.ID, wantFeeds, wantArticles)
			}
			if !slices.Equal(feeds, wantFeeds) {
				t.Errorf("the story page names the feeds %v; explain -story %v", feeds, wantFeeds)
			}
			if !slices.Equal(articles, wantArticles) {
				t.Errorf("the story page lists the articles %v; explain -story %v", articles, wantArticles)
			}
		})
	}
}

func parseHTML(t *testing.T, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// elements returns the elements named tag under n, in document order.
func elements(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	if n == nil {
		return nil
	}
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && c.Data == tag {
			out = append(out, c)
		}
	}
	return out
}

// byID returns the element of doc with id, nil if none.
func byID(doc *html.Node, id string) *html.Node {
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && attr(n, "id") == id {
			return n
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf is n's text, whitespace collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data + " ")
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// A feed of the stories several outlets reported: over the ministers'
// site (Kabar's feed of three stories, the ministers' meeting also told
// by Seni), `outlets:2` holds the ministers' story alone and `-outlets:2`
// Kabar's two others, in the documents one cycle writes and as ?q= views
// of the daemon's feeds alike.
func TestFeedOfStoriesSeveralOutletsReported(t *testing.T) {
	sources, urls := ministersSite(t)
	addr := freeAddr(t)
	cfg := writeConfig(t, t.TempDir(), sources, map[string]any{
		"server":   map[string]any{"listen": addr, "base_url": "http://" + addr},
		"schedule": "@every 1h",
		"feeds": []map[string]any{
			{"slug": "several-outlets", "title": "Told by two outlets or more", "filter": "outlets:2"},
			{"slug": "one-outlet", "title": "Told by one outlet", "filter": "-outlets:2"},
		},
	})
	mustWarta(t, "-config", cfg, "once")
	story := oneStory(t, cfg, urls)
	entries := func(path string) []string {
		var ids []string
		for _, it := range readAtom(t, path).Items {
			ids = append(ids, it.GUID)
		}
		return ids
	}
	dir := filepath.Join(filepath.Dir(cfg), "feeds")
	if got := entries(filepath.Join(dir, "several-outlets.atom")); !slices.Equal(got, []string{"urn:warta:story:" + story}) {
		t.Errorf("several-outlets.atom holds %v, want the ministers' story %s alone", got, story)
	}
	all, one := entries(filepath.Join(dir, "all.atom")), entries(filepath.Join(dir, "one-outlet.atom"))
	if len(all) != 3 || len(one) != 2 || slices.Contains(one, "urn:warta:story:"+story) {
		t.Errorf("all.atom holds %v, one-outlet.atom %v; want three stories, and the two others Kabar alone told", all, one)
	}

	d := runDaemon(context.Background(), cfg)
	defer d.cancel()
	view := "http://" + addr + "/feeds/all.atom?q=outlets:2"
	var body string
	eventually(t, view, d.log, func() bool {
		var code int
		code, body = get(view)
		return code == http.StatusOK
	})
	f, err := gofeed.NewParser().ParseString(body)
	if err != nil || len(f.Items) != 1 || f.Items[0].GUID != "urn:warta:story:"+story {
		t.Fatalf("%s: %v, %d items; want the ministers' story alone", view, err, len(f.Items))
	}
	d.stop(t)
}

// A defined feed names stories by their IDs: `-story:<id>` drops a story
// from a topic's feed (one a reader found wrongly there), `story:<id>`
// picks stories for a feed of their own. Over the ministers' site, after a
// first cycle gave the stories their IDs, the daemon serves a feed of
// Kabar's stories without the ministers' meeting and a feed of that one
// meeting alone.
func TestDefinedFeedsDropAndPickStories(t *testing.T) {
	sources, urls := ministersSite(t)
	dir := t.TempDir()
	cfg := writeConfig(t, dir, sources, nil)
	mustWarta(t, "-config", cfg, "once")
	meeting := oneStory(t, cfg, urls)
	var others []string
	for _, r := range exported(t, cfg) {
		if r.Story != meeting && !slices.Contains(others, r.Story) {
			others = append(others, r.Story)
		}
	}
	if len(others) != 2 {
		t.Fatalf("the site's other stories: %v, want two", others)
	}
	addr := freeAddr(t)
	cfg = writeConfig(t, dir, sources, map[string]any{
		"server":   map[string]any{"listen": addr, "base_url": "http://" + addr},
		"schedule": "@every 1h",
		"feeds": []map[string]any{
			{"slug": "without-the-meeting", "title": "Without the ministers' meeting", "filter": "-story:" + meeting},
			{"slug": "picked", "title": "Picked", "filter": "story:" + meeting},
		},
	})
	d := runDaemon(context.Background(), cfg)
	defer d.cancel()
	entries := func(slug string) []string {
		url := "http://" + addr + "/feeds/" + slug + ".atom"
		var body string
		eventually(t, url, d.log, func() bool {
			var code int
			code, body = get(url)
			return code == http.StatusOK
		})
		f, err := gofeed.NewParser().ParseString(body)
		if err != nil {
			t.Fatalf("%s: %v", url, err)
		}
		var ids []string
		for _, it := range f.Items {
			ids = append(ids, strings.TrimPrefix(it.GUID, "urn:warta:story:"))
		}
		slices.Sort(ids)
		return ids
	}
	if got := entries("without-the-meeting"); !slices.Equal(got, slices.Sorted(slices.Values(others))) {
		t.Errorf("without-the-meeting.atom holds %v, want the two other stories %v", got, others)
	}
	if got := entries("picked"); !slices.Equal(got, []string{meeting}) {
		t.Errorf("picked.atom holds %v, want the ministers' meeting %s alone", got, meeting)
	}
	d.stop(t)
}
