package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/warta-news/warta/topic"
)

// ministersMeeting is the text of the explain feed's first story, the
// foreign ministers' meeting, which other tests' outlets carry too.
const ministersMeeting = "Menteri Luar Negeri Indonesia bertemu dengan Menteri Luar Negeri Australia di Jakarta pada hari Senin untuk membahas kerja sama keamanan maritim, perdagangan dan hubungan diplomatik kedua negara. Kedua menteri sepakat memperkuat dialog bilateral tahunan."

// explainFeed is an Indonesian feed that declares itself English, with a
// story copied under another headline, for the feed-wide language vote and
// story assignment to matter.
func explainFeed(base string) []byte {
	items := []struct{ path, title, body, date string }{
		{"/dunia/menlu-bertemu", "Menteri Luar Negeri Indonesia bertemu Menlu Australia bahas kerja sama keamanan",
			ministersMeeting,
			"Mon, 30 Nov 2026 08:00:00 +0700"},
		{"/ekonomi/harga-cabai", "Harga cabai dan bawang naik tajam di pasar tradisional Jakarta",
			"Harga cabai rawit dan bawang merah di sejumlah pasar tradisional Jakarta naik tajam menjelang akhir tahun. Pedagang menyebut pasokan dari daerah sentra berkurang karena cuaca buruk, sementara permintaan tetap tinggi dan inflasi pangan dikhawatirkan meningkat.",
			"Mon, 30 Nov 2026 08:30:00 +0700"},
		{"/dunia/menlu-bertemu-salinan", "Menteri Luar Negeri Indonesia bertemu Menlu Australia bahas kerja sama keamanan - Kabar Lain",
			ministersMeeting + " Baca juga: Presiden resmikan bendungan baru",
			"Mon, 30 Nov 2026 09:00:00 +0700"},
		{"/olahraga/timnas", "Timnas Indonesia menang 2-1 atas Vietnam di Piala AFF",
			"Tim nasional sepak bola Indonesia menang 2-1 atas Vietnam dalam laga Piala AFF di Stadion Utama Gelora Bung Karno. Dua gol babak kedua memastikan kemenangan dan peluang lolos ke semifinal.",
			"Mon, 30 Nov 2026 07:00:00 +0700"},
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Kabar</title><language>en</language><link>` + base + `</link>`)
	for _, it := range items {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s%s</link><pubDate>%s</pubDate><description>%s</description></item>\n",
			it.title, base, it.path, it.date, it.body)
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

// `warta explain <feed URL>` prepares a feed as a cycle does: for every
// item it gives the language, topics and story a cycle stored for it.
func TestExplainFeedAgreesWithTheCycle(t *testing.T) {
	site := newNewsSite(t)
	site.serve("/rss", "application/rss+xml", explainFeed(site.URL))
	sources := []testSource{{Name: "Kabar", URL: site.URL + "/rss"}}
	cycled := writeConfig(t, t.TempDir(), sources, nil)
	mustWarta(t, "-config", cycled, "once")
	stored := map[string]exportRecord{}
	for _, r := range exported(t, cycled) {
		stored[r.URL] = r
	}
	if len(stored) != 4 {
		t.Fatalf("the cycle stored %d articles, want 4", len(stored))
	}

	// explain with the same sources and an empty store, as the cycle had.
	fresh := writeConfig(t, t.TempDir(), sources, nil)
	out := mustWarta(t, "-config", fresh, "explain", "-json", site.URL+"/rss")
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 16<<20)
	seen := 0
	stories := map[string]bool{}
	for sc.Scan() {
		var ex explanation
		if err := json.Unmarshal(sc.Bytes(), &ex); err != nil {
			t.Fatalf("%v: %s", err, sc.Text())
		}
		got := ex.Article
		want, ok := stored[got.URL]
		if !ok {
			t.Errorf("explain gave %s, which the cycle did not store", got.URL)
			continue
		}
		seen++
		if got.Language != want.Language {
			t.Errorf("%s: explain says language %q, the cycle stored %q", got.URL, got.Language, want.Language)
		}
		if g, w := slugs(got), slugs(want); !slices.Equal(g, w) {
			t.Errorf("%s: explain says topics %v, the cycle stored %v", got.URL, g, w)
		}
		if ex.Story == nil || ex.Story.ID != want.Story {
			t.Errorf("%s: explain says story %+v, the cycle stored %q", got.URL, ex.Story, want.Story)
		}
		stories[want.Story] = true
	}
	if seen != 4 {
		t.Fatalf("explain explained %d of the 4 items:\n%s", seen, out)
	}
	// The feed says "en"; the cycle's vote over the feed says Indonesian,
	// and the copy joined the first report's story.
	if r := stored[site.URL+"/dunia/menlu-bertemu"]; r.Language != "id" {
		t.Errorf("stored language %q, want id", r.Language)
	}
	if len(stories) != 3 {
		t.Errorf("%d stories, want 3 (the copy joins the first report)", len(stories))
	}
}

func slugs(r exportRecord) []string {
	var out []string
	for _, m := range r.Topics {
		out = append(out, m.Slug)
	}
	slices.Sort(out)
	return out
}

// explainWireFeed serves an English feed of the items (given the site's
// URL), runs one cycle on it and returns the site, the config and
// `warta explain -json` of the feed.
func explainWireFeed(t *testing.T, items func(url string) string) (*newsSite, string, string) {
	t.Helper()
	site := newNewsSite(t)
	feed := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title><language>en</language><link>` + site.URL + `</link>
` + items(site.URL) + `
</channel></rss>`
	site.serve("/rss", "application/rss+xml", []byte(feed))
	cfg := writeConfig(t, t.TempDir(), []testSource{{Name: "Wire", URL: site.URL + "/rss"}}, nil)
	mustWarta(t, "-config", cfg, "once")
	return site, cfg, mustWarta(t, "-config", cfg, "explain", "-json", site.URL+"/rss")
}

// A leader named in an office of a state in one item's text is that
// state's actor in a later headline that names only them, through the
// stream model the cycle stored; `warta explain` says so. The items are
// written for the test.
func TestExplainShowsALeaderLearnedFromTheStream(t *testing.T) {
	site, _, out := explainWireFeed(t, func(url string) string {
		return `<item><title>Talks on the nuclear programme resume in Oman</title><link>` + url + `/talks</link><pubDate>Mon, 30 Nov 2026 08:00:00 +0000</pubDate><description>U.S. President Donald Trump said on Monday that the talks with Tehran would go on next week in Muscat.</description></item>
<item><title>Trump warns Iran over the talks</title><link>` + url + `/warns</link><pubDate>Mon, 30 Nov 2026 09:00:00 +0000</pubDate></item>`
	})
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 16<<20)
	found := false
	for sc.Scan() {
		var ex explanation
		if err := json.Unmarshal(sc.Bytes(), &ex); err != nil {
			t.Fatalf("%v: %s", err, sc.Text())
		}
		if ex.Article.URL != site.URL+"/warns" {
			continue
		}
		for _, e := range ex.Topics {
			if e.Slug == "international-relations" {
				found = slices.Contains(e.Leaders, topic.LeaderActor{Name: "Trump", State: "US", Field: "title", From: "stream"})
				if !found {
					t.Errorf("international relations of %q: leaders %+v, want Trump = US learned from the stream", ex.Article.Title, e.Leaders)
				}
			}
		}
	}
	if !found {
		t.Errorf("explain did not show the leader:\n%s", out)
	}
}

