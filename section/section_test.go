package section

import "testing"

func TestOf(t *testing.T) {
	cases := []struct {
		feed string
		cats []string
		link string
		want Desk
	}{
		{"", nil, "https://news.detik.com/internasional/d-123456/judul-berita", World},
		{"", nil, "https://global.liputan6.com/read/123/judul", World},
		{"", nil, "https://www.theguardian.com/world/2018/may/01/slug", World},
		{"", nil, "https://www.cnnindonesia.com/olahraga/2020-123/judul", Sport},
		{"", nil, "https://sport.detik.com/sepakbola/d-1/judul", Sport},
		{"", nil, "https://finance.detik.com/berita-ekonomi-bisnis/d-1/judul", Economy},
		{"", nil, "https://www.bbc.co.uk/news/business-123", Unknown},
		{"", nil, "https://www.bbc.com/news/technology/123", SciTech},
		{"", nil, "https://www.theguardian.com/commentisfree/2018/x", Opinion},
		{"", nil, "https://www.republika.co.id/berita/nasional/x", National},
		// The item's own slug is no section, nor is the site's name.
		{"", nil, "https://example.com/news/world", Unknown},
		{"", nil, "https://sport.co.id/a/b", Unknown},
		{"", []string{"Politik", "Dunia"}, "https://example.com/a/1", National},
		{"", []string{"33", "Luar Negeri"}, "", World},
		{"", []string{"gaya hidup"}, "", Lifestyle},
		{"CNN Indonesia | Internasional", nil, "https://example.com/a", World},
		{"BBC News - World", nil, "", World},
		{"Tempo.co Ekonomi", nil, "", Economy},
		{"ANTARA News - Berita Terkini", nil, "", Unknown},
		{"detikNews", nil, "https://news.detik.com/berita/d-1/x", Unknown},
		// The URL speaks before the categories, they before the feed.
		{"BBC News - World", []string{"Sport"}, "https://example.com/hiburan/x", Lifestyle},
		{"BBC News - World", []string{"Sport"}, "", Sport},
		{"", nil, "not a url", Unknown},
	}
	for _, c := range cases {
		if got := Of(c.feed, c.cats, c.link); got != c.want {
			t.Errorf("Of(%q, %q, %q) = %v, want %v", c.feed, c.cats, c.link, got, c.want)
		}
	}
}
