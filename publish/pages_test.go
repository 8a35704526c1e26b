package publish

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/testenv"
	"golang.org/x/net/html"
)

// pageSources are the status of sources at tRefresh: one fine, one
// failing, one backing off, one retired (410), and one (antara, in
// pagesPublisher) never fetched.
func pageSources() fakeStatus {
	return fakeStatus{
		{Name: "tempo", LastAttempt: tRefresh.Add(-5 * time.Minute), LastSuccess: tRefresh.Add(-5 * time.Minute), LastStatus: 200, Articles: 120},
		{Name: "kompas", LastAttempt: tRefresh.Add(-5 * time.Minute), LastSuccess: t0.Add(-48 * time.Hour), Failures: 3, LastStatus: 503,
			LastError: "fetch: 503 Service Unavailable", NextAttempt: tRefresh.Add(-time.Minute), Articles: 40},
		{Name: "detik", LastAttempt: tRefresh.Add(-5 * time.Minute), Failures: 6, LastError: "fetch: dial tcp: connection refused",
			NextAttempt: tRefresh.Add(2 * time.Hour), Articles: 0},
		{Name: "okezone", LastAttempt: tRefresh.Add(-5 * time.Minute), Failures: 1, LastStatus: 410, LastError: "fetch: 410 Gone", Articles: 12},
	}
}

// pagesPublisher is a publisher with status, counts and a recorded cycle;
// feeds show two stories while three are stored.
func pagesPublisher(t *testing.T, opts Options) (*Publisher, http.Handler) {
	t.Helper()
	opts.Status = pageSources()
	opts.MaxItems, opts.Pages = 2, 1
	opts.Sources = append(opts.Sources, SourceInfo{Name: "antara"})
	p, lister := newTestPublisher(t, opts)
	p.opts.Articles = lister
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	p.RecordCycle(CycleStatus{Started: tRefresh.Add(-time.Minute), Finished: tRefresh, Sources: 4, Failed: 2, New: 7})
	return p, p.Handler()
}

// pageText returns a page's visible text, whitespace collapsed, and its
// parsed tree.
func pageText(t *testing.T, body string) (string, *html.Node) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return nodeText(doc), doc
}

// nodeText is the visible text under n, whitespace collapsed.
func nodeText(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode && (c.Parent == nil || c.Parent.Data != "style") {
			b.WriteString(c.Data + " ")
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// elementByID finds the element with id.
func elementByID(doc *html.Node, id string) *html.Node {
	for n := range doc.Descendants() {
		for _, a := range n.Attr {
			if a.Key == "id" && a.Val == id {
				return n
			}
		}
	}
	return nil
}

func TestIndexShowsTopicsCycleAndFailures(t *testing.T) {
	_, h := pagesPublisher(t, Options{})
	rec := get(t, h, "GET", "/", nil)
	text, doc := pageText(t, rec.Body.String())
	for _, want := range []string{
		"Last cycle: 2026-11-20 11:30 UTC , 4 sources, 2 failed, 7 new articles.",
		"3 of 5 sources are failing.",
		"All stories",
		"3 stories",                        // the store's count, not the two a feed shows
		"last change 2026-11-20 10:31 UTC", // when its newest article was stored
		"Indonesia dan Malaysia menyepakati kerja sama perbatasan",
		"Diplomacy, treaties & sanctions",
		"0 stories",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("index lacks %q:\n%s", want, text)
		}
	}
	if elementByID(doc, "failing") == nil {
		t.Error("no failing-sources warning element")
	}
	if rec.Header().Get("ETag") == "" {
		t.Error("index page has no ETag")
	}
	if again := get(t, h, "GET", "/", map[string]string{"If-None-Match": rec.Header().Get("ETag")}); again.Code != http.StatusNotModified {
		t.Errorf("index If-None-Match: %d", again.Code)
	}
}

func TestIndexLatestFiveHeadlines(t *testing.T) {
	p, lister := newTestPublisher(t, Options{})
	lister.set(manyStories(12, []string{"economy", "sport"}))
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, doc := pageText(t, get(t, p.Handler(), "GET", "/", nil).Body.String())
	section := elementByID(doc, "economy")
	if section == nil {
		t.Fatal("no economy section")
	}
	n := 0
	for el := range section.Descendants() {
		if el.Type == html.ElementNode && el.Data == "li" {
			n++
		}
	}
	if n != 5 {
		t.Errorf("economy shows %d headlines, want 5", n)
	}
	text, _ := pageText(t, get(t, p.Handler(), "GET", "/", nil).Body.String())
	if !strings.Contains(text, "No cycle has finished") {
		t.Errorf("index before any cycle: %s", text)
	}
	if strings.Contains(text, "failing") {
		t.Errorf("index warns without a status reader: %s", text)
	}
}

func TestTopicPage(t *testing.T) {
	_, h := pagesPublisher(t, Options{})
	rec := get(t, h, "GET", "/topics/international-relations", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("topic page: %d", rec.Code)
	}
	text, doc := pageText(t, rec.Body.String())
	for _, want := range []string{
		"International relations", "Diplomacy, treaties & sanctions",
		"Indonesia dan Malaysia menyepakati kerja sama perbatasan",
		"Also reported by: kompas , detik",
		"tempo · id · 2026-11-20 08:30 UTC",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("topic page lacks %q:\n%s", want, text)
		}
	}
	hrefs := map[string]bool{}
	alternates := 0
	for n := range doc.Descendants() {
		for _, a := range n.Attr {
			if a.Key == "href" {
				hrefs[a.Val] = true
			}
			if n.Data == "link" && a.Key == "rel" && a.Val == "alternate" {
				alternates++
			}
		}
	}
	for _, want := range []string{
		testBase + "/feeds/international-relations.atom", testBase + "/feeds/international-relations.rss",
		testBase + "/feeds/international-relations.json", testBase + "/feeds/international-relations.atom?lang=id",
		"https://kompas.example/news/c1a",
	} {
		if !hrefs[want] {
			t.Errorf("topic page does not link %s", want)
		}
	}
	if alternates != 4 {
		t.Errorf("topic page has %d autodiscovery links, want 4", alternates)
	}
	if rec := get(t, h, "GET", "/topics/nope", nil); rec.Code != http.StatusNotFound {
		t.Errorf("unknown topic: %d", rec.Code)
	}
}

