package publish

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed/atom"
	"github.com/warta-news/warta/article"
)

// newTestPublisher returns a Publisher over testStories.
func newTestPublisher(t *testing.T, opts Options) (*Publisher, *fakeLister) {
	t.Helper()
	lister := &fakeLister{stories: testStories()}
	if opts.BaseURL == "" {
		opts.BaseURL = testBase + "/"
	}
	if opts.Now == nil {
		opts.Now = newClock(tRefresh).Now
	}
	logger := slog.New(slog.NewTextHandler(testWriter{t}, nil))
	return New(opts, testFeeds(), lister, logger), lister
}

// testWriter sends log lines to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// get serves one request and returns the recorded response.
func get(t *testing.T, h http.Handler, method, path string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// entryByID parses an Atom document and returns its entry with id.
func entryByID(t *testing.T, data []byte, id string) *atom.Entry {
	t.Helper()
	feed, err := (&atom.Parser{}).Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range feed.Entries {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("no entry %q", id)
	return nil
}

func TestNewFeeds(t *testing.T) {
	feeds := append(testFeeds(),
		FeedInfo{Slug: "all", Title: "Clash"},
		FeedInfo{Slug: "economy", Title: "Duplicate"},
		FeedInfo{Slug: "../etc", Title: "Traversal"},
		FeedInfo{Slug: "", Title: "Empty"},
		FeedInfo{Slug: "no-title"},
	)
	p := New(Options{}, feeds, &fakeLister{}, nil)
	var slugs []string
	for _, f := range p.Feeds() {
		slugs = append(slugs, f.Slug)
	}
	if want := []string{"all", "international-relations", "economy", "sport", "no-title"}; !slices.Equal(slugs, want) {
		t.Errorf("feeds = %q, want %q", slugs, want)
	}
	if p.opts.MaxItems != DefaultMaxItems || p.opts.Title != DefaultTitle {
		t.Errorf("defaults = %+v", p.opts)
	}
	if p.labels["no-title"] != "no-title" || p.labels["economy"] != "Ekonomi" {
		t.Errorf("labels = %v", p.labels)
	}
}

func TestRefreshRendersOncePerFeed(t *testing.T) {
	p, lister := newTestPublisher(t, Options{})
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if lister.calls != 4 {
		t.Errorf("Stories called %d times for 4 feeds", lister.calls)
	}
	h := p.Handler()
	for range 3 {
		for _, path := range []string{"/", "/feeds/all.atom", "/feeds/economy.rss", "/feeds/sport.json", "/feeds.opml"} {
			if rec := get(t, h, "GET", path, nil); rec.Code != http.StatusOK {
				t.Errorf("%s: %d", path, rec.Code)
			}
		}
	}
	if lister.calls != 4 {
		t.Errorf("requests reached the store: %d calls", lister.calls)
	}
}

func TestRefreshFeedsContent(t *testing.T) {
	p, _ := newTestPublisher(t, Options{Title: "Warta Test"})
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := p.Handler()
	want := map[string][]string{
		"all":                     {"urn:warta:story:s1", "urn:warta:story:s2", "urn:warta:story:s3"},
		"international-relations": {"urn:warta:story:s1", "urn:warta:story:s3"},
		"economy":                 {"urn:warta:story:s1", "urn:warta:story:s2"},
		"sport":                   nil,
	}
	for slug, ids := range want {
		rec := get(t, h, "GET", "/feeds/"+slug+".atom", nil)
		data := rec.Body.Bytes()
		path := writeTemp(t, slug+".atom", data)
		jingValidate(t, path)
		res := feedparserCheck(t, path, len(ids))
		if !slices.Equal(res.EntryIDs, ids) && !(len(ids) == 0 && len(res.EntryIDs) == 0) {
			t.Errorf("%s ids = %q, want %q", slug, res.EntryIDs, ids)
		}
		feed, err := (&atom.Parser{}).Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if feed.ID != testBase+"/feeds/"+slug+".atom" {
			t.Errorf("%s feed id = %q", slug, feed.ID)
		}
		if !strings.HasPrefix(feed.Title, "Warta Test: ") {
			t.Errorf("%s feed title = %q", slug, feed.Title)
		}
	}
}

func TestEntryIDStable(t *testing.T) {
	p, lister := newTestPublisher(t, Options{})
	ctx := context.Background()
	h := p.Handler()
	if err := p.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	first := get(t, h, "GET", "/feeds/all.atom", nil).Body.Bytes()
	if err := p.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	second := get(t, h, "GET", "/feeds/all.atom", nil).Body.Bytes()
	if !bytes.Equal(first, second) {
		t.Error("two refreshes of the same stories render different bytes")
	}

	// A later copy of story s2 from another outlet: same entry, new link.
	stories := testStories()
	cp := art("c2", "cnn", "Rupiah melemah terhadap dolar AS", t0.Add(3*time.Hour), "economy")
	cp.StoryID = "s2"
	stories[1].Copies = append(stories[1].Copies, cp)
	lister.set(stories)
	if err := p.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	third := get(t, h, "GET", "/feeds/all.atom", nil).Body.Bytes()
	before := entryByID(t, first, "urn:warta:story:s2")
	after := entryByID(t, third, "urn:warta:story:s2")
	if before.Title != after.Title {
		t.Errorf("title changed: %q -> %q", before.Title, after.Title)
	}
	if after.Updated != "2026-11-20T11:31:00Z" || after.Updated == before.Updated {
		t.Errorf("updated = %q (was %q), want the copy's first-seen time", after.Updated, before.Updated)
	}
	var related []string
	for _, l := range after.Links {
		if l.Rel == "related" {
			related = append(related, l.Href)
		}
	}
	if !slices.Equal(related, []string{"https://cnn.example/news/c2"}) {
		t.Errorf("related = %q", related)
	}
	if !strings.Contains(after.Content.Value, "Also reported by") {
		t.Errorf("content lacks the copy: %q", after.Content.Value)
	}

	// A re-post by the lead's own outlet is no other outlet's report.
	repost := art("c3", "bbc", "Rupiah falls (updated)", t0.Add(4*time.Hour), "economy")
	repost.StoryID = "s2"
	stories[1].Copies = append(stories[1].Copies, repost)
	lister.set(stories)
	if err := p.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	fourth := entryByID(t, get(t, h, "GET", "/feeds/all.atom", nil).Body.Bytes(), "urn:warta:story:s2")
	if strings.Contains(fourth.Content.Value, "bbc.example/news/c3") || fourth.ID != before.ID {
		t.Errorf("same-outlet copy listed, or id changed: %q %q", fourth.ID, fourth.Content.Value)
	}
}

func TestRefreshErrorKeepsFeeds(t *testing.T) {
	p, lister := newTestPublisher(t, Options{})
	ctx := context.Background()
	if err := p.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	h := p.Handler()
	before := get(t, h, "GET", "/feeds/all.atom", nil).Body.String()

	lister.set(nil)
	lister.err = errors.New("database is locked")
	err := p.Refresh(ctx)
	if err == nil || !strings.HasPrefix(err.Error(), "publish: ") || !strings.Contains(err.Error(), "database is locked") {
		t.Fatalf("err = %v", err)
	}
	if got := get(t, h, "GET", "/feeds/all.atom", nil).Body.String(); got != before {
		t.Error("a failed refresh replaced the served feed")
	}

	lister.err = nil
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := p.Refresh(cctx); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled refresh err = %v", err)
	}
}

func TestRefreshMaxItems(t *testing.T) {
	lister := &fakeLister{stories: manyStories(30, []string{"economy", "sport"})}
	p := New(Options{BaseURL: testBase, MaxItems: 7}, testFeeds(), lister, nil)
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	data := get(t, p.Handler(), "GET", "/feeds/all.atom", nil).Body.Bytes()
	feed, err := (&atom.Parser{}).Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 7 {
		t.Errorf("entries = %d, want MaxItems 7", len(feed.Entries))
	}
}

func TestStoryWithoutLeadIsSkipped(t *testing.T) {
	stories := append(testStories(), &article.Story{ID: "orphan"}, nil)
	lister := &fakeLister{stories: stories}
	// fakeLister's topic filter calls TopicSlugs, which needs a lead: only
	// the "all" feed sees the broken stories, as a store could return them.
	p := New(Options{BaseURL: testBase}, nil, lister, nil)
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	data := get(t, p.Handler(), "GET", "/feeds/all.atom", nil).Body.Bytes()
	if bytes.Contains(data, []byte("orphan")) {
		t.Error("a story without a lead was rendered")
	}
	feedparserCheck(t, writeTemp(t, "all.atom", data), 3)
}

func TestServeDuringRefresh(t *testing.T) {
	p, lister := newTestPublisher(t, Options{})
	ctx := context.Background()
	if err := p.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	h := p.Handler()
	done := make(chan struct{})
	errs := make(chan string, 4)
	for range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for range 50 {
				rec := get(t, h, "GET", "/feeds/all.atom", map[string]string{"Accept-Encoding": "gzip"})
				if rec.Code != http.StatusOK || rec.Body.Len() == 0 {
					errs <- rec.Result().Status
					return
				}
			}
		}()
	}
	for i := range 10 {
		lister.set(testStories()[:1+i%3])
		if err := p.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for range 4 {
		<-done
	}
	close(errs)
	for e := range errs {
		t.Errorf("request during refresh: %s", e)
	}
}

// An entry's updated time moves when a copy joins the story, not when warta
// first saw an old lead.
func TestStoryUpdated(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)
	lead := &article.Article{ID: "a", Published: t0, Updated: t0, FirstSeen: t0.Add(72 * time.Hour)}
	s := &article.Story{ID: "a", Lead: lead}
	if got := storyUpdated(s); !got.Equal(t0) {
		t.Errorf("lead alone: updated %v, want its own %v", got, t0)
	}
	s.Copies = []*article.Article{{ID: "b", Source: "B", URL: "https://b.example/1", Published: t0.Add(time.Hour), Updated: t0.Add(time.Hour), FirstSeen: t0.Add(80 * time.Hour)}}
	if got, want := storyUpdated(s), t0.Add(80*time.Hour); !got.Equal(want) {
		t.Errorf("with a later copy: updated %v, want its arrival %v", got, want)
	}
}