// `warta explain` judges a stored article by its source's configured
// genre, as the cycle and re-tagging do: an article stored while its
// source configured none is, once the source says `genre: podcast`, no
// news, and its hard-news topics say so.
func TestExplainStoredFollowsTheSourcesConfiguredGenre(t *testing.T) {
	site := newNewsSite(t)
	site.serve("/rss", "application/rss+xml", explainFeed(site.URL))
	dir := t.TempDir()
	mustWarta(t, "-config", writeConfig(t, dir, []testSource{{Name: "Kabar", URL: site.URL + "/rss"}}, nil), "once")
	cfg := writeConfig(t, dir, []testSource{{Name: "Kabar", URL: site.URL + "/rss", Genre: "podcast"}}, nil)
	out := mustWarta(t, "-config", cfg, "explain", "-json", site.URL+"/dunia/menlu-bertemu")
	var ex explanation
	if err := json.Unmarshal([]byte(out), &ex); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !ex.Stored {
		t.Fatalf("explain did not find the stored article: %s", out)
	}
	hard := 0
	for _, e := range ex.Topics {
		if e.Genre != "" {
			hard++
			if e.Passed {
				t.Errorf("%s passed for a podcast source's article: %+v", e.Slug, e)
			}
		}
	}
	if hard == 0 {
		t.Errorf("no hard-news topic says the podcast source's article is not news:\n%s", out)
	}
}

