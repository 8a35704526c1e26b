package publish

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/xmlchar"
	"github.com/warta-news/warta/publish/filter"
	"github.com/warta-news/warta/store"
)

// storyPagePrefix is the path a story's page is served under, followed by
// the story's ID.
const storyPagePrefix = "/stories/"

// maxStoryIDLen bounds the ID a story page is asked for: IDs are 32 hex
// digits; a longer one names no story and is not looked up.
const maxStoryIDLen = 128

// storyJSONSuffix, after a story's ID, asks for its page's data
// (storyJSON).
const storyJSONSuffix = ".json"

// MaxRelatedStories bounds the related stories a story's page lists, the
// nearest first.
const MaxRelatedStories = 5

// MaxRelatedFrom bounds the articles of a story whose related stories are
// sought: a story of hundreds of copies says no more in its later
// articles' headlines than in its first ones', and the search holds the
// story index.
const MaxRelatedFrom = 20

// RelatedStory is another story that an article of a story comes near by
// its headline, as the story index weighs headlines, and why the index
// keeps the two apart: likely the same event told in other words, or
// another development of one case.
type RelatedStory struct {
	// StoryID is the other story; From the ID of the article of this
	// story that comes near it.
	StoryID, From string
	// Share is the weighted share of their headlines' terms; Bar the
	// share a join needs at their distance in time.
	Share, Bar float64
	// Hours between their publication times.
	Hours float64
	// Shared are the terms they share.
	Shared []string
	// Apart says why they are two stories; "" when the article would
	// join that story now.
	Apart string
}

// StoryRelations finds the stories related to arts, the articles of one
// story (the daemon's story index, through its pipeline): at most one per
// article, in no order.
type StoryRelations interface {
	RelatedStories(ctx context.Context, arts []*article.Article) []RelatedStory
}

// StoryReader reads one story whole by its ID, store.ErrNotFound when no
// stored article is of it. A StoryLister that also implements it (both
// store drivers) gives every stored story a page; without it, only the
// stories of the current feeds have one.
type StoryReader interface {
	Story(ctx context.Context, id string) (*article.Story, error)
}

// LabelReader reads a story's readers' labels (article.Label). A
// StoryLister that also implements it (both store drivers) shows a
// story's labels on its page.
type LabelReader interface {
	StoryLabels(ctx context.Context, story string) ([]article.Label, error)
}

// JoinReader reads the readers' joins (article.Join) that name a story:
// its own into another, and those into it. A StoryLister that also
// implements it (both store drivers) sends the page of a joined story to
// the story it was joined into, lists on a story's page the stories
// joined into it, and names, among the stories near one, the story a
// near one was joined into.
type JoinReader interface {
	StoryJoins(ctx context.Context, story string) ([]article.Join, error)
}

// storyPage is what a story's page shows: every article of the story,
// how each joined it, the feeds that carry it, and the stories near it.
type storyPage struct {
	ID, Title string
	// JSON is the address of the same story as data.
	JSON             string
	Reports, Outlets int
	// Lang is the first article's language, for the heading.
	Lang     string
	Feeds    []storyPageFeed
	Articles []storyPageArticle
	// Related are other stories its headlines come near, the nearest
	// first.
	Related []storyPageRelated
	// Labels are the readers' labels on the story, by topic.
	Labels []storyPageLabel
	// Joins are the stories readers joined into it.
	Joins []storyPageJoin
	// Forms are the label and join forms; nil when the labels API is off.
	Forms *storyForms
}

// storyPageJoin is a story a reader joined into the story of the page:
// Story is the ID it had; Labels the labels it had then, which an undo
// gives back.
type storyPageJoin struct {
	Story, Note string
	At          time.Time
	Labels      []storyPageLabel
	// Undo is where the join's undo form posts.
	Undo string
}

// storyPageLabel is a reader's label on a story page: the story is (Of)
// or is not of Topic, linked to the topic's page when it has one.
type storyPageLabel struct {
	Topic pageLink
	Of    bool
	Note  string
	At    time.Time
}

// storyPageRelated is a related story on a story page.
type storyPageRelated struct {
	// ID is the other story's; Source the outlet of its first article.
	ID, Title, Page, Source string
	Reports                 int
	// From is the title of the story's own article that comes near it.
	From string
	// Shared are the terms their headlines share, Why what keeps them
	// apart.
	Shared, Why string
	// Gap is the time between their publication times.
	Gap time.Duration
}

