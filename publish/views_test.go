package publish

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed/atom"
	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/feedcheck"
	"github.com/warta-news/warta/internal/testenv"
)

// parseAtom parses an Atom document or fails the test.
func parseAtom(t *testing.T, data []byte) *atom.Feed {
	t.Helper()
	feed, err := (&atom.Parser{}).Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return feed
}

// links returns a document's links by rel.
func links(f *atom.Feed) map[string]string {
	out := map[string]string{}
	for _, l := range f.Links {
		out[l.Rel] = l.Href
	}
	return out
}

// expectCodes fails for every path h does not answer with its code.
func expectCodes(t *testing.T, h http.Handler, codes map[string]int) {
	t.Helper()
	for path, code := range codes {
		if rec := get(t, h, "GET", path, nil); rec.Code != code {
			t.Errorf("%s: %d, want %d", path, rec.Code, code)
		}
	}
}

// A restart, a reload or another daemon on the same store renders the same
// bytes with the same Last-Modified, so that If-Modified-Since keeps
// working; an empty feed's bytes are the same too. A feed changes its
// Last-Modified when a newer article arrives, and a change with no newer
// article (a retag, a prune) still moves it forward.
func TestLastModifiedSurvivesRestarts(t *testing.T) {
	clk := newClock(tRefresh)
	p, lister := newTestPublisher(t, Options{Now: clk.Now})
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := p.Handler()
	first := map[string]*httptest.ResponseRecorder{}
	for _, path := range []string{"/feeds/sport.atom", "/feeds/sport.rss", "/feeds/economy.atom", "/feeds/all.rss"} {
		first[path] = get(t, h, "GET", path, nil)
	}
	if got := parseAtom(t, first["/feeds/sport.atom"].Body.Bytes()).Updated; got != "2000-01-01T00:00:00Z" {
		t.Errorf("empty feed updated = %q, want the fixed 2000-01-01", got)
	}

	// A restart two hours later.
	clk.Add(2 * time.Hour)
	restarted, _ := newTestPublisher(t, Options{Now: clk.Now})
	if err := restarted.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	rh := restarted.Handler()
	for path, before := range first {
		again := get(t, rh, "GET", path, nil)
		for _, k := range []string{"ETag", "Last-Modified"} {
			if again.Header().Get(k) != before.Header().Get(k) {
				t.Errorf("%s after a restart: %s %q → %q", path, k, before.Header().Get(k), again.Header().Get(k))
			}
		}
		if lm := before.Header().Get("Last-Modified"); lm != "" {
			if rec := get(t, rh, "GET", path, map[string]string{"If-Modified-Since": lm}); rec.Code != http.StatusNotModified {
				t.Errorf("%s: If-Modified-Since the first process's date after a restart: %d, want 304", path, rec.Code)
			}
		}
	}

	// A sport story arrives, stored at 13:00: sport changes, economy not.
	s := &article.Story{ID: "new", Lead: art("new", "bbc", "Match report", t0, "sport")}
	s.Lead.FirstSeen = time.Date(2026, 11, 20, 13, 0, 0, 0, time.UTC)
	lister.set(append(testStories(), s))
	clk.Add(time.Hour)
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if lm := get(t, h, "GET", "/feeds/sport.atom", nil).Header().Get("Last-Modified"); lm != "Fri, 20 Nov 2026 13:00:00 GMT" {
		t.Errorf("Last-Modified after a new story = %q, want when it was stored", lm)
	}
	if lm := get(t, h, "GET", "/feeds/economy.atom", nil).Header().Get("Last-Modified"); lm != first["/feeds/economy.atom"].Header().Get("Last-Modified") {
		t.Errorf("unchanged feed Last-Modified moved to %q", lm)
	}
	// The story is retagged away: sport is empty again, with no newer
	// article; its Last-Modified still moves forward, to the refresh.
	lister.set(testStories())
	clk.Add(time.Hour)
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if lm := get(t, h, "GET", "/feeds/sport.atom", nil).Header().Get("Last-Modified"); lm != clk.Now().UTC().Format(http.TimeFormat) {
		t.Errorf("Last-Modified after a retag = %q, want the refresh %s", lm, clk.Now().UTC().Format(http.TimeFormat))
	}
}

