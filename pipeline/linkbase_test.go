package pipeline

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/genre"
	"github.com/warta-news/warta/normalize"
)

// A feed whose URL has a token-like path segment (private feeds, Blogger's
// numeric blog ids, md5-named podcasts) resolves its items' relative links
// and HTML against its real directory: masking the segment, as logs do,
// would publish broken links and give the items other IDs than builds
// before the masking did, so that an upgraded store holds them twice.
func TestRelativeLinksResolveAgainstTheFeedsRealPath(t *testing.T) {
	const dir = "http://feeds.test/priv/9f8e7d6c5b4a39281706f5e4d3c2b1a0/"
	body := `<?xml version="1.0"?><rss version="2.0"><channel><title>Priv</title>
<item><title>Gempa guncang Lombok</title><link>story-1.html</link>
<description>&lt;p&gt;Gempa. &lt;img src="img/1.jpg"&gt; &lt;a href="more.html"&gt;Lanjut&lt;/a&gt;&lt;/p&gt;</description></item>
</channel></rss>`
	f := Feed{Body: []byte(body), ContentType: "application/rss+xml",
		URL: "http://user:pw@feeds.test/priv/9f8e7d6c5b4a39281706f5e4d3c2b1a0/rss?key=k#x", FetchedAt: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	src := config.Source{Name: "Priv", URL: f.URL}
	prep, err := PrepareFeed(context.Background(), normalize.New(normalize.Caps{}), genre.New(), f, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(prep.Articles) != 1 {
		t.Fatalf("%d articles, want 1", len(prep.Articles))
	}
	a := prep.Articles[0]
	if a.URL != dir+"story-1.html" {
		t.Errorf("URL %q, want %q", a.URL, dir+"story-1.html")
	}
	// The ID builds before the masking gave it: the absolute link's.
	want, ok := normalize.ID(&article.Article{Link: dir + "story-1.html"}, normalize.Options{SourceName: src.Name})
	if !ok || a.ID != want {
		t.Errorf("ID %q, want %q (the real link's)", a.ID, want)
	}
	for _, ref := range []string{dir + "img/1.jpg", dir + "more.html"} {
		if !strings.Contains(a.Summary, ref) {
			t.Errorf("summary %q lacks %q", a.Summary, ref)
		}
	}
	for _, secret := range []string{"pw", "key=k"} {
		if strings.Contains(a.URL+a.Summary, secret) {
			t.Errorf("the article carries the feed URL's %q: %s %s", secret, a.URL, a.Summary)
		}
	}
}
