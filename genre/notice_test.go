package genre

import (
	"testing"

	"github.com/warta-news/warta/article"
)

// Notices, quizzes and cartoons, marked as their publishers mark them, and
// news that carries the same words, which stays news. The headlines and
// links are written for this test; none comes from labelled data.
func TestOfNoticePuzzleCartoon(t *testing.T) {
	judgeTitles(t, []titleCase{
		// Call-outs and sign-up promotions.
		{"Tell us: how has the heatwave changed your commute?", Notice},
		{"Tell us about your experience of the rail strikes", Notice},
		{"World Briefing: sign up for our daily email", Notice},
		{"Daily Digest | Sign up to the morning briefing", Notice},
		// Quizzes and puzzles.
		{"News quiz: the summit, the storm and the strike", Puzzle},
		{"Did you solve it? The bridge-crossing riddle", Puzzle},
		// Cartoons.
		{"The chancellor's budget - cartoon", Cartoon},
		{"From student to soldier: one woman's story – a cartoon", Cartoon},

		// News with the same words.
		{"Tell us more, MPs demand of minister over contract", News},
		{"Voters tell us what matters before the election", News},
		{"Millions sign up for new health scheme", News},
		{"Union says workers will not sign up to pay deal", News},
		{"Quiz show host arrested over fraud", News},
		{"Police puzzle over missing painting", News},
		{"Cartoonist detained over drawing of president", News},
		{"Cartoon sparks protest outside embassy", News},
		{"Did you see the eclipse? Scientists explain what happened", News},
		// Review 33's news with a marker's words in a marker's place
		// (F1, F5): a sign-up of conscripts, a kicker that heads a report.
		{"Conscription: sign up deadline extended as war drags on", News},
		{"Ukraine war: sign up to army surges after new law", News},
		// Review 34's (F4, F5, F6): a quote as kicker with its speaker
		// after a comma, a sign-up that is not the outlet's own, a puzzle
		// column's words that open a report.
		{"Tell us: why are you blocking the ceasefire, Ukraine asks Hungary", News},
		{"Voters urged: sign up for a briefing on new ID rules", News},
		{"Police: sign up for the email alert to report scams", News},
		{"Hackers: sign up for the newsletter was a phishing trap", News},
		{"Can you solve it? Police appeal over cold case murder", News},
		{"Military draft - sign up rates fall among young men", News},
		{"Quiz: MPs grill foreign minister over arms sales", News},
		{"Puzzle: why did the central bank cut rates again?", News},
		{"Cartoon: Danish embassy in Jakarta guarded after protest", News},
		{"Tell us about your donors, watchdog orders ruling party", News},
		{"Tell us: minister told to reveal China deal", News},
	})
}

// An organisation's notice that its people appeared in others' media is
// known by the section of its link; a report's link never has it.
func TestOfNoticeLink(t *testing.T) {
	d := New()
	for _, c := range []struct {
		link string
		want Genre
	}{
		{"https://www.example-institute.org/insight-impact/in-the-news/smith-quoted-in-the-times-on-sanctions/", Notice},
		{"https://www.example.edu/in-the-media/professor-discusses-election-on-radio", Notice},
		{"https://www.example-council.org/media-mentions/2025/10/lee-on-tariffs", Notice},
		{"https://www.example.com/2025/10/03/news-quiz-elections-and-storms/", Puzzle},
		{"https://www.example.co.nz/national/quizzes/300427192/morning-trivia", Puzzle},
		{"https://news.example.com/world/2025/10/03/minister-in-the-news-again", News},
		{"https://news.example.com/world/2025/10/03/quiz-show-host-arrested", News},
		// Only the sections genre4 registered act as sections (review 33,
		// F4): a cartoon's, a puzzle's or a call-out's name does not.
		{"https://news.example.com/world/cartoon/2026/09/11/danish-embassy", News},
		{"https://news.example.com/puzzle/2026/09/11/central-bank", News},
		{"https://news.example.com/tell-us/2026/09/11/minister-deal", News},
		{"https://news.example.com/a-cartoon/2026/09/11/minister-deal", News},
		{"https://www.example.com/quiz/2026/09/11/capitals", Puzzle},
	} {
		a := article.Article{Title: "Smith on sanctions", Text: "Text.", Link: c.link}
		if got := d.Of(&a); got.Genre != c.want {
			t.Errorf("%s: got %v (%s), want %v", c.link, got.Genre, got.Cue, c.want)
		}
	}
}

// A feed whose items are mostly notices stays news by the vote: each
// notice is known by its own marker.
func TestNoticesCastNoFeedVote(t *testing.T) {
	d := New()
	var items []*article.Article
	for _, link := range []string{"https://example.org/in-the-news/a", "https://example.org/in-the-news/b", "https://example.org/analysis/c"} {
		items = append(items, &article.Article{Title: "An expert on the talks", Text: "Text.", Link: link})
	}
	if v := d.OfFeed(Feed{Title: "Example Institute", Items: len(items)}, items); !v.IsNews() {
		t.Errorf("a feed of notices: got %v (%s), want news", v.Genre, v.Cue)
	}
}

// A feed whose items are mostly cartoons or puzzles stays news by the
// vote too (review 33, F8): each is known by its own marker.
func TestCartoonsAndPuzzlesCastNoFeedVote(t *testing.T) {
	d := New()
	for _, titles := range [][]string{
		{"The budget - cartoon", "The summit – cartoon", "The strike — a cartoon", "Ministers meet on the budget"},
		{"Did you solve it? The coins", "Did you solve it? The bridge", "News quiz: the week", "Ministers meet on the budget"},
	} {
		var items []*article.Article
		for _, title := range titles {
			items = append(items, &article.Article{Title: title, Text: "Text.", Link: "https://example.org/2026/12/01/story"})
		}
		if v := d.OfFeed(Feed{Title: "Example Daily", Items: len(items)}, items); !v.IsNews() {
			t.Errorf("a feed of %q…: got %v (%s), want news", titles[0], v.Genre, v.Cue)
		}
	}
}