// every returns a NextCycle of cycles every d on the clock (a cron
// schedule such as "*/10 * * * *").
func every(d time.Duration) func(time.Time) time.Time {
	return func(t time.Time) time.Time { return t.Truncate(d).Add(d) }
}

func TestCacheControlFollowsSchedule(t *testing.T) {
	clk := newClock(tRefresh)
	p, _ := newTestPublisher(t, Options{Now: clk.Now, NextCycle: every(10 * time.Minute)})
	h := p.Handler()
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		after time.Duration
		want  string
	}{
		{0, "public, max-age=600"},
		{4 * time.Minute, "public, max-age=360"},
		{9*time.Minute + 50*time.Second, "public, max-age=30"}, // floor: the next cycle is due
		{time.Hour, "public, max-age=30"},                      // a late cycle
	} {
		clk.Add(tRefresh.Add(tc.after).Sub(clk.Now()))
		if got := get(t, h, "GET", "/feeds/all.rss", nil).Header().Get("Cache-Control"); got != tc.want {
			t.Errorf("%s after the refresh: Cache-Control %q, want %q", tc.after, got, tc.want)
		}
	}
}

// A snapshot built off the schedule (the cycle at start, after a reload,
// or another daemon's) is cached until the next scheduled cycle, not for
// a whole interval past its own time (review 16: 11).
func TestCacheControlOffScheduleSnapshot(t *testing.T) {
	clk := newClock(tRefresh) // 11:30, half-way between hourly cycles
	p, _ := newTestPublisher(t, Options{Now: clk.Now, NextCycle: every(time.Hour)})
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, want := get(t, p.Handler(), "GET", "/feeds/all.atom", nil).Header().Get("Cache-Control"), "public, max-age=1800"; got != want {
		t.Errorf("snapshot built at %s, hourly cycles: Cache-Control %q, want %q (until 12:00)", tRefresh.Format("15:04"), got, want)
	}
}

