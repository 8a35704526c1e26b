package genre

import (
	"testing"

	"github.com/warta-news/warta/article"
)

// news returns n items in the shapes of news reports, written for the test.
func news(n int) []*article.Article {
	heads := []string{
		"Foreign ministers of Japan and Korea meet in Seoul",
		"Floods kill 20 in northern Vietnam",
		"Central bank holds rates as inflation eases",
		"Menlu RI bertemu Menlu AS di Washington",
		"Parliament passes the budget after a long night",
	}
	out := make([]*article.Article, n)
	for i := range out {
		out[i] = &article.Article{Title: heads[i%len(heads)], Link: "https://news.example.com/world/story-" + string(rune('a'+i)), Text: "The report, in the words of a wire story."}
	}
	return out
}

// The feeds are written for this test in the shapes real feeds have; none
// comes from labelled data.
func TestOfFeed(t *testing.T) {
	d := New()
	releases := []*article.Article{
		{Title: "v2.1.0", Text: "Fixes."}, {Title: "v2.0.3", Text: "Fixes."}, {Title: "v2.0.2", Text: "Fixes."},
		{Title: "Spring clean-up", Text: "Internal changes."},
	}
	mixed := append(news(8), &article.Article{Title: "Episode 12: the summit, explained", Text: "Listen now."},
		&article.Article{Title: "Video: the summit in two minutes", Link: "https://news.example.com/video/summit", Text: "Watch."})
	for _, c := range []struct {
		name  string
		feed  Feed
		items []*article.Article
		want  Genre
	}{
		{"iTunes channel of audio episodes", Feed{Title: "The World This Week", ITunes: true, Items: 4, AudioItems: 4}, news(4), Podcast},
		{"news with an audio clip per report, no podcast tags", Feed{Title: "City Radio", Items: 10, AudioItems: 10}, news(10), News},
		{"news with podcast tags and one episode among reports", Feed{Title: "Daily Courier", ITunes: true, Items: 10, AudioItems: 1}, news(10), News},
		{"a repository's releases", Feed{Title: "Releases of tool", URLs: []string{"https://github.com/example/tool/releases.atom"}}, news(3), Release},
		{"a repository's tags on GitLab", Feed{Title: "tool tags", URLs: []string{"https://gitlab.com/example/tool/-/tags?format=atom"}}, news(3), Release},
		{"a changelog on its own site", Feed{Title: "Tool", URLs: []string{"https://tool.example.org/changelog.xml"}}, news(3), Release},
		{"a video channel", Feed{Title: "Ministry of Foreign Affairs", URLs: []string{"https://www.youtube.com/feeds/videos.xml?channel_id=UC123"}}, news(5), Video},
		{"a news outlet's video channel", Feed{Title: "Example TV News", URLs: []string{"https://www.youtube.com/feeds/videos.xml?channel_id=UC456"}}, news(5), News},
		{"a news outlet's video channel, in Indonesian", Feed{Title: "Kabar Siang", URLs: []string{"https://www.youtube.com/feeds/videos.xml?channel_id=UC789"}}, news(5), News},
		{"a video channel whose title names news as part of a word", Feed{Title: "Goodnewsletter Crafts", URLs: []string{"https://www.youtube.com/feeds/videos.xml?channel_id=UC000"}}, news(5), Video},
		{"a subreddit", Feed{Title: "world news", URLs: []string{"https://www.reddit.com/r/worldnews/.rss"}}, news(5), Social},
		{"a federated account", Feed{Title: "Ministry", URLs: []string{"https://social.example.org/@ministry.rss"}}, news(5), Social},
		{"a podcast host's feed", Feed{Title: "Diplomacy Weekly", URLs: []string{"https://feeds.buzzsprout.com/123.rss"}}, news(5), Podcast},
		{"a podcast path", Feed{Title: "Diplomacy Weekly", URLs: []string{"https://radio.example.com/podcast/rss"}}, news(5), Podcast},
		{"a blog host", Feed{Title: "Notes", URLs: []string{"https://notes.substack.com/feed"}}, news(5), Blog},
		{"a title that says blog", Feed{Title: "Example Engineering Blog", URLs: []string{"https://example.com/feed"}}, news(5), Blog},
		{"a title that says lessons, in Indonesian", Feed{Title: "Belajar Bahasa Inggris", URLs: []string{"https://example.co.id/rss"}}, news(5), Lesson},
		{"a title that says lessons", Feed{Title: "Learning English: everyday words"}, news(5), Lesson},
		{"a title that says podcast", Feed{Title: "The Foreign Desk Podcast"}, news(5), Podcast},
		{"a title that names a genre and news", Feed{Title: "Podcast News: the industry daily"}, news(5), News},
		{"a news feed's title", Feed{Title: "World news | Example Times", URLs: []string{"https://www.example.com/world/rss", "https://www.example.com/world"}}, news(5), News},
		{"most items are releases", Feed{Title: "tool"}, releases, Release},
		{"a news feed with an episode and a video among reports", Feed{Title: "Example Times"}, mixed, News},
		{"one item is one vote, not a majority", Feed{Title: "Weekly"}, []*article.Article{{Title: "Episode 3: the vote", Text: "Listen."}}, News},
		{"a Mastodon instance", Feed{Title: "Ministry", URLs: []string{"https://mastodon.example/users/ministry.rss"}}, news(5), Social},
		{"a host that starts like a social network's", Feed{Title: "Metro", URLs: []string{"https://t.metro.example/rss", "https://x.company.example/feed"}}, news(5), News},
		{"a section of advertorials", Feed{Title: "Advertorial", URLs: []string{"https://www.example.co.id/rss/advertorial"}}, news(5), Sponsored},
		{"a section of today-in-history pieces", Feed{Title: "On this day", URLs: []string{"https://www.example.com/on-this-day/feed"}}, news(5), History},
		// A profile or service name in a feed's own path is no verdict on
		// its items: the Guardian serves each writer's feed at
		// /profile/<writer>/rss, and a tips section's pieces read as news.
		{"a writer's feed at a profile path", Feed{Title: "Patrick Wintour | The Guardian", URLs: []string{"https://www.theguardian.com/profile/patrickwintour/rss", "https://www.theguardian.com/profile/patrickwintour"}}, news(5), News},
		{"a feed at a profiles path", Feed{Title: "Profil", URLs: []string{"https://www.example.co.id/profil/rss"}}, news(5), News},
		{"a feed at a tips path", Feed{Title: "Tips", URLs: []string{"https://www.example.com/news/tips/rss"}}, news(5), News},
		// A gallery is known by its own headline only: a photo desk whose
		// items are mostly marked galleries leaves its unmarked pages news.
		{"a photo desk, most items marked galleries", Feed{Title: "Foto"}, []*article.Article{
			{Title: "FOTO: Banjir rendam Bekasi", Text: "Banjir."}, {Title: "FOTO: Demo buruh di DPR", Text: "Demo."},
			{Title: "Warga antre minyak goreng", Text: "Antre."}}, News},
		{"news on a news site", Feed{Title: "Kabar Terkini", URLs: []string{"https://www.example.co.id/rss/terkini", "https://www.example.co.id/"}}, news(20), News},
	} {
		if got := d.OfFeed(c.feed, c.items); got.Genre != c.want {
			t.Errorf("%s: got %v (%s), want %v", c.name, got.Genre, got.Cue, c.want)
		}
	}
}