func TestStatusPage(t *testing.T) {
	_, h := pagesPublisher(t, Options{})
	rec := get(t, h, "GET", "/status", nil)
	text, doc := pageText(t, rec.Body.String())
	table := elementByID(doc, "sources")
	if table == nil {
		t.Fatalf("no sources table:\n%s", text)
	}
	var rows []string
	var bad []string
	for tr := range table.Descendants() {
		if tr.Type != html.ElementNode || tr.Data != "tr" || tr.Parent.Data != "tbody" {
			continue
		}
		var cells []string
		for td := range tr.ChildNodes() {
			var b strings.Builder
			for n := range td.Descendants() {
				if n.Type == html.TextNode {
					b.WriteString(n.Data)
				}
			}
			cells = append(cells, b.String())
		}
		rows = append(rows, strings.Join(cells[:7], "|"))
		for _, a := range tr.Attr {
			if a.Key == "class" && a.Val == "bad" {
				bad = append(bad, cells[0])
			}
		}
	}
	want := []string{
		// Failing, backing-off and retired sources first.
		"detik|backing off (6×)|2026-11-20 11:25 UTC|never|2026-11-20 13:30 UTC|0|fetch: dial tcp: connection refused",
		"kompas|failing (3×)|2026-11-20 11:25 UTC|2026-11-18 08:30 UTC|2026-11-20 11:29 UTC|40|fetch: 503 Service Unavailable",
		"okezone|retired (1×)|2026-11-20 11:25 UTC|never|when its URL changes|12|fetch: 410 Gone",
		"antara|not fetched yet|never|never|next cycle|–|",
		"tempo|ok|2026-11-20 11:25 UTC|2026-11-20 11:25 UTC|next cycle|120|",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("status rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	if strings.Join(bad, ",") != "detik,kompas,okezone" {
		t.Errorf("rows standing out: %q", bad)
	}
	// Charts: one per topic and one per source, bars where articles came.
	svgs, bars := 0, 0
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "svg" {
			svgs++
		}
		if n.Type == html.ElementNode && n.Data == "rect" {
			bars++
		}
	}
	if svgs != 4+5 || bars == 0 {
		t.Errorf("%d charts with %d bars, want 9 charts with bars", svgs, bars)
	}
	if !strings.Contains(text, "International relations · 3 articles") {
		t.Errorf("status page lacks the topic chart's total:\n%s", text)
	}
}

func TestStatusJSON(t *testing.T) {
	_, h := pagesPublisher(t, Options{})
	rec := get(t, h, "GET", "/status.json", nil)
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	var st statusJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &st); err != nil {
		t.Fatal(err)
	}
	if st.LastCycle == nil || st.LastCycle.Failed != 2 || st.Failing != 3 || len(st.Sources) != 5 {
		t.Fatalf("status.json: %+v", st)
	}
	if s := st.Sources[0]; s.Name != "detik" || s.Outcome != OutcomeBackingOff || s.LastSuccess != nil || s.NextAttempt == nil || *s.Articles != 0 {
		t.Errorf("detik: %+v", s)
	}
	if len(st.Hours) != chartHours || len(st.Topics["all"]) != chartHours {
		t.Errorf("%d hours, all chart %d", len(st.Hours), len(st.Topics["all"]))
	}
	total := 0
	for _, n := range st.BySource["kompas"] {
		total += n
	}
	if total != 1 || st.Feeds["all"].Stories != 3 {
		t.Errorf("kompas articles charted %d, all stories %d", total, st.Feeds["all"].Stories)
	}
}