func TestLanguageAndSourceViews(t *testing.T) {
	h := refreshed(t)
	for _, tc := range []struct {
		path, self, lang string
		ids              []string
	}{
		{"/feeds/all.atom?lang=id", testBase + "/feeds/all.atom?lang=id", "id", []string{"urn:warta:story:s1"}},
		{"/feeds/all.atom?lang=EN&utm_source=x", testBase + "/feeds/all.atom?lang=en", "en", []string{"urn:warta:story:s2"}},
		{"/feeds/international-relations.atom?source=kompas", testBase + "/feeds/international-relations.atom?source=kompas", "", []string{"urn:warta:story:s1"}},
		{"/feeds/all.atom?source=antara&lang=id", testBase + "/feeds/all.atom?lang=id&source=antara", "id", nil},
		// Source names match without regard to case, as "source:" does,
		// and the view's URL spells the name as configured.
		{"/feeds/international-relations.atom?source=KOMPAS", testBase + "/feeds/international-relations.atom?source=kompas", "", []string{"urn:warta:story:s1"}},
		// A filter's URL leaves the characters a query may hold as they
		// are: the URL as written is the feed's self link.
		{"/feeds/all.atom?q=source:KOMPAS", testBase + "/feeds/all.atom?q=source:KOMPAS", "", []string{"urn:warta:story:s1"}},
		{"/feeds/all.atom?q=topic:economy+-source:kompas", testBase + "/feeds/all.atom?q=topic:economy+-source:kompas", "", []string{"urn:warta:story:s2"}},
		{"/feeds/all.atom?q=%22kerja+sama%22+lang:id", testBase + "/feeds/all.atom?q=%22kerja+sama%22+lang:id", "", []string{"urn:warta:story:s1"}},
		// The stories several outlets reported: s1 (tempo, kompas, detik).
		{"/feeds/all.atom?q=outlets:2", testBase + "/feeds/all.atom?q=outlets:2", "", []string{"urn:warta:story:s1"}},
		{"/feeds/international-relations.atom?q=-outlets:3", testBase + "/feeds/international-relations.atom?q=-outlets:3", "", []string{"urn:warta:story:s3"}},
		// Stories by their IDs: one dropped, two picked.
		{"/feeds/international-relations.atom?q=-story:s1", testBase + "/feeds/international-relations.atom?q=-story:s1", "", []string{"urn:warta:story:s3"}},
		{"/feeds/all.atom?q=story:s3+story:s2", testBase + "/feeds/all.atom?q=story:s3+story:s2", "", []string{"urn:warta:story:s2", "urn:warta:story:s3"}},
	} {
		rec := get(t, h, "GET", tc.path, nil)
		if rec.Code != http.StatusOK {
			t.Errorf("%s: %d", tc.path, rec.Code)
			continue
		}
		feed := parseAtom(t, rec.Body.Bytes())
		var ids []string
		for _, e := range feed.Entries {
			ids = append(ids, e.ID)
		}
		if !slices.Equal(ids, tc.ids) {
			t.Errorf("%s: entries %q, want %q", tc.path, ids, tc.ids)
		}
		if feed.ID != tc.self || links(feed)["self"] != tc.self {
			t.Errorf("%s: id %q self %q, want %q", tc.path, feed.ID, links(feed)["self"], tc.self)
		}
		if tc.lang != "" && !bytes.Contains(rec.Body.Bytes(), []byte(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="`+tc.lang+`">`)) {
			t.Errorf("%s: no feed-level xml:lang=%s", tc.path, tc.lang)
		}
		path := writeTemp(t, "view.atom", rec.Body.Bytes())
		jingValidate(t, path)
		feedparserCheck(t, path, len(tc.ids))
	}
	// Each view has its own ETag, and answers conditional requests.
	plain := get(t, h, "GET", "/feeds/all.atom", nil).Header().Get("ETag")
	view := get(t, h, "GET", "/feeds/all.atom?lang=id", nil)
	etag, lm := view.Header().Get("ETag"), view.Header().Get("Last-Modified")
	if etag == "" || etag == plain {
		t.Errorf("view ETag %q, plain feed %q", etag, plain)
	}
	if rec := get(t, h, "GET", "/feeds/all.atom?lang=id", map[string]string{"If-None-Match": etag}); rec.Code != http.StatusNotModified {
		t.Errorf("view If-None-Match: %d", rec.Code)
	}
	if rec := get(t, h, "GET", "/feeds/all.atom?lang=id", map[string]string{"If-Modified-Since": lm}); rec.Code != http.StatusNotModified {
		t.Errorf("view If-Modified-Since: %d", rec.Code)
	}
	for path, term := range map[string]string{
		"/feeds/all.atom?q=topic:nosuch":               `unknown topic "nosuch"`,
		"/feeds/all.atom?q=lang:id+-source:nobody":     `unknown source "nobody"`,
		"/feeds/economy.atom?q=source:kompas+topic:ir": `unknown topic "ir"`,
	} {
		if body := get(t, h, "GET", path, nil).Body.String(); !strings.Contains(body, term) {
			t.Errorf("%s answers %q, without %s", path, body, term)
		}
	}
	gz := get(t, h, "GET", "/feeds/all.rss?lang=id", map[string]string{"Accept-Encoding": "gzip"})
	if gz.Header().Get("Content-Encoding") != "gzip" || !strings.HasSuffix(gz.Header().Get("ETag"), `-gz"`) {
		t.Errorf("gzipped view: %q %q", gz.Header().Get("Content-Encoding"), gz.Header().Get("ETag"))
	}
	if rec := get(t, h, "GET", "/feeds/all.json?lang=id", nil); !strings.Contains(rec.Body.String(), `"language": "id"`) {
		t.Errorf("JSON view lacks its language:\n%s", rec.Body.String())
	}
	expectCodes(t, h, map[string]int{
		"/feeds/all.atom?source=nobody": http.StatusNotFound,
		// A filter naming a topic or source warta does not know is a typo
		// in a subscription, not an empty feed.
		"/feeds/all.atom?q=topic:nosuch":               http.StatusNotFound,
		"/feeds/all.atom?q=lang:id+-source:nobody":     http.StatusNotFound,
		"/feeds/economy.atom?q=source:kompas+topic:ir": http.StatusNotFound,
		"/feeds/all.atom?lang=x_y":                     http.StatusBadRequest,
		"/feeds/all.atom?page=0":                       http.StatusBadRequest,
		"/feeds/all.atom?q=outlets:0":                  http.StatusBadRequest,
		"/feeds/all.atom?page=2":                       http.StatusNotFound,
		"/feeds/nope.atom?lang=id":                     http.StatusNotFound,
	})
}

func TestPaging(t *testing.T) {
	p, lister := newTestPublisher(t, Options{MaxItems: 10, Pages: 3})
	lister.set(manyStories(45, []string{"economy", "sport"}))
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := p.Handler()
	// 45 stories, 30 kept (3 pages of 10): a reader following rel=next
	// from the feed gets every kept story once.
	next := "/feeds/all.atom"
	var ids []string
	for page := 1; next != ""; page++ {
		rec := get(t, h, "GET", strings.TrimPrefix(next, testBase), nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d", next, rec.Code)
		}
		feed := parseAtom(t, rec.Body.Bytes())
		l := links(feed)
		if l["first"] != testBase+"/feeds/all.atom" || l["last"] != testBase+"/feeds/all.atom?page=3" {
			t.Errorf("page %d: first %q last %q", page, l["first"], l["last"])
		}
		if page > 1 && l["previous"] == "" {
			t.Errorf("page %d has no previous link", page)
		}
		for _, e := range feed.Entries {
			ids = append(ids, e.ID)
		}
		jingValidate(t, writeTemp(t, "page.atom", rec.Body.Bytes()))
		next = l["next"]
	}
	if len(ids) != 30 || len(slices.Compact(slices.Sorted(slices.Values(ids)))) != 30 {
		t.Errorf("paging gave %d entries (%d distinct), want 30", len(ids), len(slices.Compact(slices.Sorted(slices.Values(ids)))))
	}
	// RSS and JSON Feed page too.
	if rss := get(t, h, "GET", "/feeds/all.rss?page=2", nil).Body.String(); !strings.Contains(rss, `<atom:link href="`+testBase+`/feeds/all.rss?page=3" rel="next"`) {
		t.Errorf("RSS page 2 lacks rel=next:\n%s", rss)
	}
	var js struct {
		Next  string `json:"next_url"`
		Items []any  `json:"items"`
	}
	if err := json.Unmarshal(get(t, h, "GET", "/feeds/all.json", nil).Body.Bytes(), &js); err != nil || js.Next != testBase+"/feeds/all.json?page=2" || len(js.Items) != 10 {
		t.Errorf("JSON next_url %q items %d err %v", js.Next, len(js.Items), err)
	}
	// A narrowed view pages on its own stories.
	sport := parseAtom(t, get(t, h, "GET", "/feeds/sport.atom?lang=id&page=2", nil).Body.Bytes())
	if l := links(sport); l["self"] != testBase+"/feeds/sport.atom?lang=id&page=2" || l["first"] != testBase+"/feeds/sport.atom?lang=id" {
		t.Errorf("view paging links %v", l)
	}
}

func TestFeedsAdvertiseStylesheet(t *testing.T) {
	h := refreshed(t)
	atomDoc := get(t, h, "GET", "/feeds/economy.atom", nil).Body.Bytes()
	rssDoc := get(t, h, "GET", "/feeds/economy.rss", nil).Body.Bytes()
	pi := `<?xml-stylesheet type="text/xsl" href="` + testBase + `/feed.xsl"?>`
	for name, doc := range map[string][]byte{"atom": atomDoc, "rss": rssDoc} {
		if !bytes.Contains(doc, []byte(pi)) {
			t.Errorf("%s lacks %s", name, pi)
		}
	}
	// Readers ignore it.
	p := writeTemp(t, "economy.atom", atomDoc)
	jingValidate(t, p)
	feedparserCheck(t, p, 2)
	feedparserCheck(t, writeTemp(t, "economy.rss", rssDoc), 2)

	xsl := get(t, h, "GET", "/feed.xsl", nil)
	if xsl.Code != http.StatusOK || !strings.HasPrefix(xsl.Header().Get("Content-Type"), "text/xsl") {
		t.Fatalf("/feed.xsl: %d %q", xsl.Code, xsl.Header().Get("Content-Type"))
	}
	// A browser applies it: libxslt (through lxml) turns each feed into a
	// page with the subscribe note and the entries' titles.
	py := "/usr/bin/python3"
	if exec.Command(py, "-c", "import lxml.etree").Run() != nil {
		testenv.Missing(t, testenv.RequireToolsEnv, "Debian's python3-lxml is needed to apply the feed stylesheet")
		return
	}
	sheet := writeTemp(t, "feed.xsl", xsl.Body.Bytes())
	for name, doc := range map[string][]byte{"atom": atomDoc, "rss": rssDoc} {
		out, err := exec.Command(py, "-c", `import sys
from lxml import etree
t = etree.XSLT(etree.parse(sys.argv[1]))
print(str(t(etree.parse(sys.argv[2]))))`, sheet, writeTemp(t, "doc."+name, doc)).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: xslt: %v\n%s", name, err, out)
		}
		page := string(out)
		for _, want := range []string{"Subscribe in your reader", testBase + "/feeds/economy." + name, "Rupiah falls against the dollar", "warta: Ekonomi"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s as a page lacks %q:\n%s", name, want, page)
			}
		}
	}
}

