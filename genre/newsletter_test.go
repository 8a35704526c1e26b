package genre

import (
	"testing"

	"github.com/warta-news/warta/article"
)

// titleCase is a headline and the genre Of should give it.
type titleCase struct {
	title string
	want  Genre
}

// judgeTitles checks the genre Of gives each headline, judged with a short
// text and a news link.
func judgeTitles(t *testing.T, cases []titleCase) {
	t.Helper()
	d := New()
	for _, c := range cases {
		a := article.Article{Title: c.title, Text: "The day's text.", Link: "https://news.example.com/2026/12/01/story"}
		if got := d.Of(&a); got.Genre != c.want {
			t.Errorf("%q: got %v (%s), want %v", c.title, got.Genre, got.Cue, c.want)
		}
	}
}

// Newsletters' editions, marked by a kicker that names the newsletter, and
// news that mentions a newsletter, which stays news. The headlines are
// written for this test; none comes from labelled data.
func TestOfNewsletterKicker(t *testing.T) {
	judgeTitles(t, []titleCase{
		// A name, then "newsletter" in lower case, then a colon.
		{"The Download newsletter: robots learn to fold laundry", Newsletter},
		{"Science and Society newsletter: what the flood maps miss", Newsletter},
		{"Money & Markets newsletter: rates on hold", Newsletter},
		// A dash or a bar, no name, or the word in capitals: news.
		{"Morning newsletter – what to know before markets open", News},
		{"Climate Weekly newsletter | The week's floods and fires", News},
		{"Newsletter: the week in Asian politics", News},
		{"NEWSLETTER - Five things to watch this week", News},
		{"Climate Weekly Newsletter: the floods", News},
		// No separator, or the word first: a sentence about a newsletter.
		{"Our weekly newsletter", News},
		{"Inside the senator's newsletter", News},
		{"Newsletter row: minister apologises", News},
		{"Newsletter Harian: Kabar Pilihan Pagi Ini", News},
		// News that mentions a newsletter.
		{"Minister's newsletter angers coalition partners", News},
		{"Newsletter publisher sued over leaked donor list", News},
		{"Regulator fines bank over misleading newsletter claims", News},
		{"School e-newsletter - parents angry over fee rise", News},
		{"Menteri Kirim Newsletter ke Seluruh Pegawai", News},
		{"Leaked briefing shows army planned retreat", News},
	})
}

// A feed whose items are mostly newsletters' editions stays news by the
// vote: each edition is known by its own headline.
func TestNewsletterEditionsCastNoFeedVote(t *testing.T) {
	d := New()
	var items []*article.Article
	for _, title := range []string{"Morning newsletter: rates on hold", "Morning newsletter: storm warning", "Talks resume in Geneva"} {
		items = append(items, &article.Article{Title: title, Text: "Text."})
	}
	if v := d.OfFeed(Feed{Title: "Example Times", Items: len(items)}, items); !v.IsNews() {
		t.Errorf("a feed of editions: got %v (%s), want news", v.Genre, v.Cue)
	}
}

// A daily or dated briefing's edition, known by a headline whose first
// segment is only the briefing's name, and briefings on a topic and news
// about a briefing, which are not editions. The headlines are written for
// this test; none comes from labelled data.
func TestOfBriefingEdition(t *testing.T) {
	judgeTitles(t, []titleCase{
		// "Your … Briefing": anything may follow the name.
		{"Your Monday Briefing", Newsletter},
		{"Your Tuesday Briefing: Talks resume in Geneva", Newsletter},
		{"Your Morning Briefing – Storm hits the coast", Newsletter},
		{"Your Evening Briefing", Newsletter},
		{"Your Sunday Briefing, Dec. 4", Newsletter},
		// A bare name: only a date may follow it.
		{"Morning Briefing, Oct 17", Newsletter},
		{"Daily Briefing: 3 May 2022", Newsletter},
		{"The Morning Briefing | Friday, 2 December 2022", Newsletter},
		{"Weekly Briefing – 12/02/2022", Newsletter},
		{"Friday Briefing", Newsletter},
		// A weekday's briefing is a daily newsletter's edition whatever
		// follows: its title carries the day's lead ("Friday briefing:
		// …" is how the Guardian titles its edition, "Thursday Briefing:
		// …" the NYT; every such title in our labelled streams is an
		// edition).
		{"Friday briefing: Ministers clash over the budget", Newsletter},
		{"Thursday Briefing: Talks Stall in Geneva", Newsletter},
		{"Monday evening briefing: Storm closes schools", Newsletter},
		{"Wednesday evening news briefing: Rail strike called off", Newsletter},
		{"The Tuesday briefing – Rates on hold again", Newsletter},
		// Briefings on a topic, news about a briefing.
		{"Weekly briefing: the sanctions vote", News},
		{"Morning Briefing: what the budget means for you", News},
		{"Pentagon's Friday briefing: no sign of troop pullback", News},
		{"Friday briefing room clash: reporter ejected", News},
		{"Leaked briefing shows army planned retreat", News},
		{"Pentagon briefing: no sign of troop pullback", News},
		{"Daily briefing ends as White House cuts press access", News},
		{"Your Monday briefings are about to change", News},
		{"Minister skips morning briefing – aides say he is ill", News},
	})
}

// Daily newsletters known by their names, which carry neither
// "newsletter" nor a day's briefing: as a kicker before the headline or
// after a bar. News that uses the words otherwise stays news. Headlines
// written for this test.
func TestOfNamedDailyNewsletter(t *testing.T) {
	judgeTitles(t, []titleCase{
		{"First Thing: Senate passes the budget deal", Newsletter},
		{"Senate passes the budget deal | First Thing", Newsletter},
		{"FirstFT: Central banks hold rates", Newsletter},
		{"Up First briefing: Storm warnings; rail strike; a museum reopens", Newsletter},
		{"Up First: Talks resume in Geneva", Newsletter},
		{"The D Brief: Fleet sails; budget talks stall; a new drone; and more", Newsletter},
		{"Morning Bid: Rates hold the line", Newsletter},
		{"The Week in Breakingviews: Banks under strain", Newsletter},
		{"TechScape: Who owns your data now?", Newsletter},
		{"Port strike ends and a comet returns: Morning Rundown", Newsletter},
		// NPR's edition as it titles it: two stories joined by ". And, ".
		{"Storm floods the coast. And, a museum reopens its doors", Newsletter},
		{"'We will rebuild. And, we will return,' says mayor", News},
		{"Prices rise. And, wages?", News},
		{"First thing the new mayor did: close the bridge", News},
		{"Rookie goes up first in the draft", News},
		{"Talks come first, says minister", News},
		{"Morning rundown of the markets shows losses", News},
	})
}