// TestPagesInChromium loads /, a topic page and /status in headless
// Chromium at a phone's width, checks what the rendered DOM shows and keeps
// screenshots in the test's artifact directory (go test -artifacts).
func TestPagesInChromium(t *testing.T) {
	chromium := testenv.Tool(t, "chromium", "chromium")
	if chromium == "" {
		return
	}
	related := &fakeRelations{related: []RelatedStory{{StoryID: "s3", From: "c1a", Share: 0.5, Bar: 0.6, Hours: 2, Shared: []string{"rusia"}, Apart: "a guard"}}}
	p, _, srv := servedPublisher(t, Options{Status: pageSources(), MaxItems: 2, Pages: 1, Related: related})
	p.opts.Articles = p.stories.(ArticleCounter)
	p.stories.(*fakeLister).labels = []article.Label{{Story: "s1", Topic: "sport", Of: false, Note: "a border deal", At: t0}}
	p.stories.(*fakeLister).joins = []article.Join{{Story: "b1", Into: "s1", Note: "one meeting", At: t0}}
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	p.RecordCycle(CycleStatus{Started: tRefresh.Add(-time.Minute), Finished: tRefresh, Sources: 3, Failed: 2, New: 7})
	dir := t.ArtifactDir()
	for _, tc := range []struct {
		name, path string
		want       []string
	}{
		{"index", "/", []string{"3 of 4 sources are failing", "Indonesia dan Malaysia menyepakati", "3 stories"}},
		{"topic", "/topics/international-relations", []string{"Also reported by", "kompas", "detik", "3 reports"}},
		{"story", "/stories/s1", []string{"3 reports from 3 outlets", "joined by minhash-lead", "Ekonomi", "Near it", "kept apart: a guard", "Readers' labels", "a border deal", "Joined by readers", "<code>b1</code>", "one meeting"}},
		{"status", "/status", []string{"backing off", "connection refused", "<svg"}},
		// A feed opened in the browser reads as a page (the stylesheet).
		{"feed", "/feeds/international-relations.atom", []string{"This is a news feed", "Subscribe in your reader", "Sanksi baru untuk Rusia"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run := func(extra ...string) []byte {
				args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + t.TempDir(),
					"--window-size=412,915"}, extra...)
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
				defer cancel()
				cmd := exec.CommandContext(ctx, chromium, append(args, srv.URL+tc.path)...)
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("chromium: %v", err)
				}
				return out
			}
			dom := string(run("--dump-dom"))
			for _, want := range tc.want {
				if !strings.Contains(dom, want) {
					t.Errorf("%s as Chromium renders it lacks %q", tc.path, want)
				}
			}
			shot := filepath.Join(dir, tc.name+".png")
			run("--screenshot=" + shot)
			if fi, err := os.Stat(shot); err != nil || fi.Size() < 1000 {
				t.Errorf("screenshot %s: %v", shot, err)
			}
		})
	}
}

// Bidi controls in feed titles and source names are isolated on the
// pages: an unclosed RIGHT-TO-LEFT OVERRIDE in a title cannot reverse the
// source name after it (review 16, finding 10).
func TestPagesIsolateBidi(t *testing.T) {
	p, lister := newTestPublisher(t, Options{})
	lead := art("rlo", "B\u202ex", "Berita\u202e", t0, "economy")
	other := art("rlo2", "C\u202ey", "Berita lain", t0, "economy")
	other.URL = "https://c.example/rlo2"
	lister.set([]*article.Story{{ID: "rlo", Lead: lead, Copies: []*article.Article{other}}})
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", "/topics/economy"} {
		_, doc := pageText(t, get(t, p.Handler(), "GET", path, nil).Body.String())
		seen := 0
		for n := range doc.Descendants() {
			if n.Type != html.TextNode || !strings.ContainsRune(n.Data, '\u202e') {
				continue
			}
			seen++
			isolated := false
			for a := n.Parent; a != nil; a = a.Parent {
				if a.Type == html.ElementNode && a.Data == "bdi" {
					isolated = true
				}
			}
			if !isolated {
				t.Errorf("%s: %q is not isolated", path, n.Data)
			}
		}
		if seen == 0 {
			t.Errorf("%s shows neither the title nor the source", path)
		}
	}
}
