package topic

import (
	"slices"
	"strings"
	"testing"

	"github.com/warta-news/warta/article"
)

func TestSoftDeskOf(t *testing.T) {
	for link, want := range map[string]string{
		"https://www.example.com/travel/2024/may/01/a-week-in-kyoto":        "travel",
		"https://www.example.com/lifeandstyle/2023/jan/05/interview":        "lifeandstyle",
		"https://travel.example.co.id/read/2024/05/01/bali":                 "travel",
		"https://Lifestyle.Example.com/read/1":                              "lifestyle",
		"https://www.example.com/en/culture/exhibition-opens":               "culture",
		"https://www.example.com/world/2024/may/01/talks-in-geneva":         "",
		"https://news.example.com/travel-ban-extended":                      "",
		"https://www.example.com/news/travel/2024":                          "",
		"https://www.example.com/":                                          "",
		"https://www.example.com/travel?ref=rss":                            "travel",
		"not a link":                                                        "",
		"https://user@hiburan.example.com/artis/1":                          "hiburan",
		"https://www.example.com/international/music-festival-cancelled-as": "",
	} {
		if got := softDeskOf(link); got != want {
			t.Errorf("softDeskOf(%q) = %q, want %q", link, got, want)
		}
	}
}

// A travel piece that names two states is filed under the travel desk: it
// gets no hard-news topic from the models, while the same text under a
// news desk does, and a source's boost still gives one.
func TestSoftDeskGetsNoHardNews(t *testing.T) {
	tg := defaultTagger(t)
	text := "The foreign ministers of Japan and South Korea met in Tokyo on Monday and agreed to resume " +
		"talks on a trade agreement, the two governments said in a joint statement after the meeting."
	title := "Japan and South Korea agree to resume trade talks"
	news := &article.Article{ID: "n", URL: "https://www.example.com/world/2024/may/01/japan-korea-talks", Title: title, Text: text, Language: "en"}
	travel := &article.Article{ID: "t", URL: "https://www.example.com/travel/2024/may/01/japan-korea-talks", Title: title, Text: text, Language: "en"}
	hard := func(ms []article.TopicMatch) []string {
		var out []string
		for _, m := range ms {
			if tg.family[tg.ruleIndex(m.Slug)] == hardNews {
				out = append(out, m.Slug)
			}
		}
		return out
	}
	if got := hard(tg.Tag(news, Hints{})); !slices.Contains(got, "international-relations") {
		t.Fatalf("the news desk's piece: hard news %v, want international-relations", got)
	}
	if got := hard(tg.Tag(travel, Hints{})); len(got) != 0 {
		t.Errorf("the travel desk's piece: hard news %v, want none", got)
	}
	es := tg.Explain(travel, Hints{})
	for _, e := range es {
		if e.Slug == "international-relations" && (e.SoftDesk != "travel" || e.Passed) {
			t.Errorf("explain: soft desk %q, passed %v", e.SoftDesk, e.Passed)
		}
	}
	var b strings.Builder
	if err := WriteExplanations(&b, es); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "filed under the travel desk") {
		t.Errorf("explain's table does not name the desk:\n%s", b.String())
	}
	boost := Hints{Boost: map[string]float64{"international-relations": 3}}
	boosted := hard(tg.Tag(travel, boost))
	if !slices.Contains(boosted, "international-relations") {
		t.Errorf("a boosted source's travel piece: hard news %v, want international-relations", boosted)
	}
	for _, e := range tg.Explain(travel, boost) {
		if e.Slug == "international-relations" && (e.SoftDesk != "" || !e.Passed) {
			t.Errorf("explain, boosted: soft desk %q, passed %v; want no desk named, passed", e.SoftDesk, e.Passed)
		}
	}
}