// `warta export` gives an article its source's configured genre as its
// feed_genre, as tagging judges it (the store keeps none for such a
// source); `genre: news` clears a genre the feed was stored with.
func TestExportFeedGenreFollowsTheSourcesConfiguredGenre(t *testing.T) {
	site := newNewsSite(t)
	site.serve("/rss", "application/rss+xml", explainFeed(site.URL))
	dir := t.TempDir()
	genres := func(genre string) map[string]string {
		t.Helper()
		cfg := writeConfig(t, dir, []testSource{{Name: "Kabar", URL: site.URL + "/rss", Genre: genre}}, nil)
		mustWarta(t, "-config", cfg, "once")
		out := map[string]string{}
		for _, r := range exported(t, cfg) {
			out[r.URL] = r.FeedGenre
		}
		if len(out) == 0 {
			t.Fatal("nothing exported")
		}
		return out
	}
	for url, g := range genres("podcast") {
		if g != "podcast" {
			t.Errorf("%s: feed_genre %q, want the source's podcast", url, g)
		}
	}
	for url, g := range genres("news") {
		if g != "" {
			t.Errorf("%s: feed_genre %q for a source configured as news", url, g)
		}
	}
}

// An item that would join another item of the same feed (neither stored)
// is explained as joining it: the story, the item it matched, not "would
// start a new story" (review 14).
func TestExplainFeedShowsAJoinWithinTheFeed(t *testing.T) {
	site := newNewsSite(t)
	site.serve("/rss", "application/rss+xml", explainFeed(site.URL))
	cfg := writeConfig(t, t.TempDir(), []testSource{{Name: "Kabar", URL: site.URL + "/rss"}}, nil)
	out := mustWarta(t, "-config", cfg, "explain", "-json", site.URL+"/rss")
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 16<<20)
	byID := map[string]exportRecord{}
	var joins []explanation
	for sc.Scan() {
		var ex explanation
		if err := json.Unmarshal(sc.Bytes(), &ex); err != nil {
			t.Fatalf("%v: %s", err, sc.Text())
		}
		byID[ex.Article.ID] = ex.Article
		if ex.Story != nil && ex.Story.ID != ex.Article.ID {
			joins = append(joins, ex)
		}
	}
	if len(joins) != 1 {
		t.Fatalf("%d items would join another's story, want 1 (the copy)", len(joins))
	}
	ex := joins[0]
	if ex.Story.Matched == nil || byID[ex.Story.Matched.ID].URL == "" {
		t.Errorf("the copy would join story %s but names no item of the feed it matched: %+v", ex.Story.ID, ex.Story.Matched)
	}
	text := mustWarta(t, "-config", cfg, "explain", site.URL+"/rss")
	if n := strings.Count(text, "would start a new story"); n != 3 {
		t.Errorf("%d items said to start a new story, want 3 (not the copy):\n%s", n, text)
	}
	if !strings.Contains(text, "story "+ex.Story.ID+": would join it") {
		t.Errorf("the copy's join of story %s is not shown:\n%s", ex.Story.ID, text)
	}
}

// A leader of the prior warta ships with (topic/leaders_prior.go) is
// their state's actor in a headline no stored item anchors; `warta
// explain` says the name came from the feeds warta ships with. The item
// is written for the test.
func TestExplainShowsALeaderFromThePrior(t *testing.T) {
	site, cfg, out := explainWireFeed(t, func(url string) string {
		return `<item><title>Macron warns Iran over the talks</title><link>` + url + `/warns</link><pubDate>Mon, 30 Nov 2026 09:00:00 +0000</pubDate></item>`
	})
	var ex explanation
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &ex); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	var leaders []topic.LeaderActor
	for _, e := range ex.Topics {
		if e.Slug == "international-relations" {
			leaders = e.Leaders
		}
	}
	if !slices.Contains(leaders, topic.LeaderActor{Name: "Macron", State: "FR", Field: "title", From: topic.LeaderFromPrior}) {
		t.Errorf("international relations of %q: leaders %+v, want Macron = FR from the prior", ex.Article.Title, leaders)
	}
	text := mustWarta(t, "-config", cfg, "explain", site.URL+"/rss")
	if want := `leader "Macron" = state FR (title, learned from the feeds warta ships with)`; !strings.Contains(text, want) {
		t.Errorf("explain does not say %s:\n%s", want, text)
	}
}
