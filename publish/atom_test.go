package publish

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/fixtures"
)

// testFeed is the feed of testStories with the test topics' labels.
func testFeed(stories []*article.Story) *Feed {
	labels := map[string]string{}
	for _, f := range testFeeds() {
		labels[f.Slug] = f.Title
	}
	return &Feed{
		Slug:        "all",
		Title:       "warta: All stories",
		Description: "Semua berita & more",
		BaseURL:     testBase,
		Author:      "warta",
		Labels:      labels,
		Stories:     stories,
	}
}

func renderAtom(t *testing.T, f *Feed) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteAtom(&b, f); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWriteAtomReadsBack(t *testing.T) {
	data := renderAtom(t, testFeed(testStories()))
	checkXMLChars(t, data)
	path := writeTemp(t, "all.atom", data)
	jingValidate(t, path)
	fp := feedparserCheck(t, path, 3)
	if want := []string{"urn:warta:story:s1", "urn:warta:story:s2", "urn:warta:story:s3"}; !slices.Equal(fp.EntryIDs, want) {
		t.Errorf("feedparser ids = %q, want %q", fp.EntryIDs, want)
	}

	feed, err := (&atom.Parser{}).Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("gofeed atom: %v", err)
	}
	if feed.ID != testBase+"/feeds/all.atom" {
		t.Errorf("feed id = %q", feed.ID)
	}
	if feed.Title != "warta: All stories" || feed.Subtitle != "Semua berita & more" {
		t.Errorf("feed title/subtitle = %q / %q", feed.Title, feed.Subtitle)
	}
	if feed.Updated != "2026-11-20T10:31:00Z" {
		t.Errorf("feed updated = %q, want the newest entry's", feed.Updated)
	}
	rels := map[string]string{}
	for _, l := range feed.Links {
		rels[l.Rel] = l.Href
	}
	if rels["self"] != testBase+"/feeds/all.atom" || rels["alternate"] != testBase+"/" {
		t.Errorf("feed links = %v", rels)
	}
	if len(feed.Authors) != 1 || feed.Authors[0].Name != "warta" {
		t.Errorf("feed authors = %+v", feed.Authors)
	}
	if len(feed.Entries) != 3 {
		t.Fatalf("entries = %d, want 3", len(feed.Entries))
	}

	e := feed.Entries[0]
	if e.ID != "urn:warta:story:s1" || e.Title != "Indonesia dan Malaysia menyepakati kerja sama perbatasan" {
		t.Errorf("entry 1 = %q %q", e.ID, e.Title)
	}
	var alternate string
	var related []string
	for _, l := range e.Links {
		switch l.Rel {
		case "alternate":
			alternate = l.Href
		case "related":
			related = append(related, l.Href)
		}
	}
	if alternate != "https://tempo.example/news/s1" {
		t.Errorf("alternate = %q, want the lead's canonical URL", alternate)
	}
	if want := []string{"https://kompas.example/news/c1a", "https://detik.example/news/c1b"}; !slices.Equal(related, want) {
		t.Errorf("related = %q, want %q", related, want)
	}
	var cats []string
	for _, c := range e.Categories {
		cats = append(cats, c.Term+"|"+c.Label+"|"+c.Scheme)
	}
	wantCats := []string{
		"international-relations|International relations|" + testBase + "/topics",
		"economy|Ekonomi|" + testBase + "/topics", // from a copy
	}
	if !slices.Equal(cats, wantCats) {
		t.Errorf("categories = %q, want %q", cats, wantCats)
	}
	if e.Published != "2026-11-20T08:30:00Z" || e.Updated != "2026-11-20T10:31:00Z" {
		t.Errorf("published/updated = %q/%q", e.Published, e.Updated)
	}
	if len(e.Authors) != 1 || e.Authors[0].Name != "Budi Santoso" {
		t.Errorf("authors = %+v", e.Authors)
	}
	if e.Content == nil || !strings.Contains(e.Content.Value, "langkah penting") ||
		!strings.Contains(e.Content.Value, `Also reported by: <a href="https://kompas.example/news/c1a">kompas</a>, <a href="https://detik.example/news/c1b">detik</a>`) {
		t.Errorf("content = %+v", e.Content)
	}
	if e.Source == nil || e.Source.Title != "tempo" {
		t.Errorf("source = %+v", e.Source)
	}

	// No author of its own: the outlet names it.
	e2 := feed.Entries[1]
	if len(e2.Authors) != 1 || e2.Authors[0].Name != "bbc" {
		t.Errorf("entry 2 authors = %+v, want the outlet", e2.Authors)
	}
	if e2.Title != "Rupiah falls against the dollar" {
		t.Errorf("entry 2 title = %q, control characters must be stripped", e2.Title)
	}
	if e2.Summary != "<p>The rupiah fell to a record low.</p>" {
		t.Errorf("entry 2 summary = %+v", e2.Summary)
	}
	// Unknown topic slug labelled with itself; no published date, no summary.
	e3 := feed.Entries[2]
	if len(e3.Categories) != 2 || e3.Categories[1].Term != "legacy-topic" || e3.Categories[1].Label != "legacy-topic" {
		t.Errorf("entry 3 categories = %+v", e3.Categories)
	}
	if e3.Published != "" || e3.Summary != "" {
		t.Errorf("entry 3 published/summary = %q/%q, want none", e3.Published, e3.Summary)
	}

	// The universal parser reads categories back as labels.
	uf, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := uf.Items[0].Categories; !slices.Equal(got, []string{"International relations", "Ekonomi"}) {
		t.Errorf("gofeed categories = %q", got)
	}
}

