package publish

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
	"golang.org/x/net/html"
)

// readingLister is a fakeLister that also reads single stories, as the
// stores do: from its own stories and from older ones no feed lists.
type readingLister struct {
	*fakeLister
	older []*article.Story
	reads int
	err   error
}

func (l *readingLister) Story(ctx context.Context, id string) (*article.Story, error) {
	l.reads++
	if l.err != nil {
		return nil, l.err
	}
	for _, s := range append(slices.Clone(l.fakeLister.stories), l.older...) {
		if s.ID == id {
			return s, nil
		}
	}
	return nil, store.ErrNotFound
}

// hrefsOf returns every link's target in doc, with its text.
func hrefsOf(doc *html.Node) map[string]string {
	out := map[string]string{}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.Data != "a" {
			continue
		}
		for _, a := range n.Attr {
			if a.Key == "href" {
				var b strings.Builder
				for c := range n.Descendants() {
					if c.Type == html.TextNode {
						b.WriteString(c.Data)
					}
				}
				out[a.Val] = strings.TrimSpace(b.String())
			}
		}
	}
	return out
}

// A reader follows a story's "3 reports" link from its topic page to the
// story's page, which lists every outlet's article in order with how each
// joined the story, and the feeds that carry it: the IR feed through the
// lead's topic, the economy feed through a copy's.
func TestStoryPage(t *testing.T) {
	_, h := pagesPublisher(t, Options{})
	page := testBase + "/stories/s1"
	_, index := pageText(t, get(t, h, "GET", "/", nil).Body.String())
	if links := hrefsOf(index); links[page] != "3 reports" {
		t.Errorf("the index does not link %s as \"3 reports\": %v", page, links)
	}
	_, topic := pageText(t, get(t, h, "GET", "/topics/international-relations", nil).Body.String())
	links := hrefsOf(topic)
	if links[page] != "3 reports" {
		t.Fatalf("the topic page links %q as %q; want its first story's page as \"3 reports\" (links %v)", page, links[page], links)
	}
	if links[testBase+"/stories/s3"] != "1 report" {
		t.Errorf("the topic page does not link the one-article story's page as \"1 report\": %v", links)
	}
	rec := get(t, h, "GET", strings.TrimPrefix(page, testBase), nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("story page: %d", rec.Code)
	}
	text, doc := pageText(t, rec.Body.String())
	for _, want := range []string{
		"Indonesia dan Malaysia menyepakati kerja sama perbatasan 3 reports from 3 outlets , folded into one entry of each feed that carries the story (story s1 ).",
		"In the feeds All stories every story International relations tagged international-relations Ekonomi tagged economy",
		"tempo · id · published 2026-11-20 08:30 UTC · found 2026-11-20 08:31 UTC the first report: the story's lead Topics: International relations",
		"kompas · published 2026-11-20 09:30 UTC · found 2026-11-20 09:31 UTC (1h after the first) joined by minhash-lead, similarity 0.93, with “Indonesia dan Malaysia menyepakati kerja sama perbatasan” Topics: International relations , Ekonomi",
		"detik · published 2026-11-20 10:30 UTC · found 2026-11-20 10:31 UTC (2h after the first) joined by event, similarity 0.71, with “RI-Malaysia sepakati kerja sama perbatasan”",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("story page lacks %q:\n%s", want, text)
		}
	}
	if strings.Index(text, "RI-Malaysia sepakati") > strings.Index(text, "Kerja sama perbatasan RI-Malaysia disepakati") {
		t.Errorf("story page does not list the articles by arrival:\n%s", text)
	}
	links = hrefsOf(doc)
	for href, label := range map[string]string{
		"https://kompas.example/news/c1a":            "RI-Malaysia sepakati kerja sama perbatasan",
		testBase + "/topics/all":                     "All stories",
		testBase + "/topics/international-relations": "International relations",
		testBase + "/topics/economy":                 "Ekonomi",
	} {
		if links[href] != label {
			t.Errorf("story page links %s as %q, want %q", href, links[href], label)
		}
	}
	if rec.Header().Get("ETag") == "" || rec.Header().Get("Cache-Control") != "no-cache" {
		t.Errorf("story page headers: %v", rec.Header())
	}
	for _, path := range []string{"/stories/nope", "/stories/c1a", "/stories/" + strings.Repeat("a", maxStoryIDLen+1)} {
		if rec := get(t, h, "GET", path, nil); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404 (no story has that ID)", path, rec.Code)
		}
	}
}

