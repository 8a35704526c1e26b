package main

import (
	"fmt"
	"testing"
)

// docs/CYCLE.md's word on renaming a source: an item with no link of its
// own is identified by its source's name, so after a rename each such
// item the feed still lists is stored once more, under the new name, in
// its first copy's story; an item with a link of its own is not.
func TestRenamingASourceStoresItsLinklessItemsOnceMore(t *testing.T) {
	feed, siteURL, dir, cfg := changingSource(t, "Lama")
	var items []rssItem
	for i := range 3 {
		items = append(items, rssItem{Title: fmt.Sprintf("Buletin cuaca wilayah %d hari ini", i), GUID: fmt.Sprint(i),
			Description: fmt.Sprintf("Hujan ringan diperkirakan turun di wilayah %d pada siang hingga sore hari.", i)})
	}
	items = append(items, rssItem{Title: "Berita dengan tautan sendiri", Link: "https://news.example/tautan", GUID: "t",
		Description: "Berita ini punya tautannya sendiri dan tidak bergantung pada nama sumber."})
	feed.set(items...)
	mustWarta(t, "-config", cfg, "once")
	renamed := writeConfig(t, dir, []testSource{{Name: "Baru", URL: siteURL + "/lama.xml", Language: "id"}}, nil)
	mustWarta(t, "-config", renamed, "once")

	bySource, stories := map[string]int{}, map[string]map[string]bool{}
	for _, r := range exported(t, renamed) {
		bySource[r.Source]++
		if stories[r.Title] == nil {
			stories[r.Title] = map[string]bool{}
		}
		stories[r.Title][r.Story] = true
	}
	if bySource["Lama"] != 4 || bySource["Baru"] != 3 {
		t.Errorf("stored by source %v; want the 4 items under Lama, the 3 link-less ones again under Baru", bySource)
	}
	for title, s := range stories {
		if len(s) != 1 {
			t.Errorf("%q is in %d stories, want its first copy's alone", title, len(s))
		}
	}
}