// An item of a feed that is not news has its feed's genre even when the
// item reads as a report (a lesson that retells a news story); in a news
// feed an item keeps its own genre.
func TestOfReadsTheFeedsGenre(t *testing.T) {
	d := New()
	lesson := &article.Article{Title: "Foreign ministers of Japan and Korea meet in Seoul", Text: "The foreign ministers met on Tuesday. Words: counterpart, ties.", FeedGenre: Lesson.Name()}
	if got := d.Of(lesson); got.Genre != Lesson {
		t.Errorf("lesson: got %v (%s)", got.Genre, got.Cue)
	}
	report := *lesson
	report.FeedGenre = ""
	if got := d.Of(&report); got.Genre != News {
		t.Errorf("report: got %v (%s)", got.Genre, got.Cue)
	}
	episode := &article.Article{Title: "Episode 12: the summit, explained", Text: "Listen now."}
	if got := d.Of(episode); got.Genre != Podcast {
		t.Errorf("an episode in a news feed: got %v (%s)", got.Genre, got.Cue)
	}
	unknown := report
	unknown.FeedGenre = "almanac"
	if got := d.Of(&unknown); got.Genre != News {
		t.Errorf("a genre warta does not know: got %v (%s)", got.Genre, got.Cue)
	}
}

func TestParseReadsName(t *testing.T) {
	for g := News; g < numGenres; g++ {
		if got, ok := Parse(g.Name()); got != g || !ok {
			t.Errorf("Parse(%q) = %v, %t; want %v", g.Name(), got, ok, g)
		}
	}
	if _, ok := Parse("release notes"); ok {
		t.Error(`Parse("release notes") is a name; the name is "release"`)
	}
}