// With a store that reads single stories, every stored story has a page,
// one no feed lists any more included, read as stored now; the store's
// failure is a 500, not a missing story.
func TestStoryPageReadsTheStore(t *testing.T) {
	p, lister := newTestPublisher(t, Options{})
	older := art("old1", "antara", "Kunjungan lama Menlu ke Kanberra", t0.Add(-30*24*time.Hour), "international-relations")
	// A story whose lead was pruned keeps its page: its copies, the first
	// of them heading it.
	orphan := art("old2c", "tempo", "Salinan yang tersisa dari berita lama", t0.Add(-29*24*time.Hour))
	orphan.StoryMatch = article.StoryMatch{MatchedID: "old2", Similarity: 1, Method: "minhash-lead"}
	reader := &readingLister{fakeLister: lister, older: []*article.Story{{ID: "old1", Lead: older}, {ID: "old2", Copies: []*article.Article{orphan}}}}
	p.stories = reader
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := p.Handler()
	text, _ := pageText(t, get(t, h, "GET", "/stories/old1", nil).Body.String())
	if !strings.Contains(text, "Kunjungan lama Menlu ke Kanberra 1 report from 1 outlet") || reader.reads != 1 {
		t.Errorf("the page of a story no feed lists (%d reads):\n%s", reader.reads, text)
	}
	text, _ = pageText(t, get(t, h, "GET", "/stories/old2", nil).Body.String())
	if !strings.Contains(text, "Salinan yang tersisa dari berita lama 1 report from 1 outlet") ||
		!strings.Contains(text, "(story old2 )") || !strings.Contains(text, "joined by minhash-lead, similarity 1.00 This story as JSON") {
		t.Errorf("the page of a story whose lead was pruned:\n%s", text)
	}
	// A copy joined after the last Refresh is on the page at once.
	late := art("c1c", "republika", "Perbatasan RI-Malaysia: kesepakatan diteken", t0.Add(3*time.Hour))
	late.StoryMatch = article.StoryMatch{MatchedID: "s1", Similarity: 0.64, Method: "event"}
	s1 := *lister.stories[0]
	s1.Copies = append(slices.Clone(s1.Copies), late)
	lister.set([]*article.Story{&s1, lister.stories[1], lister.stories[2]})
	if text, _ := pageText(t, get(t, h, "GET", "/stories/s1", nil).Body.String()); !strings.Contains(text, "4 reports from 4 outlets") ||
		!strings.Contains(text, "republika · published 2026-11-20 11:30 UTC") {
		t.Errorf("the story page does not read the story as stored now:\n%s", text)
	}
	if rec := get(t, h, "GET", "/stories/nope", nil); rec.Code != http.StatusNotFound {
		t.Errorf("a story the store does not hold: %d, want 404", rec.Code)
	}
	reader.err = errors.New("disk on fire")
	if rec := get(t, h, "GET", "/stories/s1", nil); rec.Code != http.StatusInternalServerError {
		t.Errorf("a store that fails: %d, want 500", rec.Code)
	}
}

// A story's ID is one path segment of its page's address, whatever it
// holds, and the page answers to it.
func TestStoryPageURLEscapesTheID(t *testing.T) {
	if got, want := StoryPageURL(testBase+"/", "a/b?c d"), testBase+"/stories/a%2Fb%3Fc%20d"; got != want {
		t.Fatalf("StoryPageURL = %s, want %s", got, want)
	}
	p, lister := newTestPublisher(t, Options{})
	odd := art("a/b?c d", "antara", "Berita dengan ID ganjil", t0)
	lister.set(append(testStories(), &article.Story{ID: odd.ID, Lead: odd}))
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	rec := get(t, p.Handler(), "GET", strings.TrimPrefix(StoryPageURL(testBase, odd.ID), testBase), nil)
	if text, _ := pageText(t, rec.Body.String()); rec.Code != http.StatusOK || !strings.Contains(text, "Berita dengan ID ganjil 1 report") {
		t.Errorf("the page of story %q: %d\n%s", odd.ID, rec.Code, text)
	}
}

