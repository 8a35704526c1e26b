package main

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/pgtest"
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
	site.serve("/seni", "application/rss+xml", []byte(fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Seni</title><language>id</language><link>%[1]s</link>`+
		`<item><title>Menteri Luar Negeri Indonesia bertemu Menlu Australia bahas kerja sama keamanan</title><link>%[1]s/seni/menlu</link><pubDate>Mon, 30 Nov 2026 09:30:00 +0700</pubDate><description>%[2]s</description></item></channel></rss>`,
		site.URL, ministersMeeting)))
	sources = []testSource{
		{Name: "Kabar", URL: site.URL + "/rss"},
		{Name: "Seni", URL: site.URL + "/seni", Topics: []string{"arts-entertainment"}},
	}
	return sources, []string{site.URL + "/dunia/menlu-bertemu", site.URL + "/dunia/menlu-bertemu-salinan", site.URL + "/seni/menlu"}
}

// storyOfThree stores the ministers' site in one cycle: one story of
// three articles, only the Seni copy tagged arts-entertainment. It
// returns the config (with extra, as writeConfig) and the three copies'
// URLs.
func storyOfThree(t *testing.T, extra map[string]any) (cfg string, urls []string) {
	t.Helper()
	sources, urls := ministersSite(t)
	cfg = writeConfig(t, t.TempDir(), sources, extra)
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
	cfg, urls := storyOfThree(t, nil)
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
		if exs[0].Story == nil || exs[0].Story.Articles != 3 {
			t.Errorf("explain %s: story %+v, want its three articles counted", url, exs[0].Story)
		}
		if text := mustWarta(t, "-config", cfg, "explain", url); !strings.Contains(text, "; 3 articles in it (`warta explain -story` lists them)") {
			t.Errorf("explain %s does not count the story's articles:\n%s", url, text)
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
		if ex.Stored || ex.Story == nil || ex.Story.ID != story || !ex.Story.Would || ex.Story.Articles != 3 {
			t.Fatalf("explain %s: stored %v, story %+v; want it to join the stored story %s, then of three articles", ex.Article.URL, ex.Stored, ex.Story, story)
		}
		if !slices.ContainsFunc(ex.Feeds, func(c publish.Carrier) bool { return c.Slug == "arts-entertainment" }) {
			t.Errorf("explain %s names the feeds %+v; the arts-entertainment feed carries the story it would join", ex.Article.URL, ex.Feeds)
		}
	}
	if n != 2 {
		t.Fatalf("explained %d of Kabar's two copies", n)
	}
	// The story as a whole, as the cycle would leave it: the stored Seni
	// copy and the two that would join it.
	views := jsonLines[storyView](t, mustWarta(t, "-config", cfg, "explain", "-story", "-json", sources[0].URL))
	i := slices.IndexFunc(views, func(v storyView) bool { return v.ID == story })
	if len(views) != 3 || i < 0 {
		t.Fatalf("explain -story of Kabar's feed, not stored: %d stories, want three, one the stored story %s", len(views), story)
	}
	checkMinistersStory(t, views[i], urls, 1)
	if !views[i].Articles[0].Stored {
		t.Errorf("the stored Seni copy is not the story's first article: %+v", views[i].Articles[0])
	}
	// A stored story has a page on the web front; one none of whose
	// articles is stored has none yet.
	for j, v := range views {
		want := ""
		if j == i {
			want = publish.StoryPageURL("http://127.0.0.1:8080", story)
		}
		if v.Page != want {
			t.Errorf("story %s: page %q, want %q", v.ID, v.Page, want)
		}
	}
	if text := mustWarta(t, "-config", cfg, "explain", "-story", sources[0].URL); !strings.Contains(text, "story "+story+": 3 articles from 2 sources (2 not stored, as a cycle would join them now)") {
		t.Errorf("text does not say two are not stored:\n%s", text)
	}
}

// `warta explain -story` explains an article's story as a whole: every
// article of it, lead first, how each joined (the copy it matched, by
// which method), which other story each came nearest to, and the feeds
// that carry it; by any article's URL, a feed's (each story once) or the
// story's ID; in JSON and in text; on either store.
func TestExplainStoryAsAWhole(t *testing.T) {
	for _, driver := range []string{"sqlite", "postgres"} {
		t.Run(driver, func(t *testing.T) {
			var extra map[string]any
			if driver == "postgres" {
				extra = map[string]any{"storage": map[string]any{"driver": "postgres", "dsn": pgtest.DSN(t)}}
			}
			cfg, urls := storyOfThree(t, extra)
			raw := mustWarta(t, "-config", cfg, "explain", "-story", "-json", urls[2])
			// The feeds' keys are written as every other key of explain's
			// JSON (a decoder in Go would not tell).
			if !strings.Contains(raw, `"feeds":[{"slug":"all","title":"All stories","why":"every story"}`) {
				t.Errorf("explain -story -json does not write the feeds as slug, title and why:\n%s", raw)
			}
			views := jsonLines[storyView](t, raw)
			if len(views) != 1 {
				t.Fatalf("explain -story of one article: %d stories", len(views))
			}
			v := views[0]
			checkMinistersStory(t, v, urls, 3)
			byID := jsonLines[storyView](t, mustWarta(t, "-config", cfg, "explain", "-story", "-json", v.ID))
			if len(byID) != 1 || !reflect.DeepEqual(byID[0], v) {
				t.Errorf("explain -story by the story's ID:\n%+v\nby an article's URL:\n%+v", byID, v)
			}
			feed := jsonLines[storyView](t, mustWarta(t, "-config", cfg, "explain", "-story", "-json", strings.TrimSuffix(urls[0], "/dunia/menlu-bertemu")+"/rss"))
			var ids []string
			for _, f := range feed {
				ids = append(ids, f.ID)
			}
			if len(feed) != 3 || !slices.Contains(ids, v.ID) || len(slices.Compact(slices.Sorted(slices.Values(ids)))) != 3 {
				t.Errorf("explain -story of the Kabar feed (four items, two of one story): stories %v, want three, each once", ids)
			}

			if code, _, stderr := warta(t, context.Background(), "", "-config", cfg, "explain", "-story", "0123456789abcdef"); code != 1 || !strings.Contains(stderr, "0123456789abcdef: neither a stored story's ID nor a file") {
				t.Errorf("explain -story of an unknown ID: exit %d, %s", code, stderr)
			}

			text := mustWarta(t, "-config", cfg, "explain", "-story", urls[0])
			for _, want := range []string{"story " + v.ID + ": 3 articles from 2 sources", "page: http://127.0.0.1:8080/stories/" + v.ID + "\n", "leads the story", "joined by minhash-lead, similarity 1.000 with \"", "(Seni, " + urls[2] + ")", "arts-entertainment       tagged arts-entertainment"} {
				if !strings.Contains(text, want) {
					t.Errorf("text lacks %q:\n%s", want, text)
				}
			}
		})
	}
}

// checkMinistersStory checks the story view of the ministers' meeting:
// its three copies (stored of them: how many are stored), lead first,
// each copy joined by a syndicated-copy match with another of the story,
// and the arts-entertainment feed among those that carry it.
func checkMinistersStory(t *testing.T, v storyView, urls []string, stored int) {
	t.Helper()
	if len(v.Articles) != 3 {
		t.Fatalf("story %s: %d articles, want the three copies", v.ID, len(v.Articles))
	}
	inStory := map[string]bool{}
	for _, m := range v.Articles {
		inStory[m.Article.ID] = true
		if !slices.Contains(urls, m.Article.URL) || m.Article.Story != v.ID {
			t.Errorf("story %s holds %s of story %s", v.ID, m.Article.URL, m.Article.Story)
		}
	}
	n := 0
	for i, m := range v.Articles {
		if m.Stored {
			n++
		}
		switch sm := m.Article.StoryMatch; {
		case i == 0 && (m.Article.ID != v.ID || sm != nil):
			t.Errorf("first article %s (match %+v), want the lead %s with no match", m.Article.ID, sm, v.ID)
		case i > 0 && (sm == nil || sm.Method != "minhash-lead" || !inStory[sm.MatchedID] || sm.MatchedID == m.Article.ID):
			t.Errorf("copy %s joined by %+v, want a syndicated-copy match with another article of the story", m.Article.URL, sm)
		}
	}
	if n != stored {
		t.Errorf("%d of the story's articles stored, want %d", n, stored)
	}
	if !slices.ContainsFunc(v.Feeds, func(c publish.Carrier) bool { return c.Slug == "arts-entertainment" }) {
		t.Errorf("feeds %+v, want arts-entertainment (the Seni copy's topic)", v.Feeds)
	}
}

// What explain says carries a story is what the daemon publishes: one
// cycle over a real day of five Indonesian outlets (full texts, stories of
// several outlets whose articles carry different topics) with two feeds of
// one's own; for every story, the feeds `warta explain -story` names are
// exactly the documents written to publish.dir whose entries hold it.
func TestExplainFeedsAreTheDocumentsThatHoldTheStory(t *testing.T) {
	sources := serveFeedDir(t, filepath.Join("..", "..", "internal", "fixtures", "testdata", "stories-2025-06-18"), "application/rss+xml")
	dir := t.TempDir()
	cfg := writeConfig(t, dir, sources, map[string]any{
		"publish": map[string]any{"max_items": 10000, "dir": filepath.Join(dir, "feeds")},
		"storage": map[string]any{"driver": "sqlite", "dsn": filepath.Join(dir, "warta.db"), "retention": "0s"},
		"feeds": []map[string]any{
			{"slug": "dunia-bukan-detik", "title": "Dunia, bukan Detik", "filter": `topic:world -source:detik_news_2025-06-18`},
			{"slug": "hukum-politik", "title": "Hukum dan politik", "filter": `topic:politics topic:crime-law "kpk"`},
		},
	})
	mustWarta(t, "-config", cfg, "once")

	// The documents written, each story in them by its entry's id.
	docs, err := filepath.Glob(filepath.Join(dir, "feeds", "*.atom"))
	if err != nil || len(docs) < 3 {
		t.Fatalf("feeds written: %v, %v", docs, err)
	}
	holds := map[string][]string{} // story ID → slugs of the documents holding it
	for _, doc := range docs {
		slug := strings.TrimSuffix(filepath.Base(doc), ".atom")
		for _, it := range readAtom(t, doc).Items {
			id, ok := strings.CutPrefix(it.GUID, "urn:warta:story:")
			if !ok {
				t.Fatalf("%s: entry id %q", doc, it.GUID)
			}
			holds[id] = append(holds[id], slug)
		}
	}
	var stories, urls []string
	topics := map[string]map[string]bool{} // story ID → the topics of its articles
	mixed := 0                             // articles without a topic another of their story has
	recs := exported(t, cfg)
	for _, r := range recs {
		urls = append(urls, r.URL)
		if r.Story == r.ID {
			stories = append(stories, r.Story)
		}
		if topics[r.Story] == nil {
			topics[r.Story] = map[string]bool{}
		}
		for _, m := range r.Topics {
			topics[r.Story][m.Slug] = true
		}
	}
	for _, r := range recs {
		if len(r.Topics) < len(topics[r.Story]) {
			mixed++
		}
	}
	if mixed < 3 {
		t.Fatalf("only %d articles lack a topic of their story: the day no longer tests whole stories", mixed)
	}
	views := jsonLines[storyView](t, mustWarta(t, append([]string{"-config", cfg, "explain", "-story", "-json"}, stories...)...))
	if len(views) != len(stories) {
		t.Fatalf("explained %d of %d stories", len(views), len(stories))
	}
	own := 0
	for _, v := range views {
		var named []string
		for _, c := range v.Feeds {
			named = append(named, c.Slug)
		}
		slices.Sort(named)
		held := slices.Sorted(slices.Values(holds[v.ID]))
		if !slices.Equal(named, held) {
			t.Errorf("story %s (%d articles): explain names the feeds %v, the documents holding it are %v", v.ID, len(v.Articles), named, held)
		}
		if slices.ContainsFunc(held, func(s string) bool { return s == "dunia-bukan-detik" || s == "hukum-politik" }) {
			own++
		}
	}
	if own == 0 {
		t.Error("no story is in a feed of one's own: the filters test nothing")
	}
	// Each article's own explanation names its story's feeds too.
	exs := jsonLines[explanation](t, mustWarta(t, append([]string{"-config", cfg, "explain", "-json"}, urls...)...))
	if len(exs) != len(urls) {
		t.Fatalf("explained %d of %d articles", len(exs), len(urls))
	}
	for _, ex := range exs {
		var named []string
		for _, c := range ex.Feeds {
			named = append(named, c.Slug)
		}
		slices.Sort(named)
		if held := slices.Sorted(slices.Values(holds[ex.Article.Story])); !slices.Equal(named, held) {
			t.Errorf("%s: explain names the feeds %v, the documents holding its story %s are %v", ex.Article.URL, named, ex.Article.Story, held)
		}
	}
}