// dayStories are n stories published 12 hours apart, newest at t0.
func dayStories(n int) []*article.Story {
	var out []*article.Story
	for i := range n {
		id := "d" + string(rune('a'+i))
		lead := art(id, "tempo", "Berita "+id, t0.Add(-time.Duration(i)*12*time.Hour), "economy")
		lead.Language = "id"
		out = append(out, &article.Story{ID: id, Lead: lead})
	}
	return out
}

func TestArchives(t *testing.T) {
	// Ten stories, 2026-11-20 08:30 back to 2026-11-15 20:30, all loaded.
	p, lister := newTestPublisher(t, Options{MaxItems: 2, Pages: 10})
	lister.set(dayStories(10))
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := p.Handler()
	sub := parseAtom(t, get(t, h, "GET", "/feeds/economy.atom", nil).Body.Bytes())
	// Refreshed 2026-11-20 11:30: days up to 2026-11-18 are archived.
	prev := links(sub)["prev-archive"]
	if prev != testBase+"/feeds/economy.atom?archive=2026-11-18" {
		t.Fatalf("subscription document prev-archive = %q", prev)
	}
	seen := map[string]bool{}
	for _, e := range sub.Entries {
		seen[e.ID] = true
	}
	var days []string
	for prev != "" {
		rec := get(t, h, "GET", strings.TrimPrefix(prev, testBase), nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d", prev, rec.Code)
		}
		if !bytes.Contains(rec.Body.Bytes(), []byte(`<archive xmlns="http://purl.org/syndication/history/1.0"></archive>`)) {
			t.Errorf("%s lacks fh:archive", prev)
		}
		doc := parseAtom(t, rec.Body.Bytes())
		day := strings.TrimPrefix(prev, testBase+"/feeds/economy.atom?archive=")
		days = append(days, day)
		l := links(doc)
		if l["current"] != testBase+"/feeds/economy.atom" || l["self"] != prev {
			t.Errorf("%s: current %q self %q", day, l["current"], l["self"])
		}
		for _, e := range doc.Entries {
			if !strings.HasPrefix(e.Published, day) {
				t.Errorf("archive %s holds an entry published %s", day, e.Published)
			}
			seen[e.ID] = true
		}
		jingValidate(t, writeTemp(t, "archive.atom", rec.Body.Bytes()))
		prev = l["prev-archive"]
	}
	if want := []string{"2026-11-18", "2026-11-17", "2026-11-16", "2026-11-15"}; !slices.Equal(days, want) {
		t.Errorf("archives %q, want %q", days, want)
	}
	// Subscription document and archives together: every story but the
	// one of 2026-11-19 08:30, whose day is in grace and which is past the
	// first page.
	if len(seen) != 9 || seen["urn:warta:story:dc"] {
		t.Errorf("a reader following the archives sees %d stories: %v", len(seen), seen)
	}
	rss := get(t, h, "GET", "/feeds/economy.rss?archive=2026-11-17", nil).Body.String()
	for _, want := range []string{`rel="next-archive"`, `rel="prev-archive"`, `rel="current"`, `<archive xmlns="http://purl.org/syndication/history/1.0">`} {
		if !strings.Contains(rss, want) {
			t.Errorf("RSS archive lacks %s", want)
		}
	}
	expectCodes(t, h, map[string]int{
		"/feeds/economy.atom?archive=2026-11-19":         http.StatusNotFound, // in grace
		"/feeds/economy.atom?archive=2026-11-01":         http.StatusNotFound,
		"/feeds/economy.atom?archive=2026-11-31":         http.StatusBadRequest,
		"/feeds/economy.atom?archive=2026-11-17&page=2":  http.StatusBadRequest,
		"/feeds/economy.atom?archive=2026-11-17&lang=id": http.StatusOK,
		"/feeds/economy.atom?archive=2026-11-17&lang=en": http.StatusNotFound,
	})

	// A window that is only the newest of the feed's stories does not
	// archive its oldest day: it may go on beyond the window.
	p2, lister2 := newTestPublisher(t, Options{MaxItems: 2, Pages: 3})
	lister2.set(dayStories(10))
	if err := p2.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Six stories loaded: 2026-11-20 08:30 back to 2026-11-17 20:30.
	if rec := get(t, p2.Handler(), "GET", "/feeds/economy.atom?archive=2026-11-17", nil); rec.Code != http.StatusNotFound {
		t.Errorf("the window's oldest day archived: %d", rec.Code)
	}
	if rec := get(t, p2.Handler(), "GET", "/feeds/economy.atom?archive=2026-11-18", nil); rec.Code != http.StatusOK {
		t.Errorf("a day inside the window not archived: %d", rec.Code)
	}

	// The W3C validator on a subscription document and archives.
	p3, lister3, srv := servedPublisher(t, Options{MaxItems: 2, Pages: 10})
	lister3.set(dayStories(10))
	if err := p3.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/feeds/economy.atom", "/feeds/economy.atom?archive=2026-11-17", "/feeds/economy.rss?archive=2026-11-17"} {
		feedcheck.W3C(t, srv.URL+path)
	}
}