func TestSpan(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Hour: "1h", 45 * time.Minute: "45m", 90 * time.Minute: "1h30m", 26 * time.Hour: "26h", 61*time.Minute + 40*time.Second: "1h2m",
	} {
		if got := span(d); got != want {
			t.Errorf("span(%v) = %q, want %q", d, got, want)
		}
	}
}

// fakeRelations answers a story page's question for related stories with
// related, noting the articles it was asked of.
type fakeRelations struct {
	related []RelatedStory
	asked   [][]string
}

func (f *fakeRelations) RelatedStories(ctx context.Context, arts []*article.Article) []RelatedStory {
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	f.asked = append(f.asked, ids)
	return f.related
}

// A story's page lists the stories its articles come near (Options.Related)
// as the story index says, the nearest first: each other story once, at
// its nearest, linked to its page, with the article of this story that
// comes near it, the words they share and what keeps them apart; never
// its own story, nor one the store no longer holds, and at most
// MaxRelatedStories; a story joined since the index was built is the
// story it joined.
func TestStoryPageListsRelatedStories(t *testing.T) {
	rel := &fakeRelations{}
	p, lister := newTestPublisher(t, Options{Related: rel})
	var older []*article.Story
	for i := range MaxRelatedStories + 1 {
		id := fmt.Sprintf("o%d", i)
		older = append(older, &article.Story{ID: id, Lead: art(id, "antara", "Cerita lama nomor "+id, t0.Add(-time.Duration(i+1)*time.Hour))})
	}
	p.stories = &readingLister{fakeLister: lister, older: older}
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := p.Handler()
	rel.related = []RelatedStory{
		{StoryID: "s3", From: "c1a", Share: 0.5, Bar: 0.6, Hours: 2.5, Shared: []string{"sanksi", "rusia"}, Apart: "their share 0.500 is under the bar 0.600"},
		{StoryID: "s3", From: "s1", Share: 0.46, Bar: 0.6, Shared: []string{"rusia"}, Apart: "under"},
		{StoryID: "s2", From: "s1", Share: 0.62, Bar: 0.6, Hours: 1, Shared: []string{"rupiah"}},
		{StoryID: "s1", From: "c1b", Share: 0.9, Bar: 0.6},
		{StoryID: "pruned", From: "s1", Share: 0.8, Bar: 0.6, Apart: "a guard"},
		{StoryID: "", From: "c1b"},
	}
	rec := get(t, h, "GET", "/stories/s1", nil)
	text, doc := pageText(t, rec.Body.String())
	if len(rel.asked) != 1 || !slices.Equal(rel.asked[0], []string{"s1", "c1a", "c1b"}) {
		t.Errorf("the page asked for the related stories of %v, want the story's three articles once", rel.asked)
	}
	section := elementByID(doc, "related")
	if section == nil {
		t.Fatalf("the story page lists no related story:\n%s", text)
	}
	var items []string
	for n := range section.Descendants() {
		if n.Type == html.ElementNode && n.Data == "li" {
			items = append(items, nodeText(n))
		}
	}
	want := []string{
		"Rupiah falls against the dollar bbc · 1 report · near “ Indonesia dan Malaysia menyepakati kerja sama perbatasan ”, 1h apart · sharing rupiah · it would join that story now: it came before the reports that bring it over the bar, or the settings changed since",
		"Sanksi baru untuk Rusia antara · 1 report · near “ RI-Malaysia sepakati kerja sama perbatasan ”, 2h30m apart · sharing sanksi, rusia · kept apart: their share 0.500 is under the bar 0.600",
	}
	if !slices.Equal(items, want) {
		t.Errorf("the related stories read\n%q\nwant\n%q", items, want)
	}
	if links := hrefsOf(section); links[testBase+"/stories/s2"] != "1 report" || links[testBase+"/stories/s3"] != "1 report" {
		t.Errorf("the related stories do not link their pages: %v", links)
	}

	// At most MaxRelatedStories, the nearest first.
	rel.related = nil
	for i, s := range older {
		rel.related = append(rel.related, RelatedStory{StoryID: s.ID, From: "s1", Share: 0.5 + float64(i)/100, Bar: 0.6})
	}
	_, doc = pageText(t, get(t, h, "GET", "/stories/s1", nil).Body.String())
	var listed []string
	for n := range elementByID(doc, "related").Descendants() {
		if n.Type == html.ElementNode && n.Data == "a" && slices.Contains(n.Attr, html.Attribute{Key: "class", Val: "story"}) {
			for _, a := range n.Attr {
				if a.Key == "href" {
					listed = append(listed, strings.TrimPrefix(a.Val, testBase+"/stories/"))
				}
			}
		}
	}
	if !slices.Equal(listed, []string{"o5", "o4", "o3", "o2", "o1"}) {
		t.Errorf("the page lists the related stories %v, want the %d nearest, nearest first", listed, MaxRelatedStories)
	}

	// A story a reader joined into another since the index was built is
	// that other story, listed once; one joined into this story is not
	// listed.
	lister.joins = []article.Join{{Story: "j2", Into: "s2", At: t0}, {Story: "j1", Into: "s1", At: t0}}
	rel.related = []RelatedStory{
		{StoryID: "j1", From: "c1a", Share: 0.95, Bar: 0.6, Shared: []string{"perbatasan"}},
		{StoryID: "j2", From: "c1a", Share: 0.7, Bar: 0.6, Shared: []string{"kerja"}, Apart: "a guard"},
		{StoryID: "s2", From: "s1", Share: 0.62, Bar: 0.6, Shared: []string{"rupiah"}},
	}
	_, doc = pageText(t, get(t, h, "GET", "/stories/s1", nil).Body.String())
	items = nil
	for n := range elementByID(doc, "related").Descendants() {
		if n.Type == html.ElementNode && n.Data == "li" {
			items = append(items, nodeText(n))
		}
	}
	if want := []string{"Rupiah falls against the dollar bbc · 1 report · near “ RI-Malaysia sepakati kerja sama perbatasan ” · sharing kerja · kept apart: a guard"}; !slices.Equal(items, want) {
		t.Errorf("with joins since the index was built, the related stories read\n%q\nwant\n%q", items, want)
	}
	lister.joins = nil

	// Nothing near: no section.
	rel.related = nil
	if _, doc := pageText(t, get(t, h, "GET", "/stories/s3", nil).Body.String()); elementByID(doc, "related") != nil {
		t.Error("a story with nothing near lists a related section")
	}
}