// storyPageFeed is a feed that carries the story, and why.
type storyPageFeed struct {
	Title, Page, Why string
}

// storyPageArticle is one article of a story page.
type storyPageArticle struct {
	Title, URL, Source, Lang string
	Published, FirstSeen     time.Time
	// After is how long after the story's first article it was found;
	// zero for the first.
	After  time.Duration
	Topics []pageLink
	// Joined says how it joined the story: "" for the article that
	// started it.
	Joined string
}

// StoryPageURL is the address of story id's page on the web front served
// at baseURL (as Options.BaseURL).
func StoryPageURL(baseURL, id string) string {
	return strings.TrimRight(baseURL, "/") + storyPagePrefix + url.PathEscape(id)
}

// storyPageURL is the address of story id's page.
func (p *Publisher) storyPageURL(id string) string { return StoryPageURL(p.opts.BaseURL, id) }

// serveStory serves /stories/<id>: one story whole.
func (p *Publisher) serveStory(w http.ResponseWriter, r *http.Request) {
	snap := p.current(w)
	if snap == nil {
		return
	}
	// Story IDs are hex digits: one ending ".json" asks for the data.
	id, asJSON := strings.CutSuffix(r.PathValue("id"), storyJSONSuffix)
	s, err := p.story(r.Context(), snap, id)
	if err != nil {
		p.logger.Error("publish: read story", "story", id, "err", err)
		http.Error(w, "cannot read this story", http.StatusInternalServerError)
		return
	}
	if s == nil || len(s.Articles()) == 0 {
		p.serveJoinedStory(w, r, id, asJSON)
		return
	}
	rels := p.relatedStories(r.Context(), snap, s)
	labels, err := p.storyLabels(r.Context(), s.Identifier())
	if err != nil {
		p.logger.Error("publish: read labels", "story", id, "err", err)
		http.Error(w, "cannot read this story's labels", http.StatusInternalServerError)
		return
	}
	joins, err := p.storyJoins(r.Context(), s.Identifier())
	if err != nil {
		p.logger.Error("publish: read joins", "story", id, "err", err)
		http.Error(w, "cannot read this story's joins", http.StatusInternalServerError)
		return
	}
	joins = slices.DeleteFunc(joins, func(j article.Join) bool { return j.Into != s.Identifier() })
	if asJSON {
		body, err := json.MarshalIndent(p.storyJSON(s, rels, labels, joins), "", "  ")
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		p.serveRendered(w, r, "application/json; charset=utf-8", append(body, '\n'))
		return
	}
	sp := p.storyPage(s, rels, labels, joins)
	if sp.Forms = p.storyFormsFor(sp.ID); sp.Forms != nil {
		storyFormsHeaders(w.Header())
	}
	pg := p.basePage(snap, xmlchar.Clean(p.opts.Title+": "+sp.Title))
	pg.Story = &sp
	p.servePage(w, r, "story", pg)
}

// story returns story id, nil when there is none: read from the store
// when it reads single stories, else found among the snapshot's feeds.
func (p *Publisher) story(ctx context.Context, snap *snapshot, id string) (*article.Story, error) {
	if id == "" || len(id) > maxStoryIDLen {
		return nil, nil
	}
	if sr, ok := p.stories.(StoryReader); ok {
		s, err := sr.Story(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil
		}
		return s, err
	}
	for _, info := range p.feeds {
		if fs := snap.feed(info.Slug); fs != nil {
			for _, s := range fs.stories {
				if s.Identifier() == id {
					return s, nil
				}
			}
		}
	}
	return nil, nil
}

// serveJoinedStory answers for story id, which has no stored article:
// when a reader joined it into another, a redirect to that story's page
// (or data) — found, not moved for good: undoing the join brings it back;
// else not found.
func (p *Publisher) serveJoinedStory(w http.ResponseWriter, r *http.Request, id string, asJSON bool) {
	into, err := p.joinedInto(r.Context(), id)
	if err != nil {
		p.logger.Error("publish: read joins", "story", id, "err", err)
		http.Error(w, "cannot read the stories' joins", http.StatusInternalServerError)
		return
	}
	if into == "" {
		http.NotFound(w, r)
		return
	}
	to := p.storyPageURL(into)
	if asJSON {
		to += storyJSONSuffix
	}
	http.Redirect(w, r, to, http.StatusFound)
}

