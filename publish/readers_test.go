package publish

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/warta-news/warta/internal/feedcheck"
)

// TestReadersReadEveryFeed has the outside world read several feeds,
// plain, narrowed and paged, in every format it knows: jing (Atom),
// feedparser and newsboat (Atom, RSS), gofeed (JSON Feed) and the W3C validator
// (Atom, RSS) must agree on the entries.
func TestReadersReadEveryFeed(t *testing.T) {
	p, lister, srv := servedPublisher(t, Options{MaxItems: 4, Sources: testSources()})
	lister.set(append(testStories(), manyStories(6, []string{"economy", "international-relations"})...))
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, feed := range []struct{ path, query string }{
		{"/feeds/international-relations", ""},
		{"/feeds/economy", "?lang=id"},
		{"/feeds/all", "?page=2"},
		{"/feeds/international-relations", "?source=tempo"},
	} {
		for _, ext := range []string{"atom", "rss", "json"} {
			u := srv.URL + feed.path + "." + ext + feed.query
			resp, err := http.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%s: %d", u, resp.StatusCode)
				continue
			}
			if ext == "json" {
				// Debian's feedparser and newsboat do not read JSON Feed;
				// gofeed does.
				if _, err := gofeed.NewParser().ParseString(string(body)); err != nil {
					t.Errorf("%s: %v", u, err)
				}
				continue
			}
			file := writeTemp(t, "feed."+ext, body)
			parsed := feedcheck.Feedparser(t, file)
			if ext == "atom" {
				jingValidate(t, file)
			}
			titles := feedcheck.Newsboat(t, u)
			want := slices.Clone(parsed.Titles)
			slices.Sort(want)
			got := slices.Clone(titles)
			slices.Sort(got)
			if len(got) == 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s: newsboat reads %q, feedparser %q", u, titles, parsed.Titles)
			}
		}
	}
	// The validator is slow (TestW3CValidator covers more): a narrowed
	// Atom view and a paged RSS view.
	for _, u := range []string{"/feeds/economy.atom?lang=id", "/feeds/economy.rss?page=2"} {
		feedcheck.W3C(t, srv.URL+u)
	}
}