// The WebSub hub's content of a view is the served view's: a view of an
// unknown topic or source is no feed to subscribe to.
func TestContentOfFilteredViews(t *testing.T) {
	p, _ := newTestPublisher(t, Options{Sources: testSources()})
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := p.Handler()
	for path, want := range map[string]bool{
		"/feeds/all.atom?q=topic:economy+-source:kompas": true,
		"/feeds/all.atom?q=source:KOMPAS":                true,
		"/feeds/all.atom?q=topic:nosuch":                 false,
		"/feeds/all.atom?q=source:nobody":                false,
		"/feeds/all.atom?source=nobody":                  false,
	} {
		_, body, ok, err := p.Content(testBase + path)
		if err != nil {
			t.Errorf("Content(%s): %v", path, err)
		}
		if ok != want {
			t.Errorf("Content(%s): ok %v, want %v", path, ok, want)
			continue
		}
		if served := get(t, h, "GET", path, nil).Body.Bytes(); ok && !bytes.Equal(body, served) {
			t.Errorf("Content(%s) differs from the served view", path)
		}
	}
}

// A view's canonical query (its self, next and WebSub topic URLs) reads
// back as the same view through net/http's query parser, which refuses a
// pair with a ';' in it and so would serve the unfiltered feed.
func TestCanonicalQueryRoundTrips(t *testing.T) {
	for _, in := range []url.Values{
		{"q": {"gaza;ceasefire"}},
		{"q": {`source:"a;b" -topic:economy`}},
		{"q": {"a;b"}, "lang": {"id"}, "page": {"2"}},
		{"source": {"Koran;Pagi"}},
		{"source": {"a&b=c+d %41#e?f"}, "q": {"100% \"x&y\""}},
		{"q": {"topic:economy -source:kompas"}, "archive": {"2026-03-01"}},
	} {
		v, err := ParseView(in)
		if err != nil {
			t.Fatalf("ParseView(%v): %v", in, err)
		}
		q := v.Query()
		back, err := url.ParseQuery(q)
		if err != nil {
			t.Errorf("%v: canonical query %q does not parse: %v", in, q, err)
			continue
		}
		got, err := ParseView(back)
		if err != nil {
			t.Errorf("%v: canonical query %q reads back as an error: %v", in, q, err)
			continue
		}
		if got != v {
			t.Errorf("%v: canonical query %q reads back as %+v, want %+v", in, q, got, v)
		}
	}
}