// storyJoins returns the readers' joins that name story id (JoinReader);
// none when the stories are not read from a store that keeps them.
func (p *Publisher) storyJoins(ctx context.Context, id string) ([]article.Join, error) {
	jr, ok := p.stories.(JoinReader)
	if !ok {
		return nil, nil
	}
	return jr.StoryJoins(ctx, id)
}

// joinedInto returns the story a reader joined story id into; "" when
// none did.
func (p *Publisher) joinedInto(ctx context.Context, id string) (string, error) {
	joins, err := p.storyJoins(ctx, id)
	if err != nil {
		return "", err
	}
	if i := slices.IndexFunc(joins, func(j article.Join) bool { return j.Story == id }); i >= 0 {
		return joins[i].Into, nil
	}
	return "", nil
}

// storyLabels returns the readers' labels on story id; none when the
// stories are not read from a store that keeps labels.
func (p *Publisher) storyLabels(ctx context.Context, id string) (article.LabelSet, error) {
	lr, ok := p.stories.(LabelReader)
	if !ok {
		return nil, nil
	}
	ls, err := lr.StoryLabels(ctx, id)
	if err != nil {
		return nil, err
	}
	return article.NewLabelSet(ls), nil
}

// storyPage describes s, with its related stories rels, its readers'
// labels and the stories joined into it, for its page.
func (p *Publisher) storyPage(s *article.Story, rels []related, labels article.LabelSet, joins []article.Join) storyPage {
	arts := s.Articles()
	// arts[0] is the lead, or the first copy of a story whose lead was
	// pruned.
	sp := storyPage{ID: s.Identifier(), Title: articleTitle(arts[0]), Reports: len(arts), Lang: validLang(arts[0].Language),
		JSON: p.storyPageURL(s.Identifier()) + storyJSONSuffix}
	titles := make(map[string]string, len(arts))
	for _, a := range arts {
		titles[a.ID] = articleTitle(a)
	}
	// Counted as an outlets: filter counts them.
	sp.Outlets = filter.Outlets(s)
	// p.feeds holds "all" first, which Carriers adds itself.
	for _, c := range Carriers(p.feeds[1:], s, labels) {
		page := p.opts.BaseURL + "/topics/" + c.Slug
		sp.Feeds = append(sp.Feeds, storyPageFeed{Title: xmlchar.Clean(c.Title), Page: page, Why: xmlchar.Clean(c.Why)})
	}
	first := arts[0].FirstSeen
	for _, a := range arts {
		pa := storyPageArticle{
			Title:     titles[a.ID],
			URL:       articleURL(a),
			Source:    outletName(a),
			Lang:      validLang(a.Language),
			Published: a.Published,
			FirstSeen: a.FirstSeen,
			Joined:    joinedText(a, s, titles),
		}
		if d := a.FirstSeen.Sub(first).Round(time.Minute); d > 0 && !first.IsZero() {
			pa.After = d
		}
		for _, t := range a.Topics {
			pa.Topics = append(pa.Topics, p.topicLink(t.Slug))
		}
		sp.Articles = append(sp.Articles, pa)
	}
	for _, l := range labels.Of(sp.ID) {
		sp.Labels = append(sp.Labels, storyPageLabel{Topic: p.topicLink(l.Topic), Of: l.Of, Note: xmlchar.Clean(l.Note), At: l.At})
	}
	for _, j := range joins {
		pj := storyPageJoin{Story: j.Story, Note: xmlchar.Clean(j.Note), At: j.At, Undo: p.storyPageURL(j.Story) + "/joins"}
		for _, l := range j.Labels {
			pj.Labels = append(pj.Labels, storyPageLabel{Topic: p.topicLink(l.Topic), Of: l.Of, Note: xmlchar.Clean(l.Note), At: l.At})
		}
		sp.Joins = append(sp.Joins, pj)
	}
	for _, r := range rels {
		why := "kept apart: " + r.Apart
		if r.Apart == "" {
			why = "it would join that story now: it came before the reports that bring it over the bar, or the settings changed since"
		}
		sp.Related = append(sp.Related, storyPageRelated{
			ID:      r.StoryID,
			Title:   articleTitle(r.story.Articles()[0]),
			Page:    p.storyPageURL(r.StoryID),
			Source:  outletName(r.story.Articles()[0]),
			Reports: len(r.story.Articles()),
			From:    titles[r.From],
			Shared:  xmlchar.Clean(strings.Join(r.Shared, ", ")),
			Why:     xmlchar.Clean(why),
			Gap:     time.Duration(r.Hours * float64(time.Hour)).Round(time.Minute),
		})
	}
	return sp
}

