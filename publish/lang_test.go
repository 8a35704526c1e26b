package publish

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// A language view reads its code as every stage does (language.Primary:
// the withdrawn "in" is Indonesian, "id-ID" is "id"), and a code warta
// never tags a story with is a bad request naming it, not an empty feed
// forever (review 11, F8).
func TestLanguageViewCodes(t *testing.T) {
	h := refreshed(t)
	idFeed := parseAtom(t, get(t, h, "GET", "/feeds/all.atom?lang=id", nil).Body.Bytes())
	for _, path := range []string{"/feeds/all.atom?lang=in", "/feeds/all.atom?lang=id-ID", "/feeds/all.atom?q=lang:in"} {
		rec := get(t, h, "GET", path, nil)
		if rec.Code != http.StatusOK {
			t.Errorf("%s: %d", path, rec.Code)
			continue
		}
		feed := parseAtom(t, rec.Body.Bytes())
		var got, want []string
		for _, e := range feed.Entries {
			got = append(got, e.ID)
		}
		for _, e := range idFeed.Entries {
			want = append(want, e.ID)
		}
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("%s: entries %q, want those of ?lang=id %q", path, got, want)
		}
		if self := links(feed)["self"]; strings.Contains(self, "lang=in") || strings.Contains(self, "lang:in") || strings.Contains(self, "id-ID") {
			t.Errorf("%s: self %q, want the canonical id view's", path, self)
		}
	}
	// A source may declare French, and its stories keep it (review 13,
	// finding 5): its view is a feed, empty here.
	for _, path := range []string{"/feeds/all.atom?lang=fr", "/feeds/all.atom?q=lang:de"} {
		if rec := get(t, h, "GET", path, nil); rec.Code != http.StatusOK {
			t.Errorf("%s: %d %q, want 200", path, rec.Code, rec.Body.String())
		}
	}
	for _, path := range []string{"/feeds/all.atom?lang=xx-YY", "/feeds/all.atom?q=lang:xx"} {
		rec := get(t, h, "GET", path, nil)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "unknown language") {
			t.Errorf("%s: %d %q, want 400 naming the unknown language", path, rec.Code, rec.Body.String())
		}
	}
}
