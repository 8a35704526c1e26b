package publish

import (
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/publish/filter"
)

// storyJSON is /stories/<id>.json: what the story's page shows, as data.
type storyJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Page is the story's page.
	Page     string             `json:"page"`
	Reports  int                `json:"reports"`
	Outlets  int                `json:"outlets"`
	Feeds    []storyFeedJSON    `json:"feeds"`
	Articles []storyArticleJSON `json:"articles"`
	Related  []relatedJSON      `json:"related"`
	// Labels are the readers' labels on the story, by topic.
	Labels []labelJSON `json:"labels"`
	// Joins are the stories readers joined into it: article.Join, by
	// the ID each had.
	Joins []article.Join `json:"joins"`
}

// labelJSON is a reader's label: the story is (Of) or is not of Topic.
type labelJSON struct {
	Topic string    `json:"topic"`
	Of    bool      `json:"of"`
	Note  string    `json:"note,omitempty"`
	At    time.Time `json:"at"`
}

// storyFeedJSON is a feed that carries the story, and why.
type storyFeedJSON struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
	// Page is the topic's page, Atom its feed.
	Page string `json:"page"`
	Atom string `json:"atom"`
	Why  string `json:"why"`
}

// storyArticleJSON is one article of the story, in the order found.
type storyArticleJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
	// Outlet is who published it (an aggregator's item's own outlet,
	// else its source); Source the configured source it came from.
	Outlet    string     `json:"outlet"`
	Source    string     `json:"source"`
	Language  string     `json:"language,omitempty"`
	Published *time.Time `json:"published"`
	FirstSeen time.Time  `json:"first_seen"`
	Topics    []string   `json:"topics"`
	// Joined is how it joined the story; absent for the article that
	// started it.
	Joined *joinedJSON `json:"joined,omitempty"`
}

// joinedJSON is how an article joined its story, as the story index
// recorded it.
type joinedJSON struct {
	// Method is the index's method and evidence ("minhash-lead",
	// "event: shared …"); "" when not recorded.
	Method     string  `json:"method"`
	Similarity float64 `json:"similarity"`
	// With is the article it matched.
	With string `json:"with,omitempty"`
}

// relatedJSON is a story near this one (RelatedStory), nearest first.
type relatedJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Outlet is its first article's outlet.
	Outlet  string `json:"outlet"`
	Page    string `json:"page"`
	Reports int    `json:"reports"`
	// From is the article of this story that comes near it.
	From       string   `json:"from"`
	Share      float64  `json:"share"`
	Bar        float64  `json:"bar"`
	HoursApart float64  `json:"hours_apart"`
	Shared     []string `json:"shared"`
	// Apart is why the two are two stories; "" when the article would
	// join it now.
	Apart string `json:"apart"`
}

// labelsJSON are story's labels as the story's JSON and the labels API
// give them, by topic; empty, not null, for none.
func labelsJSON(labels article.LabelSet, story string) []labelJSON {
	out := []labelJSON{}
	for _, l := range labels.Of(story) {
		out = append(out, labelJSON{Topic: l.Topic, Of: l.Of, Note: l.Note, At: l.At.UTC()})
	}
	return out
}

// storyJSON describes s, with its related stories rels, its readers'
// labels and the stories joined into it, as data.
func (p *Publisher) storyJSON(s *article.Story, rels []related, labels article.LabelSet, joins []article.Join) storyJSON {
	arts := s.Articles()
	id := s.Identifier()
	out := storyJSON{
		ID: id, Title: articleTitle(arts[0]), Page: p.storyPageURL(id), Reports: len(arts), Outlets: filter.Outlets(s),
		Feeds: []storyFeedJSON{}, Articles: []storyArticleJSON{}, Related: []relatedJSON{}, Labels: labelsJSON(labels, id),
		Joins: append([]article.Join{}, joins...),
	}
	// p.feeds holds "all" first, which Carriers adds itself.
	for _, c := range Carriers(p.feeds[1:], s, labels) {
		out.Feeds = append(out.Feeds, storyFeedJSON{Slug: c.Slug, Title: c.Title, Page: p.opts.BaseURL + "/topics/" + c.Slug,
			Atom: p.opts.BaseURL + feedsPrefix + c.Slug + ".atom", Why: c.Why})
	}
	for _, a := range arts {
		aj := storyArticleJSON{
			ID: a.ID, Title: articleTitle(a), URL: articleURL(a), Outlet: outletName(a), Source: a.Source,
			Language: validLang(a.Language), Published: timePtr(a.Published), FirstSeen: a.FirstSeen.UTC(), Topics: []string{},
		}
		for _, t := range a.Topics {
			aj.Topics = append(aj.Topics, t.Slug)
		}
		if a.ID != s.ID {
			m := a.StoryMatch
			aj.Joined = &joinedJSON{Method: m.Method, Similarity: m.Similarity, With: m.MatchedID}
		}
		out.Articles = append(out.Articles, aj)
	}
	for _, r := range rels {
		out.Related = append(out.Related, relatedJSON{
			ID: r.StoryID, Title: articleTitle(r.story.Articles()[0]), Outlet: outletName(r.story.Articles()[0]),
			Page: p.storyPageURL(r.StoryID), Reports: len(r.story.Articles()),
			From: r.From, Share: r.Share, Bar: r.Bar, HoursApart: r.Hours, Shared: r.Shared, Apart: r.Apart,
		})
	}
	return out
}
