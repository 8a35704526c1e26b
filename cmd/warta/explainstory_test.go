package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/warta-news/warta/publish"
)

// ministersSite serves the explain feed (two copies of the foreign
// ministers' meeting) at /rss and a third copy of it from another outlet
// at /seni. sources are its two sources, Kabar and Seni, Seni forcing
// arts-entertainment; urls the three copies' URLs.
func ministersSite(t *testing.T) (sources []testSource, urls []string) {
	t.Helper()
	site := newNewsSite(t)
	site.serve("/rss", "application/rss+xml", explainFeed(site.URL))
	const body = "Menteri Luar Negeri Indonesia bertemu dengan Menteri Luar Negeri Australia di Jakarta pada hari Senin untuk membahas kerja sama keamanan maritim, perdagangan dan hubungan diplomatik kedua negara. Kedua menteri sepakat memperkuat dialog bilateral tahunan."
	site.serve("/seni", "application/rss+xml", []byte(fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Seni</title><language>id</language><link>%[1]s</link>`+
		`<item><title>Menteri Luar Negeri Indonesia bertemu Menlu Australia bahas kerja sama keamanan</title><link>%[1]s/seni/menlu</link><pubDate>Mon, 30 Nov 2026 09:30:00 +0700</pubDate><description>%[2]s</description></item></channel></rss>`,
		site.URL, body)))
	sources = []testSource{
		{Name: "Kabar", URL: site.URL + "/rss"},
		{Name: "Seni", URL: site.URL + "/seni", Topics: []string{"arts-entertainment"}},
	}
	return sources, []string{site.URL + "/dunia/menlu-bertemu", site.URL + "/dunia/menlu-bertemu-salinan", site.URL + "/seni/menlu"}
}

// storyOfThree stores the ministers' site in one cycle: one story of
// three articles, only the Seni copy tagged arts-entertainment. It
// returns the config and the three copies' URLs.
func storyOfThree(t *testing.T) (cfg string, urls []string) {
	t.Helper()
	sources, urls := ministersSite(t)
	cfg = writeConfig(t, t.TempDir(), sources, nil)
	mustWarta(t, "-config", cfg, "once")
	oneStory(t, cfg, urls)
	return cfg, urls
}

// oneStory fails the test unless the stored articles of urls are one
// story; it returns its ID.
func oneStory(t *testing.T, cfg string, urls []string) string {
	t.Helper()
	story, n := "", 0
	for _, r := range exported(t, cfg) {
		if !slices.Contains(urls, r.URL) {
			continue
		}
		if story == "" {
			story = r.Story
		}
		if n++; r.Story != story {
			t.Fatalf("the copies are not one story: %s in %s, another in %s", r.URL, r.Story, story)
		}
	}
	if n != len(urls) {
		t.Fatalf("%d of %d copies stored", n, len(urls))
	}
	return story
}

// `warta explain` of any article of a story names the feeds that carry
// the story, which a topic of any of its articles decides: the
// arts-entertainment feed carries the ministers' story because its Seni
// copy is tagged so, and explain says so of every copy, the lead included.
func TestExplainNamesTheFeedsOfTheWholeStory(t *testing.T) {
	cfg, urls := storyOfThree(t)
	feed := readAtom(t, filepath.Join(filepath.Dir(cfg), "feeds", "arts-entertainment.atom"))
	if len(feed.Items) != 1 {
		t.Fatalf("arts-entertainment.atom holds %d entries, want the ministers' story", len(feed.Items))
	}
	for _, url := range urls {
		exs := jsonLines[explanation](t, mustWarta(t, "-config", cfg, "explain", "-json", url))
		if len(exs) != 1 || !exs[0].Stored {
			t.Fatalf("explain %s: %+v", url, exs)
		}
		if !slices.ContainsFunc(exs[0].Feeds, func(c publish.Carrier) bool { return c.Slug == "arts-entertainment" }) {
			t.Errorf("explain %s names the feeds %+v; the arts-entertainment feed carries its story", url, exs[0].Feeds)
		}
	}
}

// The same of articles not stored yet: explaining Kabar's feed while only
// the Seni copy is stored, its two copies would join the Seni story, which
// the arts-entertainment feed carries, and explain names that feed.
func TestExplainNamesTheFeedsOfTheStoryItWouldJoin(t *testing.T) {
	sources, urls := ministersSite(t)
	cfg := writeConfig(t, t.TempDir(), sources[1:], nil)
	mustWarta(t, "-config", cfg, "once")
	story := oneStory(t, cfg, urls[2:])
	writeConfig(t, filepath.Dir(cfg), sources, nil)
	exs := jsonLines[explanation](t, mustWarta(t, "-config", cfg, "explain", "-json", sources[0].URL))
	n := 0
	for _, ex := range exs {
		if !slices.Contains(urls, ex.Article.URL) {
			continue
		}
		n++
		if ex.Stored || ex.Story == nil || ex.Story.ID != story || !ex.Story.Would {
			t.Fatalf("explain %s: stored %v, story %+v; want it to join the stored story %s", ex.Article.URL, ex.Stored, ex.Story, story)
		}
		if !slices.ContainsFunc(ex.Feeds, func(c publish.Carrier) bool { return c.Slug == "arts-entertainment" }) {
			t.Errorf("explain %s names the feeds %+v; the arts-entertainment feed carries the story it would join", ex.Article.URL, ex.Feeds)
		}
	}
	if n != 2 {
		t.Fatalf("explained %d of Kabar's two copies", n)
	}
}