// /stories/<id>.json is the story's page as data: every article in the
// order found with how it joined, the feeds that carry it, the stories
// near it; the page links it, and an unknown story is a 404 in either form.
func TestStoryJSON(t *testing.T) {
	rel := &fakeRelations{related: []RelatedStory{{StoryID: "s3", From: "c1a", Share: 0.5, Bar: 0.6, Hours: 2.5, Shared: []string{"sanksi", "rusia"}, Apart: "a guard"}}}
	_, h := pagesPublisher(t, Options{Related: rel})
	if links := hrefsOf(treeOf(pageText(t, get(t, h, "GET", "/stories/s1", nil).Body.String()))); links[testBase+"/stories/s1.json"] != "This story as JSON" {
		t.Errorf("the story page does not link its JSON: %v", links)
	}
	rec := get(t, h, "GET", "/stories/s1.json", nil)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json; charset=utf-8" || rec.Header().Get("ETag") == "" {
		t.Fatalf("GET /stories/s1.json: %d %v", rec.Code, rec.Header())
	}
	var got storyJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	at := func(d time.Duration) *time.Time { x := t0.Add(d).UTC(); return &x }
	want := storyJSON{
		ID: "s1", Title: "Indonesia dan Malaysia menyepakati kerja sama perbatasan", Page: testBase + "/stories/s1", Reports: 3, Outlets: 3,
		Feeds: []storyFeedJSON{
			{Slug: "all", Title: "All stories", Page: testBase + "/topics/all", Atom: testBase + "/feeds/all.atom", Why: "every story"},
			{Slug: "international-relations", Title: "International relations", Page: testBase + "/topics/international-relations", Atom: testBase + "/feeds/international-relations.atom", Why: "tagged international-relations"},
			{Slug: "economy", Title: "Ekonomi", Page: testBase + "/topics/economy", Atom: testBase + "/feeds/economy.atom", Why: "tagged economy"},
		},
		Articles: []storyArticleJSON{
			{ID: "s1", Title: "Indonesia dan Malaysia menyepakati kerja sama perbatasan", URL: "https://tempo.example/news/s1", Outlet: "tempo", Source: "tempo",
				Language: "id", Published: at(0), FirstSeen: *at(time.Minute), Topics: []string{"international-relations"}},
			{ID: "c1a", Title: "RI-Malaysia sepakati kerja sama perbatasan", URL: "https://kompas.example/news/c1a", Outlet: "kompas", Source: "kompas",
				Published: at(time.Hour), FirstSeen: *at(time.Hour + time.Minute), Topics: []string{"international-relations", "economy"},
				Joined: &joinedJSON{Method: "minhash-lead", Similarity: 0.93, With: "s1"}},
			{ID: "c1b", Title: "Kerja sama perbatasan RI-Malaysia disepakati", URL: "https://detik.example/news/c1b", Outlet: "detik", Source: "detik",
				Published: at(2 * time.Hour), FirstSeen: *at(2*time.Hour + time.Minute), Topics: []string{},
				Joined: &joinedJSON{Method: "event", Similarity: 0.71, With: "c1a"}},
		},
		Related: []relatedJSON{{ID: "s3", Title: "Sanksi baru untuk Rusia", Outlet: "antara", Page: testBase + "/stories/s3", Reports: 1, From: "c1a",
			Share: 0.5, Bar: 0.6, HoursApart: 2.5, Shared: []string{"sanksi", "rusia"}, Apart: "a guard"}},
		Labels: []labelJSON{}, Joins: []article.Join{},
	}
	if !reflect.DeepEqual(got, want) {
		gotJSON, _ := json.MarshalIndent(got, "", " ")
		t.Errorf("/stories/s1.json:\n%s", gotJSON)
	}
	for _, path := range []string{"/stories/nope.json", "/stories/.json"} {
		if rec := get(t, h, "GET", path, nil); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, rec.Code)
		}
	}
}

