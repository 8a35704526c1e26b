package pipeline

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/genre"
	"github.com/warta-news/warta/normalize"
)

// videoChannelGenres prepares a video host's channel feed named title whose
// entries are titled titles, and returns its items' feed genres ("" for
// news) by title.
func videoChannelGenres(t *testing.T, title string, titles []string) map[string]string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>` + title + `</title>`)
	for i, tt := range titles {
		id := string(rune('a' + i))
		b.WriteString(`<entry><id>yt:video:` + id + `</id><title>` + tt + `</title><link rel="alternate" href="https://www.youtube.com/watch?v=` + id +
			`"/><published>2026-11-30T0` + string(rune('0'+i)) + `:00:00Z</published></entry>`)
	}
	b.WriteString(`</feed>`)
	url := "https://www.youtube.com/feeds/videos.xml?channel_id=UCexample"
	f := Feed{Body: []byte(b.String()), ContentType: "application/atom+xml", URL: url, FetchedAt: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	prep, err := PrepareFeed(context.Background(), normalize.New(normalize.Caps{}), genre.New(), newRecognizer(t), f, config.Source{Name: title, URL: url})
	if err != nil {
		t.Fatal(err)
	}
	if len(prep.Articles) != len(titles) {
		t.Fatalf("%d articles, want %d", len(prep.Articles), len(titles))
	}
	genres := map[string]string{}
	for _, a := range prep.Articles {
		genres[a.Title] = a.FeedGenre
	}
	return genres
}

// A newsroom's channel whose name does not say news is known by its
// clips' titles, which name the states, bodies and offices of the day's
// events; an entertainment or music channel's are not. A newsroom's clip
// whose title asks a question is a discussion programme's episode, not a
// report. The titles are invented for this test.
func TestVideoChannelOfANewsroomIsNews(t *testing.T) {
	newsroom := []string{
		"Floods in Bangladesh leave thousands homeless",
		"UN Security Council meets over ceasefire talks",
		"Brazil's president vetoes forest bill",
		"Inside Story: What next for the Sahel?",
		"Kenya's foreign minister visits Beijing",
		"Crowds gather for the harbour festival",
	}
	for title, g := range videoChannelGenres(t, "Example World TV", newsroom) {
		want := ""
		if strings.HasSuffix(title, "?") {
			want = "video"
		}
		if g != want {
			t.Errorf("a newsroom's channel, %q: feed genre %q, want %q", title, g, want)
		}
	}
	entertainment := []string{
		"Official Music Video - Summer Nights",
		"Top 10 Movie Trailers This Week",
		"Behind the scenes of our new album",
		"Live at the stadium: full concert",
		"Reacting to your comments!",
		"Lyric video: Paris in the rain",
	}
	for title, g := range videoChannelGenres(t, "Example Music Channel", entertainment) {
		if g != "video" {
			t.Errorf("an entertainment channel, %q: feed genre %q, want video", title, g)
		}
	}
}