// A title with "&" or "<" reads as written through the stylesheet, as in
// readers (review 16, finding 5); the stylesheet's "Every feed" link
// honours a base URL with a path (review 16, minor).
func TestStylesheetShowsTitlesAsWritten(t *testing.T) {
	const title = `AT&T: S&P 500 < 5 ]]> "naik"`
	// Text that reads as markup is sent as HTML, escaped once more; the
	// page still shows it as written.
	const markup = `Q&A: tarif &amp; rupiah </b>`
	p, lister := newTestPublisher(t, Options{BaseURL: testBase + "/warta"})
	lister.set([]*article.Story{{ID: "amp", Lead: art("amp", "tempo", title, t0, "economy")},
		{ID: "markup", Lead: art("markup", "tempo", markup, t0.Add(-time.Hour), "economy")}})
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := p.Handler()
	doc := get(t, h, "GET", "/feeds/economy.atom", nil).Body.Bytes()
	file := writeTemp(t, "economy.atom", doc)
	jingValidate(t, file)
	if parsed := feedparserCheck(t, file, 2); len(parsed.Titles) != 2 || parsed.Titles[0] != title {
		t.Errorf("feedparser reads %q, want %q", parsed.Titles, title)
	}
	py := "/usr/bin/python3"
	if exec.Command(py, "-c", "import lxml.etree").Run() != nil {
		testenv.Missing(t, testenv.RequireToolsEnv, "Debian's python3-lxml is needed to apply the feed stylesheet")
		return
	}
	sheet := writeTemp(t, "feed.xsl", get(t, h, "GET", "/feed.xsl", nil).Body.Bytes())
	// The page as a browser gets it, read back by an HTML parser: each
	// entry's link text and the "Every feed" link, one a line.
	out, err := exec.Command(py, "-c", `import sys
from lxml import etree, html
t = etree.XSLT(etree.parse(sys.argv[1]))
page = html.fromstring(str(t(etree.parse(sys.argv[2]))))
for a in page.iter("a"):
    print(a.get("href") + "\t" + a.text_content())`, sheet, file).CombinedOutput()
	if err != nil {
		t.Fatalf("xslt: %v\n%s", err, out)
	}
	got := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		href, text, _ := strings.Cut(line, "\t")
		got[text] = href
	}
	for _, want := range []string{title, markup} {
		if _, ok := got[want]; !ok {
			t.Errorf("the page does not show %q as written; links:\n%s", want, out)
		}
	}
	if href := got["Every feed"]; href != testBase+"/warta/" {
		t.Errorf(`"Every feed" links %q, want %q`, href, testBase+"/warta/")
	}
}