// joinedText says how article a joined story s, as the story index
// recorded it (the method's name as `warta explain` prints it); "" for
// the article that started the story.
func joinedText(a *article.Article, s *article.Story, titles map[string]string) string {
	m := a.StoryMatch
	switch {
	case a.ID == s.ID:
		return ""
	case m.Method == "":
		return "joined the story (how was not recorded)"
	case m.Method == article.MethodJoin:
		text := "joined by a reader, with its story"
		if title, ok := titles[m.MatchedID]; ok {
			text += fmt.Sprintf(" “%s”", title)
		}
		return text
	}
	text := fmt.Sprintf("joined by %s, similarity %.2f", m.Method, m.Similarity)
	if title, ok := titles[m.MatchedID]; ok {
		text += fmt.Sprintf(", with “%s”", title)
	}
	return text
}

// related is a related story as a story's page and its data list it.
type related struct {
	RelatedStory
	story *article.Story // the other story, as stored
}

// relatedStories are the stories related to s (Options.Related) as its
// page lists them: each other story once, at its nearest article, the
// nearest first, at most MaxRelatedStories of those stored still.
func (p *Publisher) relatedStories(ctx context.Context, snap *snapshot, s *article.Story) []related {
	if p.opts.Related == nil {
		return nil
	}
	arts := s.Articles()
	if len(arts) > MaxRelatedFrom {
		arts = arts[:MaxRelatedFrom]
	}
	own := s.Identifier()
	nearest := map[string]RelatedStory{}
	for _, r := range p.opts.Related.RelatedStories(ctx, arts) {
		if r.StoryID == "" || r.StoryID == own {
			continue
		}
		if b, ok := nearest[r.StoryID]; !ok || r.Share > b.Share {
			nearest[r.StoryID] = r
		}
	}
	rels := slices.SortedFunc(maps.Values(nearest), func(a, b RelatedStory) int {
		return cmp.Or(cmp.Compare(b.Share, a.Share), strings.Compare(a.StoryID, b.StoryID))
	})
	var out []related
	listed := map[string]bool{own: true}
	for _, r := range rels {
		if len(out) == MaxRelatedStories {
			break
		}
		other, err := p.relatedStory(ctx, snap, &r)
		if err != nil {
			p.logger.Warn("publish: read a related story", "story", r.StoryID, "err", err)
			continue
		}
		if other == nil || listed[r.StoryID] {
			continue
		}
		listed[r.StoryID] = true
		out = append(out, related{RelatedStory: r, story: other})
	}
	return out
}

// relatedStory reads the story r names, nil when it has no article: pruned
// since the index last expired. A story a reader joined into another since
// the index was built is that other story (r.StoryID names it then), as
// the daemon's next cycle will know.
func (p *Publisher) relatedStory(ctx context.Context, snap *snapshot, r *RelatedStory) (*article.Story, error) {
	other, err := p.story(ctx, snap, r.StoryID)
	if err != nil || (other != nil && len(other.Articles()) > 0) {
		return other, err
	}
	into, err := p.joinedInto(ctx, r.StoryID)
	if err != nil || into == "" {
		return nil, err
	}
	r.StoryID = into
	other, err = p.story(ctx, snap, into)
	if err != nil || other == nil || len(other.Articles()) == 0 {
		return nil, err
	}
	return other, nil
}

// topicLink names topic slug by its feed's title, linked to its page; by
// its slug alone when no feed has it.
func (p *Publisher) topicLink(slug string) pageLink {
	if title, ok := p.labels[slug]; ok {
		return pageLink{Rel: xmlchar.Clean(title), Href: p.opts.BaseURL + "/topics/" + slug}
	}
	return pageLink{Rel: slug}
}