// treeOf returns pageText's tree.
func treeOf(_ string, doc *html.Node) *html.Node { return doc }

// A story's page and its JSON show the readers' labels on it, and the
// feeds a label carries it in say so; another story's labels are not
// shown.
func TestStoryPageShowsLabels(t *testing.T) {
	p, h := pagesPublisher(t, Options{})
	at := t0.Add(4 * time.Hour)
	p.stories.(*fakeLister).labels = []article.Label{
		{Story: "s1", Topic: "sport", Of: false, Note: "a border deal, not a match", At: at},
		{Story: "s1", Topic: "international-relations", Of: true, At: at.Add(time.Minute)},
		{Story: "s3", Topic: "economy", Of: false, At: at},
	}
	text, doc := pageText(t, get(t, h, "GET", "/stories/s1", nil).Body.String())
	section := elementByID(doc, "labels")
	if section == nil {
		t.Fatalf("the story page has no labels section:\n%s", text)
	}
	var items []string
	for li := range section.Descendants() {
		if li.Type == html.ElementNode && li.Data == "li" {
			items = append(items, nodeText(li))
		}
	}
	want := []string{"In International relations labelled", "Not in Sport labelled"}
	if len(items) != 2 || !strings.HasPrefix(items[0], want[0]) || !strings.HasPrefix(items[1], want[1]) || !strings.Contains(items[1], "a border deal, not a match") {
		t.Errorf("the labels section lists %q, want %q… with the note", items, want)
	}
	if links := hrefsOf(section); links[testBase+"/topics/international-relations"] != "International relations" {
		t.Errorf("the label does not link its topic's page: %v", links)
	}
	if feeds := nodeText(elementByID(doc, "feeds")); !strings.Contains(feeds, "labelled international-relations by a reader") {
		t.Errorf("the feeds section says %q, want the label as why the story is carried", feeds)
	}
	var got storyJSON
	if err := json.Unmarshal(get(t, h, "GET", "/stories/s1.json", nil).Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	wantLabels := []labelJSON{{Topic: "international-relations", Of: true, At: at.Add(time.Minute)}, {Topic: "sport", Of: false, Note: "a border deal, not a match", At: at}}
	if !reflect.DeepEqual(got.Labels, wantLabels) {
		t.Errorf("/stories/s1.json labels = %+v, want %+v", got.Labels, wantLabels)
	}
	if len(got.Feeds) < 2 || got.Feeds[1].Why != "labelled international-relations by a reader" {
		t.Errorf("/stories/s1.json feeds = %+v", got.Feeds)
	}
	// A story without labels has no section.
	if _, doc := pageText(t, get(t, h, "GET", "/stories/s2", nil).Body.String()); elementByID(doc, "labels") != nil {
		t.Error("a story without labels shows a labels section")
	}
}

// A story's page and its JSON list the stories readers joined into it,
// and an article that came with such a join says so; the page of a
// joined story (and its data) sends the reader to the story it was
// joined into, for as long as the join holds (302: undone, it is back).
func TestStoryPageShowsJoins(t *testing.T) {
	p, h := pagesPublisher(t, Options{})
	at := t0.Add(4 * time.Hour).UTC()
	lister := p.stories.(*fakeLister)
	lister.joins = []article.Join{
		{Story: "b1", Into: "s1", Note: "one meeting, two outlets' words", At: at, Labels: []article.Label{
			{Story: "b1", Topic: "sport", Of: false, At: at}, {Story: "b1", Topic: "international-relations", Of: true, At: at},
		}},
		{Story: "b3", Into: "s3", At: at},
	}
	for _, s := range lister.stories {
		for _, c := range s.Copies {
			if c.ID == "c1b" {
				c.StoryMatch = article.StoryMatch{MatchedID: "s1", Method: article.MethodJoin}
			}
		}
	}
	text, doc := pageText(t, get(t, h, "GET", "/stories/s1", nil).Body.String())
	section := elementByID(doc, "joins")
	if section == nil {
		t.Fatalf("the story page has no joins section:\n%s", text)
	}
	if got := nodeText(section); !strings.Contains(got, "story b1 joined") || !strings.Contains(got, "one meeting, two outlets' words") || strings.Contains(got, "b3") {
		t.Errorf("the joins section says %q, want b1's join with its note alone", got)
	}
	if got := nodeText(section); !strings.Contains(got, "its labels, which an undo gives back: not in Sport, in International relations") {
		t.Errorf("the joins section says %q, want the labels b1 had when joined", got)
	}
	if !strings.Contains(text, "joined by a reader, with its story “Indonesia dan Malaysia menyepakati kerja sama perbatasan”") {
		t.Errorf("the article a reader's join brought does not say so:\n%s", text)
	}
	var got storyJSON
	if err := json.Unmarshal(get(t, h, "GET", "/stories/s1.json", nil).Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Joins, lister.joins[:1]) {
		t.Errorf("/stories/s1.json joins = %+v, want %+v", got.Joins, lister.joins[:1])
	}
	for path, want := range map[string]string{
		"/stories/b1":      testBase + "/stories/s1",
		"/stories/b1.json": testBase + "/stories/s1.json",
	} {
		rec := get(t, h, "GET", path, nil)
		if rec.Code != http.StatusFound || rec.Header().Get("Location") != want {
			t.Errorf("GET %s: %d to %q, want 302 to %q", path, rec.Code, rec.Header().Get("Location"), want)
		}
	}
	if rec := get(t, h, "GET", "/stories/nope", nil); rec.Code != http.StatusNotFound {
		t.Errorf("GET /stories/nope: %d, want 404", rec.Code)
	}
	if _, doc := pageText(t, get(t, h, "GET", "/stories/s2", nil).Body.String()); elementByID(doc, "joins") != nil {
		t.Error("a story nothing was joined into shows a joins section")
	}
}