// Review 23, finding 5: ?source= keeps the stories a configured source
// carried, stored first by another source or under its earlier name
// (article.Article.CarriedBy), and a name no longer configured is unknown
// (404), though stored articles still name it.
func TestSourceViewsFollowCarriers(t *testing.T) {
	p, lister := newTestPublisher(t, Options{Sources: []SourceInfo{{Name: "tempo"}, {Name: "kompas"}, {Name: "aggregator"}}})
	for _, s := range lister.stories {
		if s.ID == "s3" { // antara's, no longer configured
			s.Lead.CarriedBy = []string{"aggregator", "antara"}
		}
	}
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := p.Handler()
	for path, want := range map[string]string{
		"/feeds/all.atom?source=aggregator":   "urn:warta:story:s3",
		"/feeds/all.atom?q=source:AGGREGATOR": "urn:warta:story:s3",
	} {
		rec := get(t, h, "GET", path, nil)
		if rec.Code != http.StatusOK {
			t.Errorf("%s: %d", path, rec.Code)
			continue
		}
		feed := parseAtom(t, rec.Body.Bytes())
		if len(feed.Entries) != 1 || feed.Entries[0].ID != want {
			t.Errorf("%s: %d entries, want %s alone", path, len(feed.Entries), want)
		}
	}
	for _, path := range []string{"/feeds/all.atom?source=antara", "/feeds/all.atom?q=source:antara"} {
		if rec := get(t, h, "GET", path, nil); rec.Code != http.StatusNotFound {
			t.Errorf("%s (no longer configured): %d, want 404", path, rec.Code)
		}
	}
}
