package publish

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/warta-news/warta/article"
)

// fakeLister is an in-memory StoryLister: stories are listed in the order
// held, filtered by topic, as a store would after sorting.
type fakeLister struct {
	mu      sync.Mutex
	stories []*article.Story
	calls   int
	counts  int // CountStories calls
	err     error
	labels  []article.Label
	joins   []article.Join
}

// StoryJoins implements JoinReader.
func (l *fakeLister) StoryJoins(ctx context.Context, story string) ([]article.Join, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.DeleteFunc(slices.Clone(l.joins), func(j article.Join) bool { return j.Story != story && j.Into != story }), ctx.Err()
}

// StoryLabels implements LabelReader.
func (l *fakeLister) StoryLabels(ctx context.Context, story string) ([]article.Label, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.DeleteFunc(slices.Clone(l.labels), func(lb article.Label) bool { return lb.Story != story }), ctx.Err()
}

func (l *fakeLister) Stories(ctx context.Context, topic string, limit int) ([]*article.Story, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls++
	if l.err != nil {
		return nil, l.err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []*article.Story
	for _, s := range l.stories {
		if len(out) == limit {
			break
		}
		if topic == "" || hasTopic(s, topic) {
			out = append(out, s)
		}
	}
	return out, nil
}

func (l *fakeLister) set(stories []*article.Story) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stories = stories
}

func hasTopic(s *article.Story, slug string) bool {
	for _, t := range s.TopicSlugs() {
		if t == slug {
			return true
		}
	}
	return false
}

// testBase is the base URL the tests publish under.
const testBase = "http://warta.test:8080"

// testFeeds are the configured topics of the tests.
func testFeeds() []FeedInfo {
	return []FeedInfo{
		{Slug: "international-relations", Title: "International relations", Description: "Diplomacy, treaties & sanctions"},
		{Slug: "economy", Title: "Ekonomi", Description: "Pasar, rupiah, dan anggaran"},
		{Slug: "sport", Title: "Sport"}, // empty description, no stories
	}
}

// t0 is the tests' reference time.
var t0 = time.Date(2026, 11, 20, 8, 30, 0, 0, time.UTC)

// tRefresh is when the tests' publishers refresh unless told otherwise.
var tRefresh = t0.Add(3 * time.Hour)

// clock is a settable clock for Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(t time.Time) *clock { return &clock{t: t} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// art builds an article with the fields the publisher reads.
func art(id, source, title string, at time.Time, topics ...string) *article.Article {
	a := &article.Article{
		ID:        id,
		URL:       "https://" + source + ".example/news/" + id,
		Link:      "https://" + source + ".example/news/" + id + "?utm_source=rss",
		Source:    source,
		Title:     title,
		Summary:   "<p>Summary of " + title + "</p>",
		Text:      "Summary of " + title,
		Published: at,
		Updated:   at,
		FirstSeen: at.Add(time.Minute),
		StoryID:   id,
	}
	for _, t := range topics {
		a.Topics = append(a.Topics, article.TopicMatch{Slug: t, Score: 1})
	}
	return a
}

