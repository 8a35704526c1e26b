package publish

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/feedcheck"
)

// definedFeeds are the test topics plus feeds people defined.
func definedFeeds() []FeedInfo {
	return append(testFeeds(),
		FeedInfo{Slug: "ri-malaysia", Title: "RI–Malaysia", Description: "Kerja sama Indonesia dan Malaysia",
			Filter: `topic:international-relations lang:id "kerja sama"`},
		FeedInfo{Slug: "no-bbc", Title: "Economy without the BBC", Filter: `topic:economy -source:bbc`},
		FeedInfo{Slug: "broken", Title: "Broken", Filter: `tpoic:economy`},
	)
}

func TestDefinedFeeds(t *testing.T) {
	var h http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	p := New(Options{BaseURL: srv.URL, Now: newClock(tRefresh).Now, Sources: testSources()}, definedFeeds(), &fakeLister{stories: testStories()}, nil)
	h = p.Handler()
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := len(p.Feeds()); got != 6 {
		t.Errorf("%d feeds, want all, 3 topics and 2 defined (the broken one left out)", got)
	}
	for path, want := range map[string][]string{
		"/feeds/ri-malaysia.atom": {"urn:warta:story:s1"},
		"/feeds/no-bbc.atom":      {"urn:warta:story:s1"},
		// The same grammar as a view of any feed.
		"/feeds/all.atom?q=" + strings.ReplaceAll(`topic:economy -source:bbc`, " ", "+"): {"urn:warta:story:s1"},
		"/feeds/international-relations.atom?q=sanksi":                                   {"urn:warta:story:s3"},
	} {
		rec := get(t, h, "GET", path, nil)
		if rec.Code != http.StatusOK {
			t.Errorf("%s: %d", path, rec.Code)
			continue
		}
		feed := parseAtom(t, rec.Body.Bytes())
		var ids []string
		for _, e := range feed.Entries {
			ids = append(ids, e.ID)
		}
		if !slices.Equal(ids, want) {
			t.Errorf("%s: %q, want %q", path, ids, want)
		}
		file := writeTemp(t, "defined.atom", rec.Body.Bytes())
		jingValidate(t, file)
		feedparserCheck(t, file, len(want))
	}
	if self := links(parseAtom(t, get(t, h, "GET", "/feeds/all.atom?q=topic:economy+-source:bbc", nil).Body.Bytes()))["self"]; self != srv.URL+"/feeds/all.atom?q=topic:economy+-source:bbc" {
		t.Errorf("filtered view self link %q", self)
	}
	for _, ext := range []string{"rss", "json"} {
		if rec := get(t, h, "GET", "/feeds/ri-malaysia."+ext, nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "urn:warta:story:s1") {
			t.Errorf("ri-malaysia.%s: %d", ext, rec.Code)
		}
	}
	if rec := get(t, h, "GET", "/feeds/all.atom?q=tpoic:x", nil); rec.Code != http.StatusBadRequest {
		t.Errorf("bad q: %d", rec.Code)
	}
	// A q of any length would cost the stories times its terms
	// (review 12: F4).
	if rec := get(t, h, "GET", "/feeds/all.atom?q="+strings.Repeat("-w+", 1000), nil); rec.Code != http.StatusBadRequest ||
		!strings.Contains(rec.Body.String(), "at most") {
		t.Errorf("a q of 1,000 terms: %d %.200q, want 400 saying why", rec.Code, rec.Body.String())
	}
	// Listed in the OPML and on the pages.
	opml := get(t, h, "GET", "/opml", nil).Body.String()
	index := get(t, h, "GET", "/", nil).Body.String()
	for _, slug := range []string{"ri-malaysia", "no-bbc"} {
		if !strings.Contains(opml, srv.URL+"/feeds/"+slug+".atom") || !strings.Contains(index, `id="`+slug+`"`) {
			t.Errorf("%s missing from the OPML or the index", slug)
		}
	}
	if rec := get(t, h, "GET", "/topics/ri-malaysia", nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Kerja sama Indonesia dan Malaysia") {
		t.Errorf("defined feed page: %d", rec.Code)
	}
	feedcheck.W3C(t, srv.URL+"/feeds/ri-malaysia.atom")
	// Validated at its canonical address, the one its self link names.
	feedcheck.W3C(t, srv.URL+"/feeds/all.rss?q=topic:economy+-source:bbc")
}

func TestCarriers(t *testing.T) {
	s := testStories()[0] // tempo, id, international-relations; a copy adds economy from kompas
	var got []string
	for _, c := range Carriers(definedFeeds(), s, nil) {
		got = append(got, c.Slug+": "+c.Why)
	}
	want := []string{
		"all: every story",
		"international-relations: tagged international-relations",
		"economy: tagged economy",
		`ri-malaysia: filter topic:international-relations lang:id "kerja sama"`,
		"no-bbc: filter topic:economy -source:bbc",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Carriers = %q, want %q", got, want)
	}
}
