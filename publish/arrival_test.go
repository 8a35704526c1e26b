package publish

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// A story stored late, dated days before, joins the archive of the day it
// arrived, which is not yet published, never one a client may have cached
// for good (RFC 5005 §4): archives follow the feeds' order, by arrival
// (review 16: 3).
func TestArchiveByArrivalDay(t *testing.T) {
	p, lister := newTestPublisher(t, Options{MaxItems: 2, Pages: 10})
	stories := dayStories(10) // 2026-11-20 08:30 back to 2026-11-15 20:30, a minute after publication each
	late := stories[3]        // arrived 2026-11-18 20:31
	late.Lead.Published = t0.Add(-5 * 24 * time.Hour)
	late.Lead.Updated = late.Lead.Published
	lister.set(stories)
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := p.Handler()
	arrived := get(t, h, "GET", "/feeds/economy.atom?archive=2026-11-18", nil)
	if arrived.Code != http.StatusOK || !hasEntry(t, arrived.Body.Bytes(), "urn:warta:story:"+late.ID) {
		t.Errorf("the archive of the day the story arrived (%d) lacks it", arrived.Code)
	}
	dated := get(t, h, "GET", "/feeds/economy.atom?archive=2026-11-15", nil)
	if dated.Code == http.StatusOK && hasEntry(t, dated.Body.Bytes(), "urn:warta:story:"+late.ID) {
		t.Error("the archive of the day the story is dated holds it: it was published before the story arrived")
	}
}

// hasEntry reports whether the Atom document data has an entry with id.
func hasEntry(t *testing.T, data []byte, id string) bool {
	t.Helper()
	for _, e := range parseAtom(t, data).Entries {
		if e.ID == id {
			return true
		}
	}
	return false
}
