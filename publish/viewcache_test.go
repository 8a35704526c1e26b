package publish

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"
)

// A page's bytes change with a new copy of a story it shows while page 1
// stays the same: an If-Modified-Since of its old Last-Modified is not
// answered 304 (review 16: 2). Unchanged, the next snapshot keeps its
// Last-Modified, so that the 304 holds for unchanged bytes.
func TestViewLastModifiedFollowsItsBytes(t *testing.T) {
	stories := manyStories(4, []string{"economy"})
	lister := &fakeLister{stories: stories}
	clk := newClock(tRefresh)
	p := New(Options{BaseURL: testBase, MaxItems: 2, Pages: 3, Now: clk.Now}, testFeeds(), lister, nil)
	refresh := func() {
		t.Helper()
		if err := p.Refresh(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	refresh()
	page1 := get(t, p.Handler(), "GET", "/feeds/all.atom", nil).Header().Get("ETag")
	before := get(t, p.Handler(), "GET", "/feeds/all.atom?page=2", nil)
	lm, etag := before.Header().Get("Last-Modified"), before.Header().Get("ETag")

	clk.Add(time.Hour)
	refresh()
	if got := get(t, p.Handler(), "GET", "/feeds/all.atom?page=2", nil).Header().Get("Last-Modified"); got != lm {
		t.Errorf("page 2 unchanged: Last-Modified %s, want %s as before", got, lm)
	}
	if rec := get(t, p.Handler(), "GET", "/feeds/all.atom?page=2", map[string]string{"If-Modified-Since": lm}); rec.Code != http.StatusNotModified {
		t.Errorf("page 2 unchanged: If-Modified-Since its Last-Modified answers %d, want 304", rec.Code)
	}

	clk.Add(time.Hour)
	c := art("late-copy", "another", "A later copy", clk.Now())
	c.StoryID = stories[3].ID
	c.FirstSeen = clk.Now()
	stories[3].Copies = append(stories[3].Copies, c)
	refresh()
	if got := get(t, p.Handler(), "GET", "/feeds/all.atom", nil).Header().Get("ETag"); got != page1 {
		t.Fatalf("page 1 changed too (%s → %s): not the case under test", page1, got)
	}
	after := get(t, p.Handler(), "GET", "/feeds/all.atom?page=2", nil)
	if after.Header().Get("ETag") == etag {
		t.Fatal("page 2 bytes did not change")
	}
	rec := get(t, p.Handler(), "GET", "/feeds/all.atom?page=2", map[string]string{"If-Modified-Since": lm})
	if rec.Code != http.StatusOK {
		t.Errorf("page 2 changed (ETag %s → %s) but If-Modified-Since %s answers %d; Last-Modified now %s",
			etag, after.Header().Get("ETag"), lm, rec.Code, after.Header().Get("Last-Modified"))
	}
}

// Views anyone can invent (?q=) filling the cache first do not make the
// views readers poll render again on every request (review 16: 12).
func TestViewCacheKeepsRecentlyUsedViews(t *testing.T) {
	p, _ := newTestPublisher(t, Options{})
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	snap := p.snap.Load()
	view := func(v View) *resource {
		t.Helper()
		r, ok, err := p.view(snap, AllSlug, "atom", v)
		if err != nil || !ok {
			t.Fatalf("view %+v: ok %v, err %v", v, ok, err)
		}
		return r
	}
	for i := range maxCachedViews + 10 {
		view(View{Filter: fmt.Sprintf("junk%d", i)})
	}
	lang := View{Lang: "id"}
	if first, again := view(lang), view(lang); first != again {
		t.Error("?lang=id, asked twice after the cache filled with other views, was rendered twice")
	}
	if first, again := view(View{Filter: "junk0"}), view(View{Filter: "junk0"}); first != again {
		t.Error("the least recently used view, asked again, is not cached again")
	}
}