// testStories covers what real data brings: several topics, copies from
// other outlets, missing authors, control characters, Indonesian text, a
// language per entry and a topic the configuration no longer has.
func testStories() []*article.Story {
	// Indonesian lead with two copies, one of which adds a topic.
	lead1 := art("s1", "tempo", "Indonesia dan Malaysia menyepakati kerja sama perbatasan", t0, "international-relations")
	lead1.Language = "id"
	lead1.Author = "Budi Santoso"
	lead1.Content = "<p>Menteri Luar Negeri menandatangani perjanjian — “langkah penting” bagi kedua negara.</p>"
	c1a := art("c1a", "kompas", "RI-Malaysia sepakati kerja sama perbatasan", t0.Add(time.Hour), "international-relations", "economy")
	c1a.StoryID = "s1"
	c1a.StoryMatch = article.StoryMatch{MatchedID: "s1", Similarity: 0.93, Method: "minhash-lead"}
	c1b := art("c1b", "detik", "Kerja sama perbatasan RI-Malaysia disepakati", t0.Add(2*time.Hour))
	c1b.StoryID = "s1"
	c1b.StoryMatch = article.StoryMatch{MatchedID: "c1a", Similarity: 0.71, Method: "event"}
	s1 := &article.Story{ID: "s1", Lead: lead1, Copies: []*article.Article{c1a, c1b}}

	// English lead without an author; control characters in text.
	lead2 := art("s2", "bbc", "Rupiah\x00 falls\x1b against the dollar", t0.Add(-time.Hour), "economy")
	lead2.Language = "en"
	lead2.Summary = "<p>The rupiah\x07 fell to a record low.</p>"
	s2 := &article.Story{ID: "s2", Lead: lead2}

	// No language, no summary, a topic not configured any more.
	lead3 := art("s3", "antara", "Sanksi baru untuk Rusia", t0.Add(-2*time.Hour), "international-relations", "legacy-topic")
	lead3.Summary = ""
	lead3.Text = ""
	lead3.Published = time.Time{}
	s3 := &article.Story{ID: "s3", Lead: lead3}
	return []*article.Story{s1, s2, s3}
}

// manyStories builds n stories spread over the given topics.
func manyStories(n int, topics []string) []*article.Story {
	out := make([]*article.Story, 0, n)
	for i := range n {
		id := fmt.Sprintf("story%04d", i)
		lead := art(id, "outlet", fmt.Sprintf("Berita nomor %d tentang kerja sama ekonomi", i), t0.Add(-time.Duration(i)*time.Minute),
			topics[i%len(topics)], topics[(i+1)%len(topics)])
		lead.Language = "id"
		lead.Content = "<p>" + lead.Title + " — isi lengkap berita dengan beberapa kalimat yang cukup panjang untuk menyerupai artikel nyata.</p>"
		s := &article.Story{ID: id, Lead: lead}
		if i%3 == 0 {
			c := art(id+"c", "other", lead.Title+" (salinan)", lead.Published.Add(time.Hour), topics[i%len(topics)])
			s.Copies = append(s.Copies, c)
		}
		out = append(out, s)
	}
	return out
}

// CountStories implements StoryCounter: every held story of the topic,
// however many a feed shows.
func (l *fakeLister) CountStories(ctx context.Context, topic string) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.counts++
	n := 0
	for _, s := range l.stories {
		if topic == "" || hasTopic(s, topic) {
			n++
		}
	}
	return n, nil
}

// ArticlesPerHour implements ArticleCounter over the held stories'
// articles, one count per article and hour.
func (l *fakeLister) ArticlesPerHour(ctx context.Context, t time.Time, fn func(hour time.Time, source, topic string, n int) error) error {
	l.mu.Lock()
	var arts []*article.Article
	for _, s := range l.stories {
		for _, a := range s.Articles() {
			if a != nil && !a.FirstSeen.Before(t) {
				arts = append(arts, a)
			}
		}
	}
	l.mu.Unlock()
	for _, a := range arts {
		hour := a.FirstSeen.UTC().Truncate(time.Hour)
		if err := fn(hour, a.Source, "", 1); err != nil {
			return err
		}
		for _, tm := range a.Topics {
			if err := fn(hour, "", tm.Slug, 1); err != nil {
				return err
			}
		}
	}
	return nil
}

// fakeStatus is a StatusReader with fixed statuses.
type fakeStatus []SourceStatus

func (f fakeStatus) SourceStatuses(ctx context.Context, now time.Time) ([]SourceStatus, error) {
	return slices.Clone(f), nil
}

// testSources are the configured sources of testStories: ?source= and
// "source:" know configured names only.
func testSources() []SourceInfo {
	return []SourceInfo{{Name: "tempo"}, {Name: "kompas"}, {Name: "detik"}, {Name: "bbc"}, {Name: "antara"}}
}
