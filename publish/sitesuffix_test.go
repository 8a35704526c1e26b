package publish

import (
	"context"
	"html"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/warta-news/warta/article"
)

// TestSiteSuffixNotShown: a headline ending in its own site's domain
// (" | tempo.co") is published without it in every feed format and on the
// pages; a suffix naming another site, or one that would leave under three
// words, or a title that is only the domain, is kept. The stored title is
// not changed.
func TestSiteSuffixNotShown(t *testing.T) {
	mk := func(id, url, title string) *article.Story {
		a := art(id, "src", title, t0)
		a.URL, a.Link = url, url
		a.Summary, a.Text = "<p>Isi berita.</p>", "Isi berita."
		return &article.Story{ID: id, Lead: a}
	}
	cases := []struct{ id, url, title, want string }{
		{"tempo", "https://nasional.tempo.co/read/1/kpk", "KPK Periksa Dua Swasta Dalami Korupsi ASDP | tempo.co", "KPK Periksa Dua Swasta Dalami Korupsi ASDP"},
		{"detik", "https://news.detik.com/berita/d-1/harga", "Harga Beras Naik di Pasar Induk - WWW.Detik.com", "Harga Beras Naik di Pasar Induk"},
		{"emdash", "https://www.tempo.co/x", "Banjir Rendam Ratusan Rumah Warga — tempo.co", "Banjir Rendam Ratusan Rumah Warga"},
		{"reuters", "https://bbc.example/news/oil", "Oil prices rise on supply fears - Reuters", "Oil prices rise on supply fears - Reuters"},
		{"label", "https://nasional.tempo.co/read/2/x", "Harga Cabai Turun Tajam | Tempo", "Harga Cabai Turun Tajam | Tempo"},
		{"only", "https://www.tempo.co/read/3", "tempo.co", "tempo.co"},
		{"short", "https://www.tempo.co/read/4", "Gempa Bumi | tempo.co", "Gempa Bumi | tempo.co"},
		{"other", "https://www.tempo.co/read/5", "Menteri Bahas Anggaran Negara | detik.com", "Menteri Bahas Anggaran Negara | detik.com"},
	}
	var stories []*article.Story
	var want []string
	for _, c := range cases {
		stories = append(stories, mk(c.id, c.url, c.title))
		want = append(want, c.want)
	}
	p, lister := newTestPublisher(t, Options{})
	lister.set(stories)
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := p.Handler()
	for _, path := range []string{"/feeds/all.atom", "/feeds/all.rss", "/feeds/all.json"} {
		rec := get(t, h, "GET", path, nil)
		feed, err := gofeed.NewParser().ParseString(rec.Body.String())
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var got []string
		for _, it := range feed.Items {
			got = append(got, it.Title)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s titles:\n got %q\nwant %q", path, got, want)
		}
	}
	page := html.UnescapeString(get(t, h, "GET", "/topics/all", nil).Body.String())
	for i, w := range want {
		if !strings.Contains(page, "<bdi>"+w+"</bdi>") {
			t.Errorf("page lacks title %q (%s)", w, cases[i].id)
		}
	}
	for i, s := range stories {
		if s.Lead.Title != cases[i].title {
			t.Errorf("stored title changed: %q", s.Lead.Title)
		}
	}
}