func TestWriteAtomEntryLanguage(t *testing.T) {
	stories := testStories()
	stories[2].Lead.Language = "not a tag!"
	data := renderAtom(t, testFeed(stories))
	var doc struct {
		Entries []struct {
			Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			ID   string `xml:"id"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range doc.Entries {
		got = append(got, e.Lang)
	}
	if want := []string{"id", "en", ""}; !slices.Equal(got, want) {
		t.Errorf("xml:lang = %q, want %q (a malformed tag is left out)", got, want)
	}
	jingValidate(t, writeTemp(t, "lang.atom", data))
}

func TestWriteAtomEmptyFeedIsStable(t *testing.T) {
	f := testFeed(nil)
	f.Description = ""
	first := renderAtom(t, f)
	second := renderAtom(t, f)
	if !bytes.Equal(first, second) {
		t.Errorf("empty feed renders differ:\n%s\n%s", first, second)
	}
	feed, err := (&atom.Parser{}).Parse(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	if feed.Updated != "2000-01-01T00:00:00Z" {
		t.Errorf("empty feed updated = %q, want the fixed 2000-01-01", feed.Updated)
	}
	if feed.Subtitle != "" {
		t.Errorf("empty description must not give a subtitle, got %q", feed.Subtitle)
	}
	path := writeTemp(t, "empty.atom", first)
	jingValidate(t, path)
	feedparserCheck(t, path, 0)
}

func TestWriteAtomEntryWithoutURL(t *testing.T) {
	s := testStories()[2]
	s.Lead.URL, s.Lead.Link = "", "not a url"
	s.Lead.Title = "\x01\x02"
	s.Lead.Source = ""
	data := renderAtom(t, testFeed([]*article.Story{s}))
	// No alternate link: content must be there for the entry to be valid.
	if !bytes.Contains(data, []byte("<content")) {
		t.Errorf("entry without a link lacks content:\n%s", data)
	}
	path := writeTemp(t, "nourl.atom", data)
	jingValidate(t, path)
	feedparserCheck(t, path, 1)
}

func TestWriteAtomRealFixtures(t *testing.T) {
	for _, name := range []string{
		"antara_jambi_terkini_2022-08-28.xml",
		"detik_news_2017-04-28.xml",
		"tempo_rss2_2017-04-06.xml",
		"viva_all_2017-04-28.xml",
	} {
		t.Run(name, func(t *testing.T) {
			raw, err := fixtures.Read(name)
			if err != nil {
				t.Fatal(err)
			}
			src, err := gofeed.NewParser().Parse(bytes.NewReader(raw))
			if err != nil {
				t.Fatalf("fixture: %v", err)
			}
			stories := fixtureStories(src, name)
			if len(stories) == 0 {
				t.Fatal("fixture has no items")
			}
			data := renderAtom(t, testFeed(stories))
			checkXMLChars(t, data)
			path := writeTemp(t, "fixture.atom", data)
			jingValidate(t, path)
			res := feedparserCheck(t, path, len(stories))
			for i, s := range stories {
				if i < len(res.EntryIDs) && res.EntryIDs[i] != StoryEntryID(s) {
					t.Errorf("entry %d id = %q, want %q", i, res.EntryIDs[i], StoryEntryID(s))
				}
			}
		})
	}
}

// fixtureStories turns a real feed's items into one story each, raw text
// and all, as a worst case for escaping and character stripping.
func fixtureStories(src *gofeed.Feed, source string) []*article.Story {
	var out []*article.Story
	for i, it := range src.Items {
		id := article.IDFromURL(it.Link + "#" + it.GUID)
		a := &article.Article{
			ID: id, URL: it.Link, Link: it.Link, Source: source,
			Title: it.Title, Summary: it.Description, Content: it.Content,
			Language:  "id",
			Published: t0.Add(-time.Duration(i) * time.Minute),
			Updated:   t0.Add(-time.Duration(i) * time.Minute),
			FirstSeen: t0,
			Topics:    []article.TopicMatch{{Slug: "economy"}},
		}
		if it.Author != nil {
			a.Author = it.Author.Name
		}
		out = append(out, &article.Story{ID: id, Lead: a})
	}
	return out
}
