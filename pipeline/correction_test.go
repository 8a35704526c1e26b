package pipeline

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
)

// A feed's item before and after its source corrected it: same link and
// GUID, new title and text.
const (
	beforeCorrection = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Ministers meet in Kabul</title><link>https://news.example/kabul</link><guid>k1</guid><pubDate>Tue, 01 Dec 2026 01:00:00 GMT</pubDate><description>Two ministers met on Monday.</description></item>
</channel></rss>`
	afterCorrection = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Embassy reopens in Kabul, ministers meet</title><link>https://news.example/kabul</link><guid>k1</guid><pubDate>Tue, 01 Dec 2026 01:00:00 GMT</pubDate><description>The embassy reopened as two ministers met on Monday.</description></item>
</channel></rss>`
)

// A source's correction of a stored item reaches the store: its title and
// text are replaced and it is tagged again, keeping its ID, story and
// FirstSeen, with Updated moved to when the correction was seen. An item
// fetched again unchanged is left alone.
func TestSourceCorrectionUpdatesTheStoredArticle(t *testing.T) {
	ctx := context.Background()
	f := newChangingFeed(t, beforeCorrection)
	st := f.st
	if rep := f.cycle(0); rep.New != 1 {
		t.Fatalf("first cycle stored %d, want 1", rep.New)
	}
	stories, err := st.Stories(ctx, "", 10)
	if err != nil || len(stories) != 1 {
		t.Fatalf("stories after the first cycle: %d, %v", len(stories), err)
	}
	before := *stories[0].Lead
	if before.HasTopic(testWorld.Slug) {
		t.Fatalf("the uncorrected item is tagged %v", before.Topics)
	}
	version := func() string {
		t.Helper()
		v, _, err := st.Meta(ctx, store.MetaFeedsVersion)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	versionBefore := version()
	if rep := f.cycle(30 * time.Minute); rep.New != 0 {
		t.Fatalf("a cycle over the same feed stored %d, want 0", rep.New)
	}
	if version() != versionBefore {
		t.Errorf("an unchanged refetch moved the feeds' version")
	}
	f.body.Store(afterCorrection)
	if rep := f.cycle(30 * time.Minute); rep.New != 0 {
		t.Fatalf("the correction was stored as %d new articles, want 0", rep.New)
	}
	after, err := st.Article(ctx, before.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Title != "Embassy reopens in Kabul, ministers meet" || after.Text != "The embassy reopened as two ministers met on Monday." {
		t.Errorf("stored after the correction: %q / %q", after.Title, after.Text)
	}
	if !after.HasTopic(testWorld.Slug) {
		t.Errorf("the corrected article was not tagged again: %v", after.Topics)
	}
	if after.StoryID != before.StoryID || !after.FirstSeen.Equal(before.FirstSeen) || !after.Published.Equal(before.Published) {
		t.Errorf("correction moved story/FirstSeen/Published: %s %v %v, was %s %v %v",
			after.StoryID, after.FirstSeen, after.Published, before.StoryID, before.FirstSeen, before.Published)
	}
	if !after.Updated.Equal(f.clock) {
		t.Errorf("Updated after the correction %v, want when it was seen %v", after.Updated, f.clock)
	}
	if version() == versionBefore {
		t.Errorf("the correction did not move the feeds' version")
	}
}

// Votes kept by a build that hashed no items say nothing of a change: a
// stored item is not taken for a correction then, and its hash is noted
// for the next fetch, which finds a real change.
func TestVotesWithoutHashesAreNoCorrection(t *testing.T) {
	ctx := context.Background()
	n, src, now := preparing("berita")
	first, err := PrepareItems(ctx, n, votingItems()[:3], src, "", now)
	if err != nil || len(first.Articles) != 3 {
		t.Fatalf("PrepareItems: %+v, %v", first, err)
	}
	storedIDs := map[string]bool{}
	storedArts := map[string]*article.Article{}
	for _, a := range first.Articles {
		storedIDs[a.ID] = true
		c := *a
		storedArts[a.ID] = &c
	}
	var old []string // the votes without their hash words
	for _, w := range strings.Fields(first.Votes) {
		if !strings.HasPrefix(w, hashMark) {
			old = append(old, w)
		}
	}
	changed := func() []*article.Article {
		items := votingItems()[:3]
		items[1].Title = "Berita 1 (koreksi)"
		return items
	}
	k := &known{votes: strings.Join(old, " "), now: now.Add(time.Hour), stored: func(ids []string) map[string]bool { return storedIDs },
		article: func(id string) *article.Article { return storedArts[id] }}
	prep, err := prepareItems(ctx, n, changed(), src, "", "", now, k)
	if err != nil || len(prep.Articles) != 0 || len(prep.Corrected) != 0 || prep.Stored != 3 {
		t.Fatalf("with votes of no hashes: %d new, %d corrected, %d stored, %v; want 0, 0, 3",
			len(prep.Articles), len(prep.Corrected), prep.Stored, err)
	}
	k.votes = prep.Votes
	items := changed()
	items[2].Title += " (koreksi)"
	items[2].Content = "<p>" + idBody + " Koreksi.</p>"
	prep, err = prepareItems(ctx, n, items, src, "", "", now, k)
	if err != nil || len(prep.Corrected) != 1 || prep.Stored != 3 {
		t.Fatalf("%d corrected, %d stored, %v; want 1 of 3", len(prep.Corrected), prep.Stored, err)
	}
	if c := prep.Corrected[0]; c.ID != first.Articles[2].ID || c.Language != "id" || !c.Updated.Equal(k.now) {
		t.Errorf("correction %s in %q updated %v; want %s in id updated %v", c.ID, c.Language, c.Updated, first.Articles[2].ID, k.now)
	}
}

// An outlet's item and an aggregator's listing of the same link.
const (
	outletItem = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Embassy reopens in Kabul</title><link>https://news.example/kabul</link><guid>k1</guid><pubDate>Tue, 01 Dec 2026 01:00:00 GMT</pubDate><description>The embassy reopened on Monday after two years.</description></item>
</channel></rss>`
	emptyChannel = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>`
)

// aggregatorListing lists outletItem's link with a text counting the other
// sources, n.
func aggregatorListing(n int) string {
	return fmt.Sprintf(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Embassy reopens in Kabul - News Example</title><link>https://news.example/kabul</link><guid>g1</guid><pubDate>Tue, 01 Dec 2026 01:00:00 GMT</pubDate><description>News Example and %d more sources</description></item>
</channel></rss>`, n)
}

// A second source listing a link another source stored, and changing its
// listing, corrects nothing: the article stays the first source's.
func TestAnotherSourcesListingIsNoCorrection(t *testing.T) {
	ctx := context.Background()
	f := newChangingFeeds(t, outletItem, emptyChannel)
	st := f.st
	cycle := func() Report { return f.cycle(15 * time.Minute) }
	if rep := cycle(); rep.New != 1 {
		t.Fatalf("first cycle stored %d, want 1", rep.New)
	}
	stories, err := st.Stories(ctx, "", 10)
	if err != nil || len(stories) != 1 {
		t.Fatalf("stories: %d, %v", len(stories), err)
	}
	before := *stories[0].Lead
	for n := 1; n <= 3; n++ {
		f.bodies[1].Store(aggregatorListing(n))
		if rep := cycle(); rep.New != 0 || rep.Corrected != 0 {
			t.Errorf("aggregator listing %d: %d new, %d corrected; want none", n, rep.New, rep.Corrected)
		}
	}
	after, err := st.Article(ctx, before.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Source != before.Source || after.Title != before.Title || after.Text != before.Text || !after.Updated.Equal(before.Updated) {
		t.Errorf("stored after the aggregator's listings: %s %q / %q updated %v; was %s %q / %q updated %v",
			after.Source, after.Title, after.Text, after.Updated, before.Source, before.Title, before.Text, before.Updated)
	}
}

// counterItem is an item whose description carries a counter the feed
// moves every fetch (points, comments) and an image whose query rotates
// (a tracking pixel), neither of which is kept in the stored text.
func counterItem(n int) string {
	return fmt.Sprintf(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Embassy reopens in Kabul</title><link>https://news.example/kabul</link><guid>k1</guid><pubDate>Tue, 01 Dec 2026 01:00:00 GMT</pubDate><description>&lt;p&gt;The embassy reopened on Monday.&lt;img src="https://px.example/b.gif?r=%d"/&gt;&lt;/p&gt;</description></item>
</channel></rss>`, n)
}

// An item whose raw text changes every fetch while what is stored of it
// (title and text) does not is no correction: nothing is written, its
// Updated and the feeds' version stay.
func TestChangeThatNormalisesAwayIsNoCorrection(t *testing.T) {
	ctx := context.Background()
	f := newChangingFeed(t, counterItem(1))
	if rep := f.cycle(0); rep.New != 1 {
		t.Fatalf("first cycle stored %d, want 1", rep.New)
	}
	stories, err := f.st.Stories(ctx, "", 10)
	if err != nil || len(stories) != 1 {
		t.Fatalf("stories: %d, %v", len(stories), err)
	}
	before := *stories[0].Lead
	version, _, err := f.st.Meta(ctx, store.MetaFeedsVersion)
	if err != nil {
		t.Fatal(err)
	}
	for n := 2; n <= 3; n++ {
		f.body.Store(counterItem(n))
		if rep := f.cycle(15 * time.Minute); rep.New != 0 || rep.Corrected != 0 {
			t.Errorf("fetch %d: %d new, %d corrected; want none", n, rep.New, rep.Corrected)
		}
	}
	after, err := f.st.Article(ctx, before.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !after.Updated.Equal(before.Updated) || after.Text != before.Text {
		t.Errorf("after the counter moved: updated %v text %q; was %v %q", after.Updated, after.Text, before.Updated, before.Text)
	}
	if v, _, err := f.st.Meta(ctx, store.MetaFeedsVersion); err != nil || v != version {
		t.Errorf("the counter moved the feeds' version (%v)", err)
	}
}

// pointsItem is an item whose visible text carries a count that moves at
// every fetch (an aggregator's points and comments), its title and date
// fixed; dated false leaves its date out.
func pointsItem(n int, dated bool) string {
	date := "<pubDate>Tue, 01 Dec 2026 01:00:00 GMT</pubDate>"
	if !dated {
		date = ""
	}
	return fmt.Sprintf(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Embassy reopens in Kabul</title><link>https://news.example/kabul</link><guid>k1</guid>%s<description>The embassy reopened on Monday. Points: %d. Comments: %d.</description></item>
</channel></rss>`, date, 10*n, n)
}

// A change of the text alone that the feed does not date is no
// correction: a count that moves at every fetch would otherwise rewrite
// and re-date the article, and every feed holding it, each cycle. Dated
// or not, the stored article stays as first seen.
func TestUndatedTextChangeIsNoCorrection(t *testing.T) {
	ctx := context.Background()
	for _, dated := range []bool{true, false} {
		f := newChangingFeed(t, pointsItem(1, dated))
		if rep := f.cycle(0); rep.New != 1 {
			t.Fatalf("dated %v: first cycle stored %d, want 1", dated, rep.New)
		}
		stories, err := f.st.Stories(ctx, "", 10)
		if err != nil || len(stories) != 1 {
			t.Fatalf("stories: %d, %v", len(stories), err)
		}
		before := *stories[0].Lead
		for n := 2; n <= 3; n++ {
			f.body.Store(pointsItem(n, dated))
			if rep := f.cycle(15 * time.Minute); rep.New != 0 || rep.Corrected != 0 {
				t.Errorf("dated %v, fetch %d: %d new, %d corrected; want none", dated, n, rep.New, rep.Corrected)
			}
		}
		after, err := f.st.Article(ctx, before.ID)
		if err != nil {
			t.Fatal(err)
		}
		if after.Text != before.Text || !after.Updated.Equal(before.Updated) {
			t.Errorf("dated %v: stored %q updated %v; was %q %v", dated, after.Text, after.Updated, before.Text, before.Updated)
		}
	}
}

// A correction of the text alone is followed when the feed dates it: the
// item's date moves on.
func TestDatedTextCorrectionIsFollowed(t *testing.T) {
	ctx := context.Background()
	item := func(date, text string) string {
		return fmt.Sprintf(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Quake hits Maluku</title><link>https://news.example/quake</link><guid>q1</guid><pubDate>%s</pubDate><description>%s</description></item>
</channel></rss>`, date, text)
	}
	f := newChangingFeed(t, item("Tue, 01 Dec 2026 01:00:00 GMT", "Three people died."))
	if rep := f.cycle(0); rep.New != 1 {
		t.Fatalf("first cycle stored %d, want 1", rep.New)
	}
	stories, err := f.st.Stories(ctx, "", 10)
	if err != nil || len(stories) != 1 {
		t.Fatalf("stories: %d, %v", len(stories), err)
	}
	id := stories[0].Lead.ID
	f.body.Store(item("Tue, 01 Dec 2026 01:50:00 GMT", "Thirty people died."))
	if rep := f.cycle(15 * time.Minute); rep.New != 0 || rep.Corrected != 1 {
		t.Fatalf("the dated correction: %d new, %d corrected; want 0 and 1", rep.New, rep.Corrected)
	}
	after, err := f.st.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if after.Text != "Thirty people died." {
		t.Errorf("stored after the dated correction: %q", after.Text)
	}
	if want := time.Date(2026, 12, 1, 1, 50, 0, 0, time.UTC); !after.Updated.Equal(want) {
		t.Errorf("updated %v after the dated correction, want the feed's date of it %v", after.Updated, want)
	}
	// The correction's date is the article's now: a count moving under it
	// later is no correction, however long the feed keeps that date.
	for n := 1; n <= 3; n++ {
		f.body.Store(item("Tue, 01 Dec 2026 01:50:00 GMT", fmt.Sprintf("Thirty people died. Views: %d.", n)))
		if rep := f.cycle(15 * time.Minute); rep.Corrected != 0 {
			t.Errorf("fetch %d under the correction's date: %d corrected, want 0", n, rep.Corrected)
		}
	}
	// A date a store keeps to the microsecond is not later for the
	// nanoseconds it drops.
	if a, b := (&article.Article{Published: time.Date(2026, 12, 1, 1, 50, 0, 1500, time.UTC)}), (&article.Article{Published: time.Date(2026, 12, 1, 1, 50, 0, 1000, time.UTC)}); datedChange(a, b, f.clock) {
		t.Error("a date later by nanoseconds only counts as a dated change")
	}
}
